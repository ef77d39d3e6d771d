/**
 * The arithmetic of the progress figures (DESIGN.md "Targets and progress"): the Shanghai year
 * and its months as UTC instants, on-track / at-risk, shares and lead times. Plain data in,
 * numbers out; the queries that feed them live in progress.server.ts.
 */
import { calendarDaysBetween, isIsoDate, type IsoDate } from "~/modules/reference/working-days";

/**
 * Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a Shanghai month starts
 * at 16:00 UTC on the last day of the month before. Stored instants are ISO-8601 UTC text of one
 * shape (`toISOString()`), which compares as text: these bounds go straight into SQL ranges.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The UTC instant (ISO text) at which a Shanghai month (1–12; 13 = January of the next year) begins. */
export function shanghaiMonthStart(year: number, month: number): string {
  return new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS).toISOString();
}

/** A Shanghai year as a half-open range of UTC instants [start, end). */
export function shanghaiYearRange(year: number): { start: string; end: string } {
  return { start: shanghaiMonthStart(year, 1), end: shanghaiMonthStart(year + 1, 1) };
}

/** The 13 month starts of a Shanghai year (January … December, then next January): bucket edges. */
export function shanghaiMonthStarts(year: number): string[] {
  return Array.from({ length: 13 }, (_, i) => shanghaiMonthStart(year, i + 1));
}

/** The Shanghai calendar year and month (1–12) of an instant. */
export function shanghaiYearMonth(instant: Date): { year: number; month: number } {
  const d = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The Shanghai calendar date ('YYYY-MM-DD') of an ISO instant. */
export function shanghaiDateOf(iso: string): IsoDate {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Where a year stands against now: over, under way, or still to come. */
export type YearPhase = "past" | "current" | "future";

export function yearPhase(year: number, now: Date): YearPhase {
  const current = shanghaiYearMonth(now).year;
  return year < current ? "past" : year > current ? "future" : "current";
}

/**
 * How far a year has run, in months: 12 for a past year, 0 for a future one, else the current
 * Shanghai month (the month in progress counts: its completions so far are already in).
 */
export function monthsElapsed(year: number, now: Date): number {
  const phase = yearPhase(year, now);
  return phase === "past" ? 12 : phase === "future" ? 0 : shanghaiYearMonth(now).month;
}

/** Running totals: [a, a+b, a+b+c, …]. */
export function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

export type TargetStatus = "met" | "onTrack" | "atRisk" | "missed" | "noData";

/**
 * The verdict on one target. The rule, in the order it is applied:
 * - the figure already reaches the target → **met** (whatever the date);
 * - the year is over and it does not → **missed**;
 * - there is nothing to judge by (no figure and no projection, e.g. no workforce reports) → **no data**;
 * - the projection to 31 December reaches the target → **on track**;
 * - otherwise → **at risk**: on present schedules the year ends short.
 * A target of 0 or less is met by definition.
 */
export function targetStatus(input: { actual: number | null; projected: number | null; target: number; phase: YearPhase }): TargetStatus {
  const { actual, projected, target, phase } = input;
  if (target <= 0) return "met";
  if (actual !== null && actual >= target) return "met";
  if (phase === "past") return actual === null ? "noData" : "missed";
  if (actual === null && projected === null) return "noData";
  return (projected ?? actual ?? 0) >= target ? "onTrack" : "atRisk";
}

/** part / whole as a percentage (not rounded); null when whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (part * 100) / whole : null;
}

/**
 * The value at percentile p (0 < p ≤ 100) of a weighted sample, by the nearest-rank method:
 * the smallest value v such that at least p % of the weight lies at or below v. Null when empty.
 * (Median = 50, 90th percentile = 90.)
 */
export function weightedPercentile(sample: readonly { value: number; weight: number }[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
  const items = sample.filter((s) => s.weight > 0).sort((a, b) => a.value - b.value);
  const total = items.reduce((s, i) => s + i.weight, 0);
  if (total === 0) return null;
  // The rank of the percentile among `total` ordered observations, 1-based: ceil(p/100 × n).
  const rank = Math.ceil((p * total) / 100);
  let seen = 0;
  for (const item of items) {
    seen += item.weight;
    if (seen >= rank) return item.value;
  }
  return items[items.length - 1]!.value;
}

export interface LeadTimes {
  /** Trainees measured. */
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

/**
 * Lead time from demand posted to trainee certified, in calendar days counted on Shanghai dates
 * (the demand's submission instant → its date; the certificate's date as recorded). Input is
 * grouped: `count` trainees of one demand certified on one date. Rows with an unreadable date
 * or a certificate dated before the demand are left out (a typing error, not a lead time).
 */
export function leadTimes(rows: readonly { postedAt: string; certifiedOn: string; count: number }[]): LeadTimes {
  const sample: { value: number; weight: number }[] = [];
  for (const r of rows) {
    if (!isIsoDate(r.certifiedOn) || Number.isNaN(Date.parse(r.postedAt))) continue;
    const days = calendarDaysBetween(shanghaiDateOf(r.postedAt), r.certifiedOn);
    if (days < 0) continue;
    sample.push({ value: days, weight: r.count });
  }
  return {
    count: sample.reduce((s, x) => s + x.weight, 0),
    medianDays: weightedPercentile(sample, 50),
    p90Days: weightedPercentile(sample, 90),
  };
}
