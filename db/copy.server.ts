/**
 * `npm run db:copy -- --from <sqlite-url> --to <postgres-url>`: moves a SQLite database into a
 * new, empty PostgreSQL database (docs/operations.md "Moving to PostgreSQL").
 *
 * The source is read in one read transaction (a consistent snapshot, even if something still
 * writes to it); the target is migrated by the app's own migrations and filled in one
 * transaction, table by table in foreign-key order, in batches. Before that transaction commits
 * the copy is verified — rows per table and the audit head on both sides, and the copied audit
 * chain walked and re-hashed on PostgreSQL — and any difference rolls everything back.
 */
import type BetterSqlite3 from "better-sqlite3";
import { existsSync } from "node:fs";
import { Kysely, SqliteDialect, sql, type Transaction } from "kysely";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { createDb, dbKindOf, openSqlite, sqlitePathOf, type DB } from "./client";
import { compareCopy, foreignKeyOrder, selfReferences, toTargetValue, type ColumnType, type CopySide, type ForeignKey, type StoredValue } from "./copy";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations/index";
import type { DB as Schema } from "./schema";

/** A refusal or a failed verification: the message says what, and nothing was committed. */
export class CopyError extends Error {
  constructor(
    message: string,
    readonly report?: CopyReport,
  ) {
    super(message);
  }
}

export interface CopyReport {
  /** The tables copied, in the order they were filled. */
  tables: string[];
  source: CopySide;
  target: CopySide;
  problems: string[];
  /** Entries of the audit chain walked and re-hashed on the target. */
  chainEntries: number;
}

/** Kysely's own bookkeeping: the target's comes from running the migrations, not from the copy. */
const BOOKKEEPING = /^(kysely_|sqlite_)/;
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters a statement. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1000;

interface SourceTable {
  name: string;
  columns: { name: string; type: string }[];
  keys: ForeignKey[];
}

function readSourceSchema(sqlite: BetterSqlite3.Database): SourceTable[] {
  const names = sqlite
    .prepare("select name from sqlite_master where type = 'table' order by name")
    .pluck()
    .all() as string[];
  return names
    .filter((n) => !BOOKKEEPING.test(n))
    .map((name) => ({
      name,
      columns: (sqlite.prepare(`pragma table_info(${quote(name)})`).all() as { name: string; type: string }[]).map((c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
      })),
      keys: (sqlite.prepare(`pragma foreign_key_list(${quote(name)})`).all() as { table: string; from: string; to: string | null }[]).map((k) => ({
        column: k.from,
        refTable: k.table,
        refColumn: k.to ?? "id",
      })),
    }));
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** The migrations a database has run, by name. */
function sourceMigrations(sqlite: BetterSqlite3.Database): string[] {
  const has = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!has) return [];
  return sqlite.prepare("select name from kysely_migration order by name").pluck().all() as string[];
}

async function targetTables(db: Kysely<Schema> | Transaction<Schema>): Promise<Map<string, Map<string, string>>> {
  const rows = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db);
  const out = new Map<string, Map<string, string>>();
  for (const r of rows.rows) {
    if (BOOKKEEPING.test(r.table_name)) continue;
    const cols = out.get(r.table_name) ?? new Map<string, string>();
    cols.set(r.column_name, r.data_type);
    out.set(r.table_name, cols);
  }
  return out;
}

