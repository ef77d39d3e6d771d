import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { DEADLINE, makeWorld, setNow, type World } from "~/modules/tender/test-fixtures.server";
import { answerObjection } from "./answer-objection.server";
import { closeObjections, settleDueObjectionWindows } from "./close-objections.server";
import { confirmRanking } from "./confirm-ranking.server";
import { lodgeObjection } from "./lodge-objection.server";
import { publishResult } from "./publish-result.server";
import { findAwardPage } from "./queries.server";
import { after, evaluatedLot, proposedLot, publishedResult, writeReport } from "./test-fixtures.server";

const GROUNDS = "中标机构的师资证书与投标文件不符，请予核查。";
/** The lot is opened one second after the deadline: Tuesday 22 December 2026, 10:00:01 in Shanghai. */
const OPENED = new Date(DEADLINE.getTime() + 1000);
/** 1 WD of publicity after Tuesday 22 December: the end of Wednesday 23 December (Shanghai). */
const PUBLICITY_END = "2026-12-23T15:59:59.999Z";
/** 7 WD after the publicity: 24, 25, 28, 29, 30, 31 December and Friday 1 January 2027 (2027 not yet in the seeded calendar). */
const OBJECTION_DEADLINE = "2027-01-01T15:59:59.999Z";

async function awardsOf(w: World, lotId: string) {
  return w.db.selectFrom("awards").select(["id", "bid_id", "status", "rank", "headcount", "price_fen", "value_fen", "round", "published_at", "objection_deadline"]).where("lot_id", "=", lotId).orderBy("created_at").orderBy("rank").execute();
}
async function lotOf(w: World, lotId: string) {
  return w.db.selectFrom("lots").select(["status", "evaluation_round"]).where("id", "=", lotId).executeTakeFirstOrThrow();
}
async function actions(w: World) {
  return (await w.db.selectFrom("audit_log").select("action").orderBy("seq").execute()).map((a) => a.action);
}
async function notificationsOf(w: World, kind: string) {
  return w.db.selectFrom("notifications").select(["organisation_id", "params_json", "link"]).where("kind", "=", kind).execute();
}

