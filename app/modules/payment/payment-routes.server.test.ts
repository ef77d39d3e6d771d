/**
 * The payment routes as the server runs them, configured from the environment (STRIPE_SECRET_KEY,
 * STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE → the Stripe test double): the webhook endpoint, and
 * finance's page, whose loading changes nothing while its button sends pending transfers again.
 */
import type { AppLoadContext } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { STRIPE_DOUBLE_BASE, TEST_WEBHOOK_SECRET, useStripeDouble } from "#tests/stripe/double";
import type { Actor } from "~/modules/access/actor";
import { action as financeAction, loader as financeLoader } from "~/routes/finance._index";
import { action as webhookAction, loader as webhookLoader } from "~/routes/webhooks.stripe";
import { approveMilestone } from "./decide-milestone.server";
import { configuredGateway } from "./gateway.server";
import { syncPayoutStatus } from "./payout-accounts.server";
import { requestMilestone } from "./request-milestone.server";
import { confirmTrainees, connectPayout, paymentsOf, paymentWorld, type PaymentWorld } from "./test-fixtures.server";

const double = useStripeDouble();

beforeAll(() => {
  // Read once, when the gateway is first asked for (as at the server's first payment request).
  process.env.STRIPE_SECRET_KEY = "sk_test_routes";
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = STRIPE_DOUBLE_BASE;
});

function context(pw: PaymentWorld, actor: Actor | null): AppLoadContext {
  return {
    db: pw.db,
    dbKind: "sqlite",
    nonce: "n",
    clientAddress: "127.0.0.1",
    log: { requestId: "test" },
    actorMemo: Promise.resolve(actor ? { actor, sessionId: "s" } : null),
  } as AppLoadContext;
}

function webhook(payload: string, signature: string | null): Request {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (signature) headers["Stripe-Signature"] = signature;
  return new Request("http://localhost/webhooks/stripe", { method: "POST", body: payload, headers });
}

/** An approved advance whose transfer's outcome is unknown (the answer was lost): pending. */
async function pendingPayment() {
  const pw = await paymentWorld();
  const gateway = configuredGateway();
  expect(gateway.mode).toBe("stripe");
  const accountId = await connectPayout(pw, gateway);
  double.setAccountCapability(accountId, "active");
  await syncPayoutStatus(pw.db, pw.member, { gateway });
  await confirmTrainees(pw, 3);
  const m = await requestMilestone(pw.db, pw.member, { contractId: pw.contract.id, kind: "advance" });
  if (!m.ok) throw new Error(JSON.stringify(m));
  // The configured client retries twice by itself, with the same key: all three answers are lost.
  double.failNext({ status: 500 }, { path: /^\/v1\/transfers$/, when: "after", times: 3 });
  const a = await approveMilestone(pw.db, pw.finance, { milestoneId: m.value.milestoneId });
  expect(a).toMatchObject({ ok: true, value: { status: "pending" } });
  return { ...pw, milestoneId: m.value.milestoneId };
}

describe("POST /webhooks/stripe", () => {
  it("answers a verified event 200 {received:true} without a session, and a tampered or unsigned one 400", async () => {
    const pw = await pendingPayment();
    const [t] = double.transfers();
    const { payload, signature } = double.signedEvent("transfer.created", t!);

    const tampered = await webhookAction({ request: webhook(payload.replace(pw.milestoneId, "someone-else"), signature), params: {}, context: context(pw, null) });
    expect(tampered.status).toBe(400);
    const unsigned = await webhookAction({ request: webhook(payload, null), params: {}, context: context(pw, null) });
    expect(unsigned.status).toBe(400);
    expect((await paymentsOf(pw, pw.milestoneId))[0]!.status).toBe("pending");

    const ok = await webhookAction({ request: webhook(payload, signature), params: {}, context: context(pw, null) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "paid", transfer_id: t!.id });
    const again = await webhookAction({ request: webhook(payload, signature), params: {}, context: context(pw, null) });
    expect(again.status).toBe(200);
    expect(await pw.db.selectFrom("stripe_events").select(["type", "outcome"]).execute()).toEqual([{ type: "transfer.created", outcome: "settled" }]);
    expect(webhookLoader().status).toBe(405);
  });
});

describe("finance's page", () => {
  it("changes nothing when it loads; its button sends the pending transfer again, with the same key", async () => {
    const pw = await pendingPayment();
    const calls = double.requests.length;
    const audit = (await pw.db.selectFrom("audit_log").select("seq").execute()).length;
    const page = await financeLoader({ request: new Request("http://localhost/finance"), params: {}, context: context(pw, pw.finance) });
    expect(page.attention).toEqual([expect.objectContaining({ status: "pending", milestoneId: pw.milestoneId })]);
    expect(page.mode).toBe("stripe");
    expect(double.requests.length).toBe(calls);
    expect((await pw.db.selectFrom("audit_log").select("seq").execute()).length).toBe(audit);

    const form = new FormData();
    form.set("intent", "sweep");
    const r = await financeAction({ request: new Request("http://localhost/finance", { method: "POST", body: form }), params: {}, context: context(pw, pw.finance) });
    expect(r).toBeInstanceOf(Response);
    expect((r as Response).headers.get("Location")).toBe("/finance?notice=payment.notices.swept");
    expect((await paymentsOf(pw, pw.milestoneId))[0]).toMatchObject({ status: "sent", transfer_id: double.transfers()[0]!.id });
    expect(double.transfers()).toHaveLength(1);
    const keys = double.requests.filter((q) => q.path === "/v1/transfers").map((q) => q.idempotencyKey);
    expect(keys).toEqual(Array(4).fill(pw.milestoneId));
  });
});
