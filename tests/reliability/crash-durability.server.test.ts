/**
 * Crash durability (issue 8, group 10; DESIGN.md "Durability"): a writer process is killed with
 * SIGKILL at random moments while it writes bids, awards and payments; after each kill the
 * database is reopened and must pass SQLite's integrity check, hold every write the writer had
 * acknowledged, hold nothing half-written (every row as its last audit entry says, every audited
 * record present), and its audit chain must verify. The next writer then carries on from there,
 * as the app would after a restart.
 *
 * Three rounds by default; a longer drill, with a report of each round:
 * `CRASH_ROUNDS=50 CRASH_REPORT=1 npx vitest run tests/reliability/crash-durability.server.test.ts`.
 * SQLite only: this is about the file, its WAL and synchronous=FULL. (SIGKILL ends the process,
 * not the machine: what the operating system had accepted still reaches the disk. Surviving a
 * power cut rests on synchronous=FULL's fsync at each commit, which a test cannot pull the plug on.)
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, type DB } from "#db/client";
import { TEST_DB_KIND } from "#tests/db";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { fileChecks, makeDrillWorld, sleep, startWriter, type Ack, type DrillWorld, type Writer } from "./harness.server";

const ROUNDS = Math.max(1, Number(process.env.CRASH_ROUNDS ?? 3) || 3);
/** The kill lands this long after the round's first payment (so each round wrote all three kinds), at random. */
const MAX_KILL_DELAY_MS = 400;

const TABLE_OF = { bid: "bids", award: "awards", payment: "payments" } as const;
type RecordType = keyof typeof TABLE_OF;

/** The status each audit action leaves its record in. */
async function lastAuditedStatus(db: DB, recordType: RecordType, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const entries = await db
    .selectFrom("audit_log")
    .select(["record_id", "after_json"])
    .where("record_type", "=", recordType)
    .where("record_id", "in", ids)
    .orderBy("seq")
    .execute();
  for (const e of entries) {
    const status = (JSON.parse(e.after_json ?? "{}") as { status?: string }).status;
    if (status) out.set(e.record_id!, status);
  }
  return out;
}

/** Everything that must hold after a kill, checked on a fresh connection. */
async function checkAfterKill(world: DrillWorld, acks: readonly Ack[]): Promise<void> {
  const files = fileChecks(world.path);
  expect(files).toEqual({ integrity: ["ok"], foreignKeyViolations: 0 });

  const handle = createDb(`file:${world.path}`);
  try {
    const { db } = handle;
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // Every acknowledged write is there, with its audit entry.
    const audited = new Set(
      (await db.selectFrom("audit_log").select(["action", "record_id"]).where("record_type", "in", ["bid", "award", "payment"]).execute()).map(
        (e) => `${e.action} ${e.record_id}`,
      ),
    );
    for (const ack of acks) {
      expect(audited.has(`${ack.action} ${ack.id}`), `${ack.action} ${ack.id} acknowledged but not audited`).toBe(true);
      if (ack.action === "payment.fail") expect(audited.has(`payment.create ${ack.id}`)).toBe(true);
      if (ack.action === "award.propose" && ack.other) expect(audited.has(`award.cancel ${ack.other}`)).toBe(true);
    }
    const rows = {
      bid: await db.selectFrom("bids").select(["id", "status"]).where("institution_id", "=", world.bidder.orgId).execute(),
      award: await db.selectFrom("awards").select(["id", "status"]).where("lot_id", "=", world.awardLotId).execute(),
      payment: await db.selectFrom("payments").select(["id", "status"]).where("milestone_id", "=", world.milestoneId).execute(),
    };
    // Statuses no later write changes (a submitted bid or a proposal may since have moved on).
    const finalStatus: Record<string, string> = { "bid.withdraw": "withdrawn", "payment.fail": "failed" };
    for (const ack of acks) {
      const type = ack.action.split(".")[0] as RecordType;
      const row = rows[type].find((r) => r.id === ack.id);
      expect(row, `${ack.action} ${ack.id} acknowledged but missing`).toBeDefined();
      if (finalStatus[ack.action]) expect(row!.status).toBe(finalStatus[ack.action]);
    }

    // Nothing half-written: each row is in the status its last audit entry records, and every
    // audited bid, award and payment exists.
    for (const type of Object.keys(rows) as RecordType[]) {
      const statuses = await lastAuditedStatus(db, type, rows[type].map((r) => r.id));
      for (const r of rows[type]) expect({ type, id: r.id, status: statuses.get(r.id) }).toEqual({ type, id: r.id, status: r.status });
    }
    for (const type of Object.keys(TABLE_OF) as RecordType[]) {
      const orphans = await sql<{ seq: number }>`
        select a.seq from audit_log a left join ${sql.table(TABLE_OF[type])} r on r.id = a.record_id
        where a.record_type = ${type} and r.id is null`.execute(db);
      expect({ type, orphans: orphans.rows }).toEqual({ type, orphans: [] });
    }
    // And the rules the writes keep: one live bid, one live proposal, one live payment at most.
    expect(rows.bid.filter((r) => r.status === "submitted" || r.status === "draft").length).toBeLessThanOrEqual(1);
    expect(rows.award.filter((r) => r.status === "proposed").length).toBeLessThanOrEqual(1);
    expect(rows.payment.filter((r) => ["pending", "sent", "paid"].includes(r.status)).length).toBeLessThanOrEqual(1);
  } finally {
    await handle.destroy();
  }
}