describe("confirming the ranking", () => {
  it("proposes the split the officer was shown, down the ranking, keeping each demand whole", async () => {
    const w = await makeWorld();
    // Demands of 10 and 15; the top bid can take 12, so it takes the demand of 10 and the next the 15.
    const lot = await evaluatedLot(w, [{ priceFen: 150_000, capacity: 12 }, { priceFen: 160_000, capacity: 20 }, 170_000]);
    const page = await findAwardPage(w.db, w.officer, lot.lotId);
    if (!page.ok) throw new Error("no page");
    const preview = page.value.preview.map((a) => [a.bidId, a.rank, a.headcount, a.valueFen, a.demands.map((d) => d.headcount)]);
    expect(preview).toEqual([
      [lot.bidIds[0], 1, 10, 1_500_000, [10]],
      [lot.bidIds[1], 2, 15, 2_400_000, [15]],
    ]);

    const r = await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 });
    expect(r).toMatchObject({ ok: true, value: { outcome: "proposed" } });
    const awards = await awardsOf(w, lot.lotId);
    expect(awards.map((a) => [a.bid_id, a.rank, a.headcount, Number(a.value_fen), a.status, a.round])).toEqual([
      [lot.bidIds[0], 1, 10, 1_500_000, "proposed", 1],
      [lot.bidIds[1], 2, 15, 2_400_000, "proposed", 1],
    ]);
    const parts = await w.db.selectFrom("award_demands").select(["demand_id", "headcount"]).orderBy("headcount").execute();
    expect(parts).toEqual([
      { demand_id: lot.demandIds[0], headcount: 10 },
      { demand_id: lot.demandIds[1], headcount: 15 },
    ]);
    expect(await lotOf(w, lot.lotId)).toEqual({ status: "award_pending", evaluation_round: 1 });
    const report = await w.db.selectFrom("evaluation_reports").select(["confirmed_by", "confirmed_at"]).executeTakeFirstOrThrow();
    expect(report).toEqual({ confirmed_by: w.officer.userId, confirmed_at: OPENED.toISOString() });
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", lot.tenderId).executeTakeFirstOrThrow()).status).toBe("award_pending");
    expect((await actions(w)).slice(-4)).toEqual(["award.propose", "award.propose", "lot.confirmRanking", "tender.statusFollowsLots"]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("never awards more than the lot's headcount, however large the capacities", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [{ priceFen: 150_000, capacity: 500 }, { priceFen: 160_000, capacity: 500 }, 170_000]);
    const awards = await awardsOf(w, lot.lotId);
    expect(awards.map((a) => [a.bid_id, a.headcount])).toEqual([[lot.bidIds[0], 25]]);
  });

  it("is the officer's alone", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [150_000, 160_000, 170_000]);
    for (const who of [w.admin, w.evaluators[0]!, w.institution, lot.bidders[0]!]) {
      expect(await confirmRanking(w.db, who, { lotId: lot.lotId, round: 1 })).toEqual({ ok: false, kind: "forbidden" });
    }
    expect(await awardsOf(w, lot.lotId)).toEqual([]);
  });

  it("refuses a stale round, a lot without a report, and a second confirmation", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [150_000, 160_000, 170_000]);
    expect(await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 2 })).toMatchObject({ ok: false, message: "award.errors.staleRound" });
    expect(await confirmRanking(w.db, w.officer, { lotId: "nope", round: 1 })).toEqual({ ok: false, kind: "notFound" });
    await w.db.updateTable("lots").set({ evaluation_round: 2 }).where("id", "=", lot.lotId).execute();
    expect(await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 2 })).toMatchObject({ ok: false, message: "award.errors.noReport" });
    await w.db.updateTable("lots").set({ evaluation_round: 1 }).where("id", "=", lot.lotId).execute();
    expect((await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 })).ok).toBe(true);
    expect(await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 })).toMatchObject({ ok: false, kind: "conflict", message: "award.errors.alreadyConfirmed" });
    expect(await awardsOf(w, lot.lotId)).toHaveLength(1);
  });

  it("makes exactly one set of awards from two simultaneous confirmations", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    const results = await Promise.all([
      confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 }),
      confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ kind: "conflict" });
    const awards = await awardsOf(w, lot.lotId);
    expect(awards.reduce((s, a) => s + a.headcount, 0)).toBe(25);
    expect(awards).toHaveLength(2);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("ends the lot unsuccessful with its demand back in the pool when the ranking is empty", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [150_000, 160_000, 170_000]);
    await w.db.deleteFrom("evaluation_reports").execute();
    await writeReport(w, lot.lotId, 1, []);
    expect(await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 })).toEqual({ ok: true, value: { outcome: "failed" } });
    expect((await lotOf(w, lot.lotId)).status).toBe("unsuccessful");
    const demands = await w.db.selectFrom("demands").select(["status", "lot_id"]).execute();
    expect(demands).toEqual([
      { status: "pooled", lot_id: null },
      { status: "pooled", lot_id: null },
    ]);
    expect(await awardsOf(w, lot.lotId)).toEqual([]);
    expect(await actions(w)).toContain("lot.fail");
  });
});

