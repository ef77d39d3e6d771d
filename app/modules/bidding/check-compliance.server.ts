import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { BID_LIFECYCLE, type BidStatus } from "./lifecycle";

/**
 * Compliance first (DESIGN.md "Opening, evaluation, award"): after opening, the officer marks
 * each bid that counted at opening valid, or rejected with a reason (e.g. accreditation lapsed).
 * A decision may be revised until the panel starts scoring; each is audited.
 */
export async function checkCompliance(
  db: DB,
  actor: Actor,
  input: { bidId: string; decision: "valid" | "rejected"; reason?: string; expectedStatus: BidStatus },
): Promise<Result<{ status: BidStatus }>> {
  if (!can(actor, "bid.checkCompliance")) return forbiddenResult;
  const reason = input.reason?.trim() || null;
  if (input.decision === "rejected" && !reason) return invalid({ reason: ["bidding.compliance.reasonRequired"] });
  return db.transaction().execute(async (trx) => {
    const bid = await trx
      .selectFrom("bids as b")
      .innerJoin("lots as l", "l.id", "b.lot_id")
      .select(["b.id", "b.status", "b.rejection_reason", "b.lot_id", "l.status as lot_status"])
      .where("b.id", "=", input.bidId)
      .executeTakeFirst();
    if (!bid) return notFoundResult;
    if (bid.lot_status !== "opened") return conflict("bidding.compliance.lotNotOpened");
    const scored = await trx.selectFrom("bid_scores").select("bid_id").where("bid_id", "=", bid.id).limit(1).executeTakeFirst();
    if (scored) return conflict("bidding.compliance.alreadyScored");
    if (bid.status !== input.expectedStatus) return conflict("common.errors.body409");
    // A bid that did not count at opening (seal, receipt, re-confirmation) stays out.
    if (bid.rejection_reason?.startsWith("opening.")) return conflict("bidding.compliance.excludedAtOpening");
    const step = applyEvent(BID_LIFECYCLE, bid.status, input.decision === "valid" ? "accept" : "reject");
    if (!step.ok) return conflict("common.errors.body409");
    const at = now().toISOString();
    const updated = await trx
      .updateTable("bids")
      .set({
        status: step.to,
        rejection_reason: input.decision === "rejected" ? reason : null,
        compliance_by: actor.userId,
        compliance_at: at,
        updated_at: at,
      })
      .where("id", "=", bid.id)
      .where("status", "=", bid.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: input.decision === "valid" ? "bid.markValid" : "bid.reject",
      recordType: "bid",
      recordId: bid.id,
      before: { status: bid.status },
      after: { status: step.to, reason: input.decision === "rejected" ? reason : null },
    });
    return ok({ status: step.to });
  });
}
