import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { now as clockNow } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { TENDER_LIFECYCLE } from "./lifecycle";
import { findTenderState } from "./tender-state.server";
import { Rollback, inTransaction, nextVersion } from "./transaction.server";

/**
 * A bureau officer cancels a draft or published tender with a public reason (DESIGN.md "Tender and
 * lots"): its lots are cancelled and its demand goes back to the pool — tendered demand by the
 * lifecycle's `release`, a draft's (still pooled) simply unclaimed — so that a new tender can take
 * it. Later stages (opened onwards) involve bids and belong to the opening and award use cases.
 * Compare-and-set on status and version; audited; one transaction.
 */
export async function cancelTender(
  db: DB,
  actor: Actor,
  input: { tenderId: string; version: string; reason: string },
): Promise<Result<{ released: number }>> {
  if (!can(actor, "tender.manage")) return forbiddenResult;
  const reason = input.reason.trim();
  if (!reason) return invalid({ reason: ["common.form.required"] });
  const at = clockNow();
  const t = at.toISOString();
  return inTransaction(db, async (trx) => {
    const s = await findTenderState(trx, input.tenderId);
    if (!s) return notFoundResult;
    if (s.updatedAt !== input.version) return conflict("tender.errors.stale");
    if (s.status !== "draft" && s.status !== "published") return conflict("tender.errors.notCancellable");
    const step = applyEvent(TENDER_LIFECYCLE, s.status, "cancel");
    if (!step.ok) return conflict("tender.errors.notCancellable");
    const updated = await trx
      .updateTable("tenders")
      .set({ status: step.to, cancel_reason: reason, updated_at: nextVersion(s.updatedAt, at) })
      .where("id", "=", s.id)
      .where("status", "=", s.status)
      .where("updated_at", "=", s.updatedAt)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("tender.errors.stale");
    await trx.updateTable("lots").set({ status: "cancelled", updated_at: t }).where("tender_id", "=", s.id).where("status", "=", "open").execute();

    const released: string[] = [];
    for (const d of s.lots.flatMap((l) => l.demands)) {
      if (d.status === "tendered") {
        const back = applyEvent(DEMAND_LIFECYCLE, d.status, "release");
        if (!back.ok) throw new Rollback(conflict("tender.errors.stale"));
        const r = await trx
          .updateTable("demands")
          .set({ status: back.to, tender_id: null, lot_id: null, updated_at: t })
          .where("id", "=", d.id)
          .where("status", "=", d.status)
          .where("tender_id", "=", s.id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict("tender.errors.stale"));
        await appendAudit(trx, {
          actorUserId: actor.userId,
          actorOrgId: actor.orgId,
          action: "demand.release",
          recordType: "demand",
          recordId: d.id,
          before: { status: d.status, tenderId: s.id },
          after: { status: back.to, reason },
        });
        released.push(d.id);
      } else {
        // A draft's demand was only claimed (still pooled, or withdrawn meanwhile): unclaim it.
        await trx.updateTable("demands").set({ tender_id: null, lot_id: null }).where("id", "=", d.id).where("tender_id", "=", s.id).execute();
        if (d.status === "pooled") released.push(d.id);
      }
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "tender.cancel",
      recordType: "tender",
      recordId: s.id,
      before: { status: s.status },
      after: { status: step.to, reason, reference: s.reference, released },
    });
    return ok({ released: released.length });
  });
}
