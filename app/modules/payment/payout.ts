/**
 * Payout accounts (issue 5 "Payment"): whether transfers can reach an institution's connected
 * account, and why not, from what Stripe (or the offline ledger) says about it.
 */

export type PaymentMode = "stripe" | "offline";

export interface PayoutAccountState {
  accountId: string;
  mode: PaymentMode;
  canReceive: boolean;
  detailsSubmitted: boolean;
  requirements: string | null;
}

/** Why an institution cannot be paid now; null when it can. */
export type PayoutBlock = "noAccount" | "otherMode" | "onboardingUnfinished" | "requirements";

/**
 * Can transfers reach this payout account under the gateway in use (issue 5: a milestone cannot
 * be approved for an institution whose account cannot receive transfers, with the reason)?
 * An account made in the other mode (an offline ledger account under Stripe, or the reverse)
 * cannot receive either.
 */
export function payoutBlock(account: PayoutAccountState | null, mode: PaymentMode): PayoutBlock | null {
  if (!account) return "noAccount";
  if (account.mode !== mode) return "otherMode";
  if (account.canReceive) return null;
  return account.detailsSubmitted ? "requirements" : "onboardingUnfinished";
}

/** A Stripe account object (as the API or an `account.updated` event gives it), reduced to what we keep. */
export function accountStatusOf(account: {
  capabilities?: { transfers?: string | null } | null;
  details_submitted?: boolean | null;
  requirements?: { disabled_reason?: string | null; currently_due?: readonly string[] | null; past_due?: readonly string[] | null } | null;
}): { canReceive: boolean; detailsSubmitted: boolean; requirements: string | null } {
  const canReceive = account.capabilities?.transfers === "active";
  const r = account.requirements ?? null;
  const due = [...new Set([...(r?.past_due ?? []), ...(r?.currently_due ?? [])])];
  const parts = [r?.disabled_reason ?? null, due.length > 0 ? due.join(", ") : null].filter((p): p is string => Boolean(p));
  return { canReceive, detailsSubmitted: account.details_submitted === true, requirements: parts.length > 0 ? parts.join(" · ").slice(0, 1000) : null };
}
