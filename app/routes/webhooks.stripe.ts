import type { ActionFunctionArgs } from "@remix-run/node";
import { configuredWebhookVerifier } from "~/modules/payment/gateway.server";
import { receiveStripeWebhook } from "~/modules/payment/handle-stripe-event.server";

/**
 * `POST /webhooks/stripe` (DESIGN.md "Interfaces"): Stripe's events, authenticated by their
 * signature over the raw body with STRIPE_WEBHOOK_SECRET (no session; the server's Origin check
 * exempts /webhooks/). A bad, missing or stale signature → 400 and nothing changes; a verified
 * event → 200 {"received":true}, also for types the app does not use.
 */
const POST_ONLY = () => Response.json({ error: "method not allowed" }, { status: 405, headers: { Allow: "POST" } });

/** Nothing to read here: Stripe only posts. */
export function loader() {
  return POST_ONLY();
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return POST_ONLY();
  const payload = await request.text();
  const r = await receiveStripeWebhook(context.db, { payload, signature: request.headers.get("stripe-signature") }, configuredWebhookVerifier());
  return Response.json(r.body, { status: r.status });
}