describe("publishing the result", () => {
  it("opens the publicity and objection windows from the rules and tells every bidder", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000, 175_000]);
    // A bidder whose bid was found non-compliant is still a bidder of the lot.
    await w.db.updateTable("bids").set({ status: "rejected", rejection_reason: "资质过期" }).where("id", "=", lot.bidIds[3]!).execute();
    const r = await publishResult(w.db, w.officer, lot.lotId);
    expect(r).toEqual({
      ok: true,
      value: {
        publishedAt: OPENED.toISOString(),
        publicityEndsAt: PUBLICITY_END,
        objectionDeadline: OBJECTION_DEADLINE,
        // 2 WD after the confirmation on Tuesday 22 December.
        latestPublicationAt: "2026-12-24T15:59:59.999Z",
        late: false,
      },
    });
    const awards = await awardsOf(w, lot.lotId);
    expect(awards.map((a) => [a.status, a.published_at, a.objection_deadline])).toEqual([
      ["published", OPENED.toISOString(), OBJECTION_DEADLINE],
      ["published", OPENED.toISOString(), OBJECTION_DEADLINE],
    ]);
    expect((await lotOf(w, lot.lotId)).status).toBe("award_published");
    const told = await notificationsOf(w, "resultPublished");
    expect(told.map((n) => n.organisation_id).sort()).toEqual(lot.bidders.map((b) => b.orgId).sort());
    expect(told[0]!.link).toBe(`/bids/lots/${lot.lotId}`);
    expect(JSON.parse(told[0]!.params_json)).toMatchObject({ lotNumber: 1 });
    expect(await publishResult(w.db, w.officer, lot.lotId)).toMatchObject({ ok: false, message: "award.errors.alreadyPublished" });
  });

  it("moves the dates when the bureau changes a rule or the calendar", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [150_000, 160_000, 170_000]);
    await w.db.updateTable("procurement_rules").set({ value: 3, unit: "D" }).where("regime", "=", "GP").where("key", "=", "publicity_period").execute();
    await w.db.insertInto("calendar_days").values({ date: "2027-01-01", kind: "holiday", name_zh: "元旦", name_en: "New Year's Day" }).execute();
    const r = await publishResult(w.db, w.officer, lot.lotId);
    // Publicity: 3 calendar days → Friday 25 December; then 7 WD: 28–31 December, 4, 5, 6 January (1 January a holiday).
    expect(r).toMatchObject({ ok: true, value: { publicityEndsAt: "2026-12-25T15:59:59.999Z", objectionDeadline: "2027-01-06T15:59:59.999Z" } });
  });

  it("flags a publication after the rules' latest day, and is the officer's alone", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [150_000, 160_000, 170_000]);
    expect(await publishResult(w.db, w.admin, lot.lotId)).toEqual({ ok: false, kind: "forbidden" });
    setNow("2026-12-29T02:00:00.000Z");
    expect(await publishResult(w.db, w.officer, lot.lotId)).toMatchObject({ ok: true, value: { late: true, latestPublicationAt: "2026-12-24T15:59:59.999Z" } });
  });

  it("refuses a lot whose ranking is not confirmed", async () => {
    const w = await makeWorld();
    const lot = await evaluatedLot(w, [150_000, 160_000, 170_000]);
    expect(await publishResult(w.db, w.officer, lot.lotId)).toMatchObject({ ok: false, message: "award.errors.notPending" });
  });
});

