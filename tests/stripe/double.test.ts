/**
 * The Stripe test double, exercised with the raw `stripe` SDK the way the app configures it
 * (host/port/protocol from STRIPE_DOUBLE_BASE, API version 2023-08-16): the calls it accepts,
 * each kind of request Stripe would refuse, idempotent replay, each injected failure before and
 * after the work, and signed webhook events.
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { classifyStripeError } from "~/integrations/stripe.server";
import { setClock } from "~/utils/clock.server";
import { STRIPE_DOUBLE_BASE, TEST_WEBHOOK_SECRET, useStripeDouble, type Failure } from "./double";
import { assertNoViolations, takeViolations } from "./engine";

const double = useStripeDouble();

function client(options: { timeout?: number; apiVersion?: string | null; key?: string } = {}): Stripe {
  const base = new URL(STRIPE_DOUBLE_BASE);
  return new Stripe(options.key ?? "sk_test_double", {
    ...(options.apiVersion === null ? {} : { apiVersion: (options.apiVersion ?? "2023-08-16") as Stripe.LatestApiVersion }),
    host: base.hostname,
    port: base.port || 80,
    protocol: "http",
    maxNetworkRetries: 0,
    timeout: options.timeout ?? 2_000,
    telemetry: false,
  });
}

const stripe = client();

async function failureOf(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function onboardedAccount(): Promise<string> {
  const account = await stripe.accounts.create({ type: "express", email: "pay@school.example", capabilities: { transfers: { requested: true } } });
  double.setAccountCapability(account.id, "active");
  return account.id;
}

function transferParams(destination: string, amount = 123_450): Stripe.TransferCreateParams {
  return {
    amount,
    currency: "cny",
    destination,
    transfer_group: "HT-2026-0007",
    metadata: { milestone_id: "ms_1" },
    description: "Milestone 1 of HT-2026-0007",
  };
}

describe("calls Stripe accepts", () => {
  it("creates an Express account shaped like Stripe's, with the parameters sent, and keeps it", async () => {
    const account = await stripe.accounts.create({
      type: "express",
      email: "finance@school.example",
      capabilities: { transfers: { requested: true } },
      metadata: { organisation_id: "org_1" },
    });

    expect(account.id).toMatch(/^acct_1\w{15}$/);
    expect(account).toMatchObject({
      object: "account",
      type: "express",
      email: "finance@school.example",
      capabilities: { transfers: "inactive" },
      details_submitted: false,
      metadata: { organisation_id: "org_1" },
    });
    expect(account.requirements?.currently_due?.length).toBeGreaterThan(0);
    expect(double.accounts().map((a) => a.id)).toEqual([account.id]);
    expect(double.requests).toEqual([
      {
        method: "POST",
        path: "/v1/accounts",
        params: { type: "express", email: "finance@school.example", capabilities: { transfers: { requested: true } }, metadata: { organisation_id: "org_1" } },
        idempotencyKey: expect.stringMatching(/^stripe-node-retry-/),
        status: 200,
      },
    ]);
  });

  it("links an account to onboarding, and refuses a link for an account it does not know", async () => {
    const account = await stripe.accounts.create({ type: "express" });
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: "https://skilltender.example/payouts/refresh",
      return_url: "https://skilltender.example/payouts/return",
      type: "account_onboarding",
    });
    expect(link.url).toMatch(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${account.id}/`));
    expect(link.expires_at).toBeGreaterThan(link.created);

    const missing = await failureOf(stripe.accountLinks.create({ account: "acct_1Unknown", type: "account_onboarding" }));
    expect(missing).toMatchObject({ statusCode: 400, code: "resource_missing", param: "account" });
  });

  it("retrieves the account as onboarding left it", async () => {
    const { id } = await stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    expect((await stripe.accounts.retrieve(id)).capabilities?.transfers).toBe("inactive");

    double.setAccountCapability(id, "pending");
    const pending = await stripe.accounts.retrieve(id);
    expect(pending).toMatchObject({ capabilities: { transfers: "pending" }, details_submitted: true });

    double.setAccountCapability(id, "active");
    const active = await stripe.accounts.retrieve(id);
    expect(active).toMatchObject({ capabilities: { transfers: "active" }, details_submitted: true, requirements: { currently_due: [], disabled_reason: null } });

    expect(await failureOf(stripe.accounts.retrieve("acct_1Nowhere"))).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("creates an account it did not hold when told its capability (onboarded before the test)", async () => {
    double.setAccountCapability("acct_1Seeded0000000", "active");
    expect((await stripe.accounts.retrieve("acct_1Seeded0000000")).capabilities?.transfers).toBe("active");
  });

  it("transfers to an onboarded account, keeps the transfer and reverses it", async () => {
    const destination = await onboardedAccount();
    const transfer = await stripe.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });

    expect(transfer.id).toMatch(/^tr_1\w{23}$/);
    expect(transfer).toMatchObject({
      object: "transfer",
      amount: 123_450,
      currency: "cny",
      destination,
      transfer_group: "HT-2026-0007",
      metadata: { milestone_id: "ms_1" },
      description: "Milestone 1 of HT-2026-0007",
      reversed: false,
      amount_reversed: 0,
    });
    expect(await stripe.transfers.retrieve(transfer.id)).toEqual(JSON.parse(JSON.stringify(transfer)));
    expect(double.transfers()).toHaveLength(1);
    expect(double.requests.find((r) => r.path === "/v1/transfers")).toMatchObject({
      params: { amount: 123_450, metadata: { milestone_id: "ms_1" } },
      idempotencyKey: "pay:ms_1:1",
      status: 200,
    });

    const partial = await stripe.transfers.createReversal(transfer.id, { amount: 450 });
    expect(partial).toMatchObject({ object: "transfer_reversal", amount: 450, transfer: transfer.id });
    await stripe.transfers.createReversal(transfer.id);
    expect(double.transfers()[0]).toMatchObject({ amount_reversed: 123_450, reversed: true });
    expect(await failureOf(stripe.transfers.createReversal(transfer.id, { amount: 1 }))).toMatchObject({ statusCode: 400, param: "amount" });
  });

  it("refuses, as Stripe does, a transfer to an account it does not know or that cannot receive yet", async () => {
    expect(await failureOf(stripe.transfers.create(transferParams("acct_1Nowhere")))).toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "destination",
    });
    const { id } = await stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    expect(await failureOf(stripe.transfers.create(transferParams(id)))).toMatchObject({
      statusCode: 400,
      code: "insufficient_capabilities_for_transfer",
    });
    expect(double.transfers()).toEqual([]);
  });

  it("answers other operations of the description with Stripe's example object, as stripe-mock does", async () => {
    const balance = await stripe.balance.retrieve();
    expect(balance.object).toBe("balance");
  });

  it("forgets everything on reset", async () => {
    await onboardedAccount();
    double.reset();
    expect(double.accounts()).toEqual([]);
    expect(double.requests).toEqual([]);
  });
});

describe("requests Stripe would refuse: a Stripe-shaped error, and the test fails", () => {
  async function refused(call: Promise<unknown>) {
    const error = await failureOf(call);
    const violations = takeViolations(double);
    expect(violations).toHaveLength(1);
    return { error, violation: violations[0]! };
  }

  it("an unknown URL or method", async () => {
    const url = await refused(stripe.rawRequest("POST", "/v1/transferz", {}));
    expect(url.error).toMatchObject({ statusCode: 404, type: "StripeInvalidRequestError" });
    expect(url.violation).toMatch(/Unrecognized request URL \(POST: \/v1\/transferz\)/);

    const method = await refused(stripe.rawRequest("DELETE", "/v1/transfers/tr_1", {}));
    expect(method.error.statusCode).toBe(404);
  });

  it("an unknown parameter", async () => {
    const destination = await onboardedAccount();
    const { error, violation } = await refused(stripe.transfers.create({ ...transferParams(destination), colour: "red" } as Stripe.TransferCreateParams));
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "colour" });
    expect(violation).toContain("Received unknown parameter: colour");
    expect(double.transfers()).toEqual([]);
  });

  it("a missing required parameter", async () => {
    const { error, violation } = await refused(stripe.transfers.create({ amount: 100, currency: "cny" } as Stripe.TransferCreateParams));
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "destination" });
    expect(violation).toContain("Missing required param: destination.");

    const type = await refused(stripe.accountLinks.create({ account: "acct_1" } as Stripe.AccountLinkCreateParams));
    expect(type.error).toMatchObject({ param: "type" });
  });

  it("a parameter of the wrong type", async () => {
    const { error, violation } = await refused(
      stripe.transfers.create({ amount: "ten" as unknown as number, currency: "cny", destination: "acct_1" }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "amount" });
    expect(violation).toContain("Invalid integer: ten");

    const nested = await refused(
      stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: "maybe" as unknown as boolean } } }),
    );
    expect(nested.error).toMatchObject({ param: "capabilities[transfers][requested]" });
    expect(nested.violation).toContain("Invalid boolean: maybe");
  });

  it("a value outside the enum", async () => {
    const { error, violation } = await refused(stripe.accounts.create({ type: "premium" as Stripe.AccountCreateParams.Type }));
    expect(error).toMatchObject({ statusCode: 400, param: "type" });
    expect(violation).toContain("Invalid type: must be one of custom, express, or standard");
  });

  it("a transfer without an amount, or with none to speak of", async () => {
    const destination = await onboardedAccount();
    const { error } = await refused(stripe.transfers.create({ currency: "cny", destination }));
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "amount" });
    expect((await refused(stripe.transfers.create(transferParams(destination, 0)))).error).toMatchObject({ param: "amount" });
  });

  it("another API version than the description's, or no test key", async () => {
    const version = await refused(client({ apiVersion: null }).balance.retrieve());
    expect(version.violation).toMatch(/is not the version .* \(2023-08-16\)/);

    const key = await refused(client({ key: "sk_live_123" }).balance.retrieve());
    expect(key.error.statusCode).toBe(401);
  });

  it("accepts an empty string where Stripe takes one to unset a value", async () => {
    const account = await stripe.accounts.create({ type: "express", metadata: "" });
    expect(account.metadata).toEqual({});
  });

  it("fails the test that sent a refused request, listing it, once the test is over", async () => {
    await failureOf(stripe.transfers.create({ currency: "cny", destination: "acct_1", amount: 5, colour: "red" } as Stripe.TransferCreateParams));
    // What useStripeDouble runs after each test:
    expect(() => assertNoViolations(double)).toThrow(/1 request\(s\) Stripe would refuse[\s\S]*POST \/v1\/transfers: Received unknown parameter: colour/);
    expect(() => assertNoViolations(double)).not.toThrow();
  });
});

describe("idempotency keys", () => {
  it("replays the first answer for the same key and parameters, without doing the work again", async () => {
    const destination = await onboardedAccount();
    const first = await stripe.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });
    const again = await stripe.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });

    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(double.transfers()).toHaveLength(1);
    expect(double.requests.filter((r) => r.path === "/v1/transfers")).toHaveLength(2);
  });

  it("refuses the same key with other parameters, or at another endpoint", async () => {
    const destination = await onboardedAccount();
    await stripe.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });

    const other = await failureOf(stripe.transfers.create(transferParams(destination, 99), { idempotencyKey: "pay:ms_1:1" }));
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(other).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });

    const elsewhere = await failureOf(stripe.accounts.create({ type: "express" }, { idempotencyKey: "pay:ms_1:1" }));
    expect(elsewhere).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });
    expect(double.transfers()).toHaveLength(1);
  });

  it("keeps no answer for a request refused before the work, so the same key works once the cause is gone", async () => {
    const { id } = await stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    expect((await failureOf(stripe.transfers.create(transferParams(id), { idempotencyKey: "pay:ms_1:1" }))).statusCode).toBe(400);

    double.setAccountCapability(id, "active");
    const transfer = await stripe.transfers.create(transferParams(id), { idempotencyKey: "pay:ms_1:1" });
    expect(double.transfers().map((t) => t.id)).toEqual([transfer.id]);
  });
});

describe("injected failures", () => {
  const failures: Array<{ failure: Failure; error: string; status?: number; kind: "rejected" | "unknown" }> = [
    { failure: { status: 500 }, error: "StripeAPIError", status: 500, kind: "unknown" },
    { failure: { status: 409 }, error: "StripeAPIError", status: 409, kind: "unknown" },
    { failure: { status: 429 }, error: "StripeRateLimitError", status: 429, kind: "unknown" },
    { failure: { status: 400 }, error: "StripeInvalidRequestError", status: 400, kind: "rejected" },
    { failure: { timeout: true }, error: "StripeConnectionError", kind: "unknown" },
    { failure: { drop: true }, error: "StripeConnectionError", kind: "unknown" },
  ];

  for (const { failure, error, status, kind } of failures) {
    const name = JSON.stringify(failure);

    it(`${name} before the work: nothing happened, and the retry with the same key does it once`, async () => {
      const destination = await onboardedAccount();
      const quick = client({ timeout: 150 });
      double.failNext(failure, { path: /^\/v1\/transfers$/ });

      const started = performance.now();
      const e = await failureOf(quick.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" }));
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(e.type).toBe(error);
      expect(e.statusCode).toBe(status);
      expect(classifyStripeError(e).kind).toBe(kind);
      expect(double.transfers()).toEqual([]);

      const retried = await quick.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });
      expect(retried.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
      expect(double.transfers().map((t) => t.id)).toEqual([retried.id]);
    });

    it(`${name} after the work: the transfer exists, and the retry with the same key replays it`, async () => {
      const destination = await onboardedAccount();
      const quick = client({ timeout: 150 });
      double.failNext(failure, { path: /^\/v1\/transfers$/, when: "after" });

      const e = await failureOf(quick.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" }));
      expect(e.type).toBe(error);
      expect(double.transfers()).toHaveLength(1);

      const retried = await quick.transfers.create(transferParams(destination), { idempotencyKey: "pay:ms_1:1" });
      expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true");
      expect(double.transfers().map((t) => t.id)).toEqual([retried.id]);
    });
  }

  it("says a timeout was a timeout, and records that no answer came", async () => {
    const destination = await onboardedAccount();
    double.failNext({ timeout: true });
    const e = await failureOf(client({ timeout: 100 }).transfers.create(transferParams(destination), { idempotencyKey: "k" }));
    expect(e.message).toBe("Request aborted due to timeout being reached (100ms)");
    expect(double.requests.at(-1)).toMatchObject({ path: "/v1/transfers", status: 0 });
  });

  it("fails as many times as told, only on the matching path", async () => {
    const destination = await onboardedAccount();
    double.failNext({ status: 500 }, { path: /^\/v1\/transfers$/, times: 2 });

    await stripe.accounts.retrieve(destination); // another path: not failed
    expect((await failureOf(stripe.transfers.create(transferParams(destination), { idempotencyKey: "k" }))).statusCode).toBe(500);
    expect((await failureOf(stripe.transfers.create(transferParams(destination), { idempotencyKey: "k" }))).statusCode).toBe(500);
    await stripe.transfers.create(transferParams(destination), { idempotencyKey: "k" });
    expect(double.requests.map((r) => r.status)).toEqual([200, 200, 500, 500, 200]);
  });

  it("signals that a 409 may be retried", async () => {
    double.failNext({ status: 409 });
    const e = await failureOf(stripe.balance.retrieve());
    expect(e.headers?.["stripe-should-retry"]).toBe("true");
  });
});

describe("signed webhook events", () => {
  it("signs an event about a transfer the double holds so that the SDK accepts it", async () => {
    const destination = await onboardedAccount();
    await stripe.transfers.create(transferParams(destination), { idempotencyKey: "k" });
    const transfer = double.transfers()[0]!;

    const { payload, signature } = double.signedEvent("transfer.created", transfer, { id: "evt_1" });
    const event = stripe.webhooks.constructEvent(payload, signature, TEST_WEBHOOK_SECRET);
    expect(event).toMatchObject({ id: "evt_1", object: "event", type: "transfer.created", api_version: "2023-08-16", livemode: false, data: { object: transfer } });
    expect(event).not.toHaveProperty("account");
  });

  it("dates the event by the app's clock and names the connected account of an account event", async () => {
    setClock(() => new Date("2026-12-01T02:00:00Z"));
    double.setAccountCapability("acct_1Seeded0000000", "active");
    const account = double.accounts()[0]!;
    const { payload, signature } = double.signedEvent("account.updated", account);
    const event = stripe.webhooks.constructEvent(payload, signature, TEST_WEBHOOK_SECRET);
    expect(event).toMatchObject({ type: "account.updated", account: "acct_1Seeded0000000", created: Date.parse("2026-12-01T02:00:00Z") / 1000 });
    expect(event.id).toMatch(/^evt_/);
  });

  it("gives a signature the SDK refuses for a tampered body, another secret or an old timestamp", () => {
    const transfer = { id: "tr_1", object: "transfer", amount: 100, reversed: true };
    const { payload, signature } = double.signedEvent("transfer.reversed", transfer);
    expect(() => stripe.webhooks.constructEvent(payload.replace('"amount": 100', '"amount": 900'), signature, TEST_WEBHOOK_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );

    const other = double.signedEvent("transfer.reversed", transfer, { secret: "whsec_other" });
    expect(() => stripe.webhooks.constructEvent(other.payload, other.signature, TEST_WEBHOOK_SECRET)).toThrow(/No signatures found/);

    const stale = double.signedEvent("transfer.reversed", transfer, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(() => stripe.webhooks.constructEvent(stale.payload, stale.signature, TEST_WEBHOOK_SECRET, 300)).toThrow(/Timestamp outside the tolerance zone/);
  });
});
