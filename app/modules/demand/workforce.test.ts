import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { editableYears, highSkilledSharePct, workforceFormSchema } from "./workforce";

describe("highSkilledSharePct", () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [100, 25, 25],
    [3, 1, 33.3],
    [3, 2, 66.7],
    [8, 1, 12.5],
    [16, 1, 6.3],
    [7, 0, 0],
    [7, 7, 100],
    [1_000_000, 250_001, 25],
  ])("%d skilled, %d high-skilled → %s %%", (skilled, high, share) => {
    expect(highSkilledSharePct(skilled, high)).toBe(share);
  });
});

describe("workforce form", () => {
  const parse = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return parseWithZod(form, { schema: workforceFormSchema });
  };

  it("reads whole numbers", () => {
    const s = parse({ year: "2026", skilledWorkers: "120", highSkilledWorkers: "31" });
    expect(s.status === "success" && s.value).toEqual({ year: 2026, skilledWorkers: 120, highSkilledWorkers: 31 });
  });

  it.each([
    ["-1", "demand.workforce.negative"],
    ["2.5", "demand.workforce.whole"],
    ["abc", "demand.workforce.notNumber"],
    ["", "common.form.required"],
  ])("skilled workers %j → %s", (skilledWorkers, message) => {
    const s = parse({ year: "2026", skilledWorkers, highSkilledWorkers: "0" });
    expect(s.status === "error" && s.reply().error?.skilledWorkers).toEqual([message]);
  });

  it("refuses more high-skilled than skilled workers", () => {
    const s = parse({ year: "2026", skilledWorkers: "10", highSkilledWorkers: "11" });
    expect(s.status === "error" && s.reply().error).toEqual({ highSkilledWorkers: ["demand.workforce.highAboveSkilled"] });
  });

  it("keeps the current and the previous year open", () => {
    expect(editableYears(2026)).toEqual([2026, 2025]);
  });
});
