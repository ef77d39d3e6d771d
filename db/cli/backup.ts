import { openSqlite, sqlitePathOf } from "../client";
import { runCli } from "./_shared";

/**
 * `npm run db:backup -- <file>`: an online backup of the SQLite database through SQLite's backup
 * API, safe while the app serves. For PostgreSQL use pg_dump (docs/operations.md).
 */
await runCli("db:backup", async (handle, args) => {
  const target = args.find((a) => !a.startsWith("--"));
  if (!target) {
    process.stderr.write("usage: npm run db:backup -- <file>\n");
    return 2;
  }
  if (handle.kind !== "sqlite") {
    process.stderr.write("db:backup: DATABASE_URL is PostgreSQL; use pg_dump (see docs/operations.md)\n");
    return 2;
  }
  const source = openSqlite(sqlitePathOf(handle.url));
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  process.stdout.write(`backup written: ${target}\n`);
});
