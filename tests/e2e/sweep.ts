/**
 * The machinery of the secrecy sweep (nobody-reads-a-sealed-bid-before-the-deadline.spec.ts):
 * every route file of app/routes turned into the URLs of the demo world, and a search of any
 * response body (HTML, JSON, CSV, text, XLSX unzipped) for a bid's price and plan.
 */
import { OCID_PREFIX } from "../../app/modules/opendata/ocds";
import type Database from "better-sqlite3";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { fenToYuanString } from "../../app/modules/reference/money";
import { LANGUAGES } from "../../app/ui/i18n/config";

export const ROUTES_DIR = fileURLToPath(new URL("../../app/routes/", import.meta.url));

/** What Remix takes for a route module (vite.config.ts ignores tests and CSS). */
const MODULE = /\.(tsx?|jsx?)$/;
const IGNORED = /\.test\.(tsx?|jsx?)$/;

export interface RouteFile {
  /** The file, relative to app/routes. */
  file: string;
  /** The flat-routes name: the file name without extension, or the folder of a route.tsx. */
  name: string;
}

/** Every route module under app/routes: flat files, and folders holding a route.{tsx,ts,jsx,js}. */
export function listRouteFiles(dir = ROUTES_DIR): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const route = readdirSync(path).find((f) => /^route\.(tsx?|jsx?)$/.test(f));
      if (route) out.push({ file: `${entry}/${route}`, name: entry });
    } else if (MODULE.test(entry) && !IGNORED.test(entry)) {
      out.push({ file: entry, name: entry.replace(MODULE, "") });
    }
  }
  return out;
}

export type Segment =
  | { kind: "static"; text: string }
  | { kind: "param"; name: string; suffix: string }
  | { kind: "splat" };

/** Removes the brackets that escape characters in a flat-routes segment: `template[.]csv` → `template.csv`. */
function unescape(text: string): string {
  return text.replace(/\[([^\]]*)\]/g, "$1");
}

/**
 * The URL segments of a flat route name (Remix 2 "flat routes"): `.` separates segments except
 * inside `[…]`; a segment starting with `_` is pathless (a layout, or `_index`); a trailing `_`
 * only opts out of layout nesting; `$name` is a dynamic segment (a literal suffix such as
 * `$ocid[.]json` is kept), `$` alone a splat; an optional `(…)` segment is left out.
 */
export function segmentsOf(routeName: string): Segment[] {
  const parts: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of routeName) {
    if (ch === "[") escaped = true;
    if (ch === "]") escaped = false;
    if (ch === "." && !escaped) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const out: Segment[] = [];
  for (let raw of parts) {
    if (raw.startsWith("_") || raw === "") continue;
    if (raw.startsWith("(") && raw.endsWith(")")) continue;
    if (raw.endsWith("_")) raw = raw.slice(0, -1);
    if (raw === "$") {
      out.push({ kind: "splat" });
      continue;
    }
    const param = /^\$([A-Za-z0-9_]+)(.*)$/.exec(raw);
    if (param) out.push({ kind: "param", name: param[1] ?? "", suffix: unescape(param[2] ?? "") });
    else out.push({ kind: "static", text: unescape(raw) });
  }
  return out;
}

/** A path pattern for messages: /tenders/:reference. */
export function patternOf(segments: Segment[]): string {
  return `/${segments.map((s) => (s.kind === "static" ? s.text : s.kind === "splat" ? "*" : `:${s.name}${s.suffix}`)).join("/")}`;
}

/** A path that matches no record and no page, for a splat (the catch-all 404 page). */
const SPLAT_VALUE = "swept-no-such-page";
/** The id used when a table a route needs is still empty in the demo world: the route is requested all the same. */
export const ABSENT_ID = "swept-no-such-record";

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function pluralsOf(word: string): string[] {
  return [`${word}s`, `${word}es`, word.replace(/y$/, "ies"), word];
}

/**
 * Which table holds the records a dynamic segment names, chosen by the segment's name and the
 * static segment before it: `$reference` → tenders.reference; `$id` after `tenders`, `demands`,
 * `organisations`, `contracts`, … → that table's ids; `$lotId`, `$bidId`, `$contractId`, … → the
 * ids of lots, bids, contracts, …. Anything else is not known, and the sweep fails naming it.
 */
export function columnFor(db: Database.Database, name: string, parent: string | undefined): { table: string; column: string } | undefined {
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const hasColumn = (table: string, column: string) =>
    (db.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).some((c) => c.name === column);
  const pick = (candidates: string[], column: string) => {
    const table = candidates.find((t) => tables.has(t) && hasColumn(t, column));
    return table ? { table, column } : undefined;
  };
  const aliases: Record<string, string> = { org: "organisations", organization: "organisations", organisation: "organisations" };
  if (name === "reference") return pick(["tenders"], "reference");
  if (name === "id" && parent) return pick([snake(parent).replace(/-/g, "_")], "id");
  const id = /^(.+)Id$/.exec(name);
  if (id?.[1]) {
    const base = snake(id[1]);
    return pick(aliases[id[1]] ? [aliases[id[1]]!] : pluralsOf(base), "id");
  }
  return undefined;
}

/** Dynamic segments that name no record but one of a fixed set: `$lng` (the dictionaries). */
const FIXED_VALUES: Record<string, readonly string[]> = { lng: LANGUAGES };

export interface SweptRoute {
  file: string;
  pattern: string;
  urls: string[];
  /** Dynamic segments whose table was empty: requested with ABSENT_ID. */
  absent: string[];
}

