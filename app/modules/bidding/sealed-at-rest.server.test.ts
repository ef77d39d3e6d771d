import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { TEST_DB_KIND } from "#tests/db";
import { DEADLINE, makeWorld, setNow } from "~/modules/tender/test-fixtures.server";
import { saveBid, withdrawBid } from "./bids.server";
import type { BidContent } from "./content";
import { openLot } from "./open-lot.server";
import { bidContent, institutions, msAfter, publishedLot } from "./test-fixtures.server";

/**
 * DESIGN.md "Bid — sealed": before the deadline not even "someone holding a copy of the database"
 * can read a bid. These tests read the SQLite files themselves, byte for byte — the database file,
 * its write-ahead log and its shared-memory index — the way someone with a copy of the disk would.
 *
 * SQLite only: on PostgreSQL the files belong to the server process (another user, another
 * directory, pages that may be compressed by TOAST), out of a test's reach; the sealing is the same
 * code on both databases, so the bytes on SQLite's disk are the test of it.
 */

/** Content no other row of the test database holds: every field distinctive (prices under the lot's cap of ¥1,800.00). */
function secret(tag: string, priceFen: number): BidContent {
  return bidContent(priceFen, {
    capacity: 23,
    trainers: [
      { name: `密封讲师${tag} 欧阳静`, certificate: `CERT-SEAL-${tag}-7Q3Z` },
      { name: `Trainer ${tag} Quillfeather`, certificate: `高级技师-SEAL-${tag}` },
    ],
    venue: `密封测试楼 ${tag} 号焊接实训车间`,
    plan: `密封测试方案${tag}：夜间双班制，焊接机器人协同实训 PLAN-${tag}-XQZV`,
  });
}

/** The plaintext a copy of the disk must not show: the price as digits (fen and yuan), the plan, trainers, venue. */
function needles(c: BidContent): { what: string; bytes: Buffer }[] {
  const texts: [string, string][] = [
    ["price in fen", String(c.priceFen)],
    ["price in yuan", (c.priceFen / 100).toFixed(2)],
    ["plan", c.plan],
    ["venue", c.venue],
    ...c.trainers.flatMap((t): [string, string][] => [
      ["trainer", t.name],
      ["certificate", t.certificate],
    ]),
  ];
  // SQLite stores text as UTF-8 here; UTF-16 is searched too, in case a column ever changes that.
  // Capacity (23) is not searched: two bytes that occur by chance anywhere in a binary file.
  return texts.flatMap(([what, text]) => [
    { what: `${what} "${text}" (UTF-8)`, bytes: Buffer.from(text, "utf8") },
    { what: `${what} "${text}" (UTF-16LE)`, bytes: Buffer.from(text, "utf16le") },
  ]);
}

/** The SQLite file behind a test database (createTestDb copies the template to a temporary file). */
async function databaseFile(db: DB): Promise<string> {
  const rows = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const main = rows.rows.find((r) => r.name === "main");
  if (!main?.file) throw new Error("the test database has no file");
  return main.file;
}

interface Disk {
  main: Buffer;
  wal: Buffer;
  shm: Buffer;
}

function readDisk(file: string): Disk {
  const read = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
  return { main: read(file), wal: read(`${file}-wal`), shm: read(`${file}-shm`) };
}

/** Which needles occur in which file. */
function plaintextOn(disk: Disk, contents: BidContent[]): string[] {
  const found: string[] = [];
  for (const [name, bytes] of Object.entries(disk)) {
    for (const c of contents) for (const n of needles(c)) if (bytes.includes(n.bytes)) found.push(`${name}: ${n.what}`);
  }
  return found;
}

async function checkpoint(db: DB): Promise<void> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

