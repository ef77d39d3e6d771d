/**
 * Tamper evidence of the audit log (issue 8, group 9): changing, deleting, inserting or
 * reordering any entry — the first, one in the middle, the last; any hashed column — is found by
 * the verify function and by `npm run audit:verify`, at the right entry; a chain re-hashed from a
 * forgery onwards is caught by the head recorded outside the system, which the bureau admin's
 * audit page shows.
 */
import type { AppLoadContext } from "@remix-run/node";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { createTestDb, TEST_DB_KIND } from "#tests/db";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { loader as auditPageLoader } from "~/routes/bureau.audit";
import { appendAudit } from "./append-audit.server";
import { GENESIS_HASH, hashEntry, type StoredEntry } from "./chain";
import { verifyAuditChain } from "./verify-audit-chain.server";

const N = 6;
const FIRST = 1;
const MIDDLE = 3;
const LAST = N;

/** A chain of N entries, each with every column set (actors, record, before and after). */
async function chainOf(db: DB): Promise<void> {
  for (let i = 1; i <= N; i++) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorUserId: `user-${i}`,
        actorOrgId: `org-${i}`,
        action: i % 2 ? "bid.submit" : "award.publish",
        recordType: i % 2 ? "bid" : "award",
        recordId: `record-${i}`,
        before: { status: `before-${i}` },
        after: { status: `after-${i}`, priceFen: 100_000 * i },
      }),
    );
  }
}

async function freshChain(): Promise<{ db: DB; url: string }> {
  const handle = await createTestDb();
  await chainOf(handle.db);
  return { db: handle.db, url: handle.url };
}

async function entry(db: DB, seq: number): Promise<StoredEntry> {
  const r = await db.selectFrom("audit_log").selectAll().where("seq", "=", seq).executeTakeFirstOrThrow();
  return { ...r, seq: Number(r.seq) };
}

/** Every column the hash covers, with a forged value for each. */
const FORGERIES = {
  at: "2020-01-01T00:00:00.000Z",
  actor_user_id: "someone-else",
  actor_org_id: "another-org",
  action: "bid.withdraw",
  record_type: "contract",
  record_id: "record-forged",
  before_json: JSON.stringify({ status: "forged" }),
  after_json: JSON.stringify({ status: "after", priceFen: 1 }),
} as const;

/** Moves entries seq >= from up by one, leaving a hole at `from` (two steps: seq is the key). */
async function openHole(db: DB, from: number): Promise<void> {
  await db.updateTable("audit_log").set((eb) => ({ seq: eb.neg(eb.ref("seq")) })).where("seq", ">=", from).execute();
  await db.updateTable("audit_log").set((eb) => ({ seq: eb(eb.neg(eb.ref("seq")), "+", 1) })).where("seq", "<", 0).execute();
}

/** Inserts a well-formed entry at `seq`, linked to the entry before it and correctly hashed. */
async function insertForged(db: DB, seq: number): Promise<void> {
  const prev = seq === 1 ? GENESIS_HASH : (await entry(db, seq - 1)).hash;
  const fields = { seq, ...FORGERIES, actor_user_id: "forger" };
  await db.insertInto("audit_log").values({ ...fields, prev_hash: prev, hash: hashEntry(prev, fields) }).execute();
}

/** Swaps two entries' places (their seq numbers), as a reordering of the log would. */
async function swap(db: DB, a: number, b: number): Promise<void> {
  await db.updateTable("audit_log").set({ seq: -1 }).where("seq", "=", a).execute();
  await db.updateTable("audit_log").set({ seq: a }).where("seq", "=", b).execute();
  await db.updateTable("audit_log").set({ seq: b }).where("seq", "=", -1).execute();
}

/**
 * The strongest forgery from inside the database: change an entry, then re-hash every entry
 * after it and move the head, so that the chain is consistent again.
 */
