/**
 * Milestone payments through Stripe Connect, against the Stripe test double (tests/stripe): every
 * request is checked against Stripe's OpenAPI description, and the double keeps transfers and
 * idempotency keys, so "exactly one transfer" is read from Stripe's side, not ours.
 */
import { describe, expect, it } from "vitest";
import { STRIPE_DOUBLE_BASE, TEST_WEBHOOK_SECRET, useStripeDouble, type Failure } from "#tests/stripe/double";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { createStripeClient, stripeConfigFromEnv, type StripeConfig } from "~/integrations/stripe.server";
import { getEnv } from "~/env.server";
import { approveMilestone } from "./decide-milestone.server";
import { stripeGateway, webhookVerifier } from "./gateway.server";
import { receiveStripeWebhook } from "./handle-stripe-event.server";
import { findFinanceQueue } from "./milestone-queries.server";
import { payAgain, retrySending, sweepPendingPayments } from "./pay-milestone.server";
import { startOnboarding, syncPayoutStatus } from "./payout-accounts.server";
import { requestMilestone } from "./request-milestone.server";
import { ADVANCE_FEN, auditActions, confirmTrainees, connectPayout, milestoneRow, paymentsOf, paymentWorld, type PaymentWorld } from "./test-fixtures.server";

const double = useStripeDouble();
const config: StripeConfig = { secretKey: "sk_test_skilltender", webhookSecret: TEST_WEBHOOK_SECRET, apiBase: new URL(STRIPE_DOUBLE_BASE) };
// No retries inside the SDK and a short timeout: the tests see each failure as the app does.
const gateway = stripeGateway(createStripeClient(config, { maxNetworkRetries: 0, timeoutMs: 400 }));
const verify = webhookVerifier(config);

function value<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

