/**
 * Stripe's webhooks settle what our calls started (issue 5 "Payment"): `transfer.created` →
 * the payment and its milestone are paid (even when our call's answer never came: matched by the
 * transfer id, else by metadata.milestone_id), `transfer.reversed` → the payment is reversed and
 * its milestone goes back to approved, `account.updated` → the payout account's status, if the
 * event is newer than what we hold. Each event is kept by id in the same transaction as its
 * effect: a replay changes nothing. Out-of-order events converge, because every change is a
 * lifecycle step (a reversed payment cannot be settled) or guarded by the event's time.
 */
import type { DB } from "#db/client";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { MILESTONE_LIFECYCLE, PAYMENT_LIFECYCLE } from "./lifecycle";
import { settlePayment } from "./pay-milestone.server";
import { LIVE_PAYMENT_STATUSES, type Trx } from "./payment-records.server";
import { accountStatusOf } from "./payout";

/** The parts of a Stripe event we read (Stripe.Event has them; tests may pass plain objects). */
export interface StripeEventLike {
  id: string;
  type: string;
  created: number;
  data: { object: unknown };
}

export type EventOutcome = "duplicate" | "settled" | "reversed" | "account_updated" | "stale" | "unmatched" | "unchanged" | "ignored";

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);

/** The payment a transfer event is about: by its transfer id, else the milestone's live attempt named in its metadata. */
async function paymentOfTransfer(trx: Trx, transfer: Obj, statuses: readonly string[]) {
  const transferId = str(transfer.id);
  if (transferId) {
    const byId = await trx.selectFrom("payments").selectAll().where("transfer_id", "=", transferId).executeTakeFirst();
    if (byId) return byId;
  }
  const milestoneId = str((transfer.metadata as Obj | undefined)?.milestone_id);
  if (!milestoneId) return undefined;
  const candidates = await trx
    .selectFrom("payments")
    .selectAll()
    .where("milestone_id", "=", milestoneId)
    .where("status", "in", statuses as never)
    .where("transfer_id", "is", null)
    .orderBy("attempt", "desc")
    .execute();
  const p = candidates[0];
  // Only the transfer we asked for: same amount, same account.
  if (!p) return undefined;
  const amount = int(transfer.amount);
  const destination = str(transfer.destination);
  if ((amount !== null && amount !== Number(p.amount_fen)) || (destination !== null && destination !== p.destination)) return undefined;
  return p;
}

async function onTransferCreated(trx: Trx, transfer: Obj): Promise<EventOutcome> {
  const p = await paymentOfTransfer(trx, transfer, ["pending", "sent"]);
  if (!p) return "unmatched";
  return (await settlePayment(trx, p.id, str(transfer.id) ?? p.transfer_id ?? "")) ? "settled" : "unchanged";
}

async function onTransferReversed(trx: Trx, transfer: Obj): Promise<EventOutcome> {
  // A partial reversal leaves money with the institution: not ours to undo here.
  const amount = int(transfer.amount);
  const reversedAmount = int(transfer.amount_reversed);
  if (amount !== null && reversedAmount !== null && reversedAmount < amount) return "ignored";
  const p = await paymentOfTransfer(trx, transfer, LIVE_PAYMENT_STATUSES);
  if (!p) return "unmatched";
  const step = applyEvent(PAYMENT_LIFECYCLE, p.status, "reverse");
  if (!step.ok) return "unchanged";
  const at = nowIso();
  const transferId = p.transfer_id ?? str(transfer.id);
  const done = await trx
    .updateTable("payments")
    .set({ status: step.to, transfer_id: transferId, updated_at: at })
    .where("id", "=", p.id)
    .where("status", "=", p.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return "unchanged";
  await appendAudit(trx, {
    actorUserId: null,
    actorOrgId: null,
    action: "payment.reverse",
    recordType: "payment",
    recordId: p.id,
    before: { status: p.status },
    after: { status: step.to, transferId },
  });
  const m = await trx
    .selectFrom("milestones as m")
    .innerJoin("contracts as c", "c.id", "m.contract_id")
    .select(["m.id", "m.status", "m.number", "c.id as contract_id", "c.reference", "c.institution_id"])
    .where("m.id", "=", p.milestone_id)
    .executeTakeFirstOrThrow();
  // A paid milestone goes back to approved, to be paid again; one still approved stays so.
  const back = applyEvent(MILESTONE_LIFECYCLE, m.status, "reverse");
  if (back.ok) {
    await trx.updateTable("milestones").set({ status: back.to, updated_at: at }).where("id", "=", m.id).where("status", "=", m.status).execute();
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "milestone.reverse",
      recordType: "milestone",
      recordId: m.id,
      before: { status: m.status },
      after: { status: back.to, paymentId: p.id },
    });
  }
  await notify(trx, {
    organisationId: m.institution_id,
    kind: "paymentFailed",
    params: { contract: m.reference, number: Number(m.number), reason: "transfer_reversed" },
    link: `/contracts/${m.contract_id}/payments`,
    at,
  });
  return "reversed";
}

