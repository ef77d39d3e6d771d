import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { setClock } from "~/utils/clock.server";
import { appendAudit, type AuditInput } from "./append-audit.server";
import { AUDIT_PAGE_SIZE, findAuditHead, listAuditEntries, listAuditFacets } from "./list-audit-entries.server";
import { verifyAuditChain } from "./verify-audit-chain.server";

async function append(db: DB, input: Partial<AuditInput> & { at?: string } = {}) {
  if (input.at) {
    const at = input.at;
    setClock(() => new Date(at));
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "test.act",
      recordType: "thing",
      recordId: "r",
      ...input,
    }),
  );
  setClock(undefined);
}

describe("listAuditEntries", () => {
  it("pages the log newest first, 50 a page, clamping pages out of range", async () => {
    const { db } = await createTestDb();
    for (let i = 1; i <= 120; i++) await append(db, { recordId: `r${i}` });
    const first = await listAuditEntries(db, {});
    expect(AUDIT_PAGE_SIZE).toBe(50);
    expect(first).toMatchObject({ total: 120, page: 1, pages: 3 });
    expect(first.items.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    const second = await listAuditEntries(db, { page: 2 });
    expect(second.items.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    const third = await listAuditEntries(db, { page: 3 });
    expect(third.items.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect((await listAuditEntries(db, { page: 99 })).page).toBe(3);
    expect((await listAuditEntries(db, { page: 0 })).page).toBe(1);
  });

  it("answers an empty log with one empty page", async () => {
    const { db } = await createTestDb();
    expect(await listAuditEntries(db, {})).toEqual({ items: [], total: 0, page: 1, pages: 1 });
    expect(await listAuditFacets(db)).toEqual({ actions: [], recordTypes: [] });
  });

  it("filters by action and by record type, and combines them", async () => {
    const { db } = await createTestDb();
    await append(db, { action: "organisation.verify", recordType: "organisation", recordId: "o1" });
    await append(db, { action: "organisation.reject", recordType: "organisation", recordId: "o2" });
    await append(db, { action: "user.create", recordType: "user", recordId: "u1" });
    await append(db, { action: "organisation.verify", recordType: "organisation", recordId: "o3" });
    const verify = await listAuditEntries(db, { action: "organisation.verify" });
    expect(verify.items.map((e) => e.recordId)).toEqual(["o3", "o1"]);
    expect(verify.total).toBe(2);
    const users = await listAuditEntries(db, { recordType: "user" });
    expect(users.items.map((e) => e.recordId)).toEqual(["u1"]);
    const both = await listAuditEntries(db, { action: "organisation.reject", recordType: "organisation" });
    expect(both.items.map((e) => e.recordId)).toEqual(["o2"]);
    expect(await listAuditEntries(db, { action: "organisation.reject", recordType: "user" })).toMatchObject({ items: [], total: 0 });
    expect(await listAuditFacets(db)).toEqual({
      actions: ["organisation.reject", "organisation.verify", "user.create"],
      recordTypes: ["organisation", "user"],
    });
  });

  it("filters by Beijing dates, each day whole from 00:00 to 24:00 +08:00", async () => {
    const { db } = await createTestDb();
    await append(db, { recordId: "feb28-late", at: "2026-02-28T15:59:59.999Z" }); // 2026-02-28 23:59:59.999 Beijing
    await append(db, { recordId: "mar01-start", at: "2026-02-28T16:00:00.000Z" }); // 2026-03-01 00:00 Beijing
    await append(db, { recordId: "mar01-noon", at: "2026-03-01T04:00:00.000Z" });
    await append(db, { recordId: "mar02-late", at: "2026-03-02T15:59:59.999Z" }); // 2026-03-02 23:59:59.999 Beijing
    await append(db, { recordId: "mar03-start", at: "2026-03-02T16:00:00.000Z" }); // 2026-03-03 00:00 Beijing
    const ids = async (filter: { from?: string; to?: string }) => (await listAuditEntries(db, filter)).items.map((e) => e.recordId);
    expect(await ids({ from: "2026-03-01" })).toEqual(["mar03-start", "mar02-late", "mar01-noon", "mar01-start"]);
    expect(await ids({ to: "2026-03-01" })).toEqual(["mar01-noon", "mar01-start", "feb28-late"]);
    expect(await ids({ from: "2026-03-01", to: "2026-03-02" })).toEqual(["mar02-late", "mar01-noon", "mar01-start"]);
    expect(await ids({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["mar01-noon", "mar01-start"]);
    expect(await ids({ from: "2026-03-05" })).toEqual([]);
  });

  it("pages within a filter", async () => {
    const { db } = await createTestDb();
    for (let i = 1; i <= 60; i++) await append(db, { action: i % 2 === 0 ? "even.act" : "odd.act", recordId: String(i) });
    const even = await listAuditEntries(db, { action: "even.act", page: 1 });
    expect(even).toMatchObject({ total: 30, pages: 1 });
    expect(even.items[0]?.recordId).toBe("60");
    for (let i = 61; i <= 130; i++) await append(db, { action: "even.act", recordId: String(i) });
    const p2 = await listAuditEntries(db, { action: "even.act", page: 2 });
    expect(p2).toMatchObject({ total: 100, page: 2, pages: 2 });
    expect(p2.items).toHaveLength(50);
    expect(p2.items.every((e) => e.action === "even.act")).toBe(true);
  });

  it("names the actor and their organisation, keeps system entries anonymous, and parses before/after", async () => {
    const { db } = await createTestDb();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const bureau = await db.selectFrom("organisations").select("name").where("id", "=", officer.orgId).executeTakeFirstOrThrow();
    const user = await db.selectFrom("users").select("name").where("id", "=", officer.userId).executeTakeFirstOrThrow();
    await append(db, { actorUserId: null, actorOrgId: null, action: "user.create", recordType: "user", recordId: "u1", after: { name: "甲", roles: ["admin"] } });
    await append(db, {
      actorUserId: officer.userId,
      actorOrgId: officer.orgId,
      action: "organisation.verify",
      recordType: "organisation",
      recordId: "o1",
      before: { status: "pending", reason: null },
      after: { status: "verified", reason: null },
    });
    const { items } = await listAuditEntries(db, {});
    expect(items[0]).toMatchObject({
      seq: 2,
      actorUserId: officer.userId,
      actorName: user.name,
      actorOrgName: bureau.name,
      action: "organisation.verify",
      recordType: "organisation",
      recordId: "o1",
      before: { status: "pending", reason: null },
      after: { status: "verified", reason: null },
    });
    expect(items[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(items[1]).toMatchObject({ seq: 1, actorUserId: null, actorName: null, actorOrgName: null, before: null, after: { name: "甲", roles: ["admin"] } });
  });

  it("never shows anything under a password, token or secret key, even if one slipped into the log", async () => {
    const { db } = await createTestDb();
    await append(db, { after: { name: "乙", password: "hunter2hunter2", nested: { sessionToken: "abc", passwordHash: "$argon2id$x" }, apiSecret: "s" } });
    const [entry] = (await listAuditEntries(db, {})).items;
    expect(entry?.after).toEqual({ name: "乙", password: "[redacted]", nested: { sessionToken: "[redacted]", passwordHash: "[redacted]" }, apiSecret: "[redacted]" });
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|argon2|"abc"/);
    // Masking is on the way out only: the stored entry, and so the chain, is untouched.
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1 });
  });

  it("reports the stored head", async () => {
    const { db } = await createTestDb();
    await append(db);
    await append(db);
    const report = await verifyAuditChain(db);
    if (!report.ok) throw new Error("chain should verify");
    expect(await findAuditHead(db)).toEqual(report.head);
  });
});
