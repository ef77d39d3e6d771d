import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { newId } from "~/utils/id.server";
import { changeDemandStatus } from "./change-demand-status.server";
import { findDemand, listDemandsForReview, listEnterpriseDemands, listReviewFilterOptions } from "./queries.server";
import { readRoster } from "./read-roster.server";
import { demandOf, world } from "./test-fixtures.server";

async function tenderWithLot(db: DB, officer: Actor): Promise<{ tenderId: string; lotId: string }> {
  const t = new Date().toISOString();
  const tenderId = newId();
  const lotId = newId();
  await db
    .insertInto("tenders")
    .values({
      id: tenderId,
      reference: "SZ-2027-003",
      year: 2027,
      title: "2027 年焊工培训",
      description: null,
      regime: "GP",
      status: "published",
      bid_deadline: null,
      published_at: t,
      min_valid_bids: 3,
      price_points: 30,
      advance_pct: 30,
      cancel_reason: null,
      last_material_amendment_at: null,
      created_by: officer.userId,
      created_at: t,
      updated_at: t,
    })
    .execute();
  await db
    .insertInto("lots")
    .values({
      id: lotId,
      tender_id: tenderId,
      number: 2,
      occupation_code: "6-18-02-04",
      level: 4,
      headcount: 10,
      window_start: "2027-03-01",
      window_end: "2027-06-30",
      max_price_fen: 150000,
      cap_fen: 150000,
      status: "open",
      created_at: t,
      updated_at: t,
    })
    .execute();
  return { tenderId, lotId };
}

describe("findDemand", () => {
  it("shows where a tendered demand went (tender reference and lot number), and nothing before", async () => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "pooled" });
    expect(await findDemand(db, id)).toMatchObject({ tenderReference: null, lotNumber: null });
    const { tenderId, lotId } = await tenderWithLot(db, officer);
    await db.updateTable("demands").set({ status: "tendered", tender_id: tenderId, lot_id: lotId }).where("id", "=", id).execute();
    expect(await findDemand(db, id)).toMatchObject({ status: "tendered", tenderReference: "SZ-2027-003", tenderTitle: "2027 年焊工培训", lotNumber: 2 });
  });

  it("keeps in the history the demand's changes, not the reads of its roster or refused attempts", async () => {
    const { db, enterprise, other, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    await changeDemandStatus(db, enterprise, { demandId: id, event: "submit", expectedStatus: "draft" });
    await readRoster(db, enterprise, id);
    await readRoster(db, other, id);
    await changeDemandStatus(db, officer, { demandId: id, event: "return", expectedStatus: "submitted", reason: "请补充" });
    const d = await findDemand(db, id);
    expect(d?.history.map((h) => [h.action, h.actorOrgName])).toEqual([
      ["demand.submit", "示范精密机械有限公司"],
      ["demand.return", "测试区人力资源和社会保障局"],
    ]);
    expect(d?.history[1]?.after).toEqual({ status: "returned", reason: "请补充" });
  });
});

describe("listEnterpriseDemands", () => {
  it("lists an enterprise's own demand only, drafts included", async () => {
    const { db, enterprise, other } = await world();
    const mine = [await demandOf(db, enterprise, { status: "draft" }), await demandOf(db, enterprise, { status: "pooled" })];
    await demandOf(db, other, { status: "submitted" });
    const page = await listEnterpriseDemands(db, enterprise.orgId);
    expect(page.items.map((d) => d.id).sort()).toEqual([...mine].sort());
    expect(page.total).toBe(2);
  });
});

describe("listDemandsForReview", () => {
  it("shows the review queue by default, never drafts, and filters by occupation, level, enterprise, window and state", async () => {
    const { db, enterprise, other } = await world();
    const a = await demandOf(db, enterprise, { status: "submitted", occupationCode: "6-18-02-04", level: 4, earliestStart: "2027-03-01", latestEnd: "2027-04-30" });
    const b = await demandOf(db, other, { status: "submitted", occupationCode: "6-31-01-03", level: 3, earliestStart: "2027-05-01", latestEnd: "2027-08-31" });
    const c = await demandOf(db, enterprise, { status: "pooled", occupationCode: "6-18-02-04", level: 4 });
    await demandOf(db, enterprise, { status: "draft" });
    const ids = async (filter: Parameters<typeof listDemandsForReview>[1]) => (await listDemandsForReview(db, filter)).items.map((d) => d.id).sort();

    expect(await ids({ status: "submitted" })).toEqual([a, b].sort());
    expect(await ids({ status: "all" })).toEqual([a, b, c].sort());
    expect(await ids({ status: "all", occupationCode: "6-18-02-04" })).toEqual([a, c].sort());
    expect(await ids({ status: "submitted", level: 3 })).toEqual([b]);
    expect(await ids({ status: "all", enterpriseId: other.orgId })).toEqual([b]);
    // Overlapping windows: a ends 04-30, b starts 05-01.
    expect(await ids({ status: "submitted", from: "2027-04-15", to: "2027-04-30" })).toEqual([a]);
    expect(await ids({ status: "submitted", from: "2027-04-30", to: "2027-05-01" })).toEqual([a, b].sort());
    expect(await ids({ status: "submitted", from: "2027-09-01" })).toEqual([]);
    expect(await ids({ status: "submitted", to: "2027-02-28" })).toEqual([]);
  });

  it("pages by 50", async () => {
    const { db, enterprise } = await world();
    for (let i = 0; i < 51; i++) await demandOf(db, enterprise, { status: "submitted" });
    const first = await listDemandsForReview(db, { status: "submitted" });
    const second = await listDemandsForReview(db, { status: "submitted", page: 2 });
    expect([first.items.length, second.items.length, first.pages, first.total]).toEqual([50, 1, 2, 51]);
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(51);
  });

  it("offers in its filters only enterprises and occupations with submitted demand", async () => {
    const { db, enterprise, other } = await world();
    await demandOf(db, enterprise, { status: "submitted", occupationCode: "6-31-01-03" });
    await demandOf(db, other, { status: "draft", occupationCode: "6-18-02-04" });
    const options = await listReviewFilterOptions(db);
    expect(options.enterprises.map((e) => e.id)).toEqual([enterprise.orgId]);
    expect(options.occupations.map((o) => o.code)).toEqual(["6-31-01-03"]);
  });
});
