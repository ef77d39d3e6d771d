import { describe, expect, it } from "vitest";
import { RULE_SEEDS, rulesFromRows } from "~/modules/reference/procurement-rules";
import {
  checkScoreEntries,
  declarationSchema,
  formatHundredths,
  isRoundComplete,
  memberStage,
  missingCells,
  panelAfterReplacement,
  parseScore,
  scoreFormSchema,
} from "./panel";

const GP = rulesFromRows(RULE_SEEDS.filter((r) => r.regime === "GP"));

describe("a typed score", () => {
  it.each([
    ["0", 40, 0],
    ["40", 40, 4000],
    ["12.5", 40, 1250],
    ["12.05", 40, 1205],
    [" 7.25 ", 30, 725],
    ["030", 40, 3000],
  ])("reads %j out of %i as %i hundredths", (text, points, hundredths) => {
    expect(parseScore(text, points)).toEqual({ ok: true, hundredths });
  });

  it.each([
    ["", 40, "evaluation.errors.scoreRequired"],
    ["40.01", 40, 'evaluation.errors.scoreRange|{"max":40}'],
    ["41", 40, 'evaluation.errors.scoreRange|{"max":40}'],
    ["-1", 40, 'evaluation.errors.scoreFormat|{"max":40}'],
    ["1.234", 40, 'evaluation.errors.scoreFormat|{"max":40}'],
    ["1e1", 40, 'evaluation.errors.scoreFormat|{"max":40}'],
    ["１２", 40, 'evaluation.errors.scoreFormat|{"max":40}'],
    ["12.", 40, 'evaluation.errors.scoreFormat|{"max":40}'],
  ])("refuses %j out of %i", (text, points, message) => {
    expect(parseScore(text, points)).toEqual({ ok: false, message });
  });

  it("writes hundredths back as a member would type them", () => {
    expect([0, 4000, 1250, 1205, 725, 1].map(formatHundredths)).toEqual(["0", "40", "12.5", "12.05", "7.25", "0.01"]);
    for (let h = 0; h <= 4000; h += 37) expect(parseScore(formatHundredths(h), 40)).toEqual({ ok: true, hundredths: h });
  });
});

describe("score entries of one save", () => {
  const criteria = [
    { id: "plan", points: 40 },
    { id: "staff", points: 30 },
  ];
  const bids = ["b1", "b2"];

  it("keeps filled rows and skips blank ones", () => {
    expect(
      checkScoreEntries(
        [
          { bidId: "b1", criterionId: "plan", score: "35", comment: " 方案完整 " },
          { bidId: "b1", criterionId: "staff", score: "", comment: "" },
          { bidId: "b2", criterionId: "staff" },
        ],
        criteria,
        bids,
      ),
    ).toEqual({ ok: true, scores: [{ bidId: "b1", criterionId: "plan", hundredths: 3500, comment: "方案完整" }] });
  });

  it("puts each problem next to its field", () => {
    expect(
      checkScoreEntries(
        [
          { bidId: "b1", criterionId: "plan", score: "35", comment: "  " },
          { bidId: "b1", criterionId: "staff", score: "31", comment: "师资一般" },
          { bidId: "b2", criterionId: "plan", score: "", comment: "只有评语" },
          { bidId: "b2", criterionId: "staff", score: "10", comment: "x".repeat(2001) },
        ],
        criteria,
        bids,
      ),
    ).toEqual({
      ok: false,
      formErrors: [],
      fieldErrors: {
        "entries[0].comment": ["evaluation.errors.commentRequired"],
        "entries[1].score": ['evaluation.errors.scoreRange|{"max":30}'],
        "entries[2].score": ["evaluation.errors.scoreRequired"],
        "entries[3].comment": ['common.form.tooLong|{"max":2000}'],
      },
    });
  });

  it("refuses a bid that is not scored this round, an unknown criterion, and a cell given twice", () => {
    expect(checkScoreEntries([{ bidId: "rejected", criterionId: "plan", score: "1", comment: "c" }], criteria, bids)).toMatchObject({
      ok: false,
      formErrors: ["evaluation.errors.bidNotScorable"],
    });
    expect(checkScoreEntries([{ bidId: "b1", criterionId: "price", score: "1", comment: "c" }], criteria, bids)).toMatchObject({ ok: false });
    expect(
      checkScoreEntries(
        [
          { bidId: "b1", criterionId: "plan", score: "1", comment: "c" },
          { bidId: "b1", criterionId: "plan", score: "2", comment: "d" },
        ],
        criteria,
        bids,
      ),
    ).toMatchObject({ ok: false, formErrors: ["common.form.invalid"] });
  });

  it("lists the cells still to score", () => {
    expect(missingCells(["b1", "b2"], ["plan", "staff"], [{ bidId: "b1", criterionId: "staff" }, { bidId: "b2", criterionId: "plan" }])).toEqual([
      { bidId: "b1", criterionId: "plan" },
      { bidId: "b2", criterionId: "staff" },
    ]);
    expect(missingCells([], ["plan"], [])).toEqual([]);
  });
});

