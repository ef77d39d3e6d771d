import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { verifyPassword } from "~/auth/password.server";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import type { BureauRole } from "./actor";
import { changeBureauUserRoles, createBureauUser, findBureauUser, listBureauUsers, setBureauUserStatus } from "./bureau-users.server";

const PASSWORD = "initial-pass-2026";

async function world() {
  const { db } = await createTestDb();
  const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
  return { db, admin };
}

async function counts(db: DB) {
  const [users, roles, audit] = await Promise.all(
    (["users", "user_roles", "audit_log"] as const).map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ),
  );
  return { users, roles, audit };
}

async function lastAudit(db: DB) {
  const e = await db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
  return { ...e, before: JSON.parse(e.before_json ?? "null") as unknown, after: JSON.parse(e.after_json ?? "null") as unknown };
}

async function sessionsOf(db: DB, userId: string) {
  return db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
}

describe("createBureauUser", () => {
  it("creates an active bureau user with the chosen roles and a hashed password, audited without secrets", async () => {
    const { db, admin } = await world();
    const r = await createBureauUser(db, admin, { name: "经办人 张三", email: "zhang@bureau.test", password: PASSWORD, roles: ["officer", "evaluator"] });
    if (!r.ok) throw new Error(`expected ok, got ${r.kind}`);
    const user = await findBureauUser(db, r.value.userId);
    expect(user).toMatchObject({ name: "经办人 张三", email: "zhang@bureau.test", status: "active", roles: ["evaluator", "officer"] });
    const stored = await db.selectFrom("users").select("password_hash").where("id", "=", r.value.userId).executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(stored.password_hash, PASSWORD)).toBe(true);
    const entry = await lastAudit(db);
    expect(entry).toMatchObject({ action: "user.create", record_type: "user", record_id: r.value.userId, actor_user_id: admin.userId });
    expect(entry.after).toEqual({ name: "经办人 张三", roles: ["evaluator", "officer"] });
    expect(`${entry.before_json} ${entry.after_json}`).not.toMatch(/password|\$argon2/i);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1 });
  });

  it("refuses a duplicate e-mail with an error on `email` and writes nothing", async () => {
    const { db, admin } = await world();
    const before = await counts(db);
    const r = await createBureauUser(db, admin, { name: "重复", email: admin.email, password: PASSWORD, roles: ["officer"] });
    expect(r).toEqual({ ok: false, kind: "validation", fieldErrors: { email: ["auth.email.taken"] }, formErrors: undefined });
    expect(await counts(db)).toEqual(before);
  });

  it("refuses a user without any role and writes nothing", async () => {
    const { db, admin } = await world();
    const before = await counts(db);
    const r = await createBureauUser(db, admin, { name: "无角色", email: "none@bureau.test", password: PASSWORD, roles: [] });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { roles: ["bureau.users.atLeastOneRole"] } });
    expect(await counts(db)).toEqual(before);
  });

  it.each<[string, BureauRole[]]>([
    ["an officer", ["officer"]],
    ["finance", ["finance"]],
    ["an evaluator", ["evaluator"]],
  ])("forbids %s and writes nothing", async (_who, roles) => {
    const { db } = await world();
    const someone = await makeActor(db, { kind: "bureau", roles });
    const before = await counts(db);
    const r = await createBureauUser(db, someone, { name: "X", email: "x@bureau.test", password: PASSWORD, roles: ["admin"] });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect(await counts(db)).toEqual(before);
  });

  it("forbids an enterprise member", async () => {
    const { db } = await world();
    const member = await makeActor(db, { kind: "enterprise" });
    const r = await createBureauUser(db, member, { name: "X", email: "x@bureau.test", password: PASSWORD, roles: ["admin"] });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
  });
});

