import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { DB } from "#db/client";
import type { Actor, OrgKind, Role } from "~/modules/access/actor";
import { now } from "~/utils/clock.server";

/**
 * Sessions the way Lucia now teaches them (ADR 003): a random token in the cookie, only its
 * SHA-256 in the database, checked and extended on use. Beyond that design: an absolute lifetime
 * (12 h for everyone) and an idle limit (30 min for bureau staff), per DESIGN.md.
 */
export const ABSOLUTE_SECONDS = 12 * 60 * 60;
export const BUREAU_IDLE_SECONDS = 30 * 60;
export const DEFAULT_IDLE_SECONDS = ABSOLUTE_SECONDS;
/** last_active_at is written at most this often, to keep reads cheap. */
const TOUCH_AFTER_SECONDS = 60;

export function idleSecondsFor(kind: OrgKind): number {
  return kind === "bureau" ? BUREAU_IDLE_SECONDS : DEFAULT_IDLE_SECONDS;
}

export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** Creates a session inside the caller's transaction or on the handle; returns the token. */
export async function createSession(
  db: Pick<DB, "insertInto">,
  userId: string,
  orgKind: OrgKind,
): Promise<{ token: string; session: SessionRecord }> {
  const token = generateSessionToken();
  const id = sessionIdOf(token);
  const t = now();
  const expiresAt = new Date(t.getTime() + ABSOLUTE_SECONDS * 1000);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      created_at: t.toISOString(),
      last_active_at: t.toISOString(),
      expires_at: expiresAt.toISOString(),
      idle_seconds: idleSecondsFor(orgKind),
    })
    .execute();
  return { token, session: { id, userId, expiresAt } };
}

export interface ValidatedSession {
  session: SessionRecord;
  actor: Actor;
}

/** The session and actor for a cookie token, or null when unknown, expired or idle too long. */
export async function validateSessionToken(db: DB, token: string): Promise<ValidatedSession | null> {
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select([
      "s.id",
      "s.user_id",
      "s.expires_at",
      "s.last_active_at",
      "s.idle_seconds",
      "u.name",
      "u.email",
      "u.status as user_status",
      "o.id as org_id",
      "o.name as org_name",
      "o.kind as org_kind",
      "o.status as org_status",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const t = now().getTime();
  const lastActive = Date.parse(row.last_active_at);
  const expired = t >= Date.parse(row.expires_at) || t - lastActive >= row.idle_seconds * 1000;
  if (expired || row.user_status !== "active") {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (t - lastActive >= TOUCH_AFTER_SECONDS * 1000) {
    await db.updateTable("sessions").set({ last_active_at: new Date(t).toISOString() }).where("id", "=", id).execute();
  }
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", row.user_id).execute();
  return {
    session: { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at) },
    actor: {
      userId: row.user_id,
      name: row.name,
      email: row.email,
      orgId: row.org_id,
      orgName: row.org_name,
      orgKind: row.org_kind,
      orgStatus: row.org_status,
      roles: roles.map((r) => r.role as Role).sort(),
    },
  };
}

export async function invalidateSession(db: Pick<DB, "deleteFrom">, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user except, optionally, the one in use (password change). */
export async function invalidateUserSessions(
  db: Pick<DB, "deleteFrom">,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}
