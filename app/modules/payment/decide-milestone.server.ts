import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { configuredGateway } from "./gateway.server";
import { MILESTONE_LIFECYCLE, type PaymentStatus } from "./lifecycle";
import { blockMessage, insertAttempt, sendAfterCommit, type PaymentDeps } from "./pay-milestone.server";
import { findPayoutAccount, isUniqueViolation, moneyParam } from "./payment-records.server";
import { payoutBlock } from "./payout";

async function loadMilestone(db: DB, milestoneId: string) {
  return db
    .selectFrom("milestones as m")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .select(["m.id", "m.status", "m.number", "m.amount_fen", "m.contract_id", "c.reference", "c.institution_id"])
    .where("m.id", "=", milestoneId)
    .executeTakeFirst();
}

/**
 * Bureau finance approves a requested milestone (issue 5 "Payment"). Refused while the
 * institution's payout account cannot receive transfers, with the reason. In one transaction:
 * requested → approved (compare-and-set: of any number of concurrent approvals exactly one wins),
 * the first payment attempt with its idempotency key (the milestone id), the audit entries and
 * the institution's notice; after the commit the transfer is asked for with that key.
 */
export async function approveMilestone(
  db: DB,
  actor: Actor,
  input: { milestoneId: string },
  deps: PaymentDeps = {},
): Promise<Result<{ paymentId: string; status: PaymentStatus }>> {
  const head = await loadMilestone(db, input.milestoneId);
  if (!head || !can(actor, "payment.view", { organisationId: head.institution_id })) return notFoundResult;
  if (!can(actor, "milestone.decide")) return forbiddenResult;
  const gateway = deps.gateway ?? configuredGateway();
  let paymentId: string;
  try {
    const approved = await db.transaction().execute(async (trx) => {
      const m = await trx.selectFrom("milestones").select(["status", "amount_fen"]).where("id", "=", head.id).executeTakeFirstOrThrow();
      const step = applyEvent(MILESTONE_LIFECYCLE, m.status, "approve");
      if (!step.ok) return conflict("payment.errors.notRequested");
      const account = await findPayoutAccount(trx, head.institution_id);
      const block = payoutBlock(account, gateway.mode);
      if (block || !account) return conflict(blockMessage(block ?? "noAccount", account?.requirements ?? null));
      const at = nowIso();
      const done = await trx
        .updateTable("milestones")
        .set({ status: step.to, decided_at: at, decided_by: actor.userId, updated_at: at })
        .where("id", "=", head.id)
        .where("status", "=", m.status)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return conflict("payment.errors.notRequested");
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "milestone.approve",
        recordType: "milestone",
        recordId: head.id,
        before: { status: m.status },
        after: { status: step.to, amountFen: Number(m.amount_fen) },
      });
      const id = await insertAttempt(trx, actor, { milestoneId: head.id, attempt: 1, mode: gateway.mode, destination: account.accountId, amountFen: Number(m.amount_fen) });
      await notify(trx, {
        organisationId: head.institution_id,
        kind: "milestoneApproved",
        params: { contract: head.reference, number: Number(head.number), amount: moneyParam(Number(m.amount_fen)) },
        link: `/contracts/${head.contract_id}/payments`,
        at,
      });
      return ok(id);
    });
    if (!approved.ok) return approved;
    paymentId = approved.value;
  } catch (e) {
    // The partial unique index payments_one_live (or the key's own) refused a second attempt.
    if (isUniqueViolation(e)) return conflict("payment.errors.notRequested");
    throw e;
  }
  return ok({ paymentId, status: await sendAfterCommit(db, paymentId, { ...deps, gateway }) });
}

/**
 * Bureau finance refuses a requested milestone with a reason; its seats and trainees are freed
 * for a new request (their milestone_trainees rows go; basis_json keeps the record).
 */
export async function refuseMilestone(db: DB, actor: Actor, input: { milestoneId: string; reason: string }): Promise<Result<{ status: "refused" }>> {
  const head = await loadMilestone(db, input.milestoneId);
  if (!head || !can(actor, "payment.view", { organisationId: head.institution_id })) return notFoundResult;
  if (!can(actor, "milestone.decide")) return forbiddenResult;
  const reason = input.reason.trim();
  if (reason.length < 2) return invalid({ reason: ["payment.decide.reasonRequired"] });
  if (reason.length > 1000) return invalid({ reason: ["payment.decide.reasonTooLong"] });
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom("milestones").select(["status"]).where("id", "=", head.id).executeTakeFirstOrThrow();
    const step = applyEvent(MILESTONE_LIFECYCLE, m.status, "refuse");
    if (!step.ok) return conflict("payment.errors.notRequested");
    const at = nowIso();
    const done = await trx
      .updateTable("milestones")
      .set({ status: "refused", decided_at: at, decided_by: actor.userId, refusal_reason: reason, updated_at: at })
      .where("id", "=", head.id)
      .where("status", "=", m.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return conflict("payment.errors.notRequested");
    const freed = await trx.deleteFrom("milestone_trainees").where("milestone_id", "=", head.id).executeTakeFirst();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "milestone.refuse",
      recordType: "milestone",
      recordId: head.id,
      before: { status: m.status },
      after: { status: "refused", reason, traineesFreed: Number(freed.numDeletedRows) },
    });
    await notify(trx, {
      organisationId: head.institution_id,
      kind: "milestoneRefused",
      params: { contract: head.reference, number: Number(head.number), reason: reason.slice(0, 200) },
      link: `/contracts/${head.contract_id}/payments`,
      at,
    });
    return ok({ status: "refused" as const });
  });
}
