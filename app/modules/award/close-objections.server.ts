import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { createContract } from "~/modules/contract/create-contract.server";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { releaseLotDemand } from "~/modules/tender/release-lot-demand.server";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { AWARD_LIFECYCLE } from "./lifecycle";
import { lockLot, lotParams, moveBid, rulesAndCalendar, type By } from "./lot-context.server";
import { hasObjectionWindowClosed } from "./periods";

/**
 * Closes the objection window of a published result (DESIGN.md "Opening, evaluation, award,
 * objections": contracts are created when the window closes with no pending objection): after
 * the objection deadline and with nothing pending, the awards are confirmed, their bids awarded
 * and the others not, the covered demand contracted (demand no award covers goes back to the
 * pool), one contract per award pending signature, and the lot awarded. `actor` null is the
 * automatic close on first access after the window. Under the lot's lock: one set of contracts.
 */
export async function closeObjections(db: DB, actor: Actor | null, lotId: string): Promise<Result<{ contractIds: string[] }>> {
  if (actor && !can(actor, "award.manage")) return forbiddenResult;
  const by: By = { userId: actor?.userId ?? null, orgId: actor?.orgId ?? null };
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, lotId);
    if (!lot) return notFoundResult;
    if (lot.status !== "award_published") return conflict(lot.status === "awarded" ? "award.errors.alreadyClosed" : "award.errors.notPublished");
    const awards = await trx
      .selectFrom("awards")
      .select(["id", "bid_id", "institution_id", "status", "headcount", "price_fen", "value_fen", "objection_deadline"])
      .where("lot_id", "=", lot.id)
      .where("status", "=", "published")
      .orderBy("rank")
      .execute();
    const deadline = awards.map((a) => a.objection_deadline).filter((d): d is string => d !== null).sort().at(-1);
    if (!deadline) return conflict("award.errors.notPublished");
    const t = now();
    if (!hasObjectionWindowClosed(t, deadline)) return conflict("award.errors.windowOpen");
    const pending = await trx.selectFrom("objections").select("id").where("lot_id", "=", lot.id).where("status", "=", "pending").executeTakeFirst();
    if (pending) return conflict("award.errors.objectionPending");

    const at = t.toISOString();
    const step = applyEvent(LOT_LIFECYCLE, lot.status, "closeObjections");
    if (!step.ok) return conflict("award.errors.notPublished");
    const claimed = await trx.updateTable("lots").set({ status: step.to, updated_at: at }).where("id", "=", lot.id).where("status", "=", lot.status).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return conflict("award.errors.alreadyClosed");

    const { rules, calendar } = await rulesAndCalendar(trx, lot.regime);
    const contractIds: string[] = [];
    const awardedBids: string[] = [];
    for (const a of awards) {
      const s = applyEvent(AWARD_LIFECYCLE, a.status, "confirm");
      if (!s.ok) throw new Error("award lifecycle refused confirm");
      await trx.updateTable("awards").set({ status: s.to, updated_at: at }).where("id", "=", a.id).where("status", "=", a.status).execute();
      const bidStatus = await moveBid(trx, a.bid_id, "award", at);
      await appendAudit(trx, {
        actorUserId: by.userId,
        actorOrgId: by.orgId,
        action: "award.confirm",
        recordType: "award",
        recordId: a.id,
        before: { status: a.status },
        after: { status: s.to, bidId: a.bid_id, bidStatus },
      });
      awardedBids.push(a.bid_id);
      const c = await createContract(
        trx,
        {
          awardId: a.id,
          tenderId: lot.tenderId,
          lotId: lot.id,
          institutionId: a.institution_id,
          headcount: Number(a.headcount),
          priceFen: Number(a.price_fen),
          valueFen: Number(a.value_fen),
        },
        { at: t, rules, calendar, by, kind: "contractCreated", params: lotParams(lot) },
      );
      contractIds.push(c.contractId);
    }

    // Every other bid still in the running is not awarded (BID_LIFECYCLE passOver).
    const others = await trx.selectFrom("bids").select("id").where("lot_id", "=", lot.id).where("status", "=", "valid").orderBy("id").execute();
    const notAwarded: string[] = [];
    for (const b of others) if (await moveBid(trx, b.id, "passOver", at)) notAwarded.push(b.id);

    // The demand the awards cover is contracted; demand no award covers returns to the pool.
    const covered = await trx
      .selectFrom("award_demands as ad")
      .innerJoin("awards as a", "a.id", "ad.award_id")
      .select("ad.demand_id")
      .distinct()
      .where("a.lot_id", "=", lot.id)
      .where("a.status", "=", "confirmed")
      .execute();
    const coveredIds = new Set(covered.map((c) => c.demand_id));
    const demands = await trx.selectFrom("demands").select(["id", "status"]).where("lot_id", "=", lot.id).where("status", "=", "tendered").orderBy("id").execute();
    for (const d of demands.filter((x) => coveredIds.has(x.id))) {
      const s = applyEvent(DEMAND_LIFECYCLE, d.status, "contract");
      if (!s.ok) continue;
      await trx.updateTable("demands").set({ status: s.to, updated_at: at }).where("id", "=", d.id).where("status", "=", d.status).execute();
      await appendAudit(trx, {
        actorUserId: by.userId,
        actorOrgId: by.orgId,
        action: "demand.contract",
        recordType: "demand",
        recordId: d.id,
        before: { status: d.status },
        after: { status: s.to, lotId: lot.id },
      });
    }
    if (demands.some((d) => !coveredIds.has(d.id))) {
      // releaseLotDemand releases only demand still tendered: the contracted demand stays.
      await releaseLotDemand(trx, lot.id, by, at, "notCovered");
    }

    await appendAudit(trx, {
      actorUserId: by.userId,
      actorOrgId: by.orgId,
      action: "lot.closeObjections",
      recordType: "lot",
      recordId: lot.id,
      before: { status: lot.status },
      after: { status: step.to, objectionDeadline: deadline, awardedBids, notAwardedBids: notAwarded, contractIds },
    });
    await syncTenderStatus(trx, lot.tenderId, by, at);
    return ok({ contractIds });
  });
}

/**
 * Closes every objection window that has run out with nothing pending (first access after the
 * window, like the opening at the deadline); optionally only one tender's or one lot's. Returns
 * how many lots it closed.
 */
export async function settleDueObjectionWindows(db: DB, scope: { tenderId?: string; lotId?: string } = {}): Promise<number> {
  const t = now().toISOString();
  let q = db
    .selectFrom("lots as l")
    .innerJoin("awards as a", "a.lot_id", "l.id")
    .select("l.id")
    .distinct()
    .where("l.status", "=", "award_published")
    .where("a.status", "=", "published")
    .where("a.objection_deadline", "<", t)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("objections as o").select("o.id").whereRef("o.lot_id", "=", "l.id").where("o.status", "=", "pending"))));
  if (scope.tenderId) q = q.where("l.tender_id", "=", scope.tenderId);
  if (scope.lotId) q = q.where("l.id", "=", scope.lotId);
  let closed = 0;
  for (const { id } of await q.limit(100).execute()) {
    const r = await closeObjections(db, null, id);
    if (r.ok) closed += 1;
  }
  return closed;
}