/** Tables of the target holding anything but what the migrations themselves put there. */
async function nonEmptyTables(db: Kysely<Schema>, tables: Iterable<string>): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    // The migrations write the audit chain's genesis head (seq 0); a used database has moved on.
    const filled =
      t === "audit_head"
        ? await sql<{ n: number }>`select count(*) as n from audit_head where seq <> 0`.execute(db)
        : await sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(t)} limit 1) x`.execute(db);
    if (Number(filled.rows[0]?.n ?? 0) > 0) out.push(t);
  }
  return out;
}

async function headOf(db: Kysely<Schema> | Transaction<Schema>): Promise<{ seq: number; hash: string }> {
  const h = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  return h ? { seq: Number(h.seq), hash: h.hash } : { seq: -1, hash: "(none)" };
}

function notEmpty(tables: string[]): CopyError {
  const named = tables.length > 4 ? `${tables.slice(0, 4).join(", ")} and ${tables.length - 4} more tables` : tables.join(", ");
  return new CopyError(`the target is not empty (${named} hold rows): db:copy fills a new, empty database only`);
}

function checkSchemas(source: SourceTable[], target: Map<string, Map<string, string>>): string[] {
  const problems: string[] = [];
  for (const t of source) {
    const cols = target.get(t.name);
    if (!cols) {
      problems.push(`table ${t.name} is missing in the target`);
      continue;
    }
    for (const c of t.columns) {
      const pgType = cols.get(c.name);
      if (!pgType) problems.push(`column ${t.name}.${c.name} is missing in the target`);
      else if (pgType !== c.type) problems.push(`column ${t.name}.${c.name} is ${c.type} in the source, ${pgType} in the target`);
    }
    for (const name of cols.keys()) {
      if (!t.columns.some((c) => c.name === name)) problems.push(`column ${t.name}.${name} is missing in the source`);
    }
  }
  for (const name of target.keys()) {
    if (!source.some((t) => t.name === name)) problems.push(`table ${name} is missing in the source`);
  }
  return problems;
}

async function copyTable(
  sqlite: BetterSqlite3.Database,
  trx: Transaction<Schema>,
  table: SourceTable,
): Promise<void> {
  const columns = table.columns.map((c) => ({ name: c.name, type: c.type as ColumnType }));
  const batchSize = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const self = selfReferences(table.name, table.keys);
  // Rows referring to a row of their own table not yet copied wait for it (PostgreSQL checks
  // each foreign key as the statement ends, and the schema's keys are not deferrable).
  const copied = self.length > 0 ? new Map(self.map((k) => [k.refColumn, new Set<string>()])) : undefined;
  let waiting: Record<string, unknown>[] = [];
  const isReady = (row: Record<string, unknown>) =>
    self.every((k) => row[k.column] === null || copied!.get(k.refColumn)!.has(String(row[k.column])));

  const insert = async (rows: Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table.name).values(rows).execute();
    if (copied) for (const r of rows) for (const [col, set] of copied) set.add(String(r[col]));
  };

  const read = sqlite.prepare(`select rowid as "__rowid", * from ${quote(table.name)} where rowid > ? order by rowid limit ?`).safeIntegers(true);
  let after = -1n;
  for (;;) {
    const raw = read.all(after, batchSize) as Record<string, StoredValue>[];
    if (raw.length === 0) break;
    after = raw[raw.length - 1]!.__rowid as bigint;
    const rows = raw.map((r) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = toTargetValue(r[c.name] ?? null, c.type);
        if (!v.ok) throw new CopyError(`${table.name}.${c.name} (row ${String(r.__rowid)}): ${v.reason}`);
        out[c.name] = v.value;
      }
      return out;
    });
    if (!copied) {
      await insert(rows);
      continue;
    }
    waiting.push(...rows);
    // Copy whatever is ready, as often as that frees more.
    for (;;) {
      const ready = waiting.filter(isReady);
      if (ready.length === 0) break;
      waiting = waiting.filter((r) => !isReady(r));
      for (let i = 0; i < ready.length; i += batchSize) await insert(ready.slice(i, i + batchSize));
    }
  }
  if (waiting.length > 0) throw new CopyError(`${table.name}: ${waiting.length} rows refer to rows of ${table.name} that do not exist`);
}

export interface CopyOptions {
  from: string;
  to: string;
}

/**
 * Copies the SQLite database `from` into the empty PostgreSQL database `to` and verifies it;
 * throws a CopyError (nothing committed) when it refuses or the copy does not verify.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  if (dbKindOf(options.from) !== "sqlite") throw new CopyError("--from must be a SQLite URL (file:<path>)");
  if (dbKindOf(options.to) !== "postgres") throw new CopyError("--to must be a PostgreSQL URL (postgres://…)");
  const path = sqlitePathOf(options.from);
  if (path === ":memory:" || !existsSync(path)) throw new CopyError(`no SQLite database at ${options.from}`);

  const sqlite = openSqlite(path);
  // verifyAuditChain reads through Kysely: the same connection, so the same snapshot.
  const sourceDb: DB = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const target = createDb(options.to, { poolSize: 2 });
  try {
    // One read transaction over the whole copy: the snapshot stays put while writers go on.
    sqlite.exec("begin");
    const expected = Object.keys(migrations).sort();
    const ran = sourceMigrations(sqlite);
    const missing = expected.filter((m) => !ran.includes(m));
    const unknown = ran.filter((m) => !expected.includes(m));
    if (unknown.length > 0) throw new CopyError(`the source has migrations this version does not know (${unknown.join(", ")}): copy with the version that made it`);
    if (missing.length > 0) throw new CopyError(`the source is not at the newest migration (missing ${missing.join(", ")}): run npm run db:migrate on it first`);

    const tables = readSourceSchema(sqlite);
    const sourceChain = await verifyAuditChain(sourceDb);
    if (!sourceChain.ok) {
      throw new CopyError(`the source's audit chain is broken at entry ${sourceChain.problem.seq} (${sourceChain.problem.kind}): investigate before moving the data (npm run audit:verify)`);
    }
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number(sqlite.prepare(`select count(*) from ${quote(t.name)}`).pluck().get());
    const source: CopySide = { counts, head: sourceChain.head };

    // Refuse a used target before changing anything in it.
    const before = await targetTables(target.db);
    const used = await nonEmptyTables(target.db, before.keys());
    if (used.length > 0) throw notEmpty(used);
    await migrateToLatest(target.db);
    const schemaProblems = checkSchemas(tables, await targetTables(target.db));
    if (schemaProblems.length > 0) throw new CopyError(`the schemas differ: ${schemaProblems.join("; ")}`);
    const stillUsed = await nonEmptyTables(target.db, tables.map((t) => t.name));
    if (stillUsed.length > 0) throw notEmpty(stillUsed);

    const order = foreignKeyOrder(
      tables.map((t) => t.name),
      new Map(tables.map((t) => [t.name, t.keys])),
    );
    const byName = new Map(tables.map((t) => [t.name, t]));

    return await target.db.transaction().execute(async (trx) => {
      // The genesis head the migrations wrote makes way for the source's.
      await trx.deleteFrom("audit_head").execute();
      for (const name of order) await copyTable(sqlite, trx, byName.get(name)!);
      const targetCounts: Record<string, number> = {};
      for (const name of order) {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(trx);
        targetCounts[name] = Number(r.rows[0]?.n ?? 0);
      }
      const chain = await verifyAuditChain(trx);
      const targetSide: CopySide = { counts: targetCounts, head: await headOf(trx) };
      const problems = compareCopy(source, targetSide);
      if (!chain.ok) problems.push(`the copied audit chain breaks at entry ${chain.problem.seq} (${chain.problem.kind})`);
      const report: CopyReport = { tables: order, source, target: targetSide, problems, chainEntries: chain.count };
      // Throwing rolls the whole copy back: the target stays empty, ready for another try.
      if (problems.length > 0) throw new CopyError("the copy does not match the source; nothing was committed", report);
      return report;
    });
  } finally {
    if (sqlite.inTransaction) sqlite.exec("rollback");
    await target.destroy();
    await sourceDb.destroy();
    if (sqlite.open) sqlite.close();
  }
}
