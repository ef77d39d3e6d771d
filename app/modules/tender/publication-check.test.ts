import { describe, expect, it } from "vitest";
import { RULE_SEEDS, rulesFromRows, type Rules } from "~/modules/reference/procurement-rules";
import type { WorkingDayCalendar } from "~/modules/reference/working-days";
import { checkPublication, type PublicationCandidate } from "./publication-check";

const GP: Rules = rulesFromRows(RULE_SEEDS.filter((r) => r.regime === "GP"));
const CAL: WorkingDayCalendar = { holidays: ["2027-01-01"], makeupWorkdays: ["2026-12-27"] };
/** Tuesday 1 December 2026, 10:00 in Shanghai. */
const NOW = new Date("2026-12-01T02:00:00Z");

const lot = (number: number, o: Partial<PublicationCandidate["lots"][number]> = {}): PublicationCandidate["lots"][number] => ({
  number,
  status: "open",
  headcount: 20,
  demandCount: 2,
  demandsUnavailable: 0,
  maxPriceFen: 180_000,
  capFen: 180_000,
  ...o,
});

/** A tender that may be published: every rule met, nothing to spare. */
const VALID: PublicationCandidate = {
  // Monday 21 December 2026, 10:00 Shanghai: exactly 20 calendar days after 1 December.
  bidDeadline: new Date("2026-12-21T02:00:00Z"),
  minValidBids: 3,
  pricePoints: 30,
  criteria: [{ points: 40 }, { points: 30 }],
  panel: [{ kind: "expert" }, { kind: "expert" }, { kind: "expert" }, { kind: "expert" }, { kind: "representative" }],
  lots: [lot(1), lot(2)],
  budgetFen: 7_200_000,
  remainingBudgetFen: 7_200_000,
};

const keys = (c: PublicationCandidate, now = NOW) =>
  checkPublication(c, GP, CAL, now).map((p) => `${p.section}:${p.key.replace("tender.problems.", "")}`);

describe("checkPublication: one rule at a time", () => {
  const rows: [string, Partial<PublicationCandidate>, string[]][] = [
    ["a tender meeting every rule", {}, []],
    ["no deadline", { bidDeadline: null }, ["deadline:deadlineMissing"]],
    ["deadline 19 days on (Shanghai date 20 Dec, a Sunday)", { bidDeadline: new Date("2026-12-20T02:00:00Z") }, ["deadline:deadlineTooEarly", "deadline:deadlineNotWorkingDay"]],
    ["deadline 00:00 Shanghai on day 20 (still 20 Dec in UTC)", { bidDeadline: new Date("2026-12-20T16:00:00Z") }, []],
    ["deadline 23:59 Shanghai on day 19", { bidDeadline: new Date("2026-12-20T15:59:00Z") }, ["deadline:deadlineTooEarly", "deadline:deadlineNotWorkingDay"]],
    ["deadline on a Saturday", { bidDeadline: new Date("2026-12-26T02:00:00Z") }, ["deadline:deadlineNotWorkingDay"]],
    ["deadline on a make-up working Sunday", { bidDeadline: new Date("2026-12-27T02:00:00Z") }, []],
    ["deadline on a statutory holiday (a Friday)", { bidDeadline: new Date("2027-01-01T02:00:00Z") }, ["deadline:deadlineNotWorkingDay"]],
    ["deadline in the past", { bidDeadline: new Date("2026-11-30T02:00:00Z") }, ["deadline:deadlinePast", "deadline:deadlineTooEarly"]],
    ["no lots", { lots: [] }, ["lots:noLots"]],
    ["only cancelled lots", { lots: [lot(1, { status: "cancelled", headcount: 0, demandCount: 0 })] }, ["lots:noLots"]],
    ["a cancelled empty lot beside a live one", { lots: [lot(1), lot(2, { status: "cancelled", headcount: 0, demandCount: 0 })] }, []],
    ["a lot with headcount 0", { lots: [lot(1), lot(2, { headcount: 0 })] }, ["lots:lotEmpty"]],
    ["a lot with no demand", { lots: [lot(1, { demandCount: 0 }), lot(2)] }, ["lots:lotEmpty"]],
    ["a lot whose demand was withdrawn", { lots: [lot(1, { demandsUnavailable: 1 }), lot(2)] }, ["lots:lotDemandUnavailable"]],
    ["a lot priced one fen above its cap", { lots: [lot(1), lot(2, { maxPriceFen: 180_001 })] }, ["lots:lotAboveCap"]],
    ["criteria + price = 99", { criteria: [{ points: 40 }, { points: 29 }] }, ["criteria:pointsNot100"]],
    ["criteria + price = 101", { pricePoints: 31 }, ["criteria:pointsNot100"]],
    ["price points 9 (criteria 91)", { pricePoints: 9, criteria: [{ points: 91 }] }, ["criteria:priceWeightTooLow"]],
    ["price points 10, the minimum", { pricePoints: 10, criteria: [{ points: 90 }] }, []],
    ["no technical criterion (price 100)", { pricePoints: 100, criteria: [] }, ["criteria:noTechnicalCriterion"]],
    ["panel of 3", { panel: [{ kind: "expert" }, { kind: "expert" }, { kind: "representative" }] }, ["panel:panelTooSmall"]],
    ["panel of 6, all experts", { panel: Array.from({ length: 6 }, () => ({ kind: "expert" as const })) }, ["panel:panelEven"]],
    ["panel of 7 with 5 experts (5/7 ≥ 2/3)", { panel: [...Array.from({ length: 5 }, () => ({ kind: "expert" as const })), { kind: "representative" }, { kind: "representative" }] }, []],
    ["panel of 5 with 3 experts (3/5 < 2/3)", { panel: [{ kind: "expert" }, { kind: "expert" }, { kind: "expert" }, { kind: "representative" }, { kind: "representative" }] }, ["panel:expertsTooFew"]],
    ["min valid bids 2", { minValidBids: 2 }, ["settings:minValidBidsTooLow"]],
    ["min valid bids 5 (stricter than the rules)", { minValidBids: 5 }, []],
    ["budget one fen over what is left of the year", { remainingBudgetFen: 7_199_999 }, ["budget:budgetExceeded"]],
  ];

  it.each(rows)("%s", (_name, change, expected) => {
    expect(keys({ ...VALID, ...change })).toEqual(expected);
  });
});

