import { createHash } from "node:crypto";
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { inTransaction, Rollback } from "~/modules/tender/transaction.server";
import { now } from "~/utils/clock.server";
import { conflict, invalid, ok, type Failure, type Result } from "~/utils/result";
import { listCriteria, listScorableBids } from "./lot-context.server";
import { isFailure, takeMemberTurn, type MemberTurn } from "./member-access.server";
import { checkScoreEntries, type ScoreEntryInput } from "./panel";

/** SHA-256 of the saved scores in a canonical order (bid, criterion), hex. */
function scoresDigest(scores: readonly { bidId: string; criterionId: string; hundredths: number; comment: string }[]): string {
  const lines = scores.map((s) => `${s.bidId}|${s.criterionId}|${s.hundredths}|${s.comment}`).sort();
  return createHash("sha256").update(lines.join("\n"), "utf8").digest("hex");
}

/** A member may score only after declaring no conflict for the round, and only until they submit. */
export function refuseUnlessScoring(turn: MemberTurn): void {
  const refuse = (f: Failure): never => {
    throw new Rollback(f);
  };
  if (!turn.declared) refuse(conflict("evaluation.errors.declareFirst"));
  if (turn.submitted) refuse(conflict("evaluation.errors.alreadySubmitted"));
}

/**
 * Saves a member's scores of the round's valid bids (DESIGN.md "scores every valid bid on the
 * published technical criteria, independently"): each 0 to the criterion's points, to two
 * decimals, kept as hundredths, with a non-blank comment. Saving may be repeated until the member
 * submits; submitted scores are locked. Rows left blank are skipped.
 */
export async function saveScores(
  db: DB,
  actor: Actor,
  input: { lotId: string; round: number; entries: readonly ScoreEntryInput[] },
): Promise<Result<{ saved: number }>> {
  return inTransaction(db, async (trx) => {
    const at = now().toISOString();
    const turn = await takeMemberTurn(trx, actor, input.lotId, input.round, at);
    if (isFailure(turn)) return turn;
    refuseUnlessScoring(turn);
    const { lot } = turn;
    const criteria = await listCriteria(trx, lot.tenderId);
    const bids = await listScorableBids(trx, lot.lotId);
    const check = checkScoreEntries(
      input.entries,
      criteria,
      bids.map((b) => b.bidId),
    );
    if (!check.ok) throw new Rollback(invalid(check.fieldErrors, check.formErrors));
    if (check.scores.length === 0) return ok({ saved: 0 });
    for (const s of check.scores) {
      await trx
        .insertInto("bid_scores")
        .values({ bid_id: s.bidId, round: lot.round, user_id: actor.userId, criterion_id: s.criterionId, score_hundredths: s.hundredths, comment: s.comment, updated_at: at })
        .onConflict((oc) => oc.columns(["bid_id", "round", "user_id", "criterion_id"]).doUpdateSet({ score_hundredths: s.hundredths, comment: s.comment, updated_at: at }))
        .execute();
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "panel.score",
      recordType: "lot",
      recordId: lot.lotId,
      before: null,
      // Not the scores themselves: the audit page would show them before the panel completes
      // (members score independently, unseen). A digest ties the entry to what was saved; the
      // round's report keeps every score once all have submitted.
      after: { round: lot.round, saved: check.scores.length, digest: scoresDigest(check.scores) },
    });
    return ok({ saved: check.scores.length });
  });
}
