import { describe, expect, it } from "vitest";
import { completionRate, DEFAULT_COMPLETION_RATE, pendingTrainees, progressCurve, projectYear, scheduleEnd, type ScheduledContract } from "./projection";

describe("an institution's completion rate", () => {
  it("is its completed share of finished trainees once at least ten have finished", () => {
    // 45 completed, 5 did not: 45 / 50 = 0.9.
    expect(completionRate({ completed: 45, notCompleted: 5 })).toEqual({ rate: 0.9, basis: "history", outcomes: 50 });
    // Exactly ten finished: 7 / 10.
    expect(completionRate({ completed: 7, notCompleted: 3 })).toEqual({ rate: 0.7, basis: "history", outcomes: 10 });
  });

  it("falls back to the stated default (80 %) with fewer than ten", () => {
    expect(DEFAULT_COMPLETION_RATE).toBe(0.8);
    expect(completionRate({ completed: 9, notCompleted: 0 })).toEqual({ rate: 0.8, basis: "default", outcomes: 9 });
    expect(completionRate({ completed: 0, notCompleted: 0 })).toEqual({ rate: 0.8, basis: "default", outcomes: 0 });
  });
});

describe("a contract's schedule", () => {
  it("ends on its last session's Shanghai date, else at the end of its lot's window", () => {
    // 20 October 18:00 UTC is 21 October 02:00 in Shanghai.
    expect(scheduleEnd("2026-10-20T18:00:00.000Z", "2026-12-28")).toBe("2026-10-21");
    expect(scheduleEnd(null, "2026-12-28")).toBe("2026-12-28");
  });

  it("still expects its trainees in training, or its whole headcount before anyone is confirmed", () => {
    expect(pendingTrainees({ headcount: 30, everEnrolled: 28, inTraining: 25 })).toBe(25);
    expect(pendingTrainees({ headcount: 30, everEnrolled: 28, inTraining: 0 })).toBe(0);
    expect(pendingTrainees({ headcount: 30, everEnrolled: 0, inTraining: 0 })).toBe(30);
  });
});

describe("the projection to 31 December", () => {
  // Now: 28 November 2026, 10:00 Shanghai (month 11).
  const now = new Date("2026-11-28T02:00:00.000Z");
  const rates: Record<string, number> = { A: 0.9, B: 0.5 };
  const rateOf = (id: string) => rates[id] ?? 0.8;
  const contracts: ScheduledContract[] = [
    { institutionId: "A", highSkilled: true, endsOn: "2026-12-20", pending: 40 }, // 40 × 0.9 = 36 in December
    { institutionId: "B", highSkilled: false, endsOn: "2026-12-05", pending: 30 }, // 30 × 0.5 = 15 in December
    { institutionId: "C", highSkilled: true, endsOn: "2026-10-31", pending: 10 }, // overdue: 10 × 0.8 = 8 now (November)
    { institutionId: "A", highSkilled: false, endsOn: "2025-12-15", pending: 5 }, // overdue from last year: 5 × 0.9 = 4.5 now
    { institutionId: "A", highSkilled: true, endsOn: "2027-01-15", pending: 50 }, // ends next year: nothing this year
    { institutionId: "B", highSkilled: false, endsOn: "2026-12-10", pending: 0 }, // nobody left in training
  ];

  it("adds pending × rate in the month each course ends, overdue ones now", () => {
    const p = projectYear({ year: 2026, now, actual: 420, actualHigh: 60, contracts, rateOf });
    // November: 8 + 4.5 = 12.5; December: 36 + 15 = 51. Expected 63.5; projected 420 + 63.5 = 483.5 → 484.
    expect(p.expectedByMonth[10]).toBe(12.5);
    expect(p.expectedByMonth[11]).toBe(51);
    expect(p.expectedByMonth.slice(0, 10).every((v) => v === 0)).toBe(true);
    expect(p.expected).toBe(63.5);
    expect(p.projected).toBe(484);
    // High-skilled: 36 (A, December) + 8 (C, November) = 44; 60 + 44 = 104.
    expect(p.expectedHigh).toBe(44);
    expect(p.projectedHigh).toBe(104);
    expect(p.contracts).toBe(4);
  });

  it("projects nothing more for a year that is over", () => {
    const p = projectYear({ year: 2025, now, actual: 512, actualHigh: 97, contracts, rateOf });
    expect(p).toMatchObject({ expected: 0, projected: 512, projectedHigh: 97, contracts: 0 });
  });

  it("counts for next year only the contracts ending in it, in their own month", () => {
    const p = projectYear({ year: 2027, now, actual: 0, actualHigh: 0, contracts, rateOf });
    // Only A's January course: 50 × 0.9 = 45, high-skilled.
    expect(p.expectedByMonth[0]).toBe(45);
    expect(p).toMatchObject({ expected: 45, projected: 45, projectedHigh: 45, contracts: 1 });
  });

  it("draws the curve: actual to the month in progress, then the projection carried on", () => {
    const trained = [0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 60, 0]; // 420 by November
    const expected = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12.5, 51];
    const c = progressCurve(trained, expected, 11);
    expect(c.actual).toEqual([0, 0, 10, 30, 60, 100, 150, 210, 280, 360, 420, null]);
    // From November: 420 + 12.5 = 432.5, then + 51 = 483.5.
    expect(c.projected).toEqual([null, null, null, null, null, null, null, null, null, null, 432.5, 483.5]);
  });

  it("has no projection for a past year and no actual line for a future one", () => {
    const past = progressCurve([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], Array(12).fill(5), 12);
    expect(past.actual[11]).toBe(12);
    expect(past.projected.every((v) => v === null)).toBe(true);
    const future = progressCurve(Array(12).fill(0), [45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0);
    expect(future.actual.every((v) => v === null)).toBe(true);
    expect(future.projected[0]).toBe(45);
    expect(future.projected[11]).toBe(45);
  });
});
