import { describe, expect, it } from "vitest";
import { cancelTender } from "./cancel-tender.server";
import { createTenderFromSuggestion } from "./create-tender.server";
import { publishTender } from "./publish-tender.server";
import { findPublicTender, listPooledDemand } from "./queries.server";
import { makeWorld, pooledDemand, readyDraft, versionOf } from "./test-fixtures.server";
import { findTenderState } from "./tender-state.server";

describe("cancelTender", () => {
  it("cancels a published tender with a public reason: lots cancelled, demand back in the pool", async () => {
    const w = await makeWorld();
    const demandIds = await pooledDemand(w);
    const id = await readyDraft(w, demandIds);
    const p = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    if (!p.ok) throw new Error("setup");
    const r = await cancelTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id), reason: "采购需求发生重大变化" });
    expect(r).toEqual({ ok: true, value: { released: 2 } });
    const s = (await findTenderState(w.db, id))!;
    expect(s).toMatchObject({ status: "cancelled", cancelReason: "采购需求发生重大变化", reference: p.value.reference });
    expect((await w.db.selectFrom("lots").select("status").where("tender_id", "=", id).execute()).map((l) => l.status)).toEqual(["cancelled"]);
    const demands = await w.db.selectFrom("demands").select(["status", "tender_id", "lot_id"]).execute();
    expect(demands).toEqual(demandIds.map(() => ({ status: "pooled", tender_id: null, lot_id: null })));
    expect((await listPooledDemand(w.db, {})).map((d) => d.id).sort()).toEqual([...demandIds].sort());
    const actions = (await w.db.selectFrom("audit_log").select("action").orderBy("seq").execute()).map((a) => a.action);
    expect(actions.slice(-3)).toEqual(["demand.release", "demand.release", "tender.cancel"]);
    // Still public, with its reason.
    expect(await findPublicTender(w.db, p.value.reference)).toMatchObject({ status: "cancelled", cancelReason: "采购需求发生重大变化" });
    // And the demand can go into a new tender.
    expect((await createTenderFromSuggestion(w.db, w.officer, { title: "重新招标", demandIds })).ok).toBe(true);
  });

  it("cancels a draft, unclaiming its demand", async () => {
    const w = await makeWorld();
    const demandIds = await pooledDemand(w);
    const c = await createTenderFromSuggestion(w.db, w.officer, { title: "草稿", demandIds });
    if (!c.ok) throw new Error("setup");
    expect(await listPooledDemand(w.db, {})).toEqual([]);
    const r = await cancelTender(w.db, w.officer, { tenderId: c.value.tenderId, version: await versionOf(w.db, c.value.tenderId), reason: "重新组织" });
    expect(r).toEqual({ ok: true, value: { released: 2 } });
    expect((await listPooledDemand(w.db, {})).map((d) => d.id).sort()).toEqual([...demandIds].sort());
  });

  it("refuses a stale page, a second cancellation, and an empty reason", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    const v = await versionOf(w.db, id);
    expect(await cancelTender(w.db, w.officer, { tenderId: id, version: v, reason: "  " })).toMatchObject({ ok: false, kind: "validation" });
    expect((await cancelTender(w.db, w.officer, { tenderId: id, version: v, reason: "取消" })).ok).toBe(true);
    expect(await cancelTender(w.db, w.officer, { tenderId: id, version: v, reason: "再取消" })).toEqual({ ok: false, kind: "conflict", message: "tender.errors.stale" });
    expect(await cancelTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id), reason: "再取消" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "tender.errors.notCancellable",
    });
  });
});
