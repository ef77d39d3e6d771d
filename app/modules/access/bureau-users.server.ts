import type { DB } from "#db/client";
import { hashPassword } from "~/auth/password.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { nowIso } from "~/utils/clock.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import type { Actor, BureauRole } from "./actor";
import { can } from "./policy";

export interface BureauUser {
  id: string;
  name: string;
  email: string;
  status: "active" | "disabled";
  roles: BureauRole[];
  createdAt: string;
}

async function bureauOrgId(db: Pick<DB, "selectFrom">): Promise<string | undefined> {
  const r = await db.selectFrom("organisations").select("id").where("kind", "=", "bureau").executeTakeFirst();
  return r?.id;
}

/** Every user of the bureau with their roles. */
export async function listBureauUsers(db: DB): Promise<BureauUser[]> {
  const orgId = await bureauOrgId(db);
  if (!orgId) return [];
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "status", "created_at"])
    .where("organisation_id", "=", orgId)
    .orderBy("name")
    .execute();
  const roles = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select(["user_roles.user_id", "user_roles.role"])
    .where("users.organisation_id", "=", orgId)
    .execute();
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    status: u.status,
    createdAt: u.created_at,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as BureauRole).sort(),
  }));
}

/** One user of the bureau with their roles, or undefined (also for users of other organisations). */
export async function findBureauUser(db: DB, id: string): Promise<BureauUser | undefined> {
  const orgId = await bureauOrgId(db);
  if (!orgId) return undefined;
  const u = await db
    .selectFrom("users")
    .select(["id", "name", "email", "status", "created_at"])
    .where("id", "=", id)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  if (!u) return undefined;
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", u.id).execute();
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    status: u.status,
    createdAt: u.created_at,
    roles: roles.map((r) => r.role as BureauRole).sort(),
  };
}

/**
 * Creates a bureau user with roles (DESIGN.md: bureau users are created by a bureau admin).
 * `actor` null is the command-line step that makes the first admin.
 */
export async function createBureauUser(
  db: DB,
  actor: Actor | null,
  input: { name: string; email: string; password: string; roles: BureauRole[] },
): Promise<Result<{ userId: string }>> {
  if (actor && !can(actor, "bureauUser.create")) return forbiddenResult;
  if (input.roles.length === 0) return invalid({ roles: ["bureau.users.atLeastOneRole"] });
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const orgId = await bureauOrgId(trx);
    if (!orgId) return notFoundResult;
    const taken = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken) return invalid({ email: ["auth.email.taken"] });
    const userId = newId();
    const t = nowIso();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        organisation_id: orgId,
        email: input.email,
        name: input.name,
        password_hash: hash,
        status: "active",
        created_at: t,
        password_changed_at: t,
      })
      .execute();
    const roles = [...new Set(input.roles)].sort();
    await trx
      .insertInto("user_roles")
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
    await appendAudit(trx, {
      actorUserId: actor?.userId ?? null,
      actorOrgId: actor?.orgId ?? null,
      action: "user.create",
      recordType: "user",
      recordId: userId,
      after: { name: input.name, roles },
    });
    return ok({ userId });
  });
}

/** A bureau admin changes another bureau user's roles. */
export async function changeBureauUserRoles(
  db: DB,
  actor: Actor,
  input: { userId: string; roles: BureauRole[] },
): Promise<Result<{ roles: BureauRole[] }>> {
  if (!can(actor, "bureauUser.changeRoles", { userId: input.userId })) return forbiddenResult;
  if (input.roles.length === 0) return invalid({ roles: ["bureau.users.atLeastOneRole"] });
  return db.transaction().execute(async (trx) => {
    const orgId = await bureauOrgId(trx);
    const user = await trx
      .selectFrom("users")
      .select(["id", "organisation_id"])
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!user || user.organisation_id !== orgId) return notFoundResult;
    const before = (await trx.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute())
      .map((r) => r.role)
      .sort();
    const roles = [...new Set(input.roles)].sort();
    await trx.deleteFrom("user_roles").where("user_id", "=", user.id).execute();
    await trx
      .insertInto("user_roles")
      .values(roles.map((role) => ({ user_id: user.id, role })))
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "user.changeRoles",
      recordType: "user",
      recordId: user.id,
      before: { roles: before },
      after: { roles },
    });
    return ok({ roles });
  });
}

/** A bureau admin disables (ending their sessions) or re-enables another bureau user. */
export async function setBureauUserStatus(
  db: DB,
  actor: Actor,
  input: { userId: string; status: "active" | "disabled"; expectedStatus: "active" | "disabled" },
): Promise<Result<null>> {
  if (!can(actor, "bureauUser.disable", { userId: input.userId })) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const orgId = await bureauOrgId(trx);
    const user = await trx
      .selectFrom("users")
      .select(["id", "organisation_id", "status"])
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!user || user.organisation_id !== orgId) return notFoundResult;
    if (user.status !== input.expectedStatus || user.status === input.status) return conflict("common.errors.body409");
    await trx.updateTable("users").set({ status: input.status }).where("id", "=", user.id).where("status", "=", user.status).execute();
    if (input.status === "disabled") await invalidateUserSessions(trx, user.id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: input.status === "disabled" ? "user.disable" : "user.enable",
      recordType: "user",
      recordId: user.id,
      before: { status: user.status },
      after: { status: input.status },
    });
    return ok(null);
  });
}
