import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { seedReference } from "#db/seed/reference";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string;
    postgresAdminUrl: string;
  }
}

/** Builds one migrated, reference-seeded template per run; each test copies it (STYLE.md). */
export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL = "silent";
  const dir = mkdtempSync(join(tmpdir(), "skilltender-test-"));
  const templatePath = join(dir, "template.db");
  const sqlite = createDb(`file:${templatePath}`);
  await migrateToLatest(sqlite.db);
  await seedReference(sqlite.db, { nameZh: "测试区人力资源和社会保障局" });
  await sqlite.destroy();
  project.provide("sqliteTemplate", templatePath);

  const adminUrl = process.env.TEST_POSTGRES_URL;
  let templateName = "";
  if (adminUrl && project.name === "postgres") {
    templateName = `st_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${templateName}`;
    const handle = createDb(url.toString(), { poolSize: 1 });
    await migrateToLatest(handle.db);
    await seedReference(handle.db, { nameZh: "测试区人力资源和社会保障局" });
    await handle.destroy();
  }
  project.provide("postgresTemplate", templateName);
  project.provide("postgresAdminUrl", adminUrl ?? "");

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && templateName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${templateName}_%`, templateName],
      );
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    }
  };
}