describe("the scoring form", () => {
  const schema = scoreFormSchema([{ id: "plan", points: 40 }], ["b1"]);
  it("carries the use case's field errors to the field", () => {
    const r = schema.safeParse({ intent: "save", round: "1", entries: [{ bidId: "b1", criterionId: "plan", score: "50", comment: "好" }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["entries.0.score", 'evaluation.errors.scoreRange|{"max":40}']]);
  });
  it("needs a note with a declared conflict", () => {
    expect(declarationSchema.safeParse({ intent: "declare", round: "1", decision: "conflict" }).success).toBe(false);
    expect(declarationSchema.safeParse({ intent: "declare", round: "1", decision: "noConflict" }).success).toBe(true);
    expect(declarationSchema.safeParse({ intent: "declare", round: "1" }).error?.issues[0]?.message).toBe("evaluation.errors.decisionRequired");
  });
});

describe("panel composition (87号令 art. 47: ≥ 5, odd, experts ≥ 2/3)", () => {
  const m = (userId: string, kind: "expert" | "representative" = "expert") => ({ userId, kind });
  const five = [m("a"), m("b"), m("c"), m("d"), m("e", "representative")];

  it("completes a round only when every active member submitted and the panel is lawful", () => {
    const all = new Set(five.map((x) => x.userId));
    expect(isRoundComplete(five, all, GP)).toBe(true);
    expect(isRoundComplete(five, new Set(["a", "b", "c", "d"]), GP)).toBe(false);
    expect(isRoundComplete(five.slice(0, 4), all, GP)).toBe(false);
    expect(isRoundComplete([m("a"), m("b"), m("c", "representative"), m("d", "representative"), m("e", "representative")], all, GP)).toBe(false);
    expect(isRoundComplete([], new Set(), GP)).toBe(false);
  });

  it("judges a replacement with the other unreplaced conflicts still counted", () => {
    const seats = [
      { userId: "a", kind: "expert" as const, status: "conflicted" as const, replaced: false },
      { userId: "b", kind: "expert" as const, status: "conflicted" as const, replaced: false },
      { userId: "c", kind: "expert" as const, status: "active" as const, replaced: false },
      { userId: "d", kind: "expert" as const, status: "active" as const, replaced: false },
      { userId: "e", kind: "representative" as const, status: "active" as const, replaced: false },
      { userId: "x", kind: "expert" as const, status: "conflicted" as const, replaced: true },
    ];
    expect(panelAfterReplacement(seats, "a", m("n")).map((s) => s.userId)).toEqual(["b", "c", "d", "e", "n"]);
  });
});

describe("a member's stage", () => {
  const base = { status: "active" as const, declared: false, submitted: false, reportExists: false, evaluating: true };
  it.each([
    [{}, "toDeclare"],
    [{ declared: true }, "toScore"],
    [{ declared: true, submitted: true }, "submitted"],
    [{ declared: true, submitted: true, reportExists: true }, "complete"],
    [{ status: "conflicted" as const, declared: true }, "conflicted"],
    [{ evaluating: false }, "closed"],
  ])("%j → %s", (over, stage) => {
    expect(memberStage({ ...base, ...over })).toBe(stage);
  });
});
