/**
 * The pure rules of `npm run db:copy` (SQLite → PostgreSQL): the order tables are filled in, how
 * a stored value maps to the target column's type, and what makes a copy verified. The I/O is in
 * copy.server.ts.
 */

/** A foreign key of a table: `column` references `refTable.refColumn`. */
export interface ForeignKey {
  column: string;
  refTable: string;
  refColumn: string;
}

/**
 * Tables in an order where every table comes after the tables it references (a table referring
 * to itself is filled row by row instead; see `selfReferences`). Ties are broken by name so the
 * order is the same on every run. Throws on a cycle between tables, which the schema has none of.
 */
export function foreignKeyOrder(tables: readonly string[], keys: ReadonlyMap<string, readonly ForeignKey[]>): string[] {
  const known = new Set(tables);
  const pending = new Map(
    tables.map((t) => [t, new Set((keys.get(t) ?? []).map((k) => k.refTable).filter((r) => r !== t && known.has(r)))]),
  );
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([t]) => t).sort();
    if (ready.length === 0) throw new Error(`foreign keys form a cycle between: ${[...pending.keys()].sort().join(", ")}`);
    for (const t of ready) {
      order.push(t);
      pending.delete(t);
      for (const deps of pending.values()) deps.delete(t);
    }
  }
  return order;
}

/** The foreign keys of a table that point into the same table (awards replacing awards, …). */
export function selfReferences(table: string, keys: readonly ForeignKey[]): ForeignKey[] {
  return keys.filter((k) => k.refTable === table);
}

/** Column types of the schema (db/migrations): every column is text, integer or bigint. */
export type ColumnType = "text" | "integer" | "bigint";

export type StoredValue = string | number | bigint | null | Uint8Array;

/**
 * A SQLite value as the PostgreSQL column takes it: integers stay integers (bigint for exactness
 * beyond 2^53), text stays text. Anything else — a fraction or text in an integer column, a
 * number or bytes in a text column, a NUL character PostgreSQL cannot store — is refused with the
 * reason, never coerced.
 */
export function toTargetValue(value: StoredValue, type: ColumnType): { ok: true; value: string | number | bigint | null } | { ok: false; reason: string } {
  if (value === null) return { ok: true, value: null };
  if (type === "text") {
    if (typeof value !== "string") return { ok: false, reason: `a ${describe(value)} in a text column` };
    if (value.includes("\u0000")) return { ok: false, reason: "a NUL character, which PostgreSQL text cannot hold" };
    return { ok: true, value };
  }
  if (typeof value === "bigint") {
    if (type === "integer" && (value < -2147483648n || value > 2147483647n)) return { ok: false, reason: `${value} is out of range for integer` };
    return { ok: true, value };
  }
  if (typeof value === "number" && Number.isInteger(value)) return toTargetValue(BigInt(value), type);
  return { ok: false, reason: `a ${describe(value)} in an ${type} column` };
}

function describe(value: StoredValue): string {
  if (value instanceof Uint8Array) return "blob";
  if (typeof value === "number") return Number.isInteger(value) ? "number" : "fraction";
  return typeof value === "string" ? "text" : typeof value;
}

/** What one side of a copy holds: rows per table and the audit chain's head. */
export interface CopySide {
  counts: Readonly<Record<string, number>>;
  head: { seq: number; hash: string };
}

/**
 * A copy is verified when both sides hold the same tables with the same number of rows and the
 * same audit head (seq and hash). Returns every difference, or an empty list.
 */
export function compareCopy(source: CopySide, target: CopySide): string[] {
  const problems: string[] = [];
  const tables = [...new Set([...Object.keys(source.counts), ...Object.keys(target.counts)])].sort();
  for (const t of tables) {
    const s = source.counts[t];
    const c = target.counts[t];
    if (s === undefined) problems.push(`${t}: only in the target`);
    else if (c === undefined) problems.push(`${t}: missing in the target`);
    else if (s !== c) problems.push(`${t}: ${s} rows in the source, ${c} in the target`);
  }
  if (source.head.seq !== target.head.seq || source.head.hash !== target.head.hash) {
    problems.push(`audit head: source ${source.head.seq} ${source.head.hash}, target ${target.head.seq} ${target.head.hash}`);
  }
  return problems;
}

/** A database URL for printing: the password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
