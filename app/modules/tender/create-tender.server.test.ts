import { describe, expect, it } from "vitest";
import { makeDemand } from "#tests/factories";
import { createTenderFromSuggestion } from "./create-tender.server";
import { ELECTRICIAN, WELDER, makeWorld, pooledDemand } from "./test-fixtures.server";
import { findTenderState } from "./tender-state.server";

describe("createTenderFromSuggestion", () => {
  it("creates a draft whose lots are the suggestion's, priced at the subsidy cap, with the rules' defaults", async () => {
    const w = await makeWorld();
    const [a, b] = await pooledDemand(w);
    const c = await makeDemand(w.db, w.enterprise, { occupationCode: ELECTRICIAN, level: 3, headcount: 8, earliestStart: "2027-05-01", latestEnd: "2027-09-30" });
    const r = await createTenderFromSuggestion(w.db, w.officer, { title: "2027 年第一批订单式培训", demandIds: [a!, b!, c] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const s = (await findTenderState(w.db, r.value.tenderId))!;
    expect(s).toMatchObject({ status: "draft", reference: null, regime: "GP", year: 2026, minValidBids: 3, pricePoints: 30, advancePct: 30, bidDeadline: null });
    expect(s.lots.map((l) => [l.number, l.occupationCode, l.level, l.headcount, l.windowStart, l.windowEnd, l.maxPriceFen, l.capFen, l.status])).toEqual([
      [1, WELDER, 4, 25, "2027-04-01", "2027-06-30", 180_000, 180_000, "open"],
      [2, ELECTRICIAN, 3, 8, "2027-05-01", "2027-09-30", 280_000, 280_000, "open"],
    ]);
    expect(s.lots[0]!.demands.map((d) => d.id).sort()).toEqual([a, b].sort());
    // Claimed for the draft, still pooled until publication.
    const rows = await w.db.selectFrom("demands").select(["id", "status", "tender_id", "lot_id"]).orderBy("id").execute();
    expect(rows.every((d) => d.status === "pooled" && d.tender_id === s.id && d.lot_id !== null)).toBe(true);
    const audit = await w.db.selectFrom("audit_log").select(["action", "record_id"]).execute();
    expect(audit).toEqual([{ action: "tender.create", record_id: s.id }]);
  });

  it("refuses demand another draft has claimed, and writes nothing", async () => {
    const w = await makeWorld();
    const [a, b] = await pooledDemand(w);
    const first = await createTenderFromSuggestion(w.db, w.officer, { title: "第一个", demandIds: [a!] });
    expect(first.ok).toBe(true);
    const second = await createTenderFromSuggestion(w.db, w.officer, { title: "第二个", demandIds: [b!, a!] });
    expect(second).toEqual({ ok: false, kind: "conflict", message: "tender.new.demandTaken" });
    expect(await w.db.selectFrom("tenders").select("title").execute()).toEqual([{ title: "第一个" }]);
    expect((await w.db.selectFrom("demands").select("tender_id").where("id", "=", b!).executeTakeFirstOrThrow()).tender_id).toBeNull();
  });

  it("refuses demand that is not pooled", async () => {
    const w = await makeWorld();
    const submitted = await makeDemand(w.db, w.enterprise, { status: "submitted" });
    expect(await createTenderFromSuggestion(w.db, w.officer, { title: "标题", demandIds: [submitted] })).toMatchObject({ ok: false, kind: "conflict" });
  });

  it("refuses when no subsidy standard covers a lot, naming it, and writes nothing", async () => {
    const w = await makeWorld();
    const [a] = await pooledDemand(w, [{ level: 2 }]);
    await w.db.deleteFrom("subsidy_standards").where("level", "=", 2).execute();
    const r = await createTenderFromSuggestion(w.db, w.officer, { title: "标题", demandIds: [a!] });
    expect(r).toEqual({ ok: false, kind: "validation", fieldErrors: {}, formErrors: [`tender.new.noCap|{"year":2026,"occupation":"${WELDER}","level":2}`] });
    expect(await w.db.selectFrom("tenders").select("id").execute()).toEqual([]);
  });

  it("is for bureau officers only", async () => {
    const w = await makeWorld();
    const [a] = await pooledDemand(w);
    for (const actor of [w.admin, w.enterprise, w.institution, w.evaluators[0]!]) {
      expect(await createTenderFromSuggestion(w.db, actor, { title: "标题", demandIds: [a!] })).toEqual({ ok: false, kind: "forbidden" });
    }
  });
});