describe("changeBureauUserRoles", () => {
  it("replaces the roles and audits before and after", async () => {
    const { db, admin } = await world();
    const target = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const r = await changeBureauUserRoles(db, admin, { userId: target.userId, roles: ["finance", "evaluator", "finance"] });
    expect(r).toEqual({ ok: true, value: { roles: ["evaluator", "finance"] } });
    expect((await findBureauUser(db, target.userId))?.roles).toEqual(["evaluator", "finance"]);
    const entry = await lastAudit(db);
    expect(entry).toMatchObject({ action: "user.changeRoles", record_type: "user", record_id: target.userId, actor_user_id: admin.userId });
    expect(entry.before).toEqual({ roles: ["officer"] });
    expect(entry.after).toEqual({ roles: ["evaluator", "finance"] });
  });

  it("cannot change the admin's own roles", async () => {
    const { db, admin } = await world();
    const before = await counts(db);
    const r = await changeBureauUserRoles(db, admin, { userId: admin.userId, roles: ["officer"] });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect((await findBureauUser(db, admin.userId))?.roles).toEqual(["admin"]);
    expect(await counts(db)).toEqual(before);
  });

  it("refuses an empty set of roles, keeping the old ones", async () => {
    const { db, admin } = await world();
    const target = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const r = await changeBureauUserRoles(db, admin, { userId: target.userId, roles: [] });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { roles: ["bureau.users.atLeastOneRole"] } });
    expect((await findBureauUser(db, target.userId))?.roles).toEqual(["officer"]);
  });

  it("answers a user of another organisation with not found", async () => {
    const { db, admin } = await world();
    const member = await makeActor(db, { kind: "enterprise" });
    const r = await changeBureauUserRoles(db, admin, { userId: member.userId, roles: ["admin"] });
    expect(r).toEqual({ ok: false, kind: "notFound" });
    const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", member.userId).execute();
    expect(roles).toEqual([{ role: "member" }]);
  });

  it("forbids a non-admin", async () => {
    const { db } = await world();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const target = await makeActor(db, { kind: "bureau", roles: ["finance"] });
    const r = await changeBureauUserRoles(db, officer, { userId: target.userId, roles: ["admin"] });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect((await findBureauUser(db, target.userId))?.roles).toEqual(["finance"]);
  });
});

describe("setBureauUserStatus", () => {
  it("disabling ends every session of the user at once; enabling lets them sign in again", async () => {
    const { db, admin } = await world();
    const target = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const { token } = await createSession(db, target.userId, "bureau");
    await createSession(db, target.userId, "bureau");
    const adminSession = await createSession(db, admin.userId, "bureau");
    expect(await sessionsOf(db, target.userId)).toHaveLength(2);

    const r = await setBureauUserStatus(db, admin, { userId: target.userId, status: "disabled", expectedStatus: "active" });
    expect(r).toEqual({ ok: true, value: null });
    expect(await sessionsOf(db, target.userId)).toEqual([]);
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await sessionsOf(db, admin.userId)).toEqual([{ id: adminSession.session.id }]);
    expect((await findBureauUser(db, target.userId))?.status).toBe("disabled");
    const entry = await lastAudit(db);
    expect(entry).toMatchObject({ action: "user.disable", record_id: target.userId, actor_user_id: admin.userId });
    expect([entry.before, entry.after]).toEqual([{ status: "active" }, { status: "disabled" }]);

    const e = await setBureauUserStatus(db, admin, { userId: target.userId, status: "active", expectedStatus: "disabled" });
    expect(e).toEqual({ ok: true, value: null });
    expect((await findBureauUser(db, target.userId))?.status).toBe("active");
    expect((await lastAudit(db)).action).toBe("user.enable");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 2 });
  });

  it("answers a stale page with a conflict and changes nothing", async () => {
    const { db, admin } = await world();
    const target = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    await createSession(db, target.userId, "bureau");
    const before = await counts(db);
    const r = await setBureauUserStatus(db, admin, { userId: target.userId, status: "disabled", expectedStatus: "disabled" });
    expect(r).toEqual({ ok: false, kind: "conflict", message: "common.errors.body409" });
    expect(await counts(db)).toEqual(before);
    expect(await sessionsOf(db, target.userId)).toHaveLength(1);
  });

  it("cannot disable the admin themselves", async () => {
    const { db, admin } = await world();
    await createSession(db, admin.userId, "bureau");
    const r = await setBureauUserStatus(db, admin, { userId: admin.userId, status: "disabled", expectedStatus: "active" });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect((await findBureauUser(db, admin.userId))?.status).toBe("active");
    expect(await sessionsOf(db, admin.userId)).toHaveLength(1);
  });

  it("forbids a non-admin", async () => {
    const { db } = await world();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const target = await makeActor(db, { kind: "bureau", roles: ["finance"] });
    await createSession(db, target.userId, "bureau");
    const r = await setBureauUserStatus(db, officer, { userId: target.userId, status: "disabled", expectedStatus: "active" });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect(await sessionsOf(db, target.userId)).toHaveLength(1);
  });
});

describe("listBureauUsers and findBureauUser", () => {
  it("list only the bureau's users, with their roles", async () => {
    const { db, admin } = await world();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer", "evaluator"] });
    const member = await makeActor(db, { kind: "enterprise" });
    const users = await listBureauUsers(db);
    expect(users.map((u) => u.id).sort()).toEqual([admin.userId, officer.userId].sort());
    expect(users.find((u) => u.id === officer.userId)?.roles).toEqual(["evaluator", "officer"]);
    expect(await findBureauUser(db, member.userId)).toBeUndefined();
    expect(await findBureauUser(db, "no-such-user")).toBeUndefined();
  });
});
