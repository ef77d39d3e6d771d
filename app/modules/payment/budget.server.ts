/**
 * Budget figures (issue 5 "Payment": the tender's committed and paid amounts and the year's
 * remaining budget update with every contract and payment; DESIGN.md "Targets and progress":
 * budget allocated, committed and paid). Committed = the value of contracts in force or done
 * (active, completed); paid = transfers confirmed (payments paid). Read straight from the
 * records, so they are never out of step.
 */
import type { DB } from "#db/client";

const COMMITTING = ["active", "completed"] as const;

export interface TenderBudget {
  committedFen: number;
  paidFen: number;
}

export interface YearBudget {
  year: number;
  /** yearly_targets.budget_fen, or null when the bureau set no budget for the year. */
  allocatedFen: number | null;
  committedFen: number;
  paidFen: number;
  /** allocated − committed (may be negative); null without an allocation. */
  remainingFen: number | null;
}

async function committedAndPaid(db: DB, where: { tenderId: string } | { year: number }): Promise<TenderBudget> {
  let committed = db
    .selectFrom("contracts as c")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("c.value_fen"), eb.lit(0)).as("fen"))
    .where("c.status", "in", COMMITTING);
  let paid = db
    .selectFrom("payments as p")
    .innerJoin("milestones as m", "m.id", "p.milestone_id")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("p.amount_fen"), eb.lit(0)).as("fen"))
    .where("p.status", "=", "paid");
  if ("tenderId" in where) {
    committed = committed.where("t.id", "=", where.tenderId);
    paid = paid.where("t.id", "=", where.tenderId);
  } else {
    committed = committed.where("t.year", "=", where.year);
    paid = paid.where("t.year", "=", where.year);
  }
  const [c, p] = await Promise.all([committed.executeTakeFirstOrThrow(), paid.executeTakeFirstOrThrow()]);
  return { committedFen: Number(c.fen), paidFen: Number(p.fen) };
}

/** A tender's committed (its contracts in force or completed) and paid (its settled transfers) amounts. */
export function tenderCommittedAndPaid(db: DB, tenderId: string): Promise<TenderBudget> {
  return committedAndPaid(db, { tenderId });
}

/** A year's budget: allocated (yearly_targets), committed and paid over the year's tenders, and what remains. */
export async function yearBudget(db: DB, year: number): Promise<YearBudget> {
  const target = await db.selectFrom("yearly_targets").select("budget_fen").where("year", "=", year).executeTakeFirst();
  const allocatedFen = target ? Number(target.budget_fen) : null;
  const { committedFen, paidFen } = await committedAndPaid(db, { year });
  return { year, allocatedFen, committedFen, paidFen, remainingFen: allocatedFen === null ? null : allocatedFen - committedFen };
}
