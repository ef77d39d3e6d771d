import type { DB } from "#db/client";
import { parseAcceptanceSnapshot, publicAcceptance, type PublicAcceptance } from "./acceptance";

export interface PublishedAcceptance extends PublicAcceptance {
  lotId: string;
  contractReference: string;
  institutionName: string;
}

/**
 * The accepted contracts of a tender, as published on its public notice (issue 5: "the acceptance
 * is published"): when, how many trainees completed and were certified, the mean rating — read
 * from the snapshot stored at acceptance, which holds counts and organisations only.
 */
export async function listPublishedAcceptances(db: DB, tenderId: string): Promise<PublishedAcceptance[]> {
  const rows = await db
    .selectFrom("contracts as c")
    .innerJoin("organisations as o", "o.id", "c.institution_id")
    .select(["c.lot_id", "c.reference", "o.name", "c.acceptance_json"])
    .where("c.tender_id", "=", tenderId)
    .where("c.status", "=", "completed")
    .where("c.accepted_at", "is not", null)
    .orderBy("c.reference")
    .execute();
  return rows.flatMap((r) => {
    const s = parseAcceptanceSnapshot(r.acceptance_json);
    return s ? [{ lotId: r.lot_id, contractReference: r.reference, institutionName: r.name, ...publicAcceptance(s) }] : [];
  });
}
