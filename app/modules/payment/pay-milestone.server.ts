/**
 * Sending an approved milestone's money (issue 5 "Payment": a payment is never made twice).
 *
 * A payment attempt's row, with its idempotency key, is committed before the transfer is asked
 * for. The call's outcome is then recorded: sent (the transfer id), failed for good (the reason;
 * finance may try again under a new attempt and key), or unknown (timeout, 5xx, dropped): the
 * attempt stays pending and is only ever sent again with the same key, so Stripe replays the first
 * transfer instead of making a second. A crash between the call and the record leaves it pending
 * too; the sweep sends it again, with the same key.
 */
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { now, nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { applyEvent } from "~/utils/lifecycle";
import { logError } from "~/utils/log.server";
import { conflict, forbiddenResult, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { configuredGateway, type PaymentGateway } from "./gateway.server";
import { MILESTONE_LIFECYCLE, PAYMENT_LIFECYCLE, type PaymentStatus } from "./lifecycle";
import { findPayoutAccount, isUniqueViolation, LIVE_PAYMENT_STATUSES, moneyParam, type Trx } from "./payment-records.server";
import { payoutBlock } from "./payout";

export interface PaymentDeps {
  /** Where money goes; the process's configured gateway when absent. */
  gateway?: PaymentGateway;
  /** Tests only: runs between the transfer call and the recording of its outcome, to stand for a crash there. */
  afterTransferCall?: () => void | Promise<void>;
}

const SYSTEM = { userId: null, orgId: null } as const;

interface PaymentHead {
  id: string;
  milestoneId: string;
  attempt: number;
  idempotencyKey: string;
  mode: "stripe" | "offline";
  destination: string;
  amountFen: number;
  status: PaymentStatus;
  transferId: string | null;
  milestoneNumber: number;
  milestoneStatus: "requested" | "refused" | "approved" | "paid";
  contractId: string;
  contractReference: string;
  institutionId: string;
}

async function loadPayment(db: DB | Trx, paymentId: string): Promise<PaymentHead | undefined> {
  const r = await db
    .selectFrom("payments as p")
    .innerJoin("milestones as m", "m.id", "p.milestone_id")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .select([
      "p.id",
      "p.milestone_id",
      "p.attempt",
      "p.idempotency_key",
      "p.mode",
      "p.destination",
      "p.amount_fen",
      "p.status",
      "p.transfer_id",
      "m.number",
      "m.status as milestone_status",
      "c.id as contract_id",
      "c.reference",
      "c.institution_id",
    ])
    .where("p.id", "=", paymentId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    milestoneId: r.milestone_id,
    attempt: Number(r.attempt),
    idempotencyKey: r.idempotency_key,
    mode: r.mode,
    destination: r.destination,
    amountFen: Number(r.amount_fen),
    status: r.status,
    transferId: r.transfer_id,
    milestoneNumber: Number(r.number),
    milestoneStatus: r.milestone_status,
    contractId: r.contract_id,
    contractReference: r.reference,
    institutionId: r.institution_id,
  };
}

/**
 * Settles a payment attempt and its milestone (a webhook's transfer.created, or the offline
 * ledger), inside the caller's transaction: payment → paid, milestone approved → paid, audited,
 * the institution told. Returns false when the lifecycle allows no settling (already settled,
 * failed or reversed: nothing changes).
 */
export async function settlePayment(trx: Trx, paymentId: string, transferId: string, by: { userId: string | null; orgId: string | null } = SYSTEM): Promise<boolean> {
  const p = await loadPayment(trx, paymentId);
  if (!p) return false;
  const step = applyEvent(PAYMENT_LIFECYCLE, p.status, "settle");
  if (!step.ok) return false;
  const at = nowIso();
  const done = await trx
    .updateTable("payments")
    .set({ status: step.to, transfer_id: p.transferId ?? transferId, settled_at: at, sent_at: p.status === "pending" ? at : undefined, updated_at: at })
    .where("id", "=", p.id)
    .where("status", "=", p.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  await appendAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "payment.settle",
    recordType: "payment",
    recordId: p.id,
    before: { status: p.status },
    after: { status: step.to, transferId: p.transferId ?? transferId },
  });
  const m = applyEvent(MILESTONE_LIFECYCLE, p.milestoneStatus, "settle");
  if (m.ok) {
    await trx.updateTable("milestones").set({ status: m.to, updated_at: at }).where("id", "=", p.milestoneId).where("status", "=", p.milestoneStatus).execute();
    await appendAudit(trx, {
      actorUserId: by.userId,
      actorOrgId: by.orgId,
      action: "milestone.settle",
      recordType: "milestone",
      recordId: p.milestoneId,
      before: { status: p.milestoneStatus },
      after: { status: m.to, paymentId: p.id },
    });
  }
  await notify(trx, {
    organisationId: p.institutionId,
    kind: "paymentSettled",
    params: { contract: p.contractReference, number: p.milestoneNumber, amount: moneyParam(p.amountFen) },
    link: `/contracts/${p.contractId}/payments`,
    at,
  });
  return true;
}

/**
 * Asks the gateway for the transfer of a pending attempt, with its stored key, and records the
 * answer. Anything but pending is left alone (it was recorded already, or settled by a webhook).
 * Returns the attempt's status afterwards.
 */
export async function sendPayment(db: DB, paymentId: string, deps: PaymentDeps = {}): Promise<PaymentStatus | undefined> {
  const p = await loadPayment(db, paymentId);
  if (!p) return undefined;
  if (p.status !== "pending") return p.status;
  const gateway = deps.gateway ?? configuredGateway();
  // An attempt made under the other mode is not this gateway's to send.
  if (gateway.mode !== p.mode) return p.status;
  const outcome = await gateway.transfer({
    amountFen: p.amountFen,
    destination: p.destination,
    milestoneId: p.milestoneId,
    contractReference: p.contractReference,
    idempotencyKey: p.idempotencyKey,
  });
  await deps.afterTransferCall?.();
  if (outcome.kind === "unknown") return "pending";
  return db.transaction().execute(async (trx) => {
    const cur = await loadPayment(trx, p.id);
    if (!cur) return undefined;
    const at = nowIso();
    if (outcome.kind === "sent") {
      if (cur.status !== "pending") {
        // A webhook got here first (settled or reversed it): keep its word, remember the transfer.
        if (cur.transferId === null) await trx.updateTable("payments").set({ transfer_id: outcome.transferId, updated_at: at }).where("id", "=", cur.id).where("transfer_id", "is", null).execute();
        return cur.status;
      }
      const sent = await trx
        .updateTable("payments")
        .set({ status: "sent", transfer_id: outcome.transferId, sent_at: at, updated_at: at })
        .where("id", "=", cur.id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (Number(sent.numUpdatedRows) !== 1) return cur.status;
      await appendAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "payment.send",
        recordType: "payment",
        recordId: cur.id,
        before: { status: "pending" },
        after: { status: "sent", transferId: outcome.transferId, mode: cur.mode },
      });
      if (outcome.settled && (await settlePayment(trx, cur.id, outcome.transferId))) return "paid";
      return "sent";
    }
    // Refused for good: the attempt ends; finance may try again under a new key.
    const step = applyEvent(PAYMENT_LIFECYCLE, cur.status, "fail");
    if (!step.ok) return cur.status;
    const reason = `${outcome.code}: ${outcome.message}`.slice(0, 500);
    const failed = await trx
      .updateTable("payments")
      .set({ status: step.to, failure_reason: reason, updated_at: at })
      .where("id", "=", cur.id)
      .where("status", "=", cur.status)
      .executeTakeFirst();
    if (Number(failed.numUpdatedRows) !== 1) return cur.status;
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "payment.fail",
      recordType: "payment",
      recordId: cur.id,
      before: { status: cur.status },
      after: { status: step.to, reason },
    });
    await notify(trx, {
      organisationId: cur.institutionId,
      kind: "paymentFailed",
      params: { contract: cur.contractReference, number: cur.milestoneNumber, reason: outcome.code },
      link: `/contracts/${cur.contractId}/payments`,
      at,
    });
    return step.to;
  });
}

