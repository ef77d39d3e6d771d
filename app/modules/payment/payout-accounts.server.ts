/**
 * An institution's payout account (issue 5 "Payment"): connected once through Stripe's hosted
 * onboarding (an Express connected account and an account link; the return page reads the
 * account's status, the refresh page makes a new link), or, in offline mode, a ledger account
 * that can receive at once. Whether it can receive transfers, and why not, is shown to the
 * institution and checked before finance may approve a milestone.
 */
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now, nowIso } from "~/utils/clock.server";
import { logError } from "~/utils/log.server";
import { conflict, forbiddenResult, ok, type Result } from "~/utils/result";
import { configuredGateway, type PaymentGateway } from "./gateway.server";
import { findPayoutAccount, isUniqueViolation } from "./payment-records.server";
import { payoutBlock, type PaymentMode, type PayoutAccountState, type PayoutBlock } from "./payout";

export interface PayoutView {
  mode: PaymentMode;
  account: PayoutAccountState | null;
  block: PayoutBlock | null;
}

/** The institution's own payout account and whether it can receive now. */
export async function findPayoutView(db: DB, actor: Actor, deps: { gateway?: PaymentGateway } = {}): Promise<Result<PayoutView>> {
  if (actor.orgKind !== "institution") return forbiddenResult;
  const mode = (deps.gateway ?? configuredGateway()).mode;
  const account = await findPayoutAccount(db, actor.orgId);
  return ok({ mode, account, block: payoutBlock(account, mode) });
}

/** Where Stripe sends the user back to, and where it asks for a fresh link: absolute URLs on this server's origin. */
export function onboardingUrls(origin: string): { returnUrl: string; refreshUrl: string } {
  return { returnUrl: `${origin}/payouts/return`, refreshUrl: `${origin}/payouts/refresh` };
}

/**
 * Starts (or resumes) onboarding: creates the connected account the first time (or when the
 * existing one belongs to the other mode), then a fresh onboarding link to send the user to.
 */
export async function startOnboarding(
  db: DB,
  actor: Actor,
  input: { returnUrl: string; refreshUrl: string },
  deps: { gateway?: PaymentGateway } = {},
): Promise<Result<{ url: string; accountId: string }>> {
  if (!can(actor, "payout.connect", { organisationId: actor.orgId })) return forbiddenResult;
  const gateway = deps.gateway ?? configuredGateway();
  let account = await findPayoutAccount(db, actor.orgId);
  try {
    if (!account || account.mode !== gateway.mode) {
      const { accountId } = await gateway.createAccount({ organisationId: actor.orgId, email: actor.email });
      account = await recordAccount(db, actor, accountId, gateway.mode, account);
    }
    const link = await gateway.onboardingLink({ accountId: account.accountId, returnUrl: input.returnUrl, refreshUrl: input.refreshUrl });
    return ok({ url: link.url, accountId: account.accountId });
  } catch (e) {
    logError(e, { msg: "payout onboarding failed", organisationId: actor.orgId });
    return conflict("payment.payouts.errors.gateway");
  }
}

async function recordAccount(db: DB, actor: Actor, accountId: string, mode: PaymentMode, previous: PayoutAccountState | null): Promise<PayoutAccountState> {
  const at = nowIso();
  try {
    await db.transaction().execute(async (trx) => {
      if (previous) {
        await trx
          .updateTable("payout_accounts")
          .set({ account_id: accountId, mode, can_receive: 0, details_submitted: 0, requirements: null, status_as_of: 0, updated_at: at })
          .where("organisation_id", "=", actor.orgId)
          .where("account_id", "=", previous.accountId)
          .execute();
      } else {
        await trx
          .insertInto("payout_accounts")
          .values({ organisation_id: actor.orgId, account_id: accountId, mode, can_receive: 0, details_submitted: 0, requirements: null, status_as_of: 0, created_at: at, updated_at: at })
          .execute();
      }
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "payout.connect",
        recordType: "payout_account",
        recordId: actor.orgId,
        before: previous ? { accountId: previous.accountId, mode: previous.mode } : undefined,
        after: { accountId, mode },
      });
    });
  } catch (e) {
    // A second click got there first: keep the account it recorded.
    if (!isUniqueViolation(e)) throw e;
  }
  const stored = await findPayoutAccount(db, actor.orgId);
  if (!stored) throw new Error("payout account not recorded");
  return stored;
}

/**
 * After onboarding (the return page): asks the gateway for the account's status and stores it,
 * unless a newer status (a later webhook) is already held.
 */
export async function syncPayoutStatus(db: DB, actor: Actor, deps: { gateway?: PaymentGateway } = {}): Promise<Result<PayoutView>> {
  if (!can(actor, "payout.connect", { organisationId: actor.orgId })) return forbiddenResult;
  const gateway = deps.gateway ?? configuredGateway();
  const account = await findPayoutAccount(db, actor.orgId);
  if (!account || account.mode !== gateway.mode) return ok({ mode: gateway.mode, account, block: payoutBlock(account, gateway.mode) });
  let status;
  try {
    status = await gateway.accountStatus(account.accountId);
  } catch (e) {
    logError(e, { msg: "payout status failed", organisationId: actor.orgId });
    return conflict("payment.payouts.errors.gateway");
  }
  const asOf = Math.floor(now().getTime() / 1000);
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("payout_accounts")
      .set({ can_receive: status.canReceive ? 1 : 0, details_submitted: status.detailsSubmitted ? 1 : 0, requirements: status.requirements, status_as_of: asOf, updated_at: nowIso() })
      .where("organisation_id", "=", actor.orgId)
      .where("account_id", "=", account.accountId)
      .where("status_as_of", "<=", asOf)
      .executeTakeFirst();
    const changed = account.canReceive !== status.canReceive || account.detailsSubmitted !== status.detailsSubmitted || account.requirements !== status.requirements;
    if (Number(done.numUpdatedRows) === 1 && changed) {
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "payout.update",
        recordType: "payout_account",
        recordId: actor.orgId,
        before: { canReceive: account.canReceive, detailsSubmitted: account.detailsSubmitted, requirements: account.requirements },
        after: { ...status, asOf },
      });
    }
  });
  const stored = await findPayoutAccount(db, actor.orgId);
  return ok({ mode: gateway.mode, account: stored, block: payoutBlock(stored, gateway.mode) });
}
