/**
 * Backup and restore under load (issue 8, group 11): `npm run db:backup -- <file>` runs while
 * another process writes; the restored copy passes SQLite's integrity check, its audit chain
 * verifies, and it is exactly the database as it stood at one moment of the load: its audit head
 * is an entry of the live chain, and its row counts in every table are those the writer saw right
 * after committing that entry. SQLite only (PostgreSQL is backed up with pg_dump).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it, onTestFinished } from "vitest";
import { createDb, type DB } from "#db/client";
import { TEST_DB_KIND } from "#tests/db";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { fileChecks, makeDrillWorld, sleep, startWriter } from "./harness.server";

function dbBackup(databasePath: string, target: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/cli/backup.ts", target], {
      env: { ...process.env, DATABASE_URL: `file:${databasePath}`, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function countsOf(db: DB): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) out[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]!.n);
  return out;
}

describe.skipIf(TEST_DB_KIND !== "sqlite")("backup and restore under load", () => {
  it("db:backup taken while another process writes restores to a consistent snapshot of one moment", async () => {
    const world = await makeDrillWorld();
    const dir = mkdtempSync(join(tmpdir(), "skilltender-backup-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const backupFile = join(dir, "backup.db");

    const writer = startWriter(world, "load", 1);
    await writer.loaded;
    writer.go();
    await writer.ackOf("award.propose");
    const before = writer.acks.length;
    const backup = await dbBackup(world.path, backupFile);
    const during = writer.acks.length - before;
    // Let the load run on a little past the backup, then stop it.
    const target = writer.acks.length + 4;
    while (writer.acks.length < target) await sleep(20);
    writer.child.kill("SIGKILL");
    const exit = await writer.exited;
    expect(exit.stderr).toBe("");
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(during, "the writer went on writing while the backup ran").toBeGreaterThan(0);

    // Restore: the file copied into place, opened as the app opens its database.
    const restoredPath = join(dir, "restored.db");
    copyFileSync(backupFile, restoredPath);
    expect(fileChecks(restoredPath)).toEqual({ integrity: ["ok"], foreignKeyViolations: 0 });
    const restored = createDb(`file:${restoredPath}`);
    const live = createDb(`file:${world.path}`);
    onTestFinished(async () => {
      await restored.destroy();
      await live.destroy();
    });
    const chain = await verifyAuditChain(restored.db);
    if (!chain.ok) throw new Error(`the restored audit chain is broken: ${JSON.stringify(chain.problem)}`);
    expect(backup.stdout).toBe(`backup written: ${backupFile}; audit head ${chain.head.seq} ${chain.head.hash}\n`);

    // The moment of the snapshot: the writer's state right after committing the backup's head.
    const first = writer.states[0]!;
    const last = writer.states[writer.states.length - 1]!;
    expect(chain.head.seq).toBeGreaterThan(first.seq);
    expect(chain.head.seq).toBeLessThan(last.seq);
    const atSnapshot = writer.states.find((s) => s.seq === chain.head.seq);
    expect(atSnapshot, `no write ended at audit entry ${chain.head.seq}`).toBeDefined();
    expect(chain.head.hash).toBe(atSnapshot!.hash);
    expect(await countsOf(restored.db)).toEqual(atSnapshot!.counts);
    // …and that entry is the live chain's own, which has moved on since.
    const liveEntry = await live.db.selectFrom("audit_log").select("hash").where("seq", "=", chain.head.seq).executeTakeFirstOrThrow();
    expect(liveEntry.hash).toBe(chain.head.hash);
    const liveChain = await verifyAuditChain(live.db);
    expect(liveChain.ok && liveChain.head.seq).toBeGreaterThanOrEqual(last.seq);
    if (process.env.CRASH_REPORT) {
      process.stdout.write(`backup at audit entry ${chain.head.seq} of ${first.seq}…${last.seq}; ${during} writes acknowledged while it ran; ${writer.acks.length} in all\n`);
    }
  }, 180_000);
});