/**
 * Sends after a commit, as the use cases do: whatever goes wrong there (a crash of the call, of
 * the record) leaves the attempt pending for the sweep, never a second transfer, and is logged.
 */
export async function sendAfterCommit(db: DB, paymentId: string, deps: PaymentDeps): Promise<PaymentStatus> {
  try {
    return (await sendPayment(db, paymentId, deps)) ?? "pending";
  } catch (e) {
    logError(e, { msg: "payment send interrupted", paymentId });
    return "pending";
  }
}

/** Finance may act on a milestone's payments: bureau finance only; others get not found or forbidden. */
async function financeMilestone(db: DB, actor: Actor, milestoneId: string) {
  const m = await db
    .selectFrom("milestones as m")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .select(["m.id", "m.status", "m.number", "m.amount_fen", "c.institution_id", "c.reference", "c.id as contract_id"])
    .where("m.id", "=", milestoneId)
    .executeTakeFirst();
  if (!m || !can(actor, "payment.view", { organisationId: m.institution_id })) return notFoundResult;
  if (!can(actor, "milestone.decide")) return forbiddenResult;
  return ok(m);
}

/**
 * "Retry sending": a pending attempt (its outcome unknown) is sent again with the same key, so at
 * most one transfer ever exists for it.
 */
export async function retrySending(db: DB, actor: Actor, input: { paymentId: string }, deps: PaymentDeps = {}): Promise<Result<{ status: PaymentStatus }>> {
  const head = await db.selectFrom("payments").select(["milestone_id", "status"]).where("id", "=", input.paymentId).executeTakeFirst();
  if (!head) return notFoundResult;
  const m = await financeMilestone(db, actor, head.milestone_id);
  if (!m.ok) return m;
  if (head.status !== "pending") return conflict("payment.errors.notPending");
  return ok({ status: await sendAfterCommit(db, input.paymentId, deps) });
}

