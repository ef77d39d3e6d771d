import { readFileSync } from "node:fs";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { TEST_DB_KIND } from "#tests/db";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { openLot } from "~/modules/bidding/open-lot.server";
import { msAfter } from "~/modules/bidding/test-fixtures.server";
import type { RecordPackage, ReleasePackage } from "~/modules/opendata/ocds";
import { DEADLINE, setNow } from "~/modules/tender/test-fixtures.server";
import { rowsOf } from "~/ui/export/export-testing.server";
import { loader as exportLoader } from "~/routes/export.$";
import { loader as recordLoader } from "~/routes/ocds.records.$ocid[.]json";
import { loader as releasesLoader } from "~/routes/ocds.releases[.]json";
import { foundIn, needlesOf, sealedWorld, type Needle, type SealedWorld } from "./sealed-world.server";

/**
 * Issue 8, test 2 (DESIGN.md "Bid — sealed"): before the deadline no bid's price, plan, trainer or
 * venue leaves the system by any file — none of the list exports (CSV and XLSX, whoever asks) and
 * none of the open data (every release page, every record).
 */

/** The export route's tables, read from the route itself so that a new table cannot be forgotten here. */
function exportTables(): string[] {
  const source = readFileSync(new URL("../../app/routes/export.$.tsx", import.meta.url), "utf8");
  const body = /const TABLES[^{]*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? "";
  return [...body.matchAll(/^\s*(?:"([^"]+)"\s*:\s*\w+|(\w+)),?\s*$/gm)].map((m) => m[1] ?? m[2]!);
}

function contextFor(db: DB, actor: Actor | null): AppLoadContext {
  return {
    db,
    dbKind: TEST_DB_KIND,
    nonce: "",
    clientAddress: "127.0.0.1",
    log: { requestId: "test" },
    actorMemo: Promise.resolve(actor ? { actor, sessionId: "test-session" } : null),
  };
}

/**
 * A registered path with its parameters filled from the sealed world (a detail page's export is
 * asked about the world's tender, lot, bidder and demand). A contract cannot exist before the
 * deadline: its tabs are asked about an id that is not there.
 */
async function pathOf(w: SealedWorld, table: string): Promise<string> {
  const demand = await w.db.selectFrom("demands").select("id").where("lot_id", "=", w.lotId).orderBy("id").executeTakeFirstOrThrow();
  const ids: Record<string, string> = { tenders: w.tenderId, organisations: w.bidders[0]!.orgId, demands: demand.id, contracts: "no-contract-before-the-deadline" };
  return table.replace(/:lotId\b/g, w.lotId).replace(/^([\w/]*?)(\w+)\/:id\b/, (_m, before: string, list: string) => `${before}${list}/${ids[list] ?? ":id"}`);
}

/** Detail pages with nothing to show before a deadline: no evaluation report, no contract. */
const NOTHING_BEFORE_DEADLINE = [/^bureau\/lots\/:lotId\/report$/, /^contracts\/:id\//];

async function exportOf(db: DB, actor: Actor | null, table: string, format: "csv" | "xlsx"): Promise<Response> {
  const url = new URL(`http://localhost/export/${table}?format=${format}`);
  return (await exportLoader({ request: new Request(url), params: { "*": table }, context: contextFor(db, actor) })) as Response;
}

/** Everything a reader of the answer sees: the raw bytes as text, and for a file its cells as a spreadsheet shows them. */
async function readable(res: Response): Promise<{ isFile: boolean; text: string }> {
  const type = res.headers.get("Content-Type") ?? "";
  const raw = new TextDecoder().decode(await res.clone().arrayBuffer());
  if (res.status === 200 && (type.startsWith("text/csv") || type.includes("spreadsheetml"))) {
    const rows = await rowsOf(res);
    // A number cell is searched both as JavaScript prints it and with two decimals (as a ¥ format shows it).
    const cells = rows.flat().flatMap((c) => (typeof c === "number" ? [String(c), c.toFixed(2)] : [c]));
    return { isFile: true, text: `${raw}\n${cells.join("\n")}` };
  }
  return { isFile: false, text: raw };
}

async function openData(db: DB): Promise<{ where: string; text: string }[]> {
  const host = "http://open.example.test";
  const out: { where: string; text: string }[] = [];
  const ocids = new Set<string>();
  for (let path: string | undefined = "/ocds/releases.json"; path; ) {
    const res = await releasesLoader({ request: new Request(`${host}${path}`), params: {}, context: { db } as AppLoadContext } as LoaderFunctionArgs);
    expect(res.status, path).toBe(200);
    const text = await res.text();
    out.push({ where: path, text });
    const pkg = JSON.parse(text) as ReleasePackage;
    for (const r of pkg.releases) ocids.add(r.ocid);
    path = pkg.links?.next ? new URL(pkg.links.next, host).pathname + new URL(pkg.links.next, host).search : undefined;
  }
  for (const ocid of ocids) {
    const path = `/ocds/records/${encodeURIComponent(ocid)}.json`;
    const res = await recordLoader({ request: new Request(`${host}${path}`), params: { ocid }, context: { db } as AppLoadContext } as LoaderFunctionArgs);
    expect(res.status, path).toBe(200);
    const text = await res.text();
    expect((JSON.parse(text) as RecordPackage).records).toHaveLength(1);
    out.push({ where: path, text });
  }
  return out;
}

describe("sealed bids in exports and open data", () => {
  it("the export route's table list is read from the route", () => {
    const tables = exportTables();
    expect(tables).toEqual(expect.arrayContaining(["bureau/organisations", "bureau/audit", "bureau/tenders", "contracts"]));
    expect(tables.length).toBeGreaterThanOrEqual(10);
  });

  it("before the deadline no export, in either format and for any reader, shows a bid's price, plan, trainer or venue", { timeout: 120_000 }, async () => {
    const w = await sealedWorld();
    const needles: Needle[] = needlesOf(w.contents);
    const finance = await makeActor(w.db, { kind: "bureau", roles: ["finance"] });
    const readers: [string, Actor | null][] = [
      ["officer", w.officer],
      ["admin", w.admin],
      ["finance", finance],
      ["enterprise", w.enterprise],
      ...w.bidders.map((b, i): [string, Actor] => [`bidder ${i + 1}`, b]),
      ["signed out", null],
    ];
    const found: string[] = [];
    const filesPerTable = new Map<string, number>();
    for (const table of exportTables()) {
      const path = await pathOf(w, table);
      for (const format of ["csv", "xlsx"] as const) {
        for (const [who, actor] of readers) {
          const { isFile, text } = await readable(await exportOf(w.db, actor, path, format));
          if (isFile) filesPerTable.set(table, (filesPerTable.get(table) ?? 0) + 1);
          found.push(...foundIn(`${table}.${format} as ${who}`, text, needles));
        }
      }
    }
    expect(found).toEqual([]);
    // Every table was exported to someone (so the search read real files), in both formats.
    for (const table of exportTables()) {
      if (NOTHING_BEFORE_DEADLINE.some((p) => p.test(table))) expect(filesPerTable.get(table) ?? 0, table).toBe(0);
      else expect(filesPerTable.get(table) ?? 0, table).toBeGreaterThanOrEqual(2);
    }
    // The search reads what the files hold: the audit export lists the bids' submissions, and the tender's title is in its export.
    const audit = await readable(await exportOf(w.db, w.admin, "bureau/audit", "csv"));
    expect(audit.text).toMatch(/bid\.submit|投标/);
    const title = (await w.db.selectFrom("tenders").select("title").where("id", "=", w.tenderId).executeTakeFirstOrThrow()).title;
    expect((await readable(await exportOf(w.db, w.officer, "bureau/tenders", "xlsx"))).text).toContain(title);
  });

  it("before the deadline the open data shows no bid; at the opening its prices appear, which the same search finds", { timeout: 120_000 }, async () => {
    const w = await sealedWorld();
    const needles = needlesOf(w.contents);
    const before = await openData(w.db);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.flatMap((d) => foundIn(d.where, d.text, needles))).toEqual([]);

    // The control: once opened, the public record names each submitted bid's price as shown.
    setNow(msAfter(DEADLINE, 1000));
    expect((await openLot(w.db, w.officer, w.lotId)).ok).toBe(true);
    const after = (await openData(w.db)).map((d) => d.text).join("\n");
    for (const c of w.submitted) expect(foundIn("open data", after, needlesOf([c])).length, `price ${c.priceFen}`).toBeGreaterThan(0);
  });
});
