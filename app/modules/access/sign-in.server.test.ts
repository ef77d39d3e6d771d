import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor, TEST_PASSWORD } from "#tests/factories";
import { sessionIdOf } from "~/auth/session.server";
import { setClock } from "~/utils/clock.server";
import { signIn, signOut } from "./sign-in.server";

const ADDRESS = "127.0.0.1";

describe("signing in", () => {
  it("creates a session whose token is stored only as its hash, and audits it", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const r = await signIn(db, { email: a.email.toUpperCase(), password: TEST_PASSWORD, address: ADDRESS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", a.userId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(sessionIdOf(r.token));
    expect(rows[0]?.id).not.toContain(r.token);
    const audit = await db.selectFrom("audit_log").select(["action", "record_id"]).orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: "session.signIn", record_id: a.userId });
  });

  it("rotates: signing in again replaces the session in use", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "institution" });
    const first = await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS });
    if (!first.ok) throw new Error("first sign-in failed");
    const second = await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS, previousSessionId: sessionIdOf(first.token) });
    if (!second.ok) throw new Error("second sign-in failed");
    const ids = (await db.selectFrom("sessions").select("id").where("user_id", "=", a.userId).execute()).map((s) => s.id);
    expect(ids).toEqual([sessionIdOf(second.token)]);
  });

  it("answers a wrong password and an unknown account the same way, auditing both", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const wrong = await signIn(db, { email: a.email, password: "wrong-password", address: ADDRESS });
    const unknown = await signIn(db, { email: "nobody@example.cn", password: "wrong-password", address: ADDRESS });
    expect(wrong).toEqual({ ok: false, reason: "failed" });
    expect(unknown).toEqual({ ok: false, reason: "failed" });
    const audit = await db.selectFrom("audit_log").select(["action", "after_json"]).where("action", "=", "session.signInFailed").execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((x) => x.after_json).join()).not.toContain("nobody@example.cn");
    expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(0);
  });

  it("refuses a disabled user like a wrong password", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    await db.updateTable("users").set({ status: "disabled" }).where("id", "=", a.userId).execute();
    expect(await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS })).toEqual({ ok: false, reason: "failed" });
  });

  it("throttles the 101st failure in an hour, for known and unknown accounts alike", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const start = new Date("2026-06-01T01:00:00Z").getTime();
    for (const email of [a.email, "ghost@example.cn"]) {
      let t = start;
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        setClock(() => new Date(t));
        const r = await signIn(db, { email, password: "wrong", address: `10.0.0.${email === a.email ? 1 : 2}` });
        outcomes.push(r.ok ? "ok" : r.reason);
        t += 35_000; // longer than the longest delay, so only the hourly ceiling can refuse
      }
      expect(outcomes.every((o) => o === "failed")).toBe(true);
      setClock(() => new Date(t));
      const last = await signIn(db, { email, password: email === a.email ? TEST_PASSWORD : "wrong", address: "10.0.0.9" });
      expect(last).toEqual({ ok: false, reason: "throttled" });
    }
  }, 60_000);

  it("makes a sixth quick attempt wait, even with the right password", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const t = new Date("2026-06-01T01:00:00Z").getTime();
    setClock(() => new Date(t));
    for (let i = 0; i < 5; i++) await signIn(db, { email: a.email, password: "wrong", address: ADDRESS });
    expect(await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS })).toEqual({ ok: false, reason: "throttled" });
    setClock(() => new Date(t + 1500));
    expect((await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS })).ok).toBe(true);
  });

  it("signs out by deleting the session and auditing it", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const r = await signIn(db, { email: a.email, password: TEST_PASSWORD, address: ADDRESS });
    if (!r.ok) throw new Error("sign-in failed");
    await signOut(db, sessionIdOf(r.token), a);
    expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(0);
    const last = await db.selectFrom("audit_log").select("action").orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(last.action).toBe("session.signOut");
  });
});