/** A contract with 10 confirmed trainees whose institution has onboarded at Stripe, and its advance requested. */
async function requestedAdvance(): Promise<PaymentWorld & { milestoneId: string; accountId: string }> {
  const pw = await paymentWorld();
  const accountId = await connectPayout(pw, gateway);
  double.setAccountCapability(accountId, "active");
  value(await syncPayoutStatus(pw.db, pw.member, { gateway }));
  await confirmTrainees(pw, 10);
  const m = value(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" }));
  return { ...pw, milestoneId: m.milestoneId, accountId };
}

const transferCalls = () => double.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers");

async function deliver(pw: PaymentWorld, type: string, object: Record<string, unknown>, options?: Parameters<typeof double.signedEvent>[2]) {
  const { payload, signature } = double.signedEvent(type, object, options);
  return receiveStripeWebhook(pw.db, { payload, signature }, verify);
}

describe("the Stripe configuration", () => {
  it("is offline without a secret key, and sends every call to STRIPE_API_BASE when set", async () => {
    const env = getEnv();
    expect(stripeConfigFromEnv({ ...env, STRIPE_SECRET_KEY: undefined })).toBeNull();
    const fromEnv = stripeConfigFromEnv({ ...env, STRIPE_SECRET_KEY: "sk_test_fromenv", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_BASE: STRIPE_DOUBLE_BASE });
    expect(fromEnv).toEqual({ secretKey: "sk_test_fromenv", webhookSecret: "whsec_x", apiBase: new URL(STRIPE_DOUBLE_BASE) });
    // msw refuses any request to another host (onUnhandledRequest: "error"): reaching the double proves the base was used.
    const g = stripeGateway(createStripeClient(fromEnv!, { maxNetworkRetries: 0 }));
    const { accountId } = await g.createAccount({ organisationId: "org-1", email: "office@institution.test" });
    expect(accountId).toMatch(/^acct_/);
    expect(double.requests).toEqual([expect.objectContaining({ method: "POST", path: "/v1/accounts", status: 200 })]);
  });
});

describe("onboarding at Stripe", () => {
  it("creates the connected account once, links to Stripe's onboarding, and reads whether it can receive", async () => {
    const pw = await paymentWorld();
    const urls = { returnUrl: "https://skilltender.test/payouts/return", refreshUrl: "https://skilltender.test/payouts/refresh" };
    const first = value(await startOnboarding(pw.db, pw.member, urls, { gateway }));
    expect(first.url).toMatch(/^https:\/\/connect\.stripe\.com\//);
    const again = value(await startOnboarding(pw.db, pw.member, urls, { gateway }));
    expect(again.accountId).toBe(first.accountId);
    expect(double.accounts()).toHaveLength(1);
    const create = double.requests.find((r) => r.path === "/v1/accounts")!;
    expect(create.params).toMatchObject({ type: "express", email: pw.member.email, capabilities: { transfers: { requested: true } }, metadata: { organisation_id: pw.member.orgId } });
    expect(double.requests.filter((r) => r.path === "/v1/account_links").map((r) => r.params)).toEqual([
      { account: first.accountId, refresh_url: urls.refreshUrl, return_url: urls.returnUrl, type: "account_onboarding" },
      { account: first.accountId, refresh_url: urls.refreshUrl, return_url: urls.returnUrl, type: "account_onboarding" },
    ]);

    // Back from Stripe with the form unfinished: it cannot receive yet, and says why.
    expect(value(await syncPayoutStatus(pw.db, pw.member, { gateway }))).toMatchObject({ block: "onboardingUnfinished", account: { canReceive: false } });
    await confirmTrainees(pw, 2);
    const m = value(await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" }));
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: "payment.payout.blocks.onboardingUnfinished" });
    double.setAccountCapability(first.accountId, "pending");
    expect(value(await syncPayoutStatus(pw.db, pw.member, { gateway }))).toMatchObject({ block: "requirements", account: { requirements: expect.stringContaining("requirements.pending_verification") } });
    expect(await approveMilestone(pw.db, pw.finance, { milestoneId: m.milestoneId }, { gateway })).toMatchObject({ ok: false, message: expect.stringContaining("payment.payout.blocks.requirementsWith") });
    double.setAccountCapability(first.accountId, "active");
    expect(value(await syncPayoutStatus(pw.db, pw.member, { gateway }))).toMatchObject({ block: null, account: { canReceive: true, detailsSubmitted: true } });
    expect(double.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual(Array(3).fill(`/v1/accounts/${first.accountId}`));
    expect(await paymentsOf(pw, m.milestoneId)).toEqual([]);
  });
});

describe("an approved milestone through Stripe", () => {
  it("sends one transfer keyed by the milestone id, and the webhook settles it; a replayed event changes nothing", async () => {
    const pw = await requestedAdvance();
    const r = value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    expect(r.status).toBe("sent");
    const [t] = double.transfers();
    expect(double.transfers()).toHaveLength(1);
    expect(t).toMatchObject({ amount: 10 * ADVANCE_FEN, currency: "cny", destination: pw.accountId, transfer_group: pw.contract.reference, metadata: { milestone_id: pw.milestoneId } });
    expect(transferCalls().map((c) => c.idempotencyKey)).toEqual([pw.milestoneId]);
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "sent", transfer_id: t!.id, idempotency_key: pw.milestoneId, mode: "stripe" });
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("approved");

    const event = double.signedEvent("transfer.created", t!);
    expect(await receiveStripeWebhook(pw.db, event, verify)).toEqual({ status: 200, body: { received: true }, outcome: "settled" });
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "paid", transfer_id: t!.id });
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("paid");
    const log = await pw.db.selectFrom("audit_log").select("seq").execute();
    expect(await receiveStripeWebhook(pw.db, event, verify)).toEqual({ status: 200, body: { received: true }, outcome: "duplicate" });
    expect(await pw.db.selectFrom("audit_log").select("seq").execute()).toHaveLength(log.length);
    const settled = await pw.db.selectFrom("notifications").select("kind").where("kind", "=", "paymentSettled").execute();
    expect(settled).toHaveLength(1);
    expect((await verifyAuditChain(pw.db)).ok).toBe(true);
  });

  it("is paid once on a double click, or 50 approvals at once: one wins, the others are told, one transfer", async () => {
    const pw = await requestedAdvance();
    const results = await Promise.all(Array.from({ length: 50 }, () => approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(49).fill({ ok: false, kind: "conflict", message: "payment.errors.notRequested" }));
    expect(double.transfers()).toHaveLength(1);
    expect(transferCalls()).toHaveLength(1);
    expect(await paymentsOf(pw, pw.milestoneId)).toHaveLength(1);
  });

  const unknown: [string, Failure, "before" | "after"][] = [
    ["a 500 before the work", { status: 500 }, "before"],
    ["a 500 after the work", { status: 500 }, "after"],
    ["a timeout after the work", { timeout: true }, "after"],
    ["a dropped connection after the work", { drop: true }, "after"],
    ["a 409 (the key in use)", { status: 409 }, "before"],
    ["a 429 (rate limited)", { status: 429 }, "before"],
  ];
  it.each(unknown)("stays pending on %s, and a retry with the same key ends in exactly one transfer", async (_, failure, when) => {
    const pw = await requestedAdvance();
    double.failNext(failure, { path: /^\/v1\/transfers$/, when });
    const r = value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    expect(r.status).toBe("pending");
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "pending", transfer_id: null });
    expect(double.transfers()).toHaveLength(when === "after" ? 1 : 0);

    expect(value(await retrySending(pw.db, pw.finance, { paymentId: r.paymentId }, { gateway })).status).toBe("sent");
    expect(double.transfers()).toHaveLength(1);
    expect(transferCalls().map((c) => c.idempotencyKey)).toEqual([pw.milestoneId, pw.milestoneId]);
    const [p] = await paymentsOf(pw, pw.milestoneId);
    expect(p).toMatchObject({ status: "sent", attempt: 1, transfer_id: double.transfers()[0]!.id });
    // Nothing left for the sweep, and it sends nothing.
    expect(await sweepPendingPayments(pw.db, { gateway })).toMatchObject({ checked: 0 });
    expect(transferCalls()).toHaveLength(2);
  });

  it("is paid once after a crash between Stripe's answer and its record: the sweep sends again with the same key and Stripe replays", async () => {
    const pw = await requestedAdvance();
    const r = value(
      await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, {
        gateway,
        afterTransferCall: () => {
          throw new Error("crash between the call and the commit");
        },
      }),
    );
    expect(r.status).toBe("pending");
    expect(double.transfers()).toHaveLength(1);
    expect(value(await findFinanceQueue(pw.db, pw.finance, { gateway })).attention).toEqual([expect.objectContaining({ paymentId: r.paymentId, status: "pending" })]);
    expect(await sweepPendingPayments(pw.db, { gateway })).toMatchObject({ checked: 1, sent: 1 });
    expect(double.transfers()).toHaveLength(1);
    expect(transferCalls().map((c) => [c.idempotencyKey, c.status])).toEqual([
      [pw.milestoneId, 200],
      [pw.milestoneId, 200],
    ]);
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "sent", transfer_id: double.transfers()[0]!.id });
  });

  it("is settled by the webhook even when our call's answer never came, and is not sent again", async () => {
    const pw = await requestedAdvance();
    double.failNext({ timeout: true }, { path: /^\/v1\/transfers$/, when: "after" });
    const r = value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    expect(r.status).toBe("pending");
    const [t] = double.transfers();
    expect((await deliver(pw, "transfer.created", t!)).outcome).toBe("settled");
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "paid", transfer_id: t!.id });
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("paid");
    expect(await sweepPendingPayments(pw.db, { gateway })).toMatchObject({ checked: 0 });
    expect(transferCalls()).toHaveLength(1);
  });

  it("fails when Stripe refuses it for good, with the reason; finance pays again under a new key", async () => {
    const pw = await requestedAdvance();
    double.failNext({ status: 400 }, { path: /^\/v1\/transfers$/ });
    const r = value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    expect(r.status).toBe("failed");
    const [p1] = await paymentsOf(pw, pw.milestoneId);
    expect(p1).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("balance_insufficient") });
    expect(await pw.db.selectFrom("notifications").select("kind").where("kind", "=", "paymentFailed").execute()).toHaveLength(1);
    expect(await retrySending(pw.db, pw.finance, { paymentId: p1!.id }, { gateway })).toMatchObject({ ok: false, message: "payment.errors.notPending" });
    expect(value(await findFinanceQueue(pw.db, pw.finance, { gateway })).attention).toEqual([expect.objectContaining({ paymentId: p1!.id, status: "failed" })]);

    const again = value(await payAgain(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    expect(again.status).toBe("sent");
    expect(transferCalls().map((c) => c.idempotencyKey)).toEqual([pw.milestoneId, `${pw.milestoneId}:2`]);
    expect(double.transfers()).toHaveLength(1);
    expect(await payAgain(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway })).toMatchObject({ ok: false, message: "payment.errors.paymentLive" });
    expect(await auditActions(pw, again.paymentId)).toEqual(["payment.create", "payment.send"]);
  });
});

