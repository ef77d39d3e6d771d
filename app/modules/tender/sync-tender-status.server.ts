import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { tenderStatusOfLots, type TenderStatus } from "./lifecycle";

/**
 * Brings a published tender's status in line with its lots (the least advanced lot in play sets
 * it), inside the caller's transaction, and audits the change. Returns the status it now has.
 */
export async function syncTenderStatus(
  trx: Transaction<Schema>,
  tenderId: string,
  by: { userId: string | null; orgId: string | null },
  at: string,
): Promise<TenderStatus> {
  const tender = await trx.selectFrom("tenders").select(["status"]).where("id", "=", tenderId).executeTakeFirstOrThrow();
  const lots = await trx.selectFrom("lots").select("status").where("tender_id", "=", tenderId).execute();
  const next = tenderStatusOfLots(tender.status, lots.map((l) => l.status));
  if (next === tender.status) return next;
  await trx.updateTable("tenders").set({ status: next, updated_at: at }).where("id", "=", tenderId).where("status", "=", tender.status).execute();
  await appendAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "tender.statusFollowsLots",
    recordType: "tender",
    recordId: tenderId,
    before: { status: tender.status },
    after: { status: next },
  });
  return next;
}
