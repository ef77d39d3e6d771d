import type { DB } from "#db/client";

/**
 * An institution's record from earlier contracts, shown to the panel (DESIGN.md "Past
 * performance … is computed by the system"). Only the count of completed contracts is known
 * today; the rates and ratings come with delivery records and stay null until then — never a
 * made-up figure.
 */
export interface PastPerformance {
  institutionId: string;
  completedContracts: number;
  /** Share of enrolled trainees who completed; null until delivery is recorded. */
  completionRate: number | null;
  /** Share of trainees who passed certification; null until delivery is recorded. */
  certificationRate: number | null;
  /** Mean enterprise rating (1–5); null until enterprises rate training. */
  meanRating: number | null;
}

/** Past performance of each institution asked for (a zero count means "no history"). */
export async function pastPerformance(db: DB, institutionIds: readonly string[]): Promise<Record<string, PastPerformance>> {
  const ids = [...new Set(institutionIds)];
  const out: Record<string, PastPerformance> = {};
  for (const id of ids) out[id] = { institutionId: id, completedContracts: 0, completionRate: null, certificationRate: null, meanRating: null };
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("contracts")
    .select(["institution_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("institution_id", "in", ids)
    .where("status", "=", "completed")
    .groupBy("institution_id")
    .execute();
  for (const r of rows) out[r.institution_id]!.completedContracts = Number(r.n);
  return out;
}
