/**
 * Budgets (DESIGN.md "Reference data": a tender's budget is the sum of headcount × cap over its
 * lots; "Targets and progress": the bureau's yearly budget). Integer fen throughout.
 */
import type { LotStatus } from "./lifecycle";
import type { TenderStatus } from "./lifecycle";

/** A tender's budget: Σ headcount × subsidy cap over its lots that are not cancelled (DESIGN.md "Reference data"). */
export function tenderBudgetFen(lots: readonly { headcount: number; capFen: number; status: LotStatus }[]): number {
  const total = lots.filter((l) => l.status !== "cancelled").reduce((s, l) => s + l.headcount * l.capFen, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError("budget out of range");
  return total;
}

/** Whether a tender's budget counts against its year: published (or later) and not cancelled. */
export function commitsBudget(status: TenderStatus): boolean {
  return status !== "draft" && status !== "cancelled";
}

/** The year's remaining budget: yearly_targets.budget_fen less the budgets of the year's published, not cancelled, tenders (may be negative when targets were cut). */
export function remainingBudgetFen(yearBudgetFen: number, committedBudgetsFen: readonly number[]): number {
  return committedBudgetsFen.reduce((left, b) => left - b, yearBudgetFen);
}
