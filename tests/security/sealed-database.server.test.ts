import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { TEST_DB_KIND } from "#tests/db";
import type { BidContent } from "~/modules/bidding/content";
import { openLot } from "~/modules/bidding/open-lot.server";
import { msAfter } from "~/modules/bidding/test-fixtures.server";
import { DEADLINE, setNow } from "~/modules/tender/test-fixtures.server";
import { needlesOf, sealedWorld } from "./sealed-world.server";

/**
 * Issue 8, test 2 (DESIGN.md "Bid — sealed": not even someone holding a copy of the database reads
 * a bid before the deadline). Every value of every column of every table, read through SQL as a
 * copy of the database would give it, is searched for every bid's price — as integer fen, as
 * yuan, as a page shows it — and its plan, trainers and venue, as text, as UTF-16, as JSON's
 * \u escapes, and inside any value that decodes as base64 or hex. On SQLite the bytes of the file
 * itself are searched too, by app/modules/bidding/sealed-at-rest.server.test.ts.
 */

type Value = string | number | bigint | boolean | Buffer | Uint8Array | Date | object | null;

async function tablesOf(db: DB): Promise<string[]> {
  const rows =
    TEST_DB_KIND === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Every row of a table, every column as the driver returns it. */
async function rowsOf(db: DB, table: string): Promise<Record<string, Value>[]> {
  return (await sql<Record<string, Value>>`select * from ${sql.table(table)}`.execute(db)).rows;
}

const jsonEscaped = (s: string) => s.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The byte forms a text could take in a value. */
function byteForms(text: string): Buffer[] {
  const forms = [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le"), Buffer.from(jsonEscaped(text), "utf8")];
  return forms.filter((f, i) => forms.findIndex((g) => g.equals(f)) === i);
}

/** A value's bytes, and the bytes it decodes to when it reads as base64 or hex. */
function decodings(value: Value): Buffer[] {
  if (value === null) return [];
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return [Buffer.from(value)];
  const text = typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : String(value);
  const out = [Buffer.from(text, "utf8")];
  for (const token of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    out.push(Buffer.from(token, "base64"));
    if (/^(?:[0-9a-fA-F]{2})+$/.test(token)) out.push(Buffer.from(token, "hex"));
  }
  return out;
}

interface Hit {
  where: string;
  what: string;
}

/** Where a copy of the database shows any of these bids' content. */
async function sweep(db: DB, contents: readonly BidContent[]): Promise<{ hits: Hit[]; values: number }> {
  const needles = needlesOf(contents).map((n) => ({ ...n, forms: byteForms(n.text) }));
  const prices = new Set(contents.flatMap((c) => [c.priceFen, c.priceFen / 100]));
  const hits: Hit[] = [];
  let values = 0;
  for (const table of await tablesOf(db)) {
    for (const [i, row] of (await rowsOf(db, table)).entries()) {
      for (const [column, value] of Object.entries(row)) {
        values++;
        const where = `${table}[${i}].${column}`;
        if ((typeof value === "number" || typeof value === "bigint") && prices.has(Number(value))) hits.push({ where, what: `price ${String(value)}` });
        for (const bytes of decodings(value)) {
          for (const n of needles) if (n.forms.some((f) => bytes.includes(f))) hits.push({ where, what: `${n.what} "${n.text}"` });
        }
      }
    }
  }
  return { hits, values };
}

describe(`a copy of the database before the deadline (${TEST_DB_KIND})`, () => {
  it("holds no bid's price, plan, trainer or venue in any column of any table, in any obvious encoding; after the opening the same search finds the opened bids", { timeout: 120_000 }, async () => {
    const w = await sealedWorld();
    const before = await sweep(w.db, w.contents);
    expect(before.values, "the sweep read the database").toBeGreaterThan(500);
    expect(before.hits).toEqual([]);
    // The sealed content is there, as ciphertext: the bids exist and are stored.
    const bids = await w.db.selectFrom("bids").select(["status", "ciphertext"]).where("lot_id", "=", w.lotId).execute();
    expect(bids.map((b) => b.status).sort()).toEqual(["draft", "submitted", "submitted", "submitted", "withdrawn"]);
    for (const b of bids) expect(b.ciphertext.length).toBeGreaterThan(100);

    // The control: the opening records the submitted bids in the clear, and the sweep sees them.
    setNow(msAfter(DEADLINE, 1000));
    expect((await openLot(w.db, w.officer, w.lotId)).ok).toBe(true);
    for (const c of w.submitted) {
      const { hits } = await sweep(w.db, [c]);
      expect(hits.map((h) => h.what)).toEqual(expect.arrayContaining([`price ${c.priceFen}`, `plan "${c.plan}"`]));
    }
  });
});
