import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { makeWorld, setNow } from "~/modules/tender/test-fixtures.server";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead } from "./notifications.server";
import { notify } from "./notify.server";

describe("notifications", () => {
  it("lists an organisation's own notifications newest first, and counts the unread", async () => {
    const w = await makeWorld();
    const colleague = await makeActor(w.db, { kind: "institution" });
    await w.db.transaction().execute(async (trx) => {
      await notify(trx, { organisationId: w.institution.orgId, kind: "resultPublished", params: { reference: "ZJ-2026-0001", lotNumber: 1 }, link: "/bids/lots/x", at: "2026-12-01T01:00:00.000Z" });
      await notify(trx, { organisationId: w.institution.orgId, kind: "contractCreated", params: { contract: "HT-2027-0001" }, link: "https://evil.example/", at: "2026-12-02T01:00:00.000Z" });
      await notify(trx, { organisationId: colleague.orgId, kind: "resultPublished", at: "2026-12-03T01:00:00.000Z" });
    });
    const list = await listNotifications(w.db, w.institution);
    if (!list.ok) throw new Error("no list");
    expect(list.value.rows.map((n) => [n.kind, n.link])).toEqual([
      ["contractCreated", null],
      ["resultPublished", "/bids/lots/x"],
    ]);
    expect(list.value.rows[1]!.params).toEqual({ reference: "ZJ-2026-0001", lotNumber: 1 });
    expect(list.value.unread).toBe(2);
    expect(await countUnread(w.db, colleague)).toBe(1);
    expect(await countUnread(w.db, w.officer)).toBe(0);
  });

  it("marks one read only within the organisation, and all at once", async () => {
    const w = await makeWorld();
    const other = await makeActor(w.db, { kind: "institution" });
    await w.db.transaction().execute(async (trx) => {
      await notify(trx, { organisationId: w.institution.orgId, kind: "resultPublished", at: "2026-12-01T01:00:00.000Z" });
      await notify(trx, { organisationId: w.institution.orgId, kind: "objectionAnswered", at: "2026-12-01T02:00:00.000Z" });
      await notify(trx, { organisationId: other.orgId, kind: "resultPublished", at: "2026-12-01T01:00:00.000Z" });
    });
    const [first] = await w.db.selectFrom("notifications").select("id").where("organisation_id", "=", w.institution.orgId).orderBy("created_at").execute();
    expect(await markNotificationRead(w.db, other, { id: first!.id })).toEqual({ ok: false, kind: "notFound" });
    expect(await countUnread(w.db, w.institution)).toBe(2);
    setNow("2026-12-05T02:00:00.000Z");
    expect(await markNotificationRead(w.db, w.institution, { id: first!.id })).toEqual({ ok: true, value: { changed: true } });
    expect(await markNotificationRead(w.db, w.institution, { id: first!.id })).toEqual({ ok: true, value: { changed: false } });
    expect((await w.db.selectFrom("notifications").select("read_at").where("id", "=", first!.id).executeTakeFirstOrThrow()).read_at).toBe("2026-12-05T02:00:00.000Z");
    expect(await markAllNotificationsRead(w.db, w.institution)).toEqual({ ok: true, value: { count: 1 } });
    expect(await countUnread(w.db, w.institution)).toBe(0);
    expect(await countUnread(w.db, other)).toBe(1);
  });
});
