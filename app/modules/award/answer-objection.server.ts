import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { reopenEvaluation } from "~/modules/evaluation/reopen-evaluation.server";
import { notify } from "~/modules/notification/notify.server";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { releaseLotDemand } from "~/modules/tender/release-lot-demand.server";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { OBJECTION_LIFECYCLE } from "./lifecycle";
import {
  cancelLiveAwards,
  ineligibleBidIds,
  insertAwards,
  lockLot,
  lotBidderOrgIds,
  lotDemandParts,
  lotParams,
  moveBid,
  readReport,
  type By,
  type LockedLot,
  type Trx,
} from "./lot-context.server";
import { ANSWER_MAX, isLate } from "./periods";
import { proposeAwards } from "./proposal";

export type ObjectionDecision = "upheld" | "dismissed";
export type ObjectionOutcome = "reevaluate" | "next_ranked";

export interface AnswerInput {
  objectionId: string;
  decision: ObjectionDecision;
  outcome?: ObjectionOutcome | null;
  answer: string;
}

export interface AnswerResult {
  status: ObjectionDecision;
  late: boolean;
  /** What the answer did to the lot: nothing, back to evaluation, a new proposal, or the lot failed. */
  effect: "none" | "reevaluation" | "reassigned" | "failed";
}

/**
 * The bureau answers an objection (政府采购法 art. 53; DESIGN.md "Opening, evaluation, award,
 * objections"), once, with reasons. Dismissed changes nothing else. Upheld cancels every live
 * award of the lot and either sends the lot back to evaluation (a new round) or — when the
 * objection concerns one award — takes that award's bid out of the running and proposes the
 * awards again down the same ranking without it, to be published afresh. An answer after its
 * due time is recorded and shown as late. The objector and the lot's bidders are told.
 */
export async function answerObjection(db: DB, actor: Actor, input: AnswerInput): Promise<Result<AnswerResult>> {
  if (!can(actor, "objection.answer")) return forbiddenResult;
  const answer = input.answer.trim();
  if (!answer) return invalid({ answer: ["common.form.required"] });
  if ([...answer].length > ANSWER_MAX) return invalid({ answer: [msg("common.form.tooLong", { max: ANSWER_MAX })] });
  const outcome = input.decision === "upheld" ? (input.outcome ?? null) : null;
  if (input.decision === "upheld" && !outcome) return invalid({ outcome: ["award.objections.errors.outcomeRequired"] });
  const by: By = { userId: actor.userId, orgId: actor.orgId };
  return db.transaction().execute(async (trx) => {
    const first = await trx.selectFrom("objections").select("lot_id").where("id", "=", input.objectionId).executeTakeFirst();
    if (!first) return notFoundResult;
    const lot = await lockLot(trx, first.lot_id);
    if (!lot) return notFoundResult;
    const objection = await trx.selectFrom("objections").selectAll().where("id", "=", input.objectionId).executeTakeFirstOrThrow();
    if (objection.status !== "pending") return conflict("award.objections.errors.alreadyAnswered");
    if (outcome === "next_ranked" && !objection.award_id) return invalid({ outcome: ["award.objections.errors.nextRankedNeedsAward"] });
    const step = applyEvent(OBJECTION_LIFECYCLE, objection.status, input.decision === "upheld" ? "uphold" : "dismiss");
    if (!step.ok) return conflict("award.objections.errors.alreadyAnswered");
    const at = now().toISOString();
    const updated = await trx
      .updateTable("objections")
      .set({ status: step.to, outcome, answer, answered_at: at, answered_by: actor.userId })
      .where("id", "=", objection.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("award.objections.errors.alreadyAnswered");
    const late = isLate(at, objection.answer_due_at);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: step.to === "upheld" ? "objection.uphold" : "objection.dismiss",
      recordType: "objection",
      recordId: objection.id,
      before: { status: objection.status },
      after: { status: step.to, outcome, late, answeredAt: at },
    });

    let effect: AnswerResult["effect"] = "none";
    // An upheld objection acts on a published result; once the result has been withdrawn (another
    // upheld objection, re-evaluation) the answer is recorded and changes nothing more.
    if (step.to === "upheld" && lot.status === "award_published") {
      effect = outcome === "reevaluate" ? await backToEvaluation(trx, lot, by, at) : await toNextRanked(trx, lot, objection.award_id!, by, at);
    }

    const told = new Set([objection.institution_id, ...(await lotBidderOrgIds(trx, lot.id))]);
    for (const organisationId of told) {
      await notify(trx, {
        organisationId,
        kind: "objectionAnswered",
        params: { ...lotParams(lot), decision: step.to },
        link: `/bids/lots/${lot.id}`,
        at,
      });
    }
    return ok({ status: input.decision, late, effect });
  });
}

/** Upheld, re-evaluate: every live award cancelled, the lot back to evaluation in a new round. */
async function backToEvaluation(trx: Trx, lot: LockedLot, by: By, at: string): Promise<AnswerResult["effect"]> {
  await cancelLiveAwards(trx, lot.id, by, at, "objectionUpheld");
  // A new round (evaluation_round + 1), audited, the panel told, the tender synced.
  await reopenEvaluation(trx, lot.id, by, at);
  return "reevaluation";
}

/**
 * Upheld, next-ranked: the lot's live awards cancelled, the objected award's bid out of the
 * running, and a new proposal down the same ranking without it (reassign: the lot waits for the
 * officer to publish the new result, with fresh windows). No bid left → the lot fails.
 */
async function toNextRanked(trx: Trx, lot: LockedLot, awardId: string, by: By, at: string): Promise<AnswerResult["effect"]> {
  const affected = await trx.selectFrom("awards").select(["bid_id"]).where("id", "=", awardId).executeTakeFirstOrThrow();
  await cancelLiveAwards(trx, lot.id, by, at, "objectionUpheld");
  await moveBid(trx, affected.bid_id, "passOver", at, { excludedReason: "objection" });
  const report = await readReport(trx, lot.id, lot.round);
  const proposal = report ? proposeAwards(report.ranking, await lotDemandParts(trx, lot.id), await ineligibleBidIds(trx, lot.id)) : [];
  const event = proposal.length > 0 ? "reassign" : "fail";
  const step = applyEvent(LOT_LIFECYCLE, lot.status, event);
  if (!step.ok) throw new Error(`lot lifecycle refused ${event} from ${lot.status}`);
  await trx.updateTable("lots").set({ status: step.to, updated_at: at }).where("id", "=", lot.id).where("status", "=", lot.status).execute();
  if (proposal.length > 0) {
    await insertAwards(trx, lot.id, proposal, { status: "proposed", round: lot.round, at, by });
  } else {
    await releaseLotDemand(trx, lot.id, by, at, "noAcceptableBid");
  }
  await appendAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: proposal.length > 0 ? "lot.reassign" : "lot.fail",
    recordType: "lot",
    recordId: lot.id,
    before: { status: lot.status },
    after: { status: step.to, excludedBidId: affected.bid_id, awards: proposal.map((a) => ({ bidId: a.bidId, rank: a.rank, headcount: a.headcount })) },
  });
  await syncTenderStatus(trx, lot.tenderId, by, at);
  return proposal.length > 0 ? "reassigned" : "failed";
}
