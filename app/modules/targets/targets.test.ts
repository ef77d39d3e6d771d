import { describe, expect, it } from "vitest";
import { targetsFor, targetsFormSchema } from "./targets";

describe("a year's targets", () => {
  it("are the policy's when the year has none set: 500 trained, 100 high-skilled, 25 %, no budget", () => {
    expect(targetsFor(2031)).toEqual({ year: 2031, trainedMin: 500, highSkilledMin: 100, highSkilledSharePct: 25, budgetFen: null, isDefault: true, updatedAt: null });
  });

  it("are the stored ones otherwise", () => {
    const row = { trained_min: 600, high_skilled_min: 150, high_skilled_share_pct: 30, budget_fen: "180000000", updated_at: "2026-01-05T02:00:00.000Z" };
    expect(targetsFor(2026, row)).toEqual({ year: 2026, trainedMin: 600, highSkilledMin: 150, highSkilledSharePct: 30, budgetFen: 180_000_000, isDefault: false, updatedAt: row.updated_at });
  });
});

describe("the targets form", () => {
  const parse = (v: Record<string, string>) => targetsFormSchema.safeParse({ year: "2026", trainedMin: "500", highSkilledMin: "100", highSkilledSharePct: "25", budget: "1,500,000", ...v });
  const errors = (v: Record<string, string>) => {
    const r = parse(v);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("takes whole trainees, a whole percentage and the budget in yuan", () => {
    const r = parse({ trainedMin: " 1,200 ", highSkilledMin: "３００", budget: "¥2,000,000.50" });
    expect(r.success && r.data).toEqual({ year: 2026, trainedMin: 1200, highSkilledMin: 300, highSkilledSharePct: 25, budget: 200_000_050 });
  });

  it("refuses what cannot be a target, beside the field", () => {
    expect(errors({ trainedMin: "" })).toEqual({ trainedMin: "common.form.required" });
    expect(errors({ trainedMin: "12.5" })).toEqual({ trainedMin: "progress.targets.errors.whole" });
    expect(errors({ trainedMin: "-3" })).toEqual({ trainedMin: "progress.targets.errors.whole" });
    expect(errors({ highSkilledSharePct: "101" })).toEqual({ highSkilledSharePct: 'progress.targets.errors.tooLarge|{"max":100}' });
    expect(errors({ budget: "abc" })).toEqual({ budget: "reference.money.format" });
    expect(errors({ budget: "-5" })).toEqual({ budget: "reference.money.negative" });
  });

  it("refuses more high-skilled trainees than trainees", () => {
    expect(errors({ trainedMin: "80", highSkilledMin: "100" })).toEqual({ highSkilledMin: "progress.targets.errors.highAboveTrained" });
  });
});
