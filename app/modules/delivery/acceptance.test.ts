import { describe, expect, it } from "vitest";
import { acceptanceRefusal, acceptanceSnapshot, acceptanceSummary, parseAcceptanceSnapshot, publicAcceptance, type AcceptanceInput } from "./acceptance";

/** Four trainees over 40 planned hours (2400 minutes; 80 % is 1920), one dropped, two of three enterprises rated. */
const input: AcceptanceInput = {
  confirmed: [
    { progress: "certified", attendedMinutes: 2400 },
    { progress: "not_certified", attendedMinutes: 1920 },
    { progress: "not_completed", attendedMinutes: 1200 },
    { progress: "in_training", attendedMinutes: 2160 },
  ],
  dropped: 1,
  sessions: 5,
  plannedMinutes: 2400,
  completionPct: 80,
  enterprises: [
    { name: "甲企业", score: 5 },
    { name: "乙企业", score: null },
    { name: "丙企业", score: 2 },
  ],
  milestones: [
    { status: "paid", amountFen: 300_000 },
    { status: "approved", amountFen: 120_000 },
    { status: "requested", amountFen: 50_000 },
    { status: "refused", amountFen: 70_000 },
  ],
};

describe("the acceptance summary", () => {
  it("counts results, attendance, ratings and payments", () => {
    expect(acceptanceSummary(input)).toEqual({
      // With a result: three confirmed + one dropped = 4; completed 2 (certified, not certified); 1 still missing.
      trainees: { confirmed: 4, dropped: 1, withResult: 4, missingResults: 1, completed: 2, certified: 1, notCertified: 1, notCompleted: 2 },
      completionPermille: 500,
      certificationPermille: 250,
      // (2400 + 1920 + 1200 + 2160) / (4 × 2400) = 7680 / 9600 = 800 per mille; only the 1200-minute trainee is below 80 %.
      attendance: { sessions: 5, plannedMinutes: 2400, meanPermille: 800, belowShare: 1, completionPct: 80 },
      ratings: [
        { enterpriseName: "甲企业", score: 5 },
        { enterpriseName: "乙企业", score: null },
        { enterpriseName: "丙企业", score: 2 },
      ],
      // (5 + 2) / 2 = 3.5; a missing rating is not a zero.
      meanRating: 3.5,
      missingRatings: 1,
      payments: { milestones: 4, requestedFen: 50_000, approvedFen: 120_000, paidFen: 300_000 },
    });
  });

  it("has no rates, mean or attendance over nobody", () => {
    const s = acceptanceSummary({ ...input, confirmed: [], dropped: 0, enterprises: [], milestones: [] });
    expect([s.completionPermille, s.certificationPermille, s.meanRating, s.attendance.meanPermille, s.missingRatings]).toEqual([null, null, null, null, 0]);
  });
});

describe("refusing acceptance", () => {
  const done = acceptanceSummary({ ...input, confirmed: input.confirmed.slice(0, 3) });
  it.each([
    ["a missing result", "active", acceptanceSummary(input), { key: "completion.acceptance.errors.resultsMissing", params: { count: 1 } }],
    ["a contract not in force", "pending_signature", done, { key: "completion.acceptance.errors.notActive" }],
    ["a terminated contract", "terminated", done, { key: "completion.acceptance.errors.notActive" }],
    ["an accepted contract", "completed", done, { key: "completion.acceptance.errors.alreadyAccepted" }],
    ["an empty cohort", "active", acceptanceSummary({ ...input, confirmed: [], dropped: 0 }), { key: "completion.acceptance.errors.noTrainees" }],
    ["every result in, one rating missing", "active", done, null],
  ] as const)("%s", (_label, status, summary, expected) => {
    expect(acceptanceRefusal(status, summary)).toEqual(expected);
  });
});

describe("the snapshot", () => {
  it("reads back, and publishes counts and the mean rating only", () => {
    const snap = acceptanceSnapshot(acceptanceSummary(input), "2027-05-10T02:00:00.000Z");
    const back = parseAcceptanceSnapshot(JSON.stringify(snap));
    expect(back).toEqual(snap);
    expect(publicAcceptance(back!)).toEqual({ acceptedAt: "2027-05-10T02:00:00.000Z", trainees: 4, completed: 2, certified: 1, meanRating: 3.5, ratingCount: 2 });
    expect(parseAcceptanceSnapshot(null)).toBeNull();
    expect(parseAcceptanceSnapshot("{}")).toBeNull();
    expect(parseAcceptanceSnapshot("not json")).toBeNull();
  });
});
