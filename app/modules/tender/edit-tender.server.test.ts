import { describe, expect, it } from "vitest";
import { makeDemand } from "#tests/factories";
import { createTenderFromSuggestion } from "./create-tender.server";
import { editTender, type TenderChange } from "./edit-tender.server";
import { publishTender } from "./publish-tender.server";
import { findPublicTender } from "./queries.server";
import { DEADLINE, WELDER, makeWorld, pooledDemand, readyDraft, setNow, versionOf, type World } from "./test-fixtures.server";
import { findTenderState } from "./tender-state.server";

async function edit(w: World, tenderId: string, change: TenderChange, summary?: string) {
  return editTender(w.db, w.officer, { tenderId, version: await versionOf(w.db, tenderId), change, summary });
}

async function published(w: World): Promise<{ id: string; reference: string }> {
  const id = await readyDraft(w);
  const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { id, reference: r.value.reference };
}

const details = (o: Partial<Extract<TenderChange, { kind: "details" }>> = {}): TenderChange => ({
  kind: "details",
  title: "2027 年焊工（四级）订单式培训",
  description: "培训内容以国家职业技能标准为准。",
  regime: "GP",
  bidDeadline: DEADLINE,
  minValidBids: 3,
  pricePoints: 30,
  ...o,
});

describe("editTender on a draft", () => {
  it("merges, splits and re-prices lots, keeping demand and headcount together", async () => {
    const w = await makeWorld();
    const ids = await pooledDemand(w, [
      { earliestStart: "2027-01-01", latestEnd: "2027-03-31", headcount: 10 },
      { earliestStart: "2027-03-01", latestEnd: "2027-05-31", headcount: 20 },
      { earliestStart: "2027-05-01", latestEnd: "2027-07-31", headcount: 5 },
    ]);
    const c = await createTenderFromSuggestion(w.db, w.officer, { title: "草稿", demandIds: ids });
    if (!c.ok) throw new Error("setup");
    const id = c.value.tenderId;
    let s = (await findTenderState(w.db, id))!;
    expect(s.lots.map((l) => [l.number, l.headcount, l.windowStart, l.windowEnd])).toEqual([
      [1, 30, "2027-03-01", "2027-03-31"],
      [2, 5, "2027-05-01", "2027-07-31"],
    ]);
    // Lots 1 and 2 share no day: refused, naming both.
    expect(await edit(w, id, { kind: "mergeLots", lotId: s.lots[0]!.id, otherLotId: s.lots[1]!.id })).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: { otherLotId: ['tender.lots.mergeNoCommonWindow|{"a":1,"b":2}'] },
      formErrors: undefined,
    });
    // Split the March–May demand off lot 1, then merge it with lot 2 (they share May).
    expect((await edit(w, id, { kind: "splitLot", lotId: s.lots[0]!.id, demandIds: [ids[1]!] })).ok).toBe(true);
    s = (await findTenderState(w.db, id))!;
    expect(s.lots.map((l) => [l.number, l.headcount, l.windowStart, l.windowEnd])).toEqual([
      [1, 10, "2027-03-01", "2027-03-31"],
      [2, 5, "2027-05-01", "2027-07-31"],
      [3, 20, "2027-03-01", "2027-05-31"],
    ]);
    expect((await edit(w, id, { kind: "mergeLots", lotId: s.lots[1]!.id, otherLotId: s.lots[2]!.id })).ok).toBe(true);
    s = (await findTenderState(w.db, id))!;
    expect(s.lots.map((l) => [l.number, l.headcount, l.windowStart, l.windowEnd, l.demands.map((d) => d.id).sort()])).toEqual([
      [1, 10, "2027-03-01", "2027-03-31", [ids[0]]],
      [2, 25, "2027-05-01", "2027-05-31", [ids[1], ids[2]].sort()],
    ]);
    const rows = await w.db.selectFrom("demands").select(["id", "lot_id"]).execute();
    expect(rows.find((r) => r.id === ids[1])!.lot_id).toBe(s.lots[1]!.id);
    expect(await w.db.selectFrom("lots").select("id").where("tender_id", "=", id).execute()).toHaveLength(2);
  });

  it("drops demand its enterprise withdrew, so that the draft can be published without it", async () => {
    const w = await makeWorld();
    const [a, b] = await pooledDemand(w);
    const id = await readyDraft(w, [a!, b!]);
    await w.db.updateTable("demands").set({ status: "withdrawn" }).where("id", "=", a!).execute();
    const lot = (await findTenderState(w.db, id))!.lots[0]!;
    expect((await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) })).ok).toBe(false);
    expect(await edit(w, id, { kind: "dropUnavailable", lotId: lot.id })).toMatchObject({ ok: true, value: { recordedAs: "draft" } });
    const after = (await findTenderState(w.db, id))!.lots[0]!;
    expect(after.demands.map((d) => d.id)).toEqual([b]);
    expect(after.headcount).toBe(15);
    expect(await w.db.selectFrom("demands").select(["tender_id", "lot_id"]).where("id", "=", a!).executeTakeFirstOrThrow()).toEqual({ tender_id: null, lot_id: null });
    expect(await edit(w, id, { kind: "dropUnavailable", lotId: lot.id })).toMatchObject({ ok: false, formErrors: ["tender.lots.nothingToDrop"] });
    expect((await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) })).ok).toBe(true);
  });

  it("never lets a lot's price exceed its cap, and says what the cap is", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    const lot = (await findTenderState(w.db, id))!.lots[0]!;
    const r = await edit(w, id, { kind: "editLot", lotId: lot.id, maxPriceFen: 180_001, windowStart: lot.windowStart, windowEnd: lot.windowEnd });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { maxPrice: ['tender.lots.aboveCap|{"cap":"¥1,800.00"}'] } });
    expect((await edit(w, id, { kind: "editLot", lotId: lot.id, maxPriceFen: 150_000, windowStart: "2027-04-15", windowEnd: "2027-06-15" })).ok).toBe(true);
    expect((await findTenderState(w.db, id))!.lots[0]).toMatchObject({ maxPriceFen: 150_000, windowStart: "2027-04-15", windowEnd: "2027-06-15" });
  });

  it("takes only active evaluators of the bureau onto the panel", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    const r = await edit(w, id, { kind: "panel", members: [{ userId: w.officer.userId, kind: "expert" }] });
    expect(r).toMatchObject({ ok: false, kind: "validation", formErrors: ["tender.panel.notEvaluator"] });
  });

  it("refuses a stale form with a conflict and changes nothing", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    const stale = await versionOf(w.db, id);
    expect((await editTender(w.db, w.officer, { tenderId: id, version: stale, change: details({ title: "甲" }) })).ok).toBe(true);
    expect(await editTender(w.db, w.officer, { tenderId: id, version: stale, change: details({ title: "乙" }) })).toEqual({
      ok: false,
      kind: "conflict",
      message: "tender.errors.stale",
    });
    expect((await findTenderState(w.db, id))!.title).toBe("甲");
  });
});

