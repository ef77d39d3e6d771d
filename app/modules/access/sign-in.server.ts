import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { DB } from "#db/client";
import { verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import { createSession, invalidateSession } from "~/auth/session.server";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { now } from "~/utils/clock.server";
import { isThrottled, WINDOW_MS } from "./throttle";

export type SignInResult = { ok: true; token: string; userId: string } | { ok: false; reason: "failed" | "throttled" };

/** A key for an e-mail that is not the e-mail itself, for audit entries of unknown accounts. */
function emailFingerprint(emailKey: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`signin:${emailKey}`))).slice(0, 16);
}

/**
 * Signs a user in: throttle check, password check (the same work for unknown accounts), then a
 * fresh session replacing the one in use (rotation), with the attempt and the audit entry
 * written in the same transaction.
 */
export async function signIn(
  db: DB,
  input: { email: string; password: string; address: string; previousSessionId?: string | null },
): Promise<SignInResult> {
  const emailKey = input.email.trim().toLowerCase();
  const t = now();
  const since = new Date(t.getTime() - WINDOW_MS).toISOString();

  const [account, address] = await Promise.all([
    db
      .selectFrom("sign_in_attempts")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
      .where("email_key", "=", emailKey)
      .where("succeeded", "=", 0)
      .where("at", ">", since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("sign_in_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("address", "=", input.address)
      .where("succeeded", "=", 0)
      .where("at", ">", since)
      .executeTakeFirstOrThrow(),
  ]);
  const throttled = isThrottled({
    accountFailures: Number(account.n),
    lastAccountFailureAt: account.last ? new Date(account.last) : null,
    addressFailures: Number(address.n),
    now: t,
  });

  const user = await db
    .selectFrom("users as u")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.password_hash", "u.status", "o.id as org_id", "o.kind as org_kind"])
    .where("u.email", "=", emailKey)
    .executeTakeFirst();

  if (throttled) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "session.signInThrottled",
        recordType: "user",
        recordId: user?.id ?? null,
        after: user ? undefined : { account: emailFingerprint(emailKey) },
      }),
    );
    return { ok: false, reason: "throttled" };
  }

  const passwordOk =
    user && user.status === "active"
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDummy(input.password);

  if (!user || !passwordOk) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("sign_in_attempts")
        .values({ id: newId(), email_key: emailKey, address: input.address, succeeded: 0, at: now().toISOString() })
        .execute();
      await appendAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "session.signInFailed",
        recordType: "user",
        recordId: user?.id ?? null,
        after: user ? undefined : { account: emailFingerprint(emailKey) },
      });
    });
    return { ok: false, reason: "failed" };
  }

  return db.transaction().execute(async (trx) => {
    if (input.previousSessionId) await invalidateSession(trx, input.previousSessionId);
    const { token } = await createSession(trx, user.id, user.org_kind);
    await trx
      .insertInto("sign_in_attempts")
      .values({ id: newId(), email_key: emailKey, address: input.address, succeeded: 1, at: now().toISOString() })
      .execute();
    await appendAudit(trx, {
      actorUserId: user.id,
      actorOrgId: user.org_id,
      action: "session.signIn",
      recordType: "user",
      recordId: user.id,
    });
    return { ok: true as const, token, userId: user.id };
  });
}

/** Ends the session in use. */
export async function signOut(db: DB, sessionId: string, actor: { userId: string; orgId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await invalidateSession(trx, sessionId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "session.signOut",
      recordType: "user",
      recordId: actor.userId,
    });
  });
}
