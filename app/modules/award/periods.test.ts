import { describe, expect, it } from "vitest";
import { groundsProblem, hasObjectionWindowClosed, isLate, isObjectionWindowOpen, latestPublication, periodEnd, resultWindows } from "./periods";

/** A calendar with the 2026 National Day week off and one make-up Saturday (illustrative). */
const calendar = {
  holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
  makeupWorkdays: ["2026-10-10"],
};
/** Wednesday 30 September 2026, 15:00 in Shanghai. */
const at = new Date("2026-09-30T07:00:00.000Z");

describe("award periods", () => {
  it.each([
    [{ value: 1, unit: "WD" as const }, "2026-10-08T15:59:59.999Z"],
    [{ value: 3, unit: "WD" as const }, "2026-10-10T15:59:59.999Z"],
    [{ value: 3, unit: "D" as const }, "2026-10-03T15:59:59.999Z"],
    [{ value: 0, unit: "D" as const }, "2026-09-30T15:59:59.999Z"],
  ])("%o after Wednesday 30 September ends at %s", (rule, end) => {
    expect(periodEnd(at, rule, calendar).toISOString()).toBe(end);
  });

  it("refuses a rule that is not a period", () => {
    expect(() => periodEnd(at, { value: 3, unit: "count" }, calendar)).toThrow(RangeError);
  });

  it("runs the objection window after the publicity period", () => {
    const w = resultWindows(at, { publicity_period: { value: 1, unit: "WD" }, objection_window: { value: 2, unit: "WD" } }, calendar);
    // Publicity ends Thursday 8 October; 2 WD more: Friday 9, Saturday 10 (make-up day).
    expect([w.publicityEndsAt.toISOString(), w.objectionDeadline.toISOString()]).toEqual(["2026-10-08T15:59:59.999Z", "2026-10-10T15:59:59.999Z"]);
    expect(latestPublication(at, { result_publication_max: { value: 2, unit: "WD" } }, calendar).toISOString()).toBe("2026-10-09T15:59:59.999Z");
  });

  it("keeps the window open up to the deadline's instant and not a millisecond after", () => {
    const deadline = "2026-10-10T15:59:59.999Z";
    expect(isObjectionWindowOpen(new Date("2026-10-10T15:59:59.998Z"), deadline)).toBe(true);
    expect(isObjectionWindowOpen(new Date(deadline), deadline)).toBe(true);
    expect(isObjectionWindowOpen(new Date("2026-10-10T16:00:00.000Z"), deadline)).toBe(false);
    expect(hasObjectionWindowClosed(new Date("2026-10-10T16:00:00.000Z"), deadline)).toBe(true);
    expect(isLate("2026-10-10T16:00:00.000Z", deadline)).toBe(true);
    expect(isLate(deadline, deadline)).toBe(false);
  });

  it.each([
    ["", "common.form.required"],
    ["    ", "common.form.required"],
    ["  九个字符的理由。  ", 'award.objections.errors.groundsShort|{"min":10}'],
    ["十个字符的质疑理由。", null],
    ["理".repeat(4000), null],
    ["理".repeat(4001), 'common.form.tooLong|{"max":4000}'],
  ])("grounds %j → %s", (text, problem) => {
    expect(groundsProblem(text)).toBe(problem);
  });
});
