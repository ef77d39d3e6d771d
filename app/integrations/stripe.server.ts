/**
 * The one place the app talks to Stripe (issue 5 "Stripe in tests and in the field"): Connect
 * accounts and onboarding links for institutions, transfers from the platform to them, and the
 * webhook signature. The official SDK, with the API version pinned to the OpenAPI description the
 * tests check requests against (../shared/data/stripe/spec3.json, 2023-08-16) and the host taken
 * from STRIPE_API_BASE when set (stripe-mock, or the tests' msw double).
 */
import Stripe from "stripe";
import { getEnv, type Env } from "~/env.server";
import { accountStatusOf } from "~/modules/payment/payout";

/** The API version whose OpenAPI description the requests are checked against. */
const API_VERSION = "2023-08-16";

/** How old a webhook's signed timestamp may be, in seconds (Stripe's default). */
const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string | null;
  apiBase: URL | null;
}

/** From STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET / STRIPE_API_BASE; null = offline mode (no key). */
export function stripeConfigFromEnv(env: Env = getEnv()): StripeConfig | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return null;
  const base = env.STRIPE_API_BASE?.trim();
  let apiBase: URL | null = null;
  if (base) {
    try {
      apiBase = new URL(base);
    } catch {
      throw new Error(`STRIPE_API_BASE must be a URL such as http://127.0.0.1:12111, got "${base}"`);
    }
  }
  return { secretKey, webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || null, apiBase };
}

/** The official SDK (stripe@23.1.0), apiVersion "2023-08-16" pinned, host/port/protocol from apiBase when set. */
export function createStripeClient(config: StripeConfig, options: { maxNetworkRetries?: number; timeoutMs?: number } = {}): Stripe {
  const base = config.apiBase;
  const protocol = base?.protocol === "http:" ? "http" : "https";
  return new Stripe(config.secretKey, {
    // The SDK's types describe only its newest API version; we speak the pinned one.
    apiVersion: API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: base.port || (protocol === "http" ? 80 : 443), protocol } : {}),
  });
}

/**
 * An Express connected account for an institution, able to receive transfers once onboarded.
 * The idempotency key makes a double click give the same account, not two.
 */
export async function createConnectedAccount(stripe: Stripe, input: { organisationId: string; email: string }): Promise<{ accountId: string }> {
  const account = await stripe.accounts.create(
    {
      type: "express",
      email: input.email,
      capabilities: { transfers: { requested: true } },
      metadata: { organisation_id: input.organisationId },
    },
    { idempotencyKey: `account:${input.organisationId}:${input.email}` },
  );
  return { accountId: account.id };
}

/** A one-time link to Stripe's hosted onboarding for the account. */
export async function createOnboardingLink(stripe: Stripe, input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
  const link = await stripe.accountLinks.create({
    account: input.accountId,
    refresh_url: input.refreshUrl,
    return_url: input.returnUrl,
    type: "account_onboarding",
  });
  return { url: link.url };
}

export interface AccountStatus {
  canReceive: boolean;
  detailsSubmitted: boolean;
  requirements: string | null;
}

/** What Stripe says of the account now: can it receive transfers (capabilities.transfers active), and what is missing. */
export async function retrieveAccountStatus(stripe: Stripe, accountId: string): Promise<AccountStatus> {
  const account = await stripe.accounts.retrieve(accountId);
  return accountStatusOf(account as Parameters<typeof accountStatusOf>[0]);
}

/** A Connect transfer of `amountFen` CNY fen to the connected account, with our idempotency key. */
export async function createTransfer(
  stripe: Stripe,
  input: { amountFen: number; destination: string; milestoneId: string; contractReference: string; idempotencyKey: string },
): Promise<{ transferId: string; amountFen: number; destination: string; created: number }> {
  const transfer = await stripe.transfers.create(
    {
      amount: input.amountFen,
      currency: "cny",
      destination: input.destination,
      transfer_group: input.contractReference,
      metadata: { milestone_id: input.milestoneId },
      description: `SkillTender ${input.contractReference} milestone ${input.milestoneId}`,
    },
    { idempotencyKey: input.idempotencyKey },
  );
  const destination = typeof transfer.destination === "string" ? transfer.destination : (transfer.destination?.id ?? input.destination);
  return { transferId: transfer.id, amountFen: transfer.amount, destination, created: transfer.created };
}

/**
 * What a failed call means: Stripe refused it for good (4xx but 409/429), or the outcome is
 * unknown (5xx, 409, 429, timeout, dropped connection) and the same key must be retried.
 */
export function classifyStripeError(e: unknown): { kind: "rejected"; code: string; message: string } | { kind: "unknown"; message: string } {
  if (e instanceof Stripe.errors.StripeError) {
    const status = e.statusCode;
    if (status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 429) {
      return { kind: "rejected", code: e.code ?? e.type ?? "rejected", message: e.message };
    }
    return { kind: "unknown", message: e.message };
  }
  return { kind: "unknown", message: e instanceof Error ? e.message : String(e) };
}

/** stripe.webhooks.constructEvent with our tolerance; throws on a bad signature. */
export function verifyWebhook(stripe: Stripe, payload: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new Error("No Stripe-Signature header");
  return stripe.webhooks.constructEvent(payload, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
}
