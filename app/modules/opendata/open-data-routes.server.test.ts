import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { DEMO_DRAFT_BID, DEMO_SEALED_BID } from "#db/seed/demo-procurement";
import { createTestDb } from "#tests/db";
import { recordPackageProblems, releasePackageProblems } from "#tests/ocds/validate";
import { publishedResult } from "~/modules/award/test-fixtures.server";
import { makeWorld } from "~/modules/tender/test-fixtures.server";
import { loader as recordLoader } from "~/routes/ocds.records.$ocid[.]json";
import { loader as releasesLoader } from "~/routes/ocds.releases[.]json";
import type { DB } from "#db/client";
import type { RecordPackage, ReleasePackage } from "./ocds";

const HOST = "http://open.example.test";

async function get(db: DB, path: string, params: Record<string, string> = {}): Promise<Response> {
  const args = { request: new Request(`${HOST}${path}`), params, context: { db } as AppLoadContext } as LoaderFunctionArgs;
  return path.startsWith("/ocds/records/") ? recordLoader(args) : releasesLoader(args);
}

async function getRecord(db: DB, ocid: string): Promise<Response> {
  return get(db, `/ocds/records/${encodeURIComponent(ocid)}.json`, { ocid });
}

function expectPublicJson(res: Response, status = 200) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  if (status === 200) {
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  } else {
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  }
}

/** A tender published, opened and its result published: several releases at different dates. */
async function fixtureWorld(): Promise<DB> {
  const w = await makeWorld();
  await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
  return w.db;
}

async function demoWorld(): Promise<DB> {
  const { db } = await createTestDb();
  expect(await seedDemo(db)).toBe(true);
  return db;
}

