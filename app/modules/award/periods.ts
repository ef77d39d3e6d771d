/**
 * The periods of the award stage, from the procurement rules table (DESIGN.md "Procurement
 * rules"; never hard-coded): result publication ≤ 2 WD after the ranking is confirmed (87号令
 * art. 69), publicity 1 WD (招标投标法实施条例 art. 54: ≥ 3 D under TB), an objection window of
 * 7 WD after publicity (政府采购法 art. 52), an answer within 7 WD (art. 53), contract signing
 * within 30 D of the award notice (art. 46). Each period of n days or working days starts the
 * day after its event and ends at 24:00 Shanghai time of its last day (民法典 arts. 201, 203).
 */
import type { RuleValue, Rules } from "~/modules/reference/procurement-rules";
import { calendarDayDeadline, workingDayDeadline, type WorkingDayCalendar } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";

/** The last instant of a period that starts after `from`, in the rule's unit (D calendar days, WD working days). */
export function periodEnd(from: Date, rule: RuleValue, calendar: WorkingDayCalendar): Date {
  if (rule.unit === "WD") return workingDayDeadline(from, rule.value, calendar);
  if (rule.unit === "D") return calendarDayDeadline(from, rule.value);
  throw new RangeError(`not a period: ${rule.value} ${rule.unit}`);
}

export interface ResultWindows {
  publicityEndsAt: Date;
  /** The last instant at which a bidder may lodge an objection: the window follows the publicity period. */
  objectionDeadline: Date;
}

/** Publicity and objection windows of a result published at `publishedAt`. */
export function resultWindows(publishedAt: Date, rules: Pick<Rules, "publicity_period" | "objection_window">, calendar: WorkingDayCalendar): ResultWindows {
  const publicityEndsAt = periodEnd(publishedAt, rules.publicity_period, calendar);
  return { publicityEndsAt, objectionDeadline: periodEnd(publicityEndsAt, rules.objection_window, calendar) };
}

/** The latest instant to publish a result whose proposal was made at `proposedAt` (result_publication_max). */
export function latestPublication(proposedAt: Date, rules: Pick<Rules, "result_publication_max">, calendar: WorkingDayCalendar): Date {
  return periodEnd(proposedAt, rules.result_publication_max, calendar);
}

/** An objection may be lodged up to and including the deadline's instant, never a millisecond after. */
export function isObjectionWindowOpen(now: Date, objectionDeadline: string): boolean {
  return now.getTime() <= Date.parse(objectionDeadline);
}

/** The window has closed once its deadline has passed. */
export function hasObjectionWindowClosed(now: Date, objectionDeadline: string): boolean {
  return !isObjectionWindowOpen(now, objectionDeadline);
}

/** An answer given after its due instant is still recorded, and shown as late. */
export function isLate(at: string, dueAt: string): boolean {
  return Date.parse(at) > Date.parse(dueAt);
}

export const GROUNDS_MIN = 10;
export const GROUNDS_MAX = 4000;
export const ANSWER_MAX = 4000;

/** Checks an objection's grounds after trimming (10–4000 characters); returns the error key, or null when fine. */
export function groundsProblem(text: string | null | undefined): string | null {
  const s = (text ?? "").trim();
  if (s.length === 0) return "common.form.required";
  if ([...s].length < GROUNDS_MIN) return msg("award.objections.errors.groundsShort", { min: GROUNDS_MIN });
  if ([...s].length > GROUNDS_MAX) return msg("common.form.tooLong", { max: GROUNDS_MAX });
  return null;
}
