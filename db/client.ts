import Database from "better-sqlite3";
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type SqliteDialectConfig,
} from "kysely";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DB as Schema } from "./schema";

export type DB = Kysely<Schema>;
export type DbKind = "sqlite" | "postgres";

/**
 * Write transactions on SQLite begin IMMEDIATE so that two writers never both read and then
 * fail to upgrade their lock (SQLITE_BUSY mid-transaction); see ADR 002.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

function sqliteDialect(config: SqliteDialectConfig): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver(config),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

export function dbKindOf(url: string): DbKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** Path of a `file:` URL (or a bare path) for SQLite. */
export function sqlitePathOf(url: string): string {
  const path = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path === ":memory:" ? path : resolve(path);
}

export function openSqlite(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // Durability rules of DESIGN.md: WAL, synchronous=FULL, foreign keys, busy timeout.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

// int8 (count(*), sum of bigint) comes back as a number, not a string.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbHandle {
  db: DB;
  kind: DbKind;
  url: string;
  destroy: () => Promise<void>;
}

export function createDb(url: string, options: { poolSize?: number } = {}): DbHandle {
  const kind = dbKindOf(url);
  if (kind === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on next use.
    pool.on("error", (error) => {
      if (process.env.LOG_LEVEL !== "silent") process.stderr.write(`postgres pool: ${error.message}\n`);
    });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind, url, destroy: () => db.destroy() };
  }
  const path = sqlitePathOf(url);
  const db = new Kysely<Schema>({ dialect: sqliteDialect({ database: openSqlite(path) }) });
  return { db, kind, url, destroy: () => db.destroy() };
}

export const DEFAULT_DATABASE_URL = "file:./data/skilltender.db";

export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
}
