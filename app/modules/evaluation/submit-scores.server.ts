import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { inTransaction, Rollback } from "~/modules/tender/transaction.server";
import { now } from "~/utils/clock.server";
import { conflict, msg, ok, type Result } from "~/utils/result";
import { completeRoundIfReady } from "./complete-round.server";
import { listCriteria, listScorableBids } from "./lot-context.server";
import { isFailure, takeMemberTurn } from "./member-access.server";
import { missingCells } from "./panel";
import { refuseUnlessScoring } from "./save-scores.server";

/**
 * A member hands in their scores for the round: every valid bid scored on every criterion, after
 * which the scores are locked. When this is the last active member and the panel is lawfully
 * constituted, the round's report is written in the same transaction (completeRoundIfReady).
 */
export async function submitScores(db: DB, actor: Actor, input: { lotId: string; round: number }): Promise<Result<{ complete: boolean }>> {
  return inTransaction(db, async (trx) => {
    const at = now().toISOString();
    const turn = await takeMemberTurn(trx, actor, input.lotId, input.round, at);
    if (isFailure(turn)) return turn;
    refuseUnlessScoring(turn);
    const { lot } = turn;
    const criteria = await listCriteria(trx, lot.tenderId);
    const bids = await listScorableBids(trx, lot.lotId);
    const scored = await trx
      .selectFrom("bid_scores")
      .select(["bid_id", "criterion_id"])
      .where("round", "=", lot.round)
      .where("user_id", "=", actor.userId)
      .where(
        "bid_id",
        "in",
        bids.length > 0 ? bids.map((b) => b.bidId) : [""],
      )
      .execute();
    const missing = missingCells(
      bids.map((b) => b.bidId),
      criteria.map((c) => c.id),
      scored.map((s) => ({ bidId: s.bid_id, criterionId: s.criterion_id })),
    );
    if (missing.length > 0) throw new Rollback(conflict(msg("evaluation.errors.incomplete", { count: missing.length })));
    await trx.insertInto("panel_submissions").values({ lot_id: lot.lotId, round: lot.round, user_id: actor.userId, submitted_at: at }).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "panel.submit",
      recordType: "lot",
      recordId: lot.lotId,
      before: null,
      after: { round: lot.round, userId: actor.userId, scored: bids.length * criteria.length },
    });
    const complete = await completeRoundIfReady(trx, lot, { userId: actor.userId, orgId: actor.orgId }, at);
    return ok({ complete });
  });
}