/**
 * Every route file as the URLs of the demo world: each dynamic segment filled with every value
 * its table holds (all combinations when a route has several). Returns the routes and the
 * segments that could not be filled, by file.
 */
export function routeUrls(db: Database.Database, extraQueries: Record<string, string[]> = {}): { routes: SweptRoute[]; unfillable: string[] } {
  const routes: SweptRoute[] = [];
  const unfillable: string[] = [];
  for (const route of listRouteFiles()) {
    const segments = segmentsOf(route.name);
    const pattern = patternOf(segments);
    let paths: string[] = [""];
    const absent: string[] = [];
    let parent: string | undefined;
    for (const s of segments) {
      let values: string[];
      if (s.kind === "static") {
        values = [s.text];
        parent = s.text;
      } else if (s.kind === "splat") {
        values = [SPLAT_VALUE];
      } else if (s.name === "ocid") {
        // An open-data record: the OCDS id of each tender with a reference.
        values = (db.prepare("select reference as v from tenders where reference is not null order by 1").all() as { v: string }[]).map((r) => encodeURIComponent(`${OCID_PREFIX}-${r.v}`) + s.suffix);
      } else if (FIXED_VALUES[s.name]) {
        values = FIXED_VALUES[s.name]!.map((v) => encodeURIComponent(v) + s.suffix);
      } else {
        const where = columnFor(db, s.name, parent);
        if (!where) {
          unfillable.push(
            `app/routes/${route.file}: the segment $${s.name} (after "${parent ?? "/"}") names no table the sweep knows; teach columnFor in tests/e2e/sweep.ts which records it shows`,
          );
          values = [];
        } else {
          values = (db.prepare(`select distinct "${where.column}" as v from "${where.table}" where "${where.column}" is not null order by 1`).all() as { v: string }[]).map(
            (r) => encodeURIComponent(String(r.v)) + s.suffix,
          );
          if (values.length === 0) {
            absent.push(`$${s.name} (${where.table} is empty)`);
            values = [ABSENT_ID + s.suffix];
          }
        }
      }
      paths = paths.flatMap((p) => values.map((v) => `${p}/${v}`));
    }
    const bases = paths.map((p) => (p === "" ? "/" : p));
    const urls = bases.flatMap((u) => [u, ...(extraQueries[pattern] ?? []).map((q) => `${u}?${q}`)]);
    routes.push({ file: route.file, pattern, urls, absent });
  }
  return { routes, unfillable };
}

/** The text of every file of a ZIP archive (an XLSX workbook is one), concatenated. */
export function unzipText(zip: Buffer): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a ZIP archive: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("ZIP central directory is damaged");
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`ZIP entry ${name}: compression method ${method} is not read here`);
    texts.push(`${name}\n${(method === 8 ? inflateRawSync(data) : data).toString("utf8")}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return texts.join("\n");
}

/** A response body as text: a ZIP (XLSX) is unzipped, anything else read as UTF-8. */
export function bodyText(body: Buffer): string {
  return body.subarray(0, 4).toString("latin1") === "PK\u0003\u0004" ? unzipText(body) : body.toString("utf8");
}

/** What must stay sealed of one bid: its price per trainee (null: search the plan only), capacity and training plan. */
export interface SealedBid {
  priceFen: number | null;
  capacity: number;
  plan: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The body as a reader would see it, too: HTML entities, JSON \u escapes and percent-encoding undone, tags dropped. */
function readings(body: string): string[] {
  const decoded = body
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n: string) => ENTITIES[n.toLowerCase()] ?? m)
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  return [body, decoded, decoded.replace(/<[^>]*>/g, "")];
}

/** A number written as money or a count, normalised: "1,720.00" → "1720", "1720.50" → "1720.5". */
function normalNumber(token: string): string {
  const plain = token.replace(/,/g, "");
  return plain.includes(".") ? plain.replace(/0+$/, "").replace(/\.$/, "") : plain;
}

/**
 * A number standing alone (not part of an id, a hash or a longer number), with or without
 * thousands separators and decimals: the ways money.ts writes an amount (¥1,720.00, 1720.00)
 * and the ways a careless page or export might (1720, 172000, 172,000).
 */
const NUMBER = /(?<![A-Za-z0-9_.])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![A-Za-z0-9_])/g;

/**
 * Where a body shows any of a sealed bid: its price per trainee in yuan or in fen (and the bid's
 * total, price × capacity), and its plan, whole or any clause of it. Capacity alone is a small
 * number that pages show for other reasons (the demo lot's headcount is also 20), so it is
 * searched only inside the total. Returns what was found, empty when nothing was.
 */
export function findBid(body: string, bid: SealedBid): string[] {
  const found = new Set<string>();
  const clauses = bid.plan.split(/[，。：；、,.:;！？!?\s]+/).filter((c) => [...c].length >= 4);
  const price = bid.priceFen;
  const amounts = new Map<string, string>(
    price === null
      ? []
      : [
          [normalNumber(fenToYuanString(price)), "price in yuan"],
          [String(price), "price in fen"],
          [normalNumber(fenToYuanString(price * bid.capacity)), "price × capacity in yuan"],
          [String(price * bid.capacity), "price × capacity in fen"],
        ],
  );
  for (const text of readings(body)) {
    if (text.includes(bid.plan)) found.add(`plan "${bid.plan}"`);
    for (const c of clauses) if (text.includes(c)) found.add(`plan clause "${c}"`);
    for (const m of text.matchAll(NUMBER)) {
      const what = amounts.get(normalNumber(m[0]));
      if (what) found.add(`${what} "${m[0]}"`);
    }
  }
  return [...found];
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
