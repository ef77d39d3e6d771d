import type { DB } from "#db/client";
import { institutionRecords } from "~/modules/delivery/performance.server";

/**
 * An institution's record from earlier contracts, shown to the panel (DESIGN.md "Past
 * performance … is computed by the system"): its delivery record (`institutionRecord` in
 * app/modules/delivery/performance.ts) over the contracts the bureau has accepted — there the
 * results are final and checked. With no accepted contract there is no history, and every figure
 * stays null rather than a made-up one.
 */
export interface PastPerformance {
  institutionId: string;
  completedContracts: number;
  /** Trainees of those contracts with a final result (dropped ones included); the base of both rates. */
  traineesWithResult: number;
  /** Share (0–1, to three decimals) of those trainees who completed; null without any. */
  completionRate: number | null;
  /** Share (0–1, to three decimals) of those trainees who passed certification; null without any. */
  certificationRate: number | null;
  /** Mean enterprise rating (1–5, to one decimal); null until an enterprise has rated. */
  meanRating: number | null;
  ratingCount: number;
}

/** Past performance of each institution asked for (a zero count means "no history"). */
export async function pastPerformance(db: DB, institutionIds: readonly string[]): Promise<Record<string, PastPerformance>> {
  const records = await institutionRecords(db, institutionIds);
  const out: Record<string, PastPerformance> = {};
  for (const [id, r] of Object.entries(records)) {
    const a = r.accepted;
    out[id] = {
      institutionId: id,
      completedContracts: r.completedContracts,
      traineesWithResult: a.withResult,
      completionRate: a.completionPermille === null ? null : a.completionPermille / 1000,
      certificationRate: a.certificationPermille === null ? null : a.certificationPermille / 1000,
      meanRating: a.meanRating,
      ratingCount: a.ratingCount,
    };
  }
  return out;
}
