import { describe, expect, it } from "vitest";
import { funnel } from "./funnel";
import { outcomeRates, reportSummary, type SummaryInput, type YearProcurement } from "./report";

const procurement: YearProcurement = {
  tenders: { published: 4, cancelled: 1 },
  lots: { total: 9, unsuccessful: 1, cancelled: 1 },
  awards: { count: 6, valueFen: 9_000_000 },
  objections: { lodged: 2, upheld: 1, dismissed: 1, pending: 0 },
  contracts: { signed: 5, valueFen: 8_000_000, trainees: 300, awaitingSignature: 1, completed: 2, terminated: 0, lapsed: 0 },
};

function input(over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    trained: { actual: 320, projected: 470, target: 500, status: "atRisk" },
    highSkilled: { actual: 60, projected: 110, target: 100, status: "onTrack" },
    share: { enterprises: 4, sharePct: 22.5, enterprisesMeeting: 1, target: 25, status: "atRisk" },
    // demanded 600 → pooled 560 → tendered 520 → contracted 500 → enrolled 480 → completed 320 → certified 300.
    funnel: funnel({ demanded: 600, pooled: 560, tendered: 520, contracted: 500, enrolled: 480, completed: 320, certified: 300 }),
    budget: { allocatedFen: 100_000_000, committedFen: 80_000_000, paidFen: 30_000_000 },
    procurement,
    ...over,
  };
}

describe("the yearly report's summary", () => {
  it("says trained against the target with what is missing, the high-skilled, the share, the funnel's worst loss, the budget and the procurement", () => {
    expect(reportSummary(input())).toEqual([
      // Projected 470 against 500: 30 short.
      { key: "report.summary.trained.atRisk", counts: { actual: 320, projected: 470, target: 500, gap: 30 } },
      { key: "report.summary.highSkilled.onTrack", counts: { actual: 60, projected: 110, target: 100, gap: 0 } },
      { key: "report.summary.shareBelow", counts: { enterprises: 4, meeting: 1, target: 25 }, percents: { share: 22.5 } },
      // Completion loses 160 (480 → 320), more than any other stage.
      { key: "report.summary.funnel", stage: "completed", counts: { lost: 160, from: 480, to: 320 } },
      // Paid ¥300,000 of ¥1,000,000: 30 %.
      { key: "report.summary.budget", amounts: { allocated: 100_000_000, committed: 80_000_000, paid: 30_000_000 }, percents: { paidPct: 30 } },
      { key: "report.summary.procurement", counts: { tenders: 4, lots: 9, awards: 6, objections: 2, upheld: 1, contracts: 5 } },
    ]);
  });

  it("measures a missed year's gap from the figure, not the projection", () => {
    const [trained] = reportSummary(input({ trained: { actual: 420, projected: 420, target: 500, status: "missed" } }));
    expect(trained).toEqual({ key: "report.summary.trained.missed", counts: { actual: 420, projected: 420, target: 500, gap: 80 } });
  });

  it("says so when no enterprise reported, the funnel loses nobody, or no budget was set", () => {
    const lines = reportSummary(
      input({
        share: { enterprises: 0, sharePct: null, enterprisesMeeting: 0, target: 25, status: "noData" },
        funnel: funnel({ demanded: 0, pooled: 0, tendered: 0, contracted: 0, enrolled: 0, completed: 0, certified: 0 }),
        budget: { allocatedFen: null, committedFen: 5_000, paidFen: 0 },
      }),
    );
    expect(lines.map((l) => l.key)).toEqual([
      "report.summary.trained.atRisk",
      "report.summary.highSkilled.onTrack",
      "report.summary.shareNone",
      "report.summary.funnelNone",
      "report.summary.budgetNotSet",
      "report.summary.procurement",
    ]);
    expect(lines[4]).toEqual({ key: "report.summary.budgetNotSet", amounts: { committed: 5_000, paid: 0 } });
  });

  it("counts a share exactly at the target as met", () => {
    const share = reportSummary(input({ share: { enterprises: 2, sharePct: 25, enterprisesMeeting: 2, target: 25, status: "onTrack" } }))[2];
    expect(share?.key).toBe("report.summary.shareMet");
  });
});

describe("completion and certification rates", () => {
  it("divides the trained by all outcomes, and the certified by the trained", () => {
    // 7 trained, 2 not completed: 7 / 9 = 77.8 %; 6 certified of 7: 85.7 %.
    const r = outcomeRates({ trained: 7, certified: 6, notCompleted: 2 });
    expect(r.completionPct).toBeCloseTo(77.78, 2);
    expect(r.certificationPct).toBeCloseTo(85.71, 2);
    expect(outcomeRates({ trained: 0, certified: 0, notCompleted: 3 })).toEqual({ trained: 0, certified: 0, notCompleted: 3, completionPct: 0, certificationPct: null });
    expect(outcomeRates({ trained: 0, certified: 0, notCompleted: 0 })).toMatchObject({ completionPct: null, certificationPct: null });
  });
});