describe.skipIf(TEST_DB_KIND !== "sqlite")("crash durability", () => {
  it(
    `a writer killed with SIGKILL at random moments (${ROUNDS} rounds) loses no acknowledged write and leaves nothing half-written`,
    async () => {
      const t0 = performance.now();
      const world = await makeDrillWorld();
      const report: string[] = [`world built in ${Math.round(performance.now() - t0)} ms`];
      const acks: Ack[] = [];
      // Each writer loads its modules while the one before it writes, so a round costs little more than its writing.
      let next: Writer | undefined = startWriter(world, "crash", 1);
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const writer: Writer = next!;
          const waited = performance.now();
          await writer.loaded;
          const loadWait = Math.round(performance.now() - waited);
          writer.go();
          await writer.ackOf("payment.fail");
          next = round < ROUNDS ? startWriter(world, "crash", round + 1) : undefined;
          const delay = Math.round(Math.random() * MAX_KILL_DELAY_MS);
          await sleep(delay);
          writer.child.kill("SIGKILL");
          const exit = await writer.exited;
          expect(exit.stderr).toBe("");
          expect(exit.signal).toBe("SIGKILL");
          expect(writer.acks.length).toBeGreaterThan(0);
          acks.push(...writer.acks);
          const checked = performance.now();
          await checkAfterKill(world, acks);
          report.push(
            `round ${round}: waited ${loadWait} ms for the writer to load; killed ${delay} ms after its first payment; ${writer.acks.length} acks; checked in ${Math.round(performance.now() - checked)} ms`,
          );
        }
      } finally {
        next?.child.kill("SIGKILL");
        if (next) await next.exited;
      }
      const by = (prefix: string) => acks.filter((a) => a.action.startsWith(prefix)).length;
      expect(by("bid.")).toBeGreaterThan(0);
      expect(by("award.")).toBeGreaterThan(0);
      expect(by("payment.")).toBeGreaterThan(0);
      if (process.env.CRASH_REPORT) process.stdout.write(`${report.join("\n")}\n${acks.length} acknowledged writes (bids ${by("bid.")}, awards ${by("award.")}, payments ${by("payment.")}) in ${Math.round(performance.now() - t0)} ms\n`);
    },
    60_000 + ROUNDS * 20_000,
  );
});
