import { copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject, onTestFinished } from "vitest";
import { createDb, type DbHandle } from "#db/client";

/** Which database this project's tests run on (vitest.config.ts sets it per project). */
export const TEST_DB_KIND = process.env.TEST_DB_KIND === "postgres" ? "postgres" : "sqlite";

let admin: pg.Pool | undefined;

/**
 * A fresh, migrated, reference-seeded database for one test: a copy of the SQLite template file,
 * or a PostgreSQL database created from the template database. Dropped when the test ends.
 */
export async function createTestDb(): Promise<DbHandle> {
  const suffix = randomBytes(6).toString("hex");
  if (TEST_DB_KIND === "postgres") {
    const adminUrl = inject("postgresAdminUrl");
    const template = inject("postgresTemplate");
    admin ??= new pg.Pool({ connectionString: adminUrl, max: 2 });
    // Named after the run's template so that the run's teardown finds and drops them all.
    const name = `${template}_${suffix}`;
    await admin.query(`create database ${name} template ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = createDb(url.toString(), { poolSize: 5 });
    onTestFinished(async () => {
      await handle.destroy();
      await admin?.query(`drop database if exists ${name} with (force)`);
    });
    return handle;
  }
  const path = join(tmpdir(), `skilltender-t-${suffix}.db`);
  copyFileSync(inject("sqliteTemplate"), path);
  const handle = createDb(`file:${path}`);
  onTestFinished(async () => {
    await handle.destroy();
    for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  });
  return handle;
}
