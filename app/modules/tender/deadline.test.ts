import { describe, expect, it } from "vitest";
import { formatShanghai, parseShanghaiLocal, shanghaiYear, timeLeft, toShanghaiLocal } from "./deadline";

describe("Asia/Shanghai deadlines", () => {
  it.each([
    ["2026-12-21T10:00", "2026-12-21T02:00:00.000Z"],
    ["2026-12-21T00:30", "2026-12-20T16:30:00.000Z"],
    ["2027-01-01T07:59:30", "2026-12-31T23:59:30.000Z"],
  ])("reads %s as Shanghai time: %s", (local, utc) => {
    expect(parseShanghaiLocal(local)?.toISOString()).toBe(utc);
    expect(toShanghaiLocal(new Date(utc))).toBe(local.slice(0, 16));
  });

  it.each(["", "2026-12-21", "2026-02-30T10:00", "2026-12-21T24:00", "2026-12-21 10:00", "21/12/2026 10:00", "1999-12-01T10:00"])(
    "refuses %j",
    (text) => {
      expect(parseShanghaiLocal(text)).toBeUndefined();
    },
  );

  it("formats for display and finds the Shanghai year", () => {
    expect(formatShanghai("2026-12-31T16:30:00.000Z")).toBe("2027-01-01 00:30");
    expect(shanghaiYear(new Date("2026-12-31T16:30:00.000Z"))).toBe(2027);
    expect(shanghaiYear(new Date("2026-12-31T15:59:00.000Z"))).toBe(2026);
  });

  it("says how long is left, and nothing once passed", () => {
    const now = new Date("2026-12-01T02:00:00Z");
    expect(timeLeft(now, new Date("2026-12-21T05:30:00Z"))).toEqual({ days: 20, hours: 3, minutes: 30 });
    expect(timeLeft(now, new Date("2026-12-01T02:00:59Z"))).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(timeLeft(now, now)).toBeNull();
  });
});
