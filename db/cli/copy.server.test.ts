import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { TEST_DB_KIND } from "#tests/db";
import { createDb, type DB } from "#db/client";
import { CopyError, copySqliteToPostgres } from "#db/copy.server";
import { seedDemo } from "#db/seed/demo";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";

/** A SQLite file made from the test template, with the demo world when asked; removed after the test. */
async function sqliteSource(options: { demo: boolean }): Promise<string> {
  const path = join(tmpdir(), `skilltender-copy-${randomBytes(6).toString("hex")}.db`);
  copyFileSync(inject("sqliteTemplate"), path);
  onTestFinished(() => {
    for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  });
  if (options.demo) {
    const handle = createDb(`file:${path}`);
    try {
      expect(await seedDemo(handle.db)).toBe(true);
    } finally {
      await handle.destroy();
    }
  }
  return path;
}

/** A new, empty PostgreSQL database (named after the run's template, so the run's teardown also finds it). */
async function emptyPostgres(): Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const name = `${inject("postgresTemplate")}_copy_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  onTestFinished(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runCopy(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/cli/copy.ts", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function tableNames(db: DB): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Every row of a table, as comparable text (ordered, so the two databases' row orders do not matter). */
async function rowsOf(db: DB, table: string): Promise<string[]> {
  const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  return r.rows
    .map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]])))
    .sort();
}

describe("db:copy refusals that need no PostgreSQL", () => {
  it("refuses a target that is not PostgreSQL and a source that does not exist", async () => {
    const path = await sqliteSource({ demo: false });
    await expect(copySqliteToPostgres({ from: `file:${path}`, to: `file:${path}.copy` })).rejects.toThrow(/--to must be a PostgreSQL URL/);
    await expect(copySqliteToPostgres({ from: `file:${path}.missing`, to: "postgres://nobody@127.0.0.1:1/none" })).rejects.toThrow(
      /no SQLite database at/,
    );
  });
});

describe.skipIf(TEST_DB_KIND !== "postgres")("npm run db:copy (SQLite → PostgreSQL)", () => {
  it("copies the demo world into an empty database, verified row for row and by the audit head, and refuses to copy twice", async () => {
    const path = await sqliteSource({ demo: true });
    const target = await emptyPostgres();

    const run = await runCopy(["--from", `file:${path}`, "--to", target]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);

    const source = createDb(`file:${path}`);
    const copy = createDb(target, { poolSize: 2 });
    onTestFinished(async () => {
      await source.destroy();
      await copy.destroy();
    });
    const sourceHead = await source.db.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirstOrThrow();
    const sourceChain = await verifyAuditChain(source.db);
    expect(sourceChain).toMatchObject({ ok: true });
    expect(Number(sourceHead.seq)).toBeGreaterThan(100); // the demo world, not an empty database
    expect(run.stdout).toContain(`copy verified: `);
    expect(run.stdout).toContain(`audit head ${sourceHead.seq} ${sourceHead.hash}`);

    // The same rows, column by column, in every table: text, integers and bigint money alike.
    const tables = await tableNames(source.db);
    expect(tables.length).toBeGreaterThan(40);
    for (const t of tables) {
      const want = await rowsOf(source.db, t);
      expect(run.stdout).toMatch(new RegExp(`^${t} +${want.length} +${want.length}$`, "m"));
      expect({ table: t, rows: await rowsOf(copy.db, t) }).toEqual({ table: t, rows: want });
    }
    expect(await verifyAuditChain(copy.db)).toEqual(sourceChain);

    // A second run finds the target in use and changes nothing.
    const again = await runCopy(["--from", `file:${path}`, "--to", target]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/the target is not empty/);
    expect(await copy.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({
      n: Number(sourceHead.seq),
    });
  }, 180_000);

  it("rolls the whole copy back when one value cannot be stored, and refuses a source whose audit chain is broken", async () => {
    const path = await sqliteSource({ demo: true });
    const target = await emptyPostgres();
    const source = createDb(`file:${path}`);
    const copy = createDb(target, { poolSize: 2 });
    onTestFinished(async () => {
      await source.destroy();
      await copy.destroy();
    });

    // PostgreSQL text cannot hold a NUL character; SQLite's can. The copy stops there, whole.
    const notice = await source.db.selectFrom("notifications").select("id").orderBy("id").executeTakeFirstOrThrow();
    await source.db.updateTable("notifications").set({ link: "/x\u0000y" }).where("id", "=", notice.id).execute();
    const failed = await copySqliteToPostgres({ from: `file:${path}`, to: target }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CopyError);
    expect((failed as Error).message).toMatch(/^notifications\.link \(row \d+\): a NUL character/);
    for (const t of ["organisations", "users", "audit_log", "bids", "notifications"] as const) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(copy.db);
      expect({ t, n: Number(r.rows[0]!.n) }).toEqual({ t, n: 0 });
    }
    expect(await copy.db.selectFrom("audit_head").select(["seq"]).executeTakeFirstOrThrow()).toEqual({ seq: 0 });

    // With the value repaired but an audit entry altered, nothing is copied at all.
    await source.db.updateTable("notifications").set({ link: null }).where("id", "=", notice.id).execute();
    await source.db.updateTable("audit_log").set({ action: "user.delete" }).where("seq", "=", 7).execute();
    await expect(copySqliteToPostgres({ from: `file:${path}`, to: target })).rejects.toThrow(/audit chain is broken at entry 7/);
    expect(await copy.db.selectFrom("audit_head").select(["seq"]).executeTakeFirstOrThrow()).toEqual({ seq: 0 });
  }, 180_000);
});
