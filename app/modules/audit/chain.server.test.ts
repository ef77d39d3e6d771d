import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { appendAudit } from "./append-audit.server";
import { verifyAuditChain } from "./verify-audit-chain.server";

async function withEntries(n: number) {
  const handle = await createTestDb();
  for (let i = 0; i < n; i++) {
    await handle.db.transaction().execute((trx) =>
      appendAudit(trx, { actorUserId: "u1", actorOrgId: "o1", action: "test.act", recordType: "thing", recordId: `r${i}`, after: { i } }),
    );
  }
  return handle;
}

describe("audit chain", () => {
  it("verifies an intact chain and reports its head", async () => {
    const { db } = await withEntries(5);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, count: 5, head: { seq: 5 } });
  });

  it("detects a changed entry at that entry", async () => {
    const { db } = await withEntries(5);
    await db.updateTable("audit_log").set({ after_json: JSON.stringify({ i: 99 }) }).where("seq", "=", 3).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "hash", seq: 3 } });
  });

  it("detects a deleted entry at the gap", async () => {
    const { db } = await withEntries(5);
    await db.deleteFrom("audit_log").where("seq", "=", 2).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "gap", seq: 3 } });
  });

  it("detects reordered entries", async () => {
    const { db } = await withEntries(5);
    // Swap the contents of entries 2 and 4, keeping their seq numbers.
    await sql`update audit_log set seq = -2 where seq = 2`.execute(db);
    await sql`update audit_log set seq = 2 where seq = 4`.execute(db);
    await sql`update audit_log set seq = 4 where seq = -2`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { seq: 2 } });
  });

  it("detects a removed last entry through the head", async () => {
    const { db } = await withEntries(5);
    await db.deleteFrom("audit_log").where("seq", "=", 5).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "head" } });
  });

  it("keeps one chain under concurrent appenders", async () => {
    const { db } = await createTestDb();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute((trx) =>
          appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "test.race", recordType: "thing", recordId: String(i) }),
        ),
      ),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 20 });
  });
});
