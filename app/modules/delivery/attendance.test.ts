import { describe, expect, it } from "vitest";
import { attendancePermille, canStillComplete, hoursToMinutes, meetsCompletionShare } from "./attendance";

describe("attendance share", () => {
  it.each([
    [0, 0, 0],
    [0, 600, 0],
    [480, 600, 800],
    [479, 600, 798],
    [600, 600, 1000],
    [700, 600, 1000],
    [1, 3, 333],
  ])("%i of %i minutes is %i per mille", (attended, planned, expected) => {
    expect(attendancePermille(attended, planned)).toBe(expected);
  });

  it("meets 80 % at exactly 80 % and not a minute short", () => {
    expect(meetsCompletionShare(480, 600, 80)).toBe(true);
    expect(meetsCompletionShare(479, 600, 80)).toBe(false);
    // 80 % of 7 h 15 min is 348 minutes exactly.
    expect(meetsCompletionShare(348, 435, 80)).toBe(true);
    expect(meetsCompletionShare(347, 435, 80)).toBe(false);
    expect(meetsCompletionShare(0, 0, 80)).toBe(false);
  });

  it("knows when a trainee can no longer reach the share", () => {
    // 40 h planned, 20 h held, 10 h attended: 10 + 20 remaining = 30 h < 32 h.
    expect(canStillComplete(600, 1200, 2400, 80)).toBe(false);
    // 12 h attended: 12 + 20 = 32 h, exactly 80 %.
    expect(canStillComplete(720, 1200, 2400, 80)).toBe(true);
  });

  it("reads planned hours in quarter hours only", () => {
    expect(hoursToMinutes(3.5)).toBe(210);
    expect(hoursToMinutes(0.25)).toBe(15);
    expect(hoursToMinutes(24)).toBe(1440);
    for (const bad of [0, -1, 0.1, 24.25, Number.NaN, Number.POSITIVE_INFINITY]) expect(hoursToMinutes(bad)).toBeNull();
  });
});