describe("open data on the demo world", () => {
  it("serves every published release in valid pages and a valid record for each process, with no draft, sealed bid or personal data", { timeout: 120_000 }, async () => {
    const db = await demoWorld();
    // Follow the links from the first page to the last.
    const pages: ReleasePackage[] = [];
    for (let path: string | undefined = "/ocds/releases.json"; path; ) {
      const res = await get(db, path);
      expectPublicJson(res);
      const pkg = (await res.json()) as ReleasePackage;
      expect(releasePackageProblems(pkg)).toEqual([]);
      pages.push(pkg);
      path = pkg.links?.next;
    }
    const releases = pages.flatMap((p) => p.releases);
    expect(new Set(releases.map((r) => `${r.ocid} ${r.id}`)).size).toBe(releases.length);

    // One process per published tender: drafts never appear.
    const tenders = await db.selectFrom("tenders").select(["reference", "title", "status"]).execute();
    const published = tenders.filter((t) => t.status !== "draft").map((t) => `ocds-skilltender-${t.reference}`).sort();
    const ocids = [...new Set(releases.map((r) => r.ocid))].sort();
    expect(ocids).toEqual(published);
    expect(ocids.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(pages);
    for (const draft of tenders.filter((t) => t.status === "draft")) expect(text).not.toContain(draft.title);

    // Every stage is there: tender, cancellation, opening, award, contract, implementation.
    const tags = new Set(releases.flatMap((r) => r.tag));
    for (const tag of ["tender", "tenderCancellation", "tenderUpdate", "award", "awardUpdate", "contract", "contractUpdate", "implementation"]) expect(tags).toContain(tag);

    const records: RecordPackage[] = [];
    for (const ocid of ocids) {
      const res = await getRecord(db, ocid);
      expectPublicJson(res);
      const rec = (await res.json()) as RecordPackage;
      expect(recordPackageProblems(rec)).toEqual([]);
      expect(rec.records[0]!.releases.map((r) => r.id)).toEqual(releases.filter((r) => r.ocid === ocid).map((r) => r.id));
      records.push(rec);
    }
    // The compiled releases agree with the records, by the mappings of docs/open-data.md.
    const compiled = records.map((r) => r.records[0]!.compiledRelease);
    const TENDER: Record<string, string[]> = { cancelled: ["cancelled"], awarded: ["complete"], complete: ["complete", "unsuccessful"] };
    for (const t of tenders.filter((x) => x.status !== "draft")) {
      const c = compiled.find((x) => x.ocid === `ocds-skilltender-${t.reference}`)!;
      expect(TENDER[t.status] ?? ["active"]).toContain(c.tender!.status);
    }
    expect(compiled.map((c) => c.tender!.status)).toEqual(expect.arrayContaining(["active", "cancelled", "complete"]));
    const CONTRACT: Record<string, string> = { pending_signature: "pending", active: "active", completed: "terminated", terminated: "terminated", lapsed: "cancelled" };
    const contracts = await db.selectFrom("contracts").select(["reference", "status"]).orderBy("reference").execute();
    const compiledContracts = compiled.flatMap((c) => c.contracts ?? []).sort((a, b) => a.id.localeCompare(b.id));
    expect(compiledContracts.map((c) => [c.id, c.status])).toEqual(contracts.map((c) => [c.reference, CONTRACT[c.status]]));
    const AWARD: Record<string, string> = { published: "pending", confirmed: "active", cancelled: "cancelled", lapsed: "cancelled" };
    const awards = await db.selectFrom("awards").select(["id", "status"]).where("published_at", "is not", null).orderBy("id").execute();
    const compiledAwards = compiled.flatMap((c) => c.awards ?? []).filter((a) => a.status !== "unsuccessful").sort((a, b) => a.id.localeCompare(b.id));
    expect(compiledAwards.map((a) => [a.id, a.status])).toEqual(awards.map((a) => [a.id, AWARD[a.status]]));
    // Every settled transfer is a transaction of its contract, for its amount.
    const paid = await db.selectFrom("payments").select(["amount_fen"]).where("settled_at", "is not", null).execute();
    const transactions = compiledContracts.flatMap((c) => c.implementation?.transactions ?? []).filter((t) => !t.id.endsWith("-reversal"));
    expect(transactions.map((t) => Math.round(t.value.amount * 100)).sort()).toEqual(paid.map((p) => Number(p.amount_fen)).sort());

    // The tender open for bids shows neither the sealed bid nor the draft: no price, no plan, no bidder.
    const open = records.find((r) => r.records[0]!.releases.every((x) => x.tag.includes("tender")) && r.records[0]!.compiledRelease.tender!.status === "active");
    expect(open).toBeDefined();
    const openText = JSON.stringify(open);
    for (const secret of ["¥1,720.00", "¥1,750.00", "1720", "1750", "示范区职业技能培训学校", "示范高级技工学校"]) expect(openText).not.toContain(secret);
    expect(open!.records[0]!.compiledRelease).not.toHaveProperty("tender.tenderers");
    expect(open!.records[0]!.compiledRelease).not.toHaveProperty("tender.numberOfTenderers");
    const everything = text + JSON.stringify(records);
    for (const secret of [DEMO_SEALED_BID.plan, DEMO_DRAFT_BID.plan]) expect(everything).not.toContain(secret);

    const people = [
      ...(await db.selectFrom("users").select(["name", "email"]).execute()).flatMap((u) => [u.name, u.email]),
      ...(await db.selectFrom("organisations").select(["contact_name", "contact_phone", "address"]).execute()).flatMap((o) => [o.contact_name, o.contact_phone, o.address]),
      ...(await db.selectFrom("trainees").select(["name", "id_number", "phone"]).execute()).flatMap((t) => [t.name, t.id_number, t.phone]),
    ].filter((s): s is string => typeof s === "string" && s.length > 0);
    expect(people.length).toBeGreaterThan(10);
    for (const p of people) expect(everything).not.toContain(p);
  });
});

describe("the open data routes", () => {
  it("refuse a bad ?since= or ?page= with a 400 naming the parameter, a page past the last with a 404, never a 500", async () => {
    const db = await fixtureWorld();
    for (const [query, parameter] of [
      ["since=yesterday", "since"],
      ["since=2026-02-30", "since"],
      ["since=2026-12-01T10:00:00", "since"],
      ["since=", "since"],
      ["page=0", "page"],
      ["page=two", "page"],
      ["page=-1", "page"],
    ] as const) {
      const res = await get(db, `/ocds/releases.json?${query}`);
      expectPublicJson(res, 400);
      const body = (await res.json()) as { error: string; parameter: string; message: string };
      expect(body).toMatchObject({ error: "bad_request", parameter });
      expect(body.message).toMatch(new RegExp(`^${parameter} `));
    }
    const past = await get(db, "/ocds/releases.json?page=999");
    expectPublicJson(past, 404);
    expect(await past.json()).toEqual({ error: "not_found", message: "第 999 页不存在 / page 999 does not exist" });
  });

  it("read since as an instant, whether its + was encoded or not", async () => {
    const db = await fixtureWorld();
    const all = (await (await get(db, "/ocds/releases.json")).json()) as ReleasePackage;
    const cut = all.releases[Math.floor(all.releases.length / 2)]!.date;
    const shanghai = new Date(Date.parse(cut) + 8 * 3600_000).toISOString().replace("Z", "+08:00");
    for (const since of [encodeURIComponent(cut), encodeURIComponent(shanghai), shanghai]) {
      const res = await get(db, `/ocds/releases.json?since=${since}`);
      expectPublicJson(res);
      const pkg = (await res.json()) as ReleasePackage;
      expect(pkg.releases.map((r) => r.id)).toEqual(all.releases.filter((r) => Date.parse(r.date) >= Date.parse(cut)).map((r) => r.id));
      expect(pkg.uri).toBe(`${HOST}/ocds/releases.json?page=1&since=${encodeURIComponent(cut)}`);
    }
    const none = await get(db, "/ocds/releases.json?since=2099-01-01");
    expectPublicJson(none);
    expect(((await none.json()) as ReleasePackage).releases).toEqual([]);
  });

  it("answer a known ocid with its record package, and an unknown or malformed one with a 404 in JSON", async () => {
    const db = await fixtureWorld();
    const known = await getRecord(db, "ocds-skilltender-ZJ-2026-0001");
    expectPublicJson(known);
    const rec = (await known.json()) as RecordPackage;
    expect(recordPackageProblems(rec)).toEqual([]);
    expect(rec).toMatchObject({ uri: `${HOST}/ocds/records/ocds-skilltender-ZJ-2026-0001.json`, packages: [`${HOST}/ocds/releases.json`], records: [{ ocid: "ocds-skilltender-ZJ-2026-0001" }] });
    for (const ocid of ["ocds-skilltender-ZJ-1999-0001", "ocds-skilltender-../../etc", "ocds-other-ZJ-2026-0001", ""]) {
      const res = await getRecord(db, ocid);
      expectPublicJson(res, 404);
      expect(await res.json()).toMatchObject({ error: "not_found", message: expect.stringContaining("no contracting process") });
    }
  });
});