async function forgeAndRehash(db: DB, seq: number): Promise<void> {
  await db.updateTable("audit_log").set({ after_json: FORGERIES.after_json }).where("seq", "=", seq).execute();
  let prev = seq === 1 ? GENESIS_HASH : (await entry(db, seq - 1)).hash;
  for (let s = seq; s <= N; s++) {
    const e = await entry(db, s);
    const hash = hashEntry(prev, e);
    await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("seq", "=", s).execute();
    prev = hash;
  }
  await db.updateTable("audit_head").set({ hash: prev }).where("id", "=", 1).execute();
}

describe("the audit chain finds any change at the entry changed", () => {
  for (const seq of [FIRST, MIDDLE, LAST]) {
    for (const [column, forged] of Object.entries(FORGERIES)) {
      it(`a changed ${column} of entry ${seq}`, async () => {
        const { db } = await freshChain();
        await db.updateTable("audit_log").set({ [column]: forged }).where("seq", "=", seq).execute();
        expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "hash", seq } });
      });
    }

    it(`a replaced hash of entry ${seq}`, async () => {
      const { db } = await freshChain();
      await db.updateTable("audit_log").set({ hash: "f".repeat(64) }).where("seq", "=", seq).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "hash", seq } });
    });

    it(`a relinked entry ${seq} (its prev_hash changed)`, async () => {
      const { db } = await freshChain();
      await db.updateTable("audit_log").set({ prev_hash: "e".repeat(64) }).where("seq", "=", seq).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "prevHash", seq } });
    });
  }

  it("a deleted first or middle entry: the gap names it", async () => {
    for (const seq of [FIRST, MIDDLE]) {
      const { db } = await freshChain();
      await db.deleteFrom("audit_log").where("seq", "=", seq).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "gap", expectedSeq: seq, seq: seq + 1 } });
    }
  });

  it("a deleted last entry: the head still names it", async () => {
    const { db } = await freshChain();
    await db.deleteFrom("audit_log").where("seq", "=", LAST).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "head", seq: LAST } });
  });

  it("a renumbered entry leaves a gap where it was", async () => {
    const { db } = await freshChain();
    await db.updateTable("audit_log").set({ seq: 1000 }).where("seq", "=", MIDDLE).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "gap", expectedSeq: MIDDLE } });
  });

  it("a well-formed entry inserted first, in the middle or last breaks the link after it, or the head", async () => {
    for (const seq of [FIRST, MIDDLE]) {
      const { db } = await freshChain();
      await openHole(db, seq);
      await insertForged(db, seq);
      expect(await db.selectFrom("audit_log").select("seq").orderBy("seq").execute()).toHaveLength(N + 1);
      // The forged entry itself is consistent; the entry it displaced no longer links to it.
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "prevHash", seq: seq + 1 } });
    }
    const { db } = await freshChain();
    await insertForged(db, N + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { kind: "head", seq: N } });
  });

  it("reordered entries, at the start, in the middle, at the end and end to end", async () => {
    for (const [a, b] of [
      [FIRST, FIRST + 1],
      [MIDDLE, MIDDLE + 1],
      [LAST - 1, LAST],
      [FIRST, LAST],
    ] as const) {
      const { db } = await freshChain();
      await swap(db, a, b);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { seq: a } });
    }
  });

  it("a chain re-hashed from a forged entry onwards verifies on its own: only the head recorded outside shows it", async () => {
    const { db } = await freshChain();
    const recorded = await entry(db, LAST);
    await forgeAndRehash(db, MIDDLE);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: N });
    expect((await entry(db, LAST)).hash).not.toBe(recorded.hash);
  });
});