describe("objections", () => {
  it("accepts an objection 1 ms before the deadline and refuses one 1 ms after", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    after(lot.objectionDeadline, -1);
    expect(await lodgeObjection(w.db, lot.bidders[1]!, { lotId: lot.lotId, grounds: GROUNDS })).toMatchObject({ ok: true });
    after(lot.objectionDeadline, 0);
    expect(await lodgeObjection(w.db, lot.bidders[2]!, { lotId: lot.lotId, grounds: GROUNDS })).toMatchObject({ ok: true });
    after(lot.objectionDeadline, 1);
    expect(await lodgeObjection(w.db, lot.bidders[0]!, { lotId: lot.lotId, grounds: GROUNDS })).toEqual({
      ok: false,
      kind: "conflict",
      message: "award.objections.errors.windowClosed",
    });
    expect(await w.db.selectFrom("objections").select("institution_id").execute()).toHaveLength(2);
  });

  it("records the answer's due time from the rules and tells the bureau", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    setNow("2026-12-24T02:00:00.000Z");
    const awards = await awardsOf(w, lot.lotId);
    const r = await lodgeObjection(w.db, lot.bidders[1]!, { lotId: lot.lotId, awardId: awards[0]!.id, grounds: `  ${GROUNDS}  ` });
    // 7 WD after Thursday 24 December: 25, 28, 29, 30, 31 December, 1 and 4 January.
    expect(r).toMatchObject({ ok: true, value: { answerDueAt: "2027-01-04T15:59:59.999Z" } });
    const row = await w.db.selectFrom("objections").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ grounds: GROUNDS, status: "pending", award_id: awards[0]!.id, institution_id: lot.bidders[1]!.orgId, lodged_by: lot.bidders[1]!.userId });
    const told = await notificationsOf(w, "objectionLodged");
    expect(told).toEqual([{ organisation_id: w.officer.orgId, params_json: expect.any(String), link: `/bureau/lots/${lot.lotId}/award` }]);
    expect((await actions(w)).at(-1)).toBe("objection.lodge");
  });

  it("hears only the lot's bidders, with grounds, one pending objection each", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    const stranger = await makeActor(w.db, { kind: "institution" });
    expect(await lodgeObjection(w.db, stranger, { lotId: lot.lotId, grounds: GROUNDS })).toEqual({ ok: false, kind: "notFound" });
    expect(await lodgeObjection(w.db, w.officer, { lotId: lot.lotId, grounds: GROUNDS })).toEqual({ ok: false, kind: "forbidden" });
    expect(await lodgeObjection(w.db, w.enterprise, { lotId: lot.lotId, grounds: GROUNDS })).toEqual({ ok: false, kind: "forbidden" });
    const bidder = lot.bidders[2]!;
    expect(await lodgeObjection(w.db, bidder, { lotId: lot.lotId, grounds: "   " })).toEqual({ ok: false, kind: "validation", fieldErrors: { grounds: ["common.form.required"] }, formErrors: undefined });
    expect(await lodgeObjection(w.db, bidder, { lotId: lot.lotId, grounds: "  太短了  " })).toMatchObject({ ok: false, kind: "validation", fieldErrors: { grounds: [expect.stringContaining("award.objections.errors.groundsShort")] } });
    expect(await lodgeObjection(w.db, bidder, { lotId: lot.lotId, grounds: "理".repeat(4001) })).toMatchObject({ ok: false, kind: "validation" });
    expect(await lodgeObjection(w.db, bidder, { lotId: lot.lotId, awardId: "someone-else", grounds: GROUNDS })).toMatchObject({ ok: false, fieldErrors: { awardId: ["award.objections.errors.unknownAward"] } });
    expect((await lodgeObjection(w.db, bidder, { lotId: lot.lotId, grounds: GROUNDS })).ok).toBe(true);
    expect(await lodgeObjection(w.db, bidder, { lotId: lot.lotId, grounds: GROUNDS })).toMatchObject({ ok: false, message: "award.objections.errors.alreadyPending" });
    expect(await w.db.selectFrom("objections").select("id").execute()).toHaveLength(1);
  });

  it("refuses an objection before the result is published", async () => {
    const w = await makeWorld();
    const lot = await proposedLot(w, [150_000, 160_000, 170_000]);
    expect(await lodgeObjection(w.db, lot.bidders[1]!, { lotId: lot.lotId, grounds: GROUNDS })).toMatchObject({ ok: false, message: "award.objections.errors.notPublished" });
  });

  it("keeps one pending objection per institution under simultaneous lodging", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    const results = await Promise.all([1, 2, 3].map(() => lodgeObjection(w.db, lot.bidders[1]!, { lotId: lot.lotId, grounds: GROUNDS })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await w.db.selectFrom("objections").select("id").execute()).toHaveLength(1);
  });
});

