/**
 * Where money goes out (issue 5 "Payment"): Stripe Connect when STRIPE_SECRET_KEY is set, else
 * the built-in offline ledger that records a transfer locally and settles it at once (the demo
 * runs so, and every payment page says so). The use cases take a gateway, so tests inject one.
 */
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import {
  classifyStripeError,
  createConnectedAccount,
  createOnboardingLink,
  createStripeClient,
  createTransfer,
  retrieveAccountStatus,
  stripeConfigFromEnv,
  verifyWebhook,
  type AccountStatus,
  type StripeConfig,
} from "~/integrations/stripe.server";
import type { PaymentMode } from "./payout";

export interface TransferRequest {
  amountFen: number;
  destination: string;
  milestoneId: string;
  contractReference: string;
  idempotencyKey: string;
}

/**
 * A transfer call's outcome: `sent` (the transfer exists; `settled` when the gateway itself
 * confirms it, as the offline ledger does), `rejected` for good, or `unknown` (timeout, 5xx,
 * dropped: retry with the same key).
 */
export type TransferOutcome =
  | { kind: "sent"; transferId: string; settled: boolean }
  | { kind: "rejected"; code: string; message: string }
  | { kind: "unknown"; message: string };

export interface PaymentGateway {
  readonly mode: PaymentMode;
  createAccount(input: { organisationId: string; email: string }): Promise<{ accountId: string }>;
  onboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  accountStatus(accountId: string): Promise<AccountStatus>;
  transfer(input: TransferRequest): Promise<TransferOutcome>;
}

/** Stripe Connect through the official SDK. */
export function stripeGateway(stripe: Stripe): PaymentGateway {
  return {
    mode: "stripe",
    createAccount: (input) => createConnectedAccount(stripe, input),
    onboardingLink: (input) => createOnboardingLink(stripe, input),
    accountStatus: (accountId) => retrieveAccountStatus(stripe, accountId),
    async transfer(input) {
      try {
        const t = await createTransfer(stripe, input);
        return { kind: "sent", transferId: t.transferId, settled: false };
      } catch (e) {
        return classifyStripeError(e);
      }
    },
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);

/**
 * The offline ledger: accounts can receive at once; a transfer is recorded under an id derived
 * from its idempotency key (so a retry with the same key names the same transfer) and settled.
 */
export function offlineGateway(): PaymentGateway {
  return {
    mode: "offline",
    createAccount: async ({ organisationId }) => ({ accountId: `offline_acct_${digest(organisationId)}` }),
    // Nothing to fill in: onboarding returns straight to the app.
    onboardingLink: async ({ returnUrl }) => ({ url: returnUrl }),
    accountStatus: async () => ({ canReceive: true, detailsSubmitted: true, requirements: null }),
    transfer: async ({ idempotencyKey }) => ({ kind: "sent", transferId: `offline_tr_${digest(idempotencyKey)}`, settled: true }),
  };
}

let configured: { gateway: PaymentGateway; config: StripeConfig | null } | undefined;

/** The gateway of this process's configuration: Stripe with a secret key, else offline. */
export function configuredGateway(): PaymentGateway {
  configured ??= (() => {
    const config = stripeConfigFromEnv();
    return { config, gateway: config ? stripeGateway(createStripeClient(config)) : offlineGateway() };
  })();
  return configured.gateway;
}

/**
 * The webhook's signature check for a configuration: null without a key or a signing secret
 * (offline mode has no webhooks; every delivery is refused).
 */
export function webhookVerifier(config: StripeConfig | null): ((payload: string, signature: string | null) => Stripe.Event) | null {
  if (!config?.webhookSecret) return null;
  const stripe = createStripeClient(config);
  const secret = config.webhookSecret;
  return (payload, signature) => verifyWebhook(stripe, payload, signature, secret);
}

let configuredVerifier: { verify: ReturnType<typeof webhookVerifier> } | undefined;

/** The webhook's signature check of this process's configuration. */
export function configuredWebhookVerifier(): ReturnType<typeof webhookVerifier> {
  configuredGateway();
  configuredVerifier ??= { verify: webhookVerifier(configured?.config ?? null) };
  return configuredVerifier.verify;
}

/** The payment mode of this process's configuration, for the pages' offline notice. */
export function configuredMode(): PaymentMode {
  return configuredGateway().mode;
}
