import { describe, expect, it } from "vitest";
import { attendanceStanding, summaryLine } from "./attendance-summary";

describe("a trainee's standing against the completion share", () => {
  // 40 h planned in all (2400 min), 80 %.
  it.each([
    [0, 0, "notYet"],
    [1200, 1200, "onTrack"],
    [960, 1200, "onTrack"], // exactly 80 % of what was held
    [959, 1200, "below"], // below, but 959 + 1200 remaining ≥ 1920
    [720, 1200, "below"], // 720 + 1200 = 1920, exactly 80 % of 2400
    [719, 1200, "cannotComplete"],
    [0, 2400, "cannotComplete"],
  ] as const)("%i of %i minutes held is %s", (attended, held, standing) => {
    expect(attendanceStanding(attended, held, 2400, 80)).toBe(standing);
  });

  it("carries the running share in per mille", () => {
    expect(summaryLine(900, { recordedMinutes: 1200, totalPlannedMinutes: 2400 }, 80)).toEqual({ attendedMinutes: 900, heldMinutes: 1200, permille: 750, standing: "below" });
  });
});