/** Runs `npm run audit:verify` (its script, as a child process) on a database. */
function auditVerify(url: string, args: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/cli/audit-verify.ts", ...args], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// One database file per case, all checked by the command at once (each run starts a process).
describe.skipIf(TEST_DB_KIND !== "sqlite")("npm run audit:verify on tampered copies", () => {
  it("exits non-zero naming the entry for a change, a deletion, an insertion, a reordering and a re-hashed forgery; passes the intact chain", async () => {
    const expectRecorded = (recorded: StoredEntry) => ["--expect", `${recorded.seq}:${recorded.hash}`];
    const cases: { name: string; tamper: (db: DB) => Promise<unknown>; args?: (recorded: StoredEntry) => string[]; status: number; message: RegExp }[] = [
      {
        name: "changed",
        tamper: (db) => db.updateTable("audit_log").set({ after_json: FORGERIES.after_json }).where("seq", "=", MIDDLE).execute(),
        status: 1,
        message: /^audit chain broken at entry 3: hash$/m,
      },
      { name: "first deleted", tamper: (db) => db.deleteFrom("audit_log").where("seq", "=", FIRST).execute(), status: 1, message: /^audit chain broken at entry 1: gap /m },
      { name: "last deleted", tamper: (db) => db.deleteFrom("audit_log").where("seq", "=", LAST).execute(), status: 1, message: /^audit chain broken at entry 6: head /m },
      {
        name: "inserted",
        tamper: async (db) => {
          await openHole(db, MIDDLE);
          await insertForged(db, MIDDLE);
        },
        status: 1,
        message: /^audit chain broken at entry 4: prevHash$/m,
      },
      { name: "reordered", tamper: (db) => swap(db, FIRST, LAST), status: 1, message: /^audit chain broken at entry 1: prevHash$/m },
      {
        name: "re-hashed",
        tamper: (db) => forgeAndRehash(db, MIDDLE),
        args: expectRecorded,
        status: 1,
        message: /^audit chain does not match the head recorded outside the system at entry 6: recorded [0-9a-f]{64}, now [0-9a-f]{64}$/m,
      },
      {
        name: "intact",
        tamper: async () => {},
        args: expectRecorded,
        status: 0,
        message: /^audit chain intact: 6 entries; head 6 [0-9a-f]{64}; entry 6 matches the recorded hash$/m,
      },
    ];
    const runs = await Promise.all(
      cases.map(async (c) => {
        const { db, url } = await freshChain();
        const recorded = await entry(db, LAST);
        await c.tamper(db);
        return { c, run: await auditVerify(url, c.args?.(recorded)) };
      }),
    );
    for (const { c, run } of runs) {
      expect({ name: c.name, status: run.status }).toEqual({ name: c.name, status: c.status });
      // Failures go to standard error and nothing to standard output; success the other way round.
      const [said, silent] = c.status === 0 ? [run.stdout, run.stderr] : [run.stderr, run.stdout];
      expect(said, c.name).toMatch(c.message);
      expect(silent, c.name).toBe("");
    }
  }, 180_000);
});

describe("the head shown to the bureau admin", () => {
  function contextFor(db: DB, actor: Actor): AppLoadContext {
    return { db, dbKind: TEST_DB_KIND, nonce: "", clientAddress: "127.0.0.1", log: { requestId: "test" }, actorMemo: Promise.resolve({ actor, sessionId: "s" }) };
  }
  const request = () => new Request("http://localhost/bureau/audit");

  it("is the chain's current head, for the admin only, and the page says when the chain is broken", async () => {
    const { db } = await freshChain();
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    const last = await entry(db, LAST);
    const page = await auditPageLoader({ request: request(), params: {}, context: contextFor(db, admin) });
    expect(page.head).toEqual({ seq: LAST, hash: last.hash });
    expect(page.chain).toMatchObject({ ok: true, count: N, head: { seq: LAST, hash: last.hash } });

    for (const role of ["officer", "finance"] as const) {
      const other = await makeActor(db, { kind: "bureau", roles: [role] });
      const refused = await auditPageLoader({ request: request(), params: {}, context: contextFor(db, other) }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ init: { status: 403 } });
    }

    await db.updateTable("audit_log").set({ action: FORGERIES.action }).where("seq", "=", MIDDLE).execute();
    const broken = await auditPageLoader({ request: request(), params: {}, context: contextFor(db, admin) });
    expect(broken.chain).toMatchObject({ ok: false, problem: { kind: "hash", seq: MIDDLE } });
  });
});
