import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now } from "~/utils/clock.server";
import { conflict, forbiddenResult, invalid, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { RATING_COMMENT_MAX, RATING_COMMENT_MIN } from "./completion-schemas";
import { findContractForDelivery } from "./contract-access.server";

/** Where an enterprise stands towards rating a contract's training. */
export type RatingReadiness = "ready" | "noTrainees" | "resultsPending" | "rated" | "contractNotDelivering";

/**
 * May this enterprise rate the contract now? Once every one of its confirmed trainees in the
 * contract has a result (dropped ones need none), and it had at least one; once only.
 */
export async function ratingReadiness(db: DB, contract: { id: string; status: string }, enterpriseId: string): Promise<RatingReadiness> {
  const rated = await db.selectFrom("ratings").select("score").where("contract_id", "=", contract.id).where("enterprise_id", "=", enterpriseId).executeTakeFirst();
  if (rated) return "rated";
  if (contract.status !== "active" && contract.status !== "completed") return "contractNotDelivering";
  const rows = await db
    .selectFrom("enrolments as en")
    .innerJoin("demands as d", "d.id", "en.demand_id")
    .select(["en.status", "en.progress"])
    .where("en.contract_id", "=", contract.id)
    .where("d.enterprise_id", "=", enterpriseId)
    .where("en.status", "in", ["confirmed", "dropped"])
    .execute();
  if (rows.length === 0) return "noTrainees";
  if (rows.some((r) => r.status === "confirmed" && r.progress === null)) return "resultsPending";
  return "ready";
}

/**
 * An enterprise rates the training under a contract that covers its demand (DESIGN.md "Contract
 * and delivery": 1–5 with a comment, once the cohort completes), once per contract. To an
 * enterprise whose demand the contract does not cover, the contract does not exist.
 */
export async function rateTraining(db: DB, actor: Actor, input: { contractId: string; score: number; comment: string }): Promise<Result<{ score: number }>> {
  const found = await findContractForDelivery(db, actor, input.contractId);
  if (!found.ok) return found;
  // Only an enterprise the contract covers rates it; to the bureau and the institution it is not theirs to rate.
  if (!found.value.may.follow) return found.value.may.view ? forbiddenResult : notFoundResult;
  const head = found.value;
  if (!can(actor, "delivery.rate", { organisationId: actor.orgId })) return forbiddenResult;
  const comment = input.comment.trim();
  const fieldErrors: Record<string, string[]> = {};
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) fieldErrors.score = ["completion.errors.scoreRequired"];
  if (comment.length < RATING_COMMENT_MIN) fieldErrors.comment = [msg("completion.errors.commentShort", { min: RATING_COMMENT_MIN })];
  else if (comment.length > RATING_COMMENT_MAX) fieldErrors.comment = [msg("common.form.tooLong", { max: RATING_COMMENT_MAX })];
  if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom("contracts").select(["id", "status"]).where("id", "=", head.id).executeTakeFirstOrThrow();
    const readiness = await ratingReadiness(trx, c, actor.orgId);
    if (readiness !== "ready") return conflict(`completion.rating.errors.${readiness}`);
    const at = now().toISOString();
    const inserted = await trx
      .insertInto("ratings")
      .values({ contract_id: c.id, enterprise_id: actor.orgId, score: input.score, comment, rated_by: actor.userId, rated_at: at })
      .onConflict((oc) => oc.columns(["contract_id", "enterprise_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return conflict("completion.rating.errors.rated");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "rating.submit",
      recordType: "rating",
      recordId: `${c.id}:${actor.orgId}`,
      after: { contractId: c.id, enterpriseId: actor.orgId, score: input.score },
    });
    return ok({ score: input.score });
  });
}
