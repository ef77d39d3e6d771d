import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { applyEvent } from "~/utils/lifecycle";

/**
 * Puts the demand a lot covered back in the pool (DESIGN.md "Tender and lots": a lot that ends
 * unsuccessful returns its demand to the pool for a new tender), inside the caller's transaction,
 * one audited `demand.release` per demand. Only demand still `tendered` goes back: demand already
 * contracted (a lapsed contract releases its own) or withdrawn is left as it is. Returns the ids
 * released.
 */
export async function releaseLotDemand(
  trx: Transaction<Schema>,
  lotId: string,
  by: { userId: string | null; orgId: string | null },
  at: string,
  reason = "lotUnsuccessful",
): Promise<string[]> {
  const demands = await trx.selectFrom("demands").select(["id", "status"]).where("lot_id", "=", lotId).where("status", "=", "tendered").orderBy("id").execute();
  const released: string[] = [];
  for (const d of demands) {
    const step = applyEvent(DEMAND_LIFECYCLE, d.status, "release");
    if (!step.ok) continue;
    const r = await trx
      .updateTable("demands")
      .set({ status: step.to, lot_id: null, tender_id: null, updated_at: at })
      .where("id", "=", d.id)
      .where("status", "=", d.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    await appendAudit(trx, {
      actorUserId: by.userId,
      actorOrgId: by.orgId,
      action: "demand.release",
      recordType: "demand",
      recordId: d.id,
      before: { status: d.status, lotId },
      after: { status: step.to, reason },
    });
    released.push(d.id);
  }
  return released;
}