/**
 * "Pay again": after an attempt failed for good or its transfer was reversed, finance starts a
 * new attempt under a new key (`<milestone id>:<attempt>`), if the account can receive. The
 * partial unique index payments_one_live refuses a second live attempt even under a race.
 */
export async function payAgain(db: DB, actor: Actor, input: { milestoneId: string }, deps: PaymentDeps = {}): Promise<Result<{ paymentId: string; status: PaymentStatus }>> {
  const m = await financeMilestone(db, actor, input.milestoneId);
  if (!m.ok) return m;
  const gateway = deps.gateway ?? configuredGateway();
  let paymentId: string;
  try {
    const created = await db.transaction().execute(async (trx) => {
      const cur = await trx.selectFrom("milestones").select(["status"]).where("id", "=", input.milestoneId).executeTakeFirstOrThrow();
      if (cur.status !== "approved") return conflict("payment.errors.notApproved");
      const attempts = await trx.selectFrom("payments").select(["attempt", "status"]).where("milestone_id", "=", input.milestoneId).orderBy("attempt", "desc").execute();
      if (attempts.some((a) => LIVE_PAYMENT_STATUSES.includes(a.status))) return conflict("payment.errors.paymentLive");
      const account = await findPayoutAccount(trx, m.value.institution_id);
      const block = payoutBlock(account, gateway.mode);
      if (block || !account) return conflict(blockMessage(block ?? "noAccount", account?.requirements ?? null));
      const attempt = Number(attempts[0]?.attempt ?? 0) + 1;
      const id = await insertAttempt(trx, actor, { milestoneId: input.milestoneId, attempt, mode: gateway.mode, destination: account.accountId, amountFen: Number(m.value.amount_fen) });
      return ok(id);
    });
    if (!created.ok) return created;
    paymentId = created.value;
  } catch (e) {
    if (isUniqueViolation(e)) return conflict("payment.errors.paymentLive");
    throw e;
  }
  return ok({ paymentId, status: await sendAfterCommit(db, paymentId, { ...deps, gateway }) });
}

/** The message shown when the institution's account cannot receive transfers. */
export function blockMessage(block: NonNullable<ReturnType<typeof payoutBlock>>, requirements: string | null): string {
  return block === "requirements" && requirements ? msg("payment.payout.blocks.requirementsWith", { requirements }) : `payment.payout.blocks.${block}`;
}

/** Writes a pending attempt with its idempotency key (the milestone id for the first, `<id>:<n>` after), audited. */
export async function insertAttempt(
  trx: Trx,
  actor: Actor,
  a: { milestoneId: string; attempt: number; mode: "stripe" | "offline"; destination: string; amountFen: number },
): Promise<string> {
  const id = newId();
  const at = nowIso();
  const idempotencyKey = a.attempt === 1 ? a.milestoneId : `${a.milestoneId}:${a.attempt}`;
  await trx
    .insertInto("payments")
    .values({
      id,
      milestone_id: a.milestoneId,
      attempt: a.attempt,
      idempotency_key: idempotencyKey,
      mode: a.mode,
      destination: a.destination,
      amount_fen: a.amountFen,
      status: "pending",
      transfer_id: null,
      failure_reason: null,
      created_by: actor.userId,
      created_at: at,
      sent_at: null,
      settled_at: null,
      updated_at: at,
    })
    .execute();
  await appendAudit(trx, {
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action: "payment.create",
    recordType: "payment",
    recordId: id,
    after: { milestoneId: a.milestoneId, attempt: a.attempt, idempotencyKey, mode: a.mode, destination: a.destination, amountFen: a.amountFen, status: "pending" },
  });
  return id;
}

/**
 * Sends every pending attempt again with its own key (at start-up, periodically, or on finance's
 * request): a call whose answer was lost, or a crash before its record, ends in exactly one
 * transfer. Attempts younger than `minAgeMs` are left to the request that made them.
 */
export async function sweepPendingPayments(db: DB, deps: PaymentDeps = {}, options: { minAgeMs?: number } = {}): Promise<{ checked: number; settled: number; sent: number; failed: number; pending: number }> {
  const cutoff = new Date(now().getTime() - (options.minAgeMs ?? 0)).toISOString();
  const pending = await db.selectFrom("payments").select("id").where("status", "=", "pending").where("created_at", "<=", cutoff).orderBy("created_at").execute();
  const tally = { checked: pending.length, settled: 0, sent: 0, failed: 0, pending: 0 };
  for (const { id } of pending) {
    const status = await sendAfterCommit(db, id, deps);
    if (status === "paid") tally.settled += 1;
    else if (status === "sent") tally.sent += 1;
    else if (status === "failed") tally.failed += 1;
    else tally.pending += 1;
  }
  return tally;
}

/** Finance's "send pending payments again" button: the sweep, on request. */
export async function sweepPendingPaymentsAs(db: DB, actor: Actor, deps: PaymentDeps = {}): Promise<Result<Awaited<ReturnType<typeof sweepPendingPayments>>>> {
  if (!can(actor, "milestone.decide")) return forbiddenResult;
  return ok(await sweepPendingPayments(db, deps));
}
