import { describe, expect, it } from "vitest";
import {
  cumulative,
  leadTimes,
  monthsElapsed,
  percentOf,
  shanghaiDateOf,
  shanghaiMonthStarts,
  shanghaiYearMonth,
  shanghaiYearRange,
  targetStatus,
  weightedPercentile,
  yearPhase,
} from "./metrics";

describe("the Shanghai year as UTC instants", () => {
  it("starts at 16:00 UTC on the last day of the month before (UTC+8)", () => {
    expect(shanghaiYearRange(2026)).toEqual({ start: "2025-12-31T16:00:00.000Z", end: "2026-12-31T16:00:00.000Z" });
    const months = shanghaiMonthStarts(2026);
    expect(months).toHaveLength(13);
    expect(months[1]).toBe("2026-01-31T16:00:00.000Z"); // 1 February 00:00 Shanghai
    expect(months[2]).toBe("2026-02-28T16:00:00.000Z"); // 1 March (2026 is not a leap year)
    expect(shanghaiMonthStarts(2028)[2]).toBe("2028-02-29T16:00:00.000Z"); // 2028 is
    expect(months[12]).toBe("2026-12-31T16:00:00.000Z");
  });

  it("puts an instant in its Shanghai month and date, across the UTC day line", () => {
    expect(shanghaiYearMonth(new Date("2026-12-31T15:59:59.999Z"))).toEqual({ year: 2026, month: 12 });
    expect(shanghaiYearMonth(new Date("2026-12-31T16:00:00.000Z"))).toEqual({ year: 2027, month: 1 });
    expect(shanghaiDateOf("2026-03-01T15:59:59.000Z")).toBe("2026-03-01");
    expect(shanghaiDateOf("2026-03-01T16:00:00.000Z")).toBe("2026-03-02");
  });

  it("tells past, current and future years apart, and how many months have run", () => {
    const now = new Date("2026-11-28T02:00:00Z");
    expect([2025, 2026, 2027].map((y) => yearPhase(y, now))).toEqual(["past", "current", "future"]);
    expect([2025, 2026, 2027].map((y) => monthsElapsed(y, now))).toEqual([12, 11, 0]);
    // New Year's Eve at 17:00 UTC is already 1 January in Shanghai.
    expect(yearPhase(2026, new Date("2026-12-31T17:00:00Z"))).toBe("past");
  });
});

describe("running totals and shares", () => {
  it("adds month by month", () => {
    expect(cumulative([3, 0, 5, 2])).toEqual([3, 3, 8, 10]);
    expect(cumulative([])).toEqual([]);
  });

  it("gives a share in per cent, or nothing of nothing", () => {
    expect(percentOf(25, 200)).toBe(12.5);
    expect(percentOf(1, 3)).toBeCloseTo(33.333, 3);
    expect(percentOf(5, 0)).toBeNull();
  });
});

describe("on track or at risk", () => {
  // target 500 throughout
  const cases: [string, Parameters<typeof targetStatus>[0], ReturnType<typeof targetStatus>][] = [
    ["already reached in the year", { actual: 520, projected: 600, target: 500, phase: "current" }, "met"],
    ["reached exactly", { actual: 500, projected: 500, target: 500, phase: "current" }, "met"],
    ["projection reaches it", { actual: 310, projected: 505, target: 500, phase: "current" }, "onTrack"],
    ["projection falls short by one", { actual: 310, projected: 499, target: 500, phase: "current" }, "atRisk"],
    ["a past year that ended short", { actual: 480, projected: 480, target: 500, phase: "past" }, "missed"],
    ["a past year that made it", { actual: 501, projected: 501, target: 500, phase: "past" }, "met"],
    ["a future year with contracts already ending in it", { actual: 0, projected: 520, target: 500, phase: "future" }, "onTrack"],
    ["a future year with nothing yet", { actual: 0, projected: 0, target: 500, phase: "future" }, "atRisk"],
    ["a share with no reports", { actual: null, projected: null, target: 25, phase: "current" }, "noData"],
    ["a share with no reports, year over", { actual: null, projected: null, target: 25, phase: "past" }, "noData"],
    ["a share below its target, reported", { actual: 21.4, projected: null, target: 25, phase: "current" }, "atRisk"],
    ["a target of zero", { actual: 0, projected: 0, target: 0, phase: "current" }, "met"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(targetStatus(input)).toBe(expected);
  });
});

describe("weighted percentiles (nearest rank)", () => {
  it("finds the median and the 90th percentile of a small sample", () => {
    // Ten observations: 10 ×3, 20 ×4, 30 ×2, 100 ×1.
    // Median: rank ceil(0.5×10) = 5 → the 5th smallest is 20.
    // P90: rank ceil(0.9×10) = 9 → the 9th smallest is 30.
    const sample = [
      { value: 30, weight: 2 },
      { value: 10, weight: 3 },
      { value: 100, weight: 1 },
      { value: 20, weight: 4 },
    ];
    expect(weightedPercentile(sample, 50)).toBe(20);
    expect(weightedPercentile(sample, 90)).toBe(30);
    expect(weightedPercentile(sample, 100)).toBe(100);
  });

  it("takes the lower middle of an even sample and ignores empty weights", () => {
    // 1, 2, 3, 4: rank ceil(0.5×4) = 2 → 2.
    expect(weightedPercentile([1, 2, 3, 4].map((value) => ({ value, weight: 1 })), 50)).toBe(2);
    expect(weightedPercentile([{ value: 7, weight: 0 }], 50)).toBeNull();
    expect(weightedPercentile([], 90)).toBeNull();
    expect(() => weightedPercentile([], 0)).toThrow(RangeError);
  });
});

describe("lead time from demand posted to trainee certified", () => {
  it("counts calendar days on Shanghai dates, weighted by trainees", () => {
    const rows = [
      // Posted 10 January 09:00 Shanghai; certified 20 June: 161 days (21 + 28 + 31 + 30 + 31 + 20).
      { postedAt: "2026-01-10T01:00:00.000Z", certifiedOn: "2026-06-20", count: 6 },
      // Posted 31 January 23:30 Shanghai (15:30 UTC); the date is 31 January, not the 1st.
      // Certified 31 July: 181 days.
      { postedAt: "2026-01-31T15:30:00.000Z", certifiedOn: "2026-07-31", count: 3 },
      // Posted 1 March 00:10 Shanghai (28 Feb 16:10 UTC); certified 1 December: 275 days.
      { postedAt: "2026-02-28T16:10:00.000Z", certifiedOn: "2026-12-01", count: 1 },
    ];
    // Ten trainees: 161 ×6, 181 ×3, 275 ×1. Median rank 5 → 161; P90 rank 9 → 181.
    expect(leadTimes(rows)).toEqual({ count: 10, medianDays: 161, p90Days: 181 });
  });

  it("leaves out a certificate dated before its demand and unreadable dates", () => {
    const rows = [
      { postedAt: "2026-05-01T02:00:00.000Z", certifiedOn: "2026-04-30", count: 4 },
      { postedAt: "2026-05-01T02:00:00.000Z", certifiedOn: "2026-13-01", count: 2 },
      { postedAt: "2026-05-01T02:00:00.000Z", certifiedOn: "2026-05-31", count: 1 },
    ];
    expect(leadTimes(rows)).toEqual({ count: 1, medianDays: 30, p90Days: 30 });
    expect(leadTimes([])).toEqual({ count: 0, medianDays: null, p90Days: null });
  });
});
