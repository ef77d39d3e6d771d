/**
 * The payment integration against a real stripe-mock (`npm run test:stripe-mock`, which first
 * checks that one listens at STRIPE_MOCK_URL, default http://127.0.0.1:12111). Not part of
 * `npm test`: the file name keeps it out of the main vitest config.
 *
 * It checks that every call the app makes (app/integrations/stripe.server.ts) is accepted by
 * stripe-mock and that the app reads the answers correctly. Written from stripe-mock's known
 * behaviour, for a stripe-mock serving the same OpenAPI description as ../shared/data/stripe
 * (API version 2023-08-16):
 * - it validates paths and parameters against the description: an unknown URL is a 404, an
 *   unknown or missing parameter a 400 (`invalid_request_error`, no `code`);
 * - it wants an `Authorization: Bearer sk_test_<anything without "_">` key (else 401);
 * - it answers each operation with a fixed example object (fixtures3.json), echoing the values
 *   sent where the name and type match, the id from the path, a new random id on create;
 * - it keeps no state: retrieving any id returns the example, and the same idempotency key twice
 *   gives two different objects (state and idempotency are the msw double's job:
 *   tests/stripe/double.test.ts);
 * - it ignores the API version (unless started with -strict-version-check) and sends no webhooks,
 *   so the webhook check signs its events locally.
 */
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "~/env.server";
import {
  classifyStripeError,
  createConnectedAccount,
  createOnboardingLink,
  createStripeClient,
  createTransfer,
  retrieveAccountStatus,
  stripeConfigFromEnv,
  verifyWebhook,
  type StripeConfig,
} from "~/integrations/stripe.server";
import { stripeFixture } from "../stripe/openapi";

const STRIPE_MOCK_URL = process.env.STRIPE_MOCK_URL?.trim() || "http://127.0.0.1:12111";
/** stripe-mock accepts any key of the form sk_test_<one part>. */
const SECRET_KEY = "sk_test_stripemocksuite";
const WEBHOOK_SECRET = "whsec_stripe_mock_suite";

let config: StripeConfig;
let stripe: Stripe;
/** The calls the SDK made and how stripe-mock answered them, as `METHOD /path status`. */
let calls: Array<{ call: string; idempotencyKey: string | undefined }> = [];

beforeAll(() => {
  const parsed = stripeConfigFromEnv({ ...getEnv(), STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: STRIPE_MOCK_URL });
  if (!parsed) throw new Error("stripeConfigFromEnv gave no configuration for a secret key");
  config = parsed;
  stripe = createStripeClient(config, { maxNetworkRetries: 0, timeoutMs: 10_000 });
  stripe.on("response", (event: Stripe.ResponseEvent) => {
    calls.push({ call: `${event.method} ${event.path} ${event.status}`, idempotencyKey: event.idempotency_key });
  });
});

