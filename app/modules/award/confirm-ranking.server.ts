import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { releaseLotDemand } from "~/modules/tender/release-lot-demand.server";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { ineligibleBidIds, insertAwards, lockLot, lotDemandParts, readReport, type By } from "./lot-context.server";
import { proposeAwards, type ProposedAward } from "./proposal";

export type ConfirmOutcome = { outcome: "proposed"; awardIds: string[] } | { outcome: "failed" };

/**
 * The officer confirms the panel's ranking of the lot's current round (DESIGN.md "Opening,
 * evaluation, award, objections"): the awards are proposed down the ranking over the lot's
 * demand (the split the officer was shown), the report is marked confirmed and the lot waits for
 * its result to be published. A ranking with no bid able to take an award ends the lot
 * unsuccessful, its demand back in the pool. Under the lot's lock, so two confirmations make one
 * set of awards.
 */
export async function confirmRanking(db: DB, actor: Actor, input: { lotId: string; round: number }): Promise<Result<ConfirmOutcome>> {
  if (!can(actor, "award.manage")) return forbiddenResult;
  const by: By = { userId: actor.userId, orgId: actor.orgId };
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, input.lotId);
    if (!lot) return notFoundResult;
    if (lot.status !== "evaluating") return conflict(lot.status === "award_pending" ? "award.errors.alreadyConfirmed" : "award.errors.notEvaluating");
    if (lot.round !== input.round) return conflict("award.errors.staleRound");
    const report = await readReport(trx, lot.id, input.round);
    if (!report) return conflict("award.errors.noReport");
    if (report.confirmedAt) return conflict("award.errors.alreadyConfirmed");
    const at = now().toISOString();

    const claimed = await trx
      .updateTable("evaluation_reports")
      .set({ confirmed_at: at, confirmed_by: actor.userId })
      .where("lot_id", "=", lot.id)
      .where("round", "=", input.round)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return conflict("award.errors.alreadyConfirmed");

    const proposal = proposeAwards(report.ranking, await lotDemandParts(trx, lot.id), await ineligibleBidIds(trx, lot.id));
    const event = proposal.length > 0 ? "confirmRanking" : "fail";
    const step = applyEvent(LOT_LIFECYCLE, lot.status, event);
    if (!step.ok) throw new Error(`lot lifecycle refused ${event} from ${lot.status}`);
    await trx.updateTable("lots").set({ status: step.to, updated_at: at }).where("id", "=", lot.id).where("status", "=", lot.status).execute();

    let result: ConfirmOutcome;
    if (proposal.length === 0) {
      // No bid in the ranking can take an award: no acceptable bid, the lot fails (DESIGN.md "Tender and lots").
      await releaseLotDemand(trx, lot.id, by, at, "noAcceptableBid");
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "lot.fail",
        recordType: "lot",
        recordId: lot.id,
        before: { status: lot.status },
        after: { status: step.to, reason: "noAcceptableBid", round: input.round },
      });
      result = { outcome: "failed" };
    } else {
      const awardIds = await insertAwards(trx, lot.id, proposal, { status: "proposed", round: input.round, at, by });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "lot.confirmRanking",
        recordType: "lot",
        recordId: lot.id,
        before: { status: lot.status },
        after: { status: step.to, round: input.round, awards: summary(proposal) },
      });
      result = { outcome: "proposed", awardIds };
    }
    await syncTenderStatus(trx, lot.tenderId, by, at);
    return ok(result);
  });
}

function summary(proposal: readonly ProposedAward[]) {
  return proposal.map((a) => ({ bidId: a.bidId, rank: a.rank, headcount: a.headcount, valueFen: a.valueFen }));
}
