import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requireActor } from "~/auth/guards.server";
import { onboardingUrls, startOnboarding } from "~/modules/payment/payout-accounts.server";

/**
 * Stripe sends the user here when an onboarding link has expired or was used (the account link's
 * refresh_url): a new link is made for the same account and the user goes straight back to Stripe.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await startOnboarding(context.db, actor, onboardingUrls(new URL(request.url).origin));
  if (r.ok) return redirect(r.value.url);
  if (r.kind === "forbidden") throw forbidden();
  return redirect("/payouts?notice=payment.payouts.errors.gateway");
}