function resetCalls() {
  calls = [];
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("configuration", () => {
  it("reads the key, the webhook secret and stripe-mock's address from the environment", () => {
    expect(config).toEqual({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBase: new URL(STRIPE_MOCK_URL) });
  });

  it("is offline without a key", () => {
    expect(stripeConfigFromEnv({ ...getEnv(), STRIPE_SECRET_KEY: undefined, STRIPE_API_BASE: STRIPE_MOCK_URL })).toBeNull();
  });
});

describe("every call the app makes is accepted, and the app reads the answer", () => {
  it("creates a connected account (a new id each time: stripe-mock keeps no idempotency)", async () => {
    resetCalls();
    const first = await createConnectedAccount(stripe, { organisationId: "org_suite", email: "finance@school.example" });
    const second = await createConnectedAccount(stripe, { organisationId: "org_suite", email: "finance@school.example" });

    expect(first.accountId).toMatch(/^acct_\w+$/);
    expect(second.accountId).toMatch(/^acct_\w+$/);
    expect(second.accountId).not.toBe(first.accountId);
    expect(calls.map((c) => c.call)).toEqual(["POST /v1/accounts 200", "POST /v1/accounts 200"]);
    expect(calls[0]!.idempotencyKey).toBeTruthy();
  });

  it("creates an onboarding link", async () => {
    resetCalls();
    const { url } = await createOnboardingLink(stripe, {
      accountId: "acct_1SuiteOnboard00",
      refreshUrl: "https://skilltender.example/payouts/refresh",
      returnUrl: "https://skilltender.example/payouts/return",
    });
    expect(url).toMatch(/^https:\/\/\S+$/);
    expect(calls.map((c) => c.call)).toEqual(["POST /v1/account_links 200"]);
  });

  it("reads an account's status from Stripe's example account", async () => {
    resetCalls();
    const example = stripeFixture("account") as {
      capabilities: { transfers?: string };
      details_submitted: boolean;
      requirements: { currently_due: string[]; past_due: string[]; disabled_reason: string | null };
    };
    const status = await retrieveAccountStatus(stripe, "acct_1SuiteRetrieve");

    expect(calls.map((c) => c.call)).toEqual(["GET /v1/accounts/acct_1SuiteRetrieve 200"]);
    expect(status.canReceive).toBe(example.capabilities.transfers === "active");
    expect(status.detailsSubmitted).toBe(example.details_submitted);
    const due = [...example.requirements.past_due, ...example.requirements.currently_due];
    if (due.length > 0 || example.requirements.disabled_reason) {
      expect(status.requirements).toEqual(expect.any(String));
      for (const field of due) expect(status.requirements).toContain(field);
    } else {
      expect(status.requirements).toBeNull();
    }
  });

  it("creates a transfer in CNY fen with our idempotency key, and reads back amount, destination and time", async () => {
    resetCalls();
    const input = {
      amountFen: 1_234_567,
      destination: "acct_1SuiteDestinat",
      milestoneId: "ms_suite_1",
      contractReference: "HT-2026-0007",
      idempotencyKey: "milestone:ms_suite_1:attempt:1",
    };
    const transfer = await createTransfer(stripe, input);

    expect(transfer.transferId).toMatch(/^tr_\w+$/);
    expect(transfer.amountFen).toBe(1_234_567); // stripe-mock echoes the amount sent
    expect(transfer.destination).toBe("acct_1SuiteDestinat"); // and the destination
    expect(Number.isInteger(transfer.created)).toBe(true);
    expect(calls).toEqual([{ call: "POST /v1/transfers 200", idempotencyKey: "milestone:ms_suite_1:attempt:1" }]);

    // Stateless: the same key again is a second, different transfer (the msw double replays instead).
    const again = await createTransfer(stripe, input);
    expect(again.transferId).not.toBe(transfer.transferId);
  });
});

describe("what a refusal or a failure means to the app", () => {
  it("a request stripe-mock refuses (missing or unknown parameter) is rejected for good", async () => {
    const missing = await failureOf(stripe.transfers.create({ amount: 100, currency: "cny" } as Stripe.TransferCreateParams));
    expect(missing).toMatchObject({ statusCode: 400 });
    expect(classifyStripeError(missing)).toMatchObject({ kind: "rejected", code: expect.any(String) });

    const unknown = await failureOf(
      stripe.transfers.create({ amount: 100, currency: "cny", destination: "acct_1", colour: "red" } as Stripe.TransferCreateParams),
    );
    expect(unknown).toMatchObject({ statusCode: 400 });
    expect(classifyStripeError(unknown).kind).toBe("rejected");
  });

  it("an unknown URL is rejected for good", async () => {
    const error = await failureOf(stripe.rawRequest("POST", "/v1/transferz", {}));
    expect(error).toMatchObject({ statusCode: 404 });
    expect(classifyStripeError(error).kind).toBe("rejected");
  });

  it("a key Stripe does not take is rejected for good", async () => {
    const badKey = createStripeClient({ ...config, secretKey: "sk_live_not_a_test_key" }, { maxNetworkRetries: 0 });
    const error = await failureOf(createTransfer(badKey, { amountFen: 100, destination: "acct_1", milestoneId: "ms", contractReference: "HT", idempotencyKey: "k" }));
    expect(error).toMatchObject({ statusCode: 401 });
    expect(classifyStripeError(error).kind).toBe("rejected");
  });

  it("no answer at all (nothing listening) is an unknown outcome, to retry with the same key", async () => {
    const nowhere = createStripeClient({ ...config, apiBase: new URL("http://127.0.0.1:9") }, { maxNetworkRetries: 0, timeoutMs: 2_000 });
    const error = await failureOf(createTransfer(nowhere, { amountFen: 100, destination: "acct_1", milestoneId: "ms", contractReference: "HT", idempotencyKey: "k" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(classifyStripeError(error).kind).toBe("unknown");
  });
});

describe("webhooks (signed here: stripe-mock sends none)", () => {
  async function signedTransferEvent(options: { secret?: string; timestamp?: number } = {}) {
    const transfer = await stripe.transfers.retrieve("tr_1SuiteWebhook0000000000");
    expect(transfer.id).toBe("tr_1SuiteWebhook0000000000"); // stripe-mock puts the asked id in its example
    const payload = JSON.stringify(
      {
        id: "evt_1SuiteWebhook",
        object: "event",
        api_version: "2023-08-16",
        created: transfer.created,
        data: { object: transfer },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: "transfer.created",
      },
      null,
      2,
    );
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp });
    return { payload, signature };
  }

  it("accepts an event signed with our secret", async () => {
    const { payload, signature } = await signedTransferEvent();
    const event = verifyWebhook(stripe, payload, signature, WEBHOOK_SECRET);
    expect(event).toMatchObject({ id: "evt_1SuiteWebhook", type: "transfer.created", data: { object: { id: "tr_1SuiteWebhook0000000000", object: "transfer" } } });
  });

  it("refuses a tampered body, another secret, a stale timestamp and a missing signature", async () => {
    const { payload, signature } = await signedTransferEvent();
    expect(() => verifyWebhook(stripe, payload.replace('"livemode": false', '"livemode": true'), signature, WEBHOOK_SECRET)).toThrow();
    expect(() => verifyWebhook(stripe, payload, signature, "whsec_another")).toThrow();
    expect(() => verifyWebhook(stripe, payload, null, WEBHOOK_SECRET)).toThrow();

    const stale = await signedTransferEvent({ timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    expect(() => verifyWebhook(stripe, stale.payload, stale.signature, WEBHOOK_SECRET)).toThrow();
  });
});