describe("answering objections", () => {
  async function objected(bids: number[] = [150_000, 160_000, 170_000], onAward = true) {
    const w = await makeWorld();
    const lot = await publishedResult(w, bids.map((p, i) => (i === 0 ? { priceFen: p, capacity: 12 } : p)));
    const awards = await awardsOf(w, lot.lotId);
    const r = await lodgeObjection(w.db, lot.bidders[2]!, { lotId: lot.lotId, awardId: onAward ? awards[0]!.id : null, grounds: GROUNDS });
    if (!r.ok) throw new Error("lodge failed");
    return { w, lot, awards, objectionId: r.value.objectionId };
  }

  it("needs an answer, an outcome when upheld, and answers once", async () => {
    const { w, lot, objectionId } = await objected();
    expect(await answerObjection(w.db, lot.bidders[0]!, { objectionId, decision: "dismissed", answer: "不成立" })).toEqual({ ok: false, kind: "forbidden" });
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "dismissed", answer: "  " })).toMatchObject({ ok: false, fieldErrors: { answer: ["common.form.required"] } });
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "upheld", answer: "成立" })).toMatchObject({ ok: false, fieldErrors: { outcome: ["award.objections.errors.outcomeRequired"] } });
    expect(await answerObjection(w.db, w.officer, { objectionId: "nope", decision: "dismissed", answer: "不成立" })).toEqual({ ok: false, kind: "notFound" });
    expect((await w.db.selectFrom("objections").select("status").executeTakeFirstOrThrow()).status).toBe("pending");
    const [one, two] = await Promise.all([
      answerObjection(w.db, w.officer, { objectionId, decision: "dismissed", answer: "经核查，师资证书真实有效。" }),
      answerObjection(w.db, w.officer, { objectionId, decision: "upheld", outcome: "reevaluate", answer: "成立" }),
    ]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    expect([one, two].find((r) => !r.ok)).toMatchObject({ message: "award.objections.errors.alreadyAnswered" });
  });

  it("dismissed: nothing else changes; the objector and the bidders are told", async () => {
    const { w, lot, objectionId } = await objected();
    const before = await awardsOf(w, lot.lotId);
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "dismissed", answer: "经核查，师资证书真实有效。" })).toEqual({
      ok: true,
      value: { status: "dismissed", late: false, effect: "none" },
    });
    expect(await awardsOf(w, lot.lotId)).toEqual(before);
    expect((await lotOf(w, lot.lotId)).status).toBe("award_published");
    const told = await notificationsOf(w, "objectionAnswered");
    expect(told.map((n) => n.organisation_id).sort()).toEqual(lot.bidders.map((b) => b.orgId).sort());
    expect(JSON.parse(told[0]!.params_json)).toMatchObject({ decision: "dismissed" });
  });

  it("upheld, re-evaluate: every award cancelled and the lot back to evaluation in a new round", async () => {
    const { w, lot, objectionId } = await objected();
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "upheld", outcome: "reevaluate", answer: "评分有误，重新评审。" })).toMatchObject({
      ok: true,
      value: { effect: "reevaluation" },
    });
    expect((await awardsOf(w, lot.lotId)).map((a) => a.status)).toEqual(["cancelled", "cancelled"]);
    expect(await lotOf(w, lot.lotId)).toEqual({ status: "evaluating", evaluation_round: 2 });
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", lot.tenderId).executeTakeFirstOrThrow()).status).toBe("evaluating");
    expect(await w.db.selectFrom("bids").select("status").where("lot_id", "=", lot.lotId).execute()).toEqual([{ status: "valid" }, { status: "valid" }, { status: "valid" }]);
    // The new round's report is confirmed like the first.
    await writeReport(w, lot.lotId, 2, [lot.bidIds[1]!, lot.bidIds[0]!, lot.bidIds[2]!]);
    expect((await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 2 })).ok).toBe(true);
    const live = (await awardsOf(w, lot.lotId)).filter((a) => a.status === "proposed");
    expect(live.map((a) => [a.bid_id, a.round, a.headcount])).toEqual([[lot.bidIds[1], 2, 25]]);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("upheld, next-ranked: the objected award's bid is out and the lot is proposed again without it", async () => {
    const { w, lot, awards, objectionId } = await objected();
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "upheld", outcome: "next_ranked", answer: "证书不符，中标无效。" })).toMatchObject({
      ok: true,
      value: { effect: "reassigned" },
    });
    const bid = await w.db.selectFrom("bids").select(["status", "excluded_reason"]).where("id", "=", lot.bidIds[0]!).executeTakeFirstOrThrow();
    expect(bid).toEqual({ status: "not_awarded", excluded_reason: "objection" });
    const now = await awardsOf(w, lot.lotId);
    expect(now.filter((a) => a.status === "cancelled").map((a) => a.id).sort()).toEqual(awards.map((a) => a.id).sort());
    expect(now.filter((a) => a.status === "proposed").map((a) => [a.bid_id, a.rank, a.headcount, a.round])).toEqual([[lot.bidIds[1], 2, 25, 1]]);
    expect((await lotOf(w, lot.lotId)).status).toBe("award_pending");
    // Published again, with fresh windows.
    setNow("2026-12-23T02:00:00.000Z");
    const again = await publishResult(w.db, w.officer, lot.lotId);
    expect(again).toMatchObject({ ok: true, value: { publicityEndsAt: "2026-12-24T15:59:59.999Z", late: false } });
    expect((await awardsOf(w, lot.lotId)).filter((a) => a.status === "published").map((a) => a.published_at)).toEqual(["2026-12-23T02:00:00.000Z"]);
    expect((await actions(w)).filter((a) => a === "lot.reassign")).toHaveLength(1);
  });

  it("upheld, next-ranked, needs the objection to concern an award; with no bid left the lot fails", async () => {
    const { w, objectionId } = await objected([150_000, 160_000, 170_000], false);
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "upheld", outcome: "next_ranked", answer: "成立" })).toMatchObject({
      ok: false,
      fieldErrors: { outcome: ["award.objections.errors.nextRankedNeedsAward"] },
    });
    expect((await w.db.selectFrom("objections").select("status").executeTakeFirstOrThrow()).status).toBe("pending");

    const w2 = await makeWorld();
    const single = await publishedResult(w2, [150_000, 160_000, 170_000], { rejected: [1, 2] });
    const award = (await awardsOf(w2, single.lotId))[0]!;
    await w2.db.insertInto("objections").values({
      id: "obj-single",
      lot_id: single.lotId,
      award_id: award.id,
      institution_id: single.bidders[0]!.orgId,
      lodged_by: single.bidders[0]!.userId,
      grounds: GROUNDS,
      lodged_at: OPENED.toISOString(),
      answer_due_at: OBJECTION_DEADLINE,
      status: "pending",
      outcome: null,
      answer: null,
      answered_at: null,
      answered_by: null,
    }).execute();
    expect(await answerObjection(w2.db, w2.officer, { objectionId: "obj-single", decision: "upheld", outcome: "next_ranked", answer: "成立" })).toMatchObject({ ok: true, value: { effect: "failed" } });
    expect((await lotOf(w2, single.lotId)).status).toBe("unsuccessful");
    expect((await w2.db.selectFrom("demands").select("status").execute()).map((d) => d.status)).toEqual(["pooled", "pooled"]);
  });

  it("accepts an answer after its due time and records it as late", async () => {
    const { w, objectionId } = await objected();
    setNow("2027-01-05T02:00:00.000Z");
    expect(await answerObjection(w.db, w.officer, { objectionId, decision: "dismissed", answer: "不成立。" })).toMatchObject({ ok: true, value: { late: true } });
  });
});

