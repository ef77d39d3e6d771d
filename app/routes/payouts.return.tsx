import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requireActor } from "~/auth/guards.server";
import { syncPayoutStatus } from "~/modules/payment/payout-accounts.server";

/**
 * Stripe's onboarding returns here (the account link's return_url): the account's status is read
 * from Stripe and stored, and the user goes back to the payout page, which shows it.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await syncPayoutStatus(context.db, actor);
  if (r.ok) return redirect(`/payouts?notice=${r.value.block ? "payment.payouts.notices.returned" : "payment.payouts.notices.ready"}`);
  if (r.kind === "forbidden") throw forbidden();
  return redirect("/payouts?notice=payment.payouts.errors.gateway");
}
