import type { LifecycleTable } from "~/utils/lifecycle";

export type MilestoneKind = "advance" | "balance";
export type MilestoneStatus = "requested" | "refused" | "approved" | "paid";
export type PaymentStatus = "pending" | "sent" | "paid" | "failed" | "reversed";
export type MilestoneEvent = "approve" | "refuse" | "settle" | "reverse";

/**
 * A payment milestone (DESIGN.md "Contract and delivery"): the institution requests it, bureau
 * finance approves or refuses it with a reason; an approved milestone is paid when its transfer
 * settles. A reversed transfer puts it back to approved, to be paid again.
 */
export const MILESTONE_LIFECYCLE: LifecycleTable<MilestoneStatus, MilestoneEvent> = {
  requested: { approve: "approved", refuse: "refused", settle: null, reverse: null },
  approved: { approve: null, refuse: null, settle: "paid", reverse: null },
  paid: { approve: null, refuse: null, settle: null, reverse: "approved" },
  refused: { approve: null, refuse: null, settle: null, reverse: null },
};

export type PaymentEvent = "send" | "settle" | "fail" | "reverse";

/**
 * One attempt to pay an approved milestone. `pending`: the idempotency key is stored and the
 * transfer may or may not have reached Stripe — only ever retried with the same key. `sent`:
 * Stripe answered with the transfer. `paid`: the transfer is confirmed (the webhook, or the
 * offline ledger). A webhook may settle a pending attempt before the call's answer is recorded;
 * `failed` (Stripe refused it for good) and `reversed` end the attempt, and a new one (a new key)
 * may follow.
 */
export const PAYMENT_LIFECYCLE: LifecycleTable<PaymentStatus, PaymentEvent> = {
  pending: { send: "sent", settle: "paid", fail: "failed", reverse: "reversed" },
  sent: { send: null, settle: "paid", fail: null, reverse: "reversed" },
  paid: { send: null, settle: null, fail: null, reverse: "reversed" },
  failed: { send: null, settle: null, fail: null, reverse: null },
  reversed: { send: null, settle: null, fail: null, reverse: null },
};