describe("closing the objection window", () => {
  it("is refused before the deadline and while an objection is pending", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    after(lot.objectionDeadline, 0);
    expect(await closeObjections(w.db, w.officer, lot.lotId)).toMatchObject({ ok: false, message: "award.errors.windowOpen" });
    const r = await lodgeObjection(w.db, lot.bidders[1]!, { lotId: lot.lotId, grounds: GROUNDS });
    if (!r.ok) throw new Error("lodge failed");
    after(lot.objectionDeadline, 1);
    expect(await closeObjections(w.db, w.officer, lot.lotId)).toMatchObject({ ok: false, message: "award.errors.objectionPending" });
    expect(await settleDueObjectionWindows(w.db)).toBe(0);
    expect(await closeObjections(w.db, w.evaluators[0]!, lot.lotId)).toEqual({ ok: false, kind: "forbidden" });
    await answerObjection(w.db, w.officer, { objectionId: r.value.objectionId, decision: "dismissed", answer: "不成立。" });
    expect((await closeObjections(w.db, w.officer, lot.lotId)).ok).toBe(true);
  });

  it("confirms the awards, contracts the demand and creates one contract per award", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    after(lot.objectionDeadline, 1);
    const r = await closeObjections(w.db, w.officer, lot.lotId);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.contractIds).toHaveLength(2);
    expect((await awardsOf(w, lot.lotId)).map((a) => a.status)).toEqual(["confirmed", "confirmed"]);
    const bids = await w.db.selectFrom("bids").select(["id", "status"]).where("lot_id", "=", lot.lotId).execute();
    expect(Object.fromEntries(bids.map((b) => [b.id, b.status]))).toEqual({ [lot.bidIds[0]!]: "awarded", [lot.bidIds[1]!]: "awarded", [lot.bidIds[2]!]: "not_awarded" });
    expect((await w.db.selectFrom("demands").select("status").execute()).map((d) => d.status)).toEqual(["contracted", "contracted"]);
    const contracts = await w.db.selectFrom("contracts").select(["reference", "institution_id", "headcount", "value_fen", "status", "sign_due_at"]).orderBy("reference").execute();
    // Closed at 00:00 on Saturday 2 January 2027 (Shanghai); signing within 30 D: the end of 1 February.
    expect(contracts.map((c) => [c.reference, c.institution_id, c.headcount, Number(c.value_fen), c.status, c.sign_due_at])).toEqual([
      ["HT-2027-0001", lot.bidders[0]!.orgId, 10, 1_500_000, "pending_signature", "2027-02-01T15:59:59.999Z"],
      ["HT-2027-0002", lot.bidders[1]!.orgId, 15, 2_400_000, "pending_signature", "2027-02-01T15:59:59.999Z"],
    ]);
    expect((await lotOf(w, lot.lotId)).status).toBe("awarded");
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", lot.tenderId).executeTakeFirstOrThrow()).status).toBe("awarded");
    expect((await notificationsOf(w, "contractCreated")).map((n) => n.organisation_id).sort()).toEqual([lot.bidders[0]!.orgId, lot.bidders[1]!.orgId].sort());
    const log = await actions(w);
    expect(log.filter((a) => a === "contract.create")).toHaveLength(2);
    expect(log.filter((a) => a === "award.confirm")).toHaveLength(2);
    expect(log.filter((a) => a === "demand.contract")).toHaveLength(2);
    expect(log).toContain("lot.closeObjections");
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("takes the signing period from the rules table", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [150_000, 160_000, 170_000]);
    await w.db.updateTable("procurement_rules").set({ value: 10, unit: "WD" }).where("regime", "=", "GP").where("key", "=", "contract_signing_max").execute();
    after(lot.objectionDeadline, 1);
    expect((await closeObjections(w.db, w.officer, lot.lotId)).ok).toBe(true);
    // Closed on Saturday 2 January 2027 (Shanghai): 10 WD → 4–8 and 11–15 January.
    expect((await w.db.selectFrom("contracts").select("sign_due_at").executeTakeFirstOrThrow()).sign_due_at).toBe("2027-01-15T15:59:59.999Z");
  });

  it("makes one set of contracts from simultaneous closes, by hand and on access", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    after(lot.objectionDeadline, 1);
    const [a, b, c] = await Promise.all([closeObjections(w.db, w.officer, lot.lotId), closeObjections(w.db, null, lot.lotId), settleDueObjectionWindows(w.db, { tenderId: lot.tenderId })]);
    expect([a.ok, b.ok, c === 1].filter(Boolean)).toHaveLength(1);
    expect(await w.db.selectFrom("contracts").select("id").execute()).toHaveLength(2);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("closes automatically on first access after the window, and returns uncovered demand to the pool", async () => {
    const w = await makeWorld();
    // One bid of capacity 10: it takes the demand of 10; the demand of 15 finds no institution.
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 10 }, 160_000, 170_000], { rejected: [1, 2] });
    expect(await settleDueObjectionWindows(w.db)).toBe(0);
    after(lot.objectionDeadline, 1);
    expect(await settleDueObjectionWindows(w.db)).toBe(1);
    const demands = await w.db.selectFrom("demands").select(["id", "status", "lot_id"]).orderBy("headcount").execute();
    expect(demands).toEqual([
      { id: lot.demandIds[0], status: "contracted", lot_id: lot.lotId },
      { id: lot.demandIds[1], status: "pooled", lot_id: null },
    ]);
    const entry = await w.db.selectFrom("audit_log").select(["actor_user_id", "action"]).where("action", "=", "lot.closeObjections").executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBeNull();
  });
});
