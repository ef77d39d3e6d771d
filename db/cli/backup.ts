import Database from "better-sqlite3";
import { openSqlite, sqlitePathOf } from "../client";
import { runCli } from "./_shared";

/**
 * `npm run db:backup -- <file>`: an online backup of the SQLite database through SQLite's backup
 * API, safe while the app serves. For PostgreSQL use pg_dump (docs/operations.md).
 *
 * All pages are copied in one step, inside one read transaction: the copy is the database as of
 * one commit, and, WAL readers not blocking writers, the app goes on writing meanwhile. (Copied a
 * few pages at a time — the driver's default — the backup starts over whenever another process
 * commits, and under a steady write load might never finish.) The copy is left as one file, and
 * the audit head it holds is printed, to record beside it.
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
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // The copy as one self-contained file (no -wal or -shm beside it); the app turns WAL back on
  // when it opens a restored copy.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const head = copy.prepare("select seq, hash from audit_head where id = 1").get() as { seq: number; hash: string } | undefined;
    process.stdout.write(`backup written: ${target}${head ? `; audit head ${head.seq} ${head.hash}` : ""}\n`);
  } finally {
    copy.close();
  }
});