describe("the Stripe webhook", () => {
  it("refuses a tampered body, a wrong secret, a stale timestamp and a missing signature, and changes nothing", async () => {
    const pw = await requestedAdvance();
    value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    const [t] = double.transfers();
    const good = double.signedEvent("transfer.created", t!);
    const bad = [
      { payload: good.payload.replace(`"amount": ${10 * ADVANCE_FEN}`, `"amount": ${10 * ADVANCE_FEN + 1}`), signature: good.signature },
      double.signedEvent("transfer.created", t!, { secret: "whsec_someone_else" }),
      double.signedEvent("transfer.created", t!, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      { payload: good.payload, signature: null },
      { payload: good.payload, signature: "t=1,v1=deadbeef" },
    ];
    expect(bad[0]!.payload).not.toBe(good.payload);
    for (const b of bad) expect(await receiveStripeWebhook(pw.db, b, verify)).toMatchObject({ status: 400 });
    // Without a signing secret nothing is accepted.
    expect(await receiveStripeWebhook(pw.db, good, webhookVerifier({ ...config, webhookSecret: null }))).toMatchObject({ status: 400 });
    expect(await pw.db.selectFrom("stripe_events").selectAll().execute()).toEqual([]);
    expect((await paymentsOf(pw, pw.milestoneId))[0]!.status).toBe("sent");
    expect(await receiveStripeWebhook(pw.db, good, verify)).toMatchObject({ status: 200, outcome: "settled" });
  });

  it("acknowledges types it does not use, and ignores transfers that are not ours", async () => {
    const pw = await paymentWorld();
    expect(await deliver(pw, "charge.succeeded", { id: "ch_1", object: "charge" })).toEqual({ status: 200, body: { received: true }, outcome: "ignored" });
    expect((await deliver(pw, "transfer.created", { id: "tr_elsewhere", object: "transfer", amount: 100, destination: "acct_x", metadata: {} })).outcome).toBe("unmatched");
  });

  it("converges when the reversal arrives before the creation: reversed it stays, and the milestone waits to be paid again", async () => {
    const pw = await requestedAdvance();
    double.failNext({ drop: true }, { path: /^\/v1\/transfers$/, when: "after" });
    value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    const [t] = double.transfers();
    const reversed = { ...t!, amount_reversed: t!.amount, reversed: true };
    const created = Math.floor(Date.now() / 1000);
    expect((await deliver(pw, "transfer.reversed", reversed, { created: created + 5 })).outcome).toBe("reversed");
    expect((await deliver(pw, "transfer.created", t!, { created })).outcome).toBe("unchanged");
    const [p] = await paymentsOf(pw, pw.milestoneId);
    expect(p).toMatchObject({ status: "reversed", transfer_id: t!.id });
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("approved");
    // The sweep has nothing to send; finance pays again under a new key.
    expect(await sweepPendingPayments(pw.db, { gateway })).toMatchObject({ checked: 0 });
    expect(value(await payAgain(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway })).status).toBe("sent");
    expect(double.transfers()).toHaveLength(2);
  });

  it("in order, settles then reverses: the milestone goes back to approved", async () => {
    const pw = await requestedAdvance();
    value(await approveMilestone(pw.db, pw.finance, { milestoneId: pw.milestoneId }, { gateway }));
    const [t] = double.transfers();
    expect((await deliver(pw, "transfer.created", t!)).outcome).toBe("settled");
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("paid");
    // A partial reversal is not a reversal of the payment.
    expect((await deliver(pw, "transfer.reversed", { ...t!, amount_reversed: 100, reversed: false })).outcome).toBe("ignored");
    expect((await deliver(pw, "transfer.reversed", { ...t!, amount_reversed: t!.amount, reversed: true })).outcome).toBe("reversed");
    expect((await milestoneRow(pw, pw.milestoneId)).status).toBe("approved");
    expect(await auditActions(pw, pw.milestoneId)).toEqual(["milestone.request", "milestone.approve", "milestone.settle", "milestone.reverse"]);
    // A late copy of the creation (another event id) cannot bring the reversed payment back.
    expect((await deliver(pw, "transfer.created", t!)).outcome).toBe("unchanged");
    expect((await paymentsOf(pw, pw.milestoneId))[0]!.status).toBe("reversed");
  });

  it("updates the payout account from account.updated, newest event wins", async () => {
    const pw = await paymentWorld();
    const accountId = await connectPayout(pw, gateway);
    const asOf = Number((await pw.db.selectFrom("payout_accounts").select("status_as_of").executeTakeFirstOrThrow()).status_as_of);
    double.setAccountCapability(accountId, "active");
    const active = double.accounts()[0]!;
    double.setAccountCapability(accountId, "inactive");
    const inactive = double.accounts()[0]!;
    expect((await deliver(pw, "account.updated", active, { created: asOf + 20 })).outcome).toBe("account_updated");
    expect(await pw.db.selectFrom("payout_accounts").select(["can_receive", "status_as_of"]).executeTakeFirstOrThrow()).toEqual({ can_receive: 1, status_as_of: asOf + 20 });
    // An older event, delivered late, does not undo the newer one.
    expect((await deliver(pw, "account.updated", inactive, { created: asOf + 10 })).outcome).toBe("stale");
    expect((await pw.db.selectFrom("payout_accounts").select("can_receive").executeTakeFirstOrThrow()).can_receive).toBe(1);
    expect((await deliver(pw, "account.updated", inactive, { created: asOf + 30 })).outcome).toBe("account_updated");
    const row = await pw.db.selectFrom("payout_accounts").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ can_receive: 0, status_as_of: asOf + 30 });
    expect(row.requirements).not.toBeNull();
    const updates = await pw.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "payout.update").execute();
    expect(updates.filter((u) => u.actor_user_id === null)).toHaveLength(2);
  });
});