async function onAccountUpdated(trx: Trx, account: Obj, created: number): Promise<EventOutcome> {
  const accountId = str(account.id);
  if (!accountId) return "unmatched";
  const row = await trx.selectFrom("payout_accounts").selectAll().where("account_id", "=", accountId).where("mode", "=", "stripe").executeTakeFirst();
  if (!row) return "unmatched";
  if (created <= Number(row.status_as_of)) return "stale";
  const s = accountStatusOf(account as Parameters<typeof accountStatusOf>[0]);
  const at = nowIso();
  const done = await trx
    .updateTable("payout_accounts")
    .set({ can_receive: s.canReceive ? 1 : 0, details_submitted: s.detailsSubmitted ? 1 : 0, requirements: s.requirements, status_as_of: created, updated_at: at })
    .where("organisation_id", "=", row.organisation_id)
    .where("status_as_of", "<", created)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return "stale";
  const before = { canReceive: Number(row.can_receive) === 1, detailsSubmitted: Number(row.details_submitted) === 1, requirements: row.requirements };
  if (before.canReceive !== s.canReceive || before.detailsSubmitted !== s.detailsSubmitted || before.requirements !== s.requirements) {
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "payout.update",
      recordType: "payout_account",
      recordId: row.organisation_id,
      before,
      after: { ...s, asOf: created },
    });
  }
  return "account_updated";
}

/** Applies one verified Stripe event, once: a replay (same id) returns "duplicate" and changes nothing. */
export async function handleStripeEvent(db: DB, event: StripeEventLike): Promise<EventOutcome> {
  const object = (event.data?.object ?? {}) as Obj;
  return db.transaction().execute(async (trx) => {
    const kept = await trx
      .insertInto("stripe_events")
      .values({ id: event.id, type: event.type, object_id: str(object.id), created: event.created, received_at: nowIso(), outcome: "received" })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    if (Number(kept.numInsertedOrUpdatedRows ?? 0n) !== 1) return "duplicate";
    let outcome: EventOutcome;
    if (event.type === "transfer.created") outcome = await onTransferCreated(trx, object);
    else if (event.type === "transfer.reversed") outcome = await onTransferReversed(trx, object);
    else if (event.type === "account.updated") outcome = await onAccountUpdated(trx, object, event.created);
    else outcome = "ignored";
    await trx.updateTable("stripe_events").set({ outcome }).where("id", "=", event.id).execute();
    return outcome;
  });
}

/**
 * `POST /webhooks/stripe`: verifies the signature over the raw body (a bad, missing, stale or
 * foreign signature → 400 and nothing changes), then applies the event. Every verified event is
 * acknowledged, also those of types we do not use.
 */
export async function receiveStripeWebhook(
  db: DB,
  input: { payload: string; signature: string | null },
  verify: ((payload: string, signature: string | null) => StripeEventLike) | null,
): Promise<{ status: 200 | 400; body: { received: true } | { error: string }; outcome?: EventOutcome }> {
  if (!verify) return { status: 400, body: { error: "webhooks are not configured" } };
  let event: StripeEventLike;
  try {
    event = verify(input.payload, input.signature);
  } catch {
    return { status: 400, body: { error: "invalid signature" } };
  }
  const outcome = await handleStripeEvent(db, event);
  return { status: 200, body: { received: true }, outcome };
}
