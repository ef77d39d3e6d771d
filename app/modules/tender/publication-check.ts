/**
 * The publication check (DESIGN.md "Tender and lots" and "Procurement rules"): a tender is
 * published only when every rule holds. It returns EVERY reason it fails, each an i18n key with
 * its parameters and the section of the builder it belongs to, so that the officer can fix them
 * all at once.
 */
import { formatFen } from "~/modules/reference/money";
import type { Rules } from "~/modules/reference/procurement-rules";
import {
  addCalendarDays,
  isWorkingDay,
  meetsMinCalendarDays,
  shanghaiDate,
  type WorkingDayCalendar,
} from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import type { LotStatus } from "./lifecycle";

export type Section = "settings" | "deadline" | "lots" | "criteria" | "panel" | "budget";
export const SECTIONS: readonly Section[] = ["settings", "deadline", "lots", "criteria", "panel", "budget"];

export interface Problem {
  section: Section;
  key: string;
  params: Record<string, string | number>;
}

export interface CandidateLot {
  number: number;
  status: LotStatus;
  headcount: number;
  /** Demands the lot covers. */
  demandCount: number;
  /** Of those, demands no longer in the pool (withdrawn by the enterprise, taken elsewhere). */
  demandsUnavailable: number;
  maxPriceFen: number;
  capFen: number;
}

/** What the check reads of a tender about to be published (or amended). */
export interface PublicationCandidate {
  bidDeadline: Date | null;
  minValidBids: number;
  pricePoints: number;
  criteria: readonly { points: number }[];
  panel: readonly { kind: "expert" | "representative" }[];
  lots: readonly CandidateLot[];
  budgetFen: number;
  /** The year's budget less what other published tenders of the year commit. */
  remainingBudgetFen: number;
}

/** A problem as a form message: `key`, or `key|{params}` when it has parameters. */
export function problemMessage(p: Problem): string {
  return Object.keys(p.params).length > 0 ? msg(p.key, p.params) : p.key;
}

/** Problems grouped by builder section, as form messages. */
export function problemsBySection(problems: readonly Problem[]): Partial<Record<Section, string[]>> {
  const out: Partial<Record<Section, string[]>> = {};
  for (const p of problems) (out[p.section] ??= []).push(problemMessage(p));
  return out;
}

const money = (fen: number) => formatFen(fen, "en");
const p = (section: Section, key: string, params: Record<string, string | number> = {}): Problem => ({
  section,
  key: `tender.problems.${key}`,
  params,
});

/** Deadline rules: publication → deadline ≥ N calendar days on Shanghai dates (政府采购法 art. 35; 招标投标法 art. 24), on a working day of the calendar, and still ahead. */
export function deadlineProblems(
  deadline: Date | null,
  rules: Rules,
  calendar: WorkingDayCalendar,
  now: Date,
  publishedAt: Date = now,
): Problem[] {
  if (!deadline) return [p("deadline", "deadlineMissing")];
  const out: Problem[] = [];
  const days = rules.publication_to_deadline_min.value;
  if (deadline.getTime() <= now.getTime()) out.push(p("deadline", "deadlinePast"));
  if (!meetsMinCalendarDays(publishedAt, deadline, days)) {
    out.push(p("deadline", "deadlineTooEarly", { days, earliest: addCalendarDays(shanghaiDate(publishedAt), days) }));
  }
  const date = shanghaiDate(deadline);
  if (!isWorkingDay(date, calendar)) out.push(p("deadline", "deadlineNotWorkingDay", { date }));
  return out;
}

/** Lot rules: at least one lot; none empty; none with demand gone from the pool; none priced above its subsidy cap (DESIGN.md "Reference data": a lot's maximum price is its cap, never above). */
export function lotProblems(lots: readonly CandidateLot[]): Problem[] {
  const live = lots.filter((l) => l.status !== "cancelled");
  if (live.length === 0) return [p("lots", "noLots")];
  const out: Problem[] = [];
  for (const l of live) {
    if (l.headcount <= 0 || l.demandCount === 0) out.push(p("lots", "lotEmpty", { lot: l.number }));
    if (l.demandsUnavailable > 0) out.push(p("lots", "lotDemandUnavailable", { lot: l.number, count: l.demandsUnavailable }));
    if (l.maxPriceFen > l.capFen) {
      out.push(p("lots", "lotAboveCap", { lot: l.number, price: money(l.maxPriceFen), cap: money(l.capFen) }));
    }
  }
  return out;
}

/** Scoring rules (综合评分法, 87号令 art. 55): technical criteria exist, criteria + price points = 100, price points ≥ the rules' minimum (10 % for services). */
export function criteriaProblems(criteria: readonly { points: number }[], pricePoints: number, rules: Rules): Problem[] {
  const out: Problem[] = [];
  const technical = criteria.reduce((s, c) => s + c.points, 0);
  if (criteria.length === 0) out.push(p("criteria", "noTechnicalCriterion"));
  if (technical + pricePoints !== 100) {
    out.push(p("criteria", "pointsNot100", { technical, price: pricePoints, total: technical + pricePoints }));
  }
  const min = rules.price_weight_min.value;
  if (pricePoints < min) out.push(p("criteria", "priceWeightTooLow", { min, given: pricePoints }));
  return out;
}

/** Panel rules (87号令 art. 47; 招标投标法 art. 37): at least N members, an odd number when required, experts at least num/den of the panel. */
export function panelProblems(panel: readonly { kind: "expert" | "representative" }[], rules: Rules): Problem[] {
  const out: Problem[] = [];
  const size = panel.length;
  const min = rules.panel_min_size.value;
  if (size < min) out.push(p("panel", "panelTooSmall", { min, size }));
  if (rules.panel_odd.value === 1 && size > 0 && size % 2 === 0) out.push(p("panel", "panelEven", { size }));
  const num = rules.panel_expert_share_num.value;
  const den = rules.panel_expert_share_den.value;
  const experts = panel.filter((m) => m.kind === "expert").length;
  // experts / size ≥ num / den, in integers.
  if (size > 0 && experts * den < num * size) {
    out.push(p("panel", "expertsTooFew", { experts, size, needed: Math.ceil((num * size) / den), num, den }));
  }
  return out;
}

/**
 * Every reason a tender may not be published (DESIGN.md "Tender and lots"; the periods and
 * thresholds from the procurement rules of its regime): deadline, lots, criteria, panel, minimum
 * valid bids (政府采购法 art. 36) and the year's remaining budget (政府采购法 art. 6: spending
 * follows the approved budget).
 */
export function checkPublication(
  c: PublicationCandidate,
  rules: Rules,
  calendar: WorkingDayCalendar,
  now: Date,
  publishedAt: Date = now,
): Problem[] {
  const out: Problem[] = [];
  const minBids = rules.min_valid_bids.value;
  if (c.minValidBids < minBids) out.push(p("settings", "minValidBidsTooLow", { min: minBids, given: c.minValidBids }));
  out.push(...deadlineProblems(c.bidDeadline, rules, calendar, now, publishedAt));
  out.push(...lotProblems(c.lots));
  out.push(...criteriaProblems(c.criteria, c.pricePoints, rules));
  out.push(...panelProblems(c.panel, rules));
  if (c.budgetFen > c.remainingBudgetFen) {
    out.push(p("budget", "budgetExceeded", { budget: money(c.budgetFen), remaining: money(c.remainingBudgetFen) }));
  }
  return out;
}