describe("editTender on a published tender: amendments", () => {
  it("a material change with fewer than 15 days left moves the deadline to now + 15 D, flags bids, and is public", async () => {
    const w = await makeWorld();
    const { id, reference } = await published(w);
    // Friday 11 December, 11 days before the 22 December deadline.
    setNow("2026-12-11T06:00:00.000Z");
    const lot = (await findTenderState(w.db, id))!.lots[0]!;
    const r = await edit(w, id, { kind: "editLot", lotId: lot.id, maxPriceFen: 160_000, windowStart: lot.windowStart, windowEnd: lot.windowEnd }, "第1标段最高限价调整为1,600元/人");
    // 11 Dec + 15 D = Saturday 26 Dec → Monday 28 Dec, at the deadline's 10:00.
    expect(r).toEqual({ ok: true, value: { recordedAs: "amendment", material: true, deadlineMoved: true, bidDeadline: "2026-12-28T02:00:00.000Z" } });
    const s = (await findTenderState(w.db, id))!;
    expect(s).toMatchObject({ bidDeadline: "2026-12-28T02:00:00.000Z", lastMaterialAmendmentAt: "2026-12-11T06:00:00.000Z" });
    expect(s.lots[0]!.maxPriceFen).toBe(160_000);
    const rows = await w.db.selectFrom("tender_amendments").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ material: 1, summary: "第1标段最高限价调整为1,600元/人", deadline_before: DEADLINE.toISOString(), deadline_after: "2026-12-28T02:00:00.000Z", by_user_id: w.officer.userId });
    expect(JSON.parse(rows[0]!.changes_json).map((c: { field: string }) => c.field)).toEqual(["bidDeadline", "lot1"]);
    const notice = (await findPublicTender(w.db, reference))!;
    expect(notice.amendments).toEqual([
      { at: "2026-12-11T06:00:00.000Z", summary: "第1标段最高限价调整为1,600元/人", material: true, deadlineBefore: DEADLINE.toISOString(), deadlineAfter: "2026-12-28T02:00:00.000Z" },
    ]);
    expect(notice.bidDeadline).toBe("2026-12-28T02:00:00.000Z");
    const audit = await w.db.selectFrom("audit_log").select(["action", "after_json"]).orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(audit.action).toBe("tender.amend");
    expect(JSON.parse(audit.after_json!)).toMatchObject({ material: true, deadlineMoved: true, bidDeadline: "2026-12-28T02:00:00.000Z" });
  });

  it("a material change with 15 or more days left keeps the deadline", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    setNow("2026-12-07T02:00:00.000Z"); // exactly 15 days before 22 December
    const r = await edit(w, id, { kind: "criteria", criteria: [{ name: "培训方案", description: null, points: 35 }, { name: "师资力量", description: null, points: 35 }] }, "调整评分标准分值");
    expect(r).toEqual({ ok: true, value: { recordedAs: "amendment", material: true, deadlineMoved: false, bidDeadline: DEADLINE.toISOString() } });
    expect((await findTenderState(w.db, id))!.lastMaterialAmendmentAt).toBe("2026-12-07T02:00:00.000Z");
  });

  it("a typo fix is recorded and public but moves nothing and flags no bid", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    setNow("2026-12-20T02:00:00.000Z"); // two days left
    const r = await edit(w, id, details({ title: "2027 年焊工（四级）订单式培训项目" }), "更正项目名称");
    expect(r).toEqual({ ok: true, value: { recordedAs: "amendment", material: false, deadlineMoved: false, bidDeadline: DEADLINE.toISOString() } });
    const s = (await findTenderState(w.db, id))!;
    expect(s).toMatchObject({ title: "2027 年焊工（四级）订单式培训项目", lastMaterialAmendmentAt: null, bidDeadline: DEADLINE.toISOString() });
    expect(await w.db.selectFrom("tender_amendments").select(["material", "summary"]).execute()).toEqual([{ material: 0, summary: "更正项目名称" }]);
  });

  it("an extension the officer asks for counts as material and is kept when long enough", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    setNow("2026-12-18T02:00:00.000Z");
    const later = new Date("2027-01-08T06:00:00.000Z"); // Friday 8 Jan 2027, 14:00
    const r = await edit(w, id, details({ bidDeadline: later }), "延长投标截止时间");
    expect(r).toMatchObject({ ok: true, value: { material: true, deadlineMoved: false, bidDeadline: later.toISOString() } });
  });

  it("needs a summary, keeps the regime, must still satisfy the rules, and has something to change", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    const before = await w.db.selectFrom("tenders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(await edit(w, id, details({ title: "新" }))).toMatchObject({ ok: false, fieldErrors: { summary: ["tender.amend.summaryRequired"] } });
    expect(await edit(w, id, details({ regime: "TB" }), "改制度")).toMatchObject({ ok: false, fieldErrors: { regime: ["tender.amend.regimeFixed"] } });
    expect(await edit(w, id, { kind: "criteria", criteria: [{ name: "培训方案", description: null, points: 40 }] }, "删去师资")).toMatchObject({
      ok: false,
      formErrors: ['tender.problems.pointsNot100|{"technical":40,"price":30,"total":70}'],
    });
    expect(await edit(w, id, details(), "没有改动")).toMatchObject({ ok: false, formErrors: ["tender.amend.nothingChanged"] });
    expect(await w.db.selectFrom("tenders").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await w.db.selectFrom("tender_amendments").select("id").execute()).toEqual([]);
  });

  it("is closed once the deadline has passed", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    setNow(DEADLINE);
    expect(await edit(w, id, details({ title: "迟了" }), "迟到的更正")).toEqual({ ok: false, kind: "conflict", message: "tender.amend.pastDeadline" });
  });

  it("merging published lots keeps the merged-away lot's number, cancelled", async () => {
    const w = await makeWorld();
    const a = await makeDemand(w.db, w.enterprise, { occupationCode: WELDER, level: 4, headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30" });
    const b = await makeDemand(w.db, w.enterprise, { occupationCode: WELDER, level: 4, headcount: 6, earliestStart: "2027-03-01", latestEnd: "2027-06-30" });
    const id = await readyDraft(w, [a, b]);
    const lot = (await findTenderState(w.db, id))!.lots[0]!;
    expect((await edit(w, id, { kind: "splitLot", lotId: lot.id, demandIds: [b] })).ok).toBe(true);
    const p = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
    expect(p.ok).toBe(true);
    const lots = (await findTenderState(w.db, id))!.lots;
    const r = await edit(w, id, { kind: "mergeLots", lotId: lots[0]!.id, otherLotId: lots[1]!.id }, "合并第1、2标段");
    expect(r).toMatchObject({ ok: true, value: { material: true } });
    const after = (await findTenderState(w.db, id))!.lots;
    expect(after.map((l) => [l.number, l.status, l.headcount, l.demands.length])).toEqual([
      [1, "open", 16, 2],
      [2, "cancelled", 0, 0],
    ]);
  });

  it("a published tender's panel may change, lawfully, without a public amendment", async () => {
    const w = await makeWorld();
    const { id } = await published(w);
    const members = w.evaluators.slice(0, 3).map((e) => ({ userId: e.userId, kind: "expert" as const }));
    expect(await edit(w, id, { kind: "panel", members })).toMatchObject({ ok: false, formErrors: ['tender.problems.panelTooSmall|{"min":5,"size":3}'] });
    const all = w.evaluators.map((e) => ({ userId: e.userId, kind: "expert" as const }));
    expect(await edit(w, id, { kind: "panel", members: all })).toMatchObject({ ok: true, value: { recordedAs: "internal" } });
    expect(await w.db.selectFrom("tender_amendments").select("id").execute()).toEqual([]);
  });
});
