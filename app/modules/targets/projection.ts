/**
 * The projection to 31 December (DESIGN.md "Targets and progress": "a projection to year end
 * from active contracts' schedules and each institution's historical completion rate").
 *
 * In words, as the progress page explains it: every active contract whose course ends by
 * 31 December is expected to add its trainees still in training, times its institution's share of
 * trainees who completed in the past, in the month its course ends. Trainees already trained this
 * year are counted as they are.
 */
import { shanghaiDateOf, shanghaiYearMonth, yearPhase } from "./metrics";
import type { IsoDate } from "~/modules/reference/working-days";

/**
 * The completion rate assumed for an institution with too little history (fewer than
 * MIN_OUTCOMES_FOR_HISTORY trainees with a final outcome): 80 %, a cautious figure below what
 * accredited institutions usually reach, so that a newcomer does not flatter the projection.
 */
export const DEFAULT_COMPLETION_RATE = 0.8;
/** Fewer finished trainees than this and an institution's own rate is too noisy to use. */
export const MIN_OUTCOMES_FOR_HISTORY = 10;

export interface Outcomes {
  /** Trainees who completed (whatever their certification). */
  completed: number;
  /** Trainees who did not: not completed, or dropped out after the course began. */
  notCompleted: number;
}

export interface CompletionRate {
  rate: number;
  basis: "history" | "default";
  /** Finished trainees the rate rests on. */
  outcomes: number;
}

/** An institution's completion rate: completed ÷ finished, or the default when fewer than 10 finished. */
export function completionRate(o: Outcomes): CompletionRate {
  const outcomes = o.completed + o.notCompleted;
  if (outcomes < MIN_OUTCOMES_FOR_HISTORY) return { rate: DEFAULT_COMPLETION_RATE, basis: "default", outcomes };
  return { rate: o.completed / outcomes, basis: "history", outcomes };
}

/**
 * When a contract's course ends: the date of its last scheduled session, or — while no session
 * is scheduled yet — the end of its lot's delivery window.
 */
export function scheduleEnd(lastSessionAt: string | null, windowEnd: IsoDate): IsoDate {
  return lastSessionAt ? shanghaiDateOf(lastSessionAt) : windowEnd;
}

/**
 * Trainees a contract is still expected to bring to completion: those confirmed and still in
 * training; while nobody has been confirmed yet (the cohort is not formed), its contracted headcount.
 */
export function pendingTrainees(c: { headcount: number; everEnrolled: number; inTraining: number }): number {
  return c.everEnrolled > 0 ? c.inTraining : c.headcount;
}

export interface ScheduledContract {
  institutionId: string;
  highSkilled: boolean;
  endsOn: IsoDate;
  pending: number;
}

export interface Projection {
  /** Expected completions still to come, by Shanghai month (index 0 = January); fractional. */
  expectedByMonth: number[];
  /** Of which high-skilled (lots of level 3 and above). */
  expectedHighByMonth: number[];
  expected: number;
  expectedHigh: number;
  /** Trained so far plus expected, rounded to whole trainees. */
  projected: number;
  projectedHigh: number;
  /** Contracts that contribute. */
  contracts: number;
}

/**
 * Projects a year to 31 December.
 * - A past year is over: the projection is what happened.
 * - The current year: a contract ending in a later year adds nothing; one ending this year adds
 *   pending × rate in the month it ends; one whose end has passed without results (overdue, also
 *   from an earlier year) adds them in the current month — its results are due now.
 * - A future year: only contracts ending in that year add, in their month.
 */
export function projectYear(input: {
  year: number;
  now: Date;
  actual: number;
  actualHigh: number;
  contracts: readonly ScheduledContract[];
  rateOf: (institutionId: string) => number;
}): Projection {
  const { year, now } = input;
  const phase = yearPhase(year, now);
  const expectedByMonth = Array<number>(12).fill(0);
  const expectedHighByMonth = Array<number>(12).fill(0);
  let contracts = 0;
  if (phase !== "past") {
    const currentMonth = shanghaiYearMonth(now).month;
    for (const c of input.contracts) {
      if (c.pending <= 0) continue;
      const endYear = Number(c.endsOn.slice(0, 4));
      const endMonth = Number(c.endsOn.slice(5, 7));
      let month: number;
      if (endYear > year) continue;
      if (phase === "current") month = endYear < year ? currentMonth : Math.max(endMonth, currentMonth);
      else if (endYear === year) month = endMonth;
      else continue;
      const n = c.pending * input.rateOf(c.institutionId);
      expectedByMonth[month - 1]! += n;
      if (c.highSkilled) expectedHighByMonth[month - 1]! += n;
      contracts++;
    }
  }
  const expected = expectedByMonth.reduce((s, v) => s + v, 0);
  const expectedHigh = expectedHighByMonth.reduce((s, v) => s + v, 0);
  return {
    expectedByMonth,
    expectedHighByMonth,
    expected,
    expectedHigh,
    projected: Math.round(input.actual + expected),
    projectedHigh: Math.round(input.actualHigh + expectedHigh),
    contracts,
  };
}

export interface ProgressCurve {
  /** Cumulative trainees trained at the end of each month so far (null for months to come). */
  actual: (number | null)[];
  /** Cumulative projection from the current month on (null before it, and for a past year). */
  projected: (number | null)[];
}

/**
 * The monthly cumulative curve: actual completions up to the month in progress, then the
 * projection carried on from there. `monthsElapsed` is 12 for a past year, 0 for a future one.
 */
export function progressCurve(trainedByMonth: readonly number[], expectedByMonth: readonly number[], monthsElapsed: number): ProgressCurve {
  const actual: (number | null)[] = [];
  const projected: (number | null)[] = [];
  let sum = 0;
  for (let m = 1; m <= 12; m++) {
    if (m <= monthsElapsed) {
      sum += trainedByMonth[m - 1] ?? 0;
      actual.push(sum);
    } else actual.push(null);
  }
  if (monthsElapsed >= 12) return { actual, projected: Array<number | null>(12).fill(null) };
  let running = monthsElapsed > 0 ? (actual[monthsElapsed - 1] as number) : 0;
  for (let m = 1; m <= 12; m++) {
    if (m < Math.max(1, monthsElapsed)) {
      projected.push(null);
      continue;
    }
    running += expectedByMonth[m - 1] ?? 0;
    projected.push(running);
  }
  return { actual, projected };
}
