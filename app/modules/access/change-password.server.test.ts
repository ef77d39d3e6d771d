import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor, TEST_PASSWORD } from "#tests/factories";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { changePassword } from "./change-password.server";
import { signIn } from "./sign-in.server";

describe("changing a password", () => {
  it("changes it, ends the other sessions, keeps this one, and audits", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const mine = await createSession(db, a.userId, "enterprise");
    const other = await createSession(db, a.userId, "enterprise");
    const r = await changePassword(db, a, { current: TEST_PASSWORD, next: "a-brand-new-password", sessionId: mine.session.id });
    expect(r.ok).toBe(true);
    expect(await validateSessionToken(db, mine.token)).not.toBeNull();
    expect(await validateSessionToken(db, other.token)).toBeNull();
    expect((await signIn(db, { email: a.email, password: "a-brand-new-password", address: "x" })).ok).toBe(true);
    const actions = (await db.selectFrom("audit_log").select("action").execute()).map((x) => x.action);
    expect(actions).toContain("user.changePassword");
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const mine = await createSession(db, a.userId, "enterprise");
    const other = await createSession(db, a.userId, "enterprise");
    const before = await db.selectFrom("users").select("password_hash").where("id", "=", a.userId).executeTakeFirstOrThrow();
    const r = await changePassword(db, a, { current: "not-it", next: "a-brand-new-password", sessionId: mine.session.id });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { current: ["auth.password.wrongCurrent"] } });
    const after = await db.selectFrom("users").select("password_hash").where("id", "=", a.userId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await validateSessionToken(db, other.token)).not.toBeNull();
  });
});
