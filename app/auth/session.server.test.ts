import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { setClock } from "~/utils/clock.server";
import { createSession, invalidateUserSessions, validateSessionToken } from "./session.server";

const T0 = new Date("2026-06-01T00:00:00Z").getTime();
const at = (ms: number) => setClock(() => new Date(T0 + ms));
const MIN = 60_000;

describe("sessions", () => {
  it("ends a bureau session after 30 minutes idle, and keeps it alive while used", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    at(0);
    const { token } = await createSession(db, a.userId, "bureau");
    at(29 * MIN);
    expect(await validateSessionToken(db, token)).not.toBeNull();
    at(58 * MIN); // 29 minutes after the last use
    expect(await validateSessionToken(db, token)).not.toBeNull();
    at(88 * MIN); // 30 minutes idle
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(0);
  });

  it("keeps an enterprise session through an idle hour but ends every session after 12 hours", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    at(0);
    const { token } = await createSession(db, a.userId, "enterprise");
    at(60 * MIN);
    expect(await validateSessionToken(db, token)).not.toBeNull();
    for (let m = 120; m < 12 * 60; m += 60) {
      at(m * MIN);
      expect(await validateSessionToken(db, token)).not.toBeNull();
    }
    at(12 * 60 * MIN);
    expect(await validateSessionToken(db, token)).toBeNull();
  });

  it("rejects an unknown token and a token of a disabled user", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "institution" });
    expect(await validateSessionToken(db, "not-a-token")).toBeNull();
    const { token } = await createSession(db, a.userId, "institution");
    await db.updateTable("users").set({ status: "disabled" }).where("id", "=", a.userId).execute();
    expect(await validateSessionToken(db, token)).toBeNull();
  });

  it("ends all other sessions of a user on request", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise" });
    const keep = await createSession(db, a.userId, "enterprise");
    const other = await createSession(db, a.userId, "enterprise");
    await invalidateUserSessions(db, a.userId, keep.session.id);
    expect(await validateSessionToken(db, keep.token)).not.toBeNull();
    expect(await validateSessionToken(db, other.token)).toBeNull();
  });
});