describe.skipIf(TEST_DB_KIND !== "sqlite")("bid content at rest, on SQLite's disk", () => {
  it("shows no price, plan, trainer or venue of any bid in the database file, its WAL or its index, with and without a checkpoint; the receipt is there", async () => {
    const w = await makeWorld();
    const file = await databaseFile(w.db);
    const { lotId } = await publishedLot(w);
    const [a, b] = await institutions(w, 2);
    // Start with an empty WAL, so that what the bids write is in it before the next checkpoint.
    await checkpoint(w.db);

    const draft = secret("A1", 163_217);
    const submitted = secret("A2", 171_983);
    const withdrawn = secret("B1", 158_429);
    expect((await saveBid(w.db, a!, { lotId, intent: "draft", content: draft })).ok).toBe(true);
    const saved = await saveBid(w.db, a!, { lotId, intent: "submit", content: submitted });
    if (!saved.ok || !saved.value.receiptHash) throw new Error(`submit failed: ${JSON.stringify(saved)}`);
    const other = await saveBid(w.db, b!, { lotId, intent: "submit", content: withdrawn });
    if (!other.ok) throw new Error(`submit failed: ${JSON.stringify(other)}`);
    expect((await withdrawBid(w.db, b!, { bidId: other.value.bidId })).ok).toBe(true);
    const row = await w.db.selectFrom("bids").select(["ciphertext", "receipt_hash"]).where("id", "=", saved.value.bidId).executeTakeFirstOrThrow();
    const all = [draft, submitted, withdrawn];

    // Without a checkpoint the bids' pages are in the WAL: the search sees the receipt and the
    // ciphertext there, and nothing of the content anywhere.
    const before = readDisk(file);
    expect(before.wal.length, "the bids were written to the WAL").toBeGreaterThan(0);
    expect(before.wal.includes(Buffer.from(saved.value.receiptHash)), "the receipt is in the WAL").toBe(true);
    expect(before.wal.includes(Buffer.from(row.ciphertext)), "the sealed content is in the WAL").toBe(true);
    expect(plaintextOn(before, all)).toEqual([]);

    // After a checkpoint the pages are in the database file, still sealed.
    await checkpoint(w.db);
    const after = readDisk(file);
    expect(after.wal.length, "the checkpoint emptied the WAL").toBe(0);
    expect(after.main.includes(Buffer.from(saved.value.receiptHash)), "the receipt is in the database file").toBe(true);
    expect(after.main.includes(Buffer.from(row.ciphertext)), "the sealed content is in the database file").toBe(true);
    expect(plaintextOn(after, all)).toEqual([]);
  });

  it("writes plaintext only at opening, and only of the submitted bid: the search finds it then", async () => {
    const w = await makeWorld();
    const file = await databaseFile(w.db);
    const { lotId } = await publishedLot(w);
    const [a, b] = await institutions(w, 2);
    const submitted = secret("C1", 169_358);
    const discarded = secret("D1", 154_871);
    expect((await saveBid(w.db, a!, { lotId, intent: "submit", content: submitted })).ok).toBe(true);
    expect((await saveBid(w.db, b!, { lotId, intent: "draft", content: discarded })).ok).toBe(true);
    await checkpoint(w.db);
    expect(plaintextOn(readDisk(file), [submitted, discarded])).toEqual([]);

    setNow(msAfter(DEADLINE, 1000));
    expect((await openLot(w.db, w.officer, lotId)).ok).toBe(true);
    // Opening decrypts the submitted bid for the record (DESIGN.md "Opening"): now its plaintext is
    // on disk, which proves the search above would have found it had it been there before.
    const opened = readDisk(file);
    const found = plaintextOn(opened, [submitted]);
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining(`plan "${submitted.plan}" (UTF-8)`), expect.stringContaining(`price in fen "169358"`)]));
    // The draft was discarded unopened: its plaintext never reaches the disk.
    expect(plaintextOn(opened, [discarded])).toEqual([]);
    await checkpoint(w.db);
    expect(plaintextOn(readDisk(file), [discarded])).toEqual([]);
  });
});
