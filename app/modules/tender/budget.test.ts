import { describe, expect, it } from "vitest";
import { commitsBudget, remainingBudgetFen, tenderBudgetFen } from "./budget";

describe("tenderBudgetFen: Σ headcount × cap over the lots", () => {
  it.each([
    ["no lots", [], 0],
    ["one lot of 20 at ¥1,800", [{ headcount: 20, capFen: 180_000, status: "open" as const }], 3_600_000],
    [
      "two lots; the price the officer set does not matter, the cap does",
      [
        { headcount: 20, capFen: 180_000, status: "open" as const },
        { headcount: 7, capFen: 280_000, status: "open" as const },
      ],
      5_560_000,
    ],
    [
      "a cancelled lot counts for nothing",
      [
        { headcount: 20, capFen: 180_000, status: "open" as const },
        { headcount: 30, capFen: 180_000, status: "cancelled" as const },
      ],
      3_600_000,
    ],
  ])("%s", (_n, lots, expected) => {
    expect(tenderBudgetFen(lots)).toBe(expected);
  });
});

describe("remainingBudgetFen", () => {
  it("subtracts what the year's published tenders commit", () => {
    expect(remainingBudgetFen(150_000_000, [3_600_000, 5_560_000])).toBe(140_840_000);
    expect(remainingBudgetFen(150_000_000, [])).toBe(150_000_000);
    expect(remainingBudgetFen(1_000, [3_000])).toBe(-2_000);
  });

  it.each([
    ["draft", false],
    ["published", true],
    ["opened", true],
    ["awarded", true],
    ["complete", true],
    ["cancelled", false],
  ] as const)("a %s tender commits budget: %s", (status, expected) => {
    expect(commitsBudget(status)).toBe(expected);
  });
});