describe("checkPublication: every reason, not the first", () => {
  it("lists all of them at once, with their parameters", () => {
    const problems = checkPublication(
      {
        bidDeadline: new Date("2026-12-05T02:00:00Z"), // a Saturday, 4 days on
        minValidBids: 1,
        pricePoints: 5,
        criteria: [],
        panel: [{ kind: "expert" }, { kind: "representative" }, { kind: "representative" }, { kind: "representative" }],
        lots: [lot(1, { headcount: 0, demandCount: 0 }), lot(2, { maxPriceFen: 200_000 })],
        budgetFen: 9_000_000,
        remainingBudgetFen: 1_000_000,
      },
      GP,
      CAL,
      NOW,
    );
    expect(problems).toEqual([
      { section: "settings", key: "tender.problems.minValidBidsTooLow", params: { min: 3, given: 1 } },
      { section: "deadline", key: "tender.problems.deadlineTooEarly", params: { days: 20, earliest: "2026-12-21" } },
      { section: "deadline", key: "tender.problems.deadlineNotWorkingDay", params: { date: "2026-12-05" } },
      { section: "lots", key: "tender.problems.lotEmpty", params: { lot: 1 } },
      { section: "lots", key: "tender.problems.lotAboveCap", params: { lot: 2, price: "¥2,000.00", cap: "¥1,800.00" } },
      { section: "criteria", key: "tender.problems.noTechnicalCriterion", params: {} },
      { section: "criteria", key: "tender.problems.pointsNot100", params: { technical: 0, price: 5, total: 5 } },
      { section: "criteria", key: "tender.problems.priceWeightTooLow", params: { min: 10, given: 5 } },
      { section: "panel", key: "tender.problems.panelTooSmall", params: { min: 5, size: 4 } },
      { section: "panel", key: "tender.problems.panelEven", params: { size: 4 } },
      { section: "panel", key: "tender.problems.expertsTooFew", params: { experts: 1, size: 4, needed: 3, num: 2, den: 3 } },
      { section: "budget", key: "tender.problems.budgetExceeded", params: { budget: "¥90,000.00", remaining: "¥10,000.00" } },
    ]);
  });

  it("reads its thresholds from the rules, not from code", () => {
    const strict: Rules = {
      ...GP,
      publication_to_deadline_min: { value: 30, unit: "D" },
      panel_min_size: { value: 7, unit: "count" },
      panel_odd: { value: 0, unit: "count" },
      price_weight_min: { value: 40, unit: "percent" },
      min_valid_bids: { value: 4, unit: "count" },
    };
    const problems = checkPublication(VALID, strict, CAL, NOW).map((p) => p.key.replace("tender.problems.", ""));
    expect(problems).toEqual(["minValidBidsTooLow", "deadlineTooEarly", "priceWeightTooLow", "panelTooSmall"]);
    const even = { ...VALID, panel: Array.from({ length: 8 }, () => ({ kind: "expert" as const })), pricePoints: 40, criteria: [{ points: 60 }], minValidBids: 4 };
    expect(checkPublication({ ...even, bidDeadline: new Date("2026-12-31T02:00:00Z") }, strict, CAL, NOW)).toEqual([]);
  });

  it("counts the deadline from the original publication when asked (amendments)", () => {
    const publishedAt = new Date("2026-11-20T02:00:00Z");
    const deadline = new Date("2026-12-10T02:00:00Z"); // 20 days after publication, 9 after now
    expect(checkPublication({ ...VALID, bidDeadline: deadline }, GP, CAL, NOW, publishedAt)).toEqual([]);
    expect(keys({ ...VALID, bidDeadline: deadline })).toEqual(["deadline:deadlineTooEarly"]);
  });
});
