import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { createTenderFromSuggestion } from "./create-tender.server";
import { editTender } from "./edit-tender.server";
import { publishTender } from "./publish-tender.server";
import { DEADLINE, makeWorld, pooledDemand, readyDraft, versionOf } from "./test-fixtures.server";
import { findTenderState } from "./tender-state.server";

async function everything(db: Awaited<ReturnType<typeof makeWorld>>["db"]) {
  return {
    tenders: await db.selectFrom("tenders").selectAll().orderBy("id").execute(),
    lots: await db.selectFrom("lots").selectAll().orderBy("id").execute(),
    demands: await db.selectFrom("demands").selectAll().orderBy("id").execute(),
    counters: await db.selectFrom("reference_counters").selectAll().execute(),
    audit: await db.selectFrom("audit_log").select("seq").execute(),
  };
}

describe("publishTender", () => {
  it("refuses a bare draft with every reason, grouped by section, and changes nothing", async () => {
    const w = await makeWorld();
    const created = await createTenderFromSuggestion(w.db, w.officer, { title: "草稿", demandIds: await pooledDemand(w) });
    if (!created.ok) throw new Error("setup");
    const id = created.value.tenderId;
    const before = await everything(w.db);
    const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    expect(r).toEqual({
      ok: false,
      kind: "validation",
      formErrors: undefined,
      fieldErrors: {
        deadline: ["tender.problems.deadlineMissing"],
        criteria: ["tender.problems.noTechnicalCriterion", 'tender.problems.pointsNot100|{"technical":0,"price":30,"total":30}'],
        panel: ['tender.problems.panelTooSmall|{"min":5,"size":0}'],
      },
    });
    expect(await everything(w.db)).toEqual(before);
  });

  it("publishes a ready draft: reference, published, demand tendered, all audited in one chain", async () => {
    const w = await makeWorld();
    const demandIds = await pooledDemand(w);
    const id = await readyDraft(w, demandIds);
    const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    expect(r).toEqual({ ok: true, value: { reference: "ZJ-2026-0001" } });
    const s = (await findTenderState(w.db, id))!;
    expect(s).toMatchObject({ status: "published", reference: "ZJ-2026-0001", publishedAt: "2026-12-01T02:00:00.000Z", bidDeadline: DEADLINE.toISOString() });
    const demands = await w.db.selectFrom("demands").select(["id", "status", "tender_id", "lot_id"]).execute();
    expect(demands.map((d) => [d.status, d.tender_id, d.lot_id])).toEqual(demandIds.map(() => ["tendered", id, s.lots[0]!.id]));
    const actions = (await w.db.selectFrom("audit_log").select("action").orderBy("seq").execute()).map((a) => a.action);
    expect(actions.slice(-3)).toEqual(["demand.tender", "demand.tender", "tender.publish"]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("refuses a stale page (409) and a second publication", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    const stale = await versionOf(w.db, id);
    await editTender(w.db, w.officer, { tenderId: id, version: stale, change: { kind: "details", title: "改了标题", description: null, regime: "GP", bidDeadline: DEADLINE, minValidBids: 3, pricePoints: 30 } });
    expect(await publishTender(w.db, w.officer, { tenderId: id, version: stale })).toEqual({ ok: false, kind: "conflict", message: "tender.errors.stale" });
    const fresh = await versionOf(w.db, id);
    expect((await publishTender(w.db, w.officer, { tenderId: id, version: fresh })).ok).toBe(true);
    expect(await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) })).toEqual({ ok: false, kind: "conflict", message: "tender.errors.notDraft" });
  });

  it("refuses a lot whose demand the enterprise withdrew meanwhile", async () => {
    const w = await makeWorld();
    const [a, b] = await pooledDemand(w);
    const id = await readyDraft(w, [a!, b!]);
    await w.db.updateTable("demands").set({ status: "withdrawn" }).where("id", "=", a!).execute();
    const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { lots: ['tender.problems.lotDemandUnavailable|{"lot":1,"count":1}'] } });
  });

  it("refuses when the year's remaining budget cannot cover the tender", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    await w.db.updateTable("yearly_targets").set({ budget_fen: 4_000_000 }).where("year", "=", 2026).execute();
    const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    expect(r).toMatchObject({ ok: false, fieldErrors: { budget: ['tender.problems.budgetExceeded|{"budget":"¥45,000.00","remaining":"¥40,000.00"}'] } });
  });

  it("gives 10 concurrent publications 10 distinct references, 0001 to 0010", async () => {
    const w = await makeWorld();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await readyDraft(w, await pooledDemand(w, [{}]), `并发测试 ${i}`));
    const versions = await Promise.all(ids.map((id) => versionOf(w.db, id)));
    const results = await Promise.all(ids.map((id, i) => publishTender(w.db, w.officer, { tenderId: id, version: versions[i]! })));
    const refs = results.map((r) => (r.ok ? r.value.reference : JSON.stringify(r)));
    expect([...refs].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ZJ-2026-${String(i + 1).padStart(4, "0")}`));
    expect(await w.db.selectFrom("reference_counters").selectAll().execute()).toEqual([{ scope: "tender:2026", last: 10 }]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("is for bureau officers only", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    expect(await publishTender(w.db, w.admin, { tenderId: id, version: await versionOf(w.db, id) })).toEqual({ ok: false, kind: "forbidden" });
  });
});
