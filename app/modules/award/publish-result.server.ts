import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { AWARD_LIFECYCLE } from "./lifecycle";
import { lockLot, lotBidderOrgIds, lotParams, rulesAndCalendar, type By } from "./lot-context.server";
import { latestPublication, resultWindows } from "./periods";

export interface PublishedResult {
  publishedAt: string;
  publicityEndsAt: string;
  objectionDeadline: string;
  /** The latest instant the rules allowed for publication (result_publication_max after the proposal). */
  latestPublicationAt: string;
  late: boolean;
}

/**
 * Publishes the lot's proposed awards (DESIGN.md "Opening, evaluation, award, objections"; 87号令
 * art. 69): the publicity period and then the objection window run from now, in the units of the
 * tender's rules on the working-day calendar. Publication after the rules' latest day is still
 * made, and recorded as late. Every bidder of the lot is told.
 */
export async function publishResult(db: DB, actor: Actor, lotId: string): Promise<Result<PublishedResult>> {
  if (!can(actor, "award.manage")) return forbiddenResult;
  const by: By = { userId: actor.userId, orgId: actor.orgId };
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, lotId);
    if (!lot) return notFoundResult;
    if (lot.status !== "award_pending") return conflict(lot.status === "award_published" ? "award.errors.alreadyPublished" : "award.errors.notPending");
    const proposed = await trx.selectFrom("awards").select(["id", "status", "created_at"]).where("lot_id", "=", lot.id).where("status", "=", "proposed").orderBy("rank").execute();
    if (proposed.length === 0) return conflict("award.errors.notPending");
    const t = now();
    const at = t.toISOString();
    const { rules, calendar } = await rulesAndCalendar(trx, lot.regime);
    const windows = resultWindows(t, rules, calendar);
    const proposedAt = proposed.map((a) => a.created_at).sort()[0]!;
    const latest = latestPublication(new Date(proposedAt), rules, calendar);
    const result: PublishedResult = {
      publishedAt: at,
      publicityEndsAt: windows.publicityEndsAt.toISOString(),
      objectionDeadline: windows.objectionDeadline.toISOString(),
      latestPublicationAt: latest.toISOString(),
      late: t.getTime() > latest.getTime(),
    };

    const step = applyEvent(LOT_LIFECYCLE, lot.status, "publishResult");
    if (!step.ok) return conflict("award.errors.notPending");
    await trx.updateTable("lots").set({ status: step.to, updated_at: at }).where("id", "=", lot.id).where("status", "=", lot.status).execute();
    for (const a of proposed) {
      const s = applyEvent(AWARD_LIFECYCLE, a.status, "publish");
      if (!s.ok) throw new Error("award lifecycle refused publish");
      await trx
        .updateTable("awards")
        .set({ status: s.to, published_at: at, publicity_ends_at: result.publicityEndsAt, objection_deadline: result.objectionDeadline, updated_at: at })
        .where("id", "=", a.id)
        .where("status", "=", a.status)
        .execute();
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "award.publish",
        recordType: "award",
        recordId: a.id,
        before: { status: a.status },
        after: { status: s.to, publishedAt: at, publicityEndsAt: result.publicityEndsAt, objectionDeadline: result.objectionDeadline },
      });
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "lot.publishResult",
      recordType: "lot",
      recordId: lot.id,
      before: { status: lot.status },
      after: { status: step.to, ...result },
    });
    await syncTenderStatus(trx, lot.tenderId, by, at);
    for (const organisationId of await lotBidderOrgIds(trx, lot.id)) {
      await notify(trx, { organisationId, kind: "resultPublished", params: lotParams(lot), link: `/bids/lots/${lot.id}`, at });
    }
    return ok(result);
  });
}
