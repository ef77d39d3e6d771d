import { describe, expect, it } from "vitest";
import { saveBid } from "~/modules/bidding/bids.server";
import { bidContent, institutions, publishedLot } from "~/modules/bidding/test-fixtures.server";
import { publishedResult } from "~/modules/award/test-fixtures.server";
import { evaluatingLot, lotCriteria, must, scoreLot } from "~/modules/evaluation/test-fixtures.server";
import { makeWorld, NOW, setNow } from "~/modules/tender/test-fixtures.server";
import { download, recordsOf, rowsOf } from "./export-testing.server";

/** Issue "Reports": the tables of a tender's and a lot's bureau pages export, to those who may read the page and nobody else. */
describe("the lot pages' exports", () => {
  it("the evaluation report's ranking, member scores and panel: Chinese headers, yuan, Beijing time; a bidder, an enterprise and a stranger get nothing", async () => {
    const w = await makeWorld();
    const lot = await evaluatingLot(w, [150_000, 160_000, 170_000]);
    for (const [i, m] of w.evaluators.entries()) await scoreLot(w, m, lot.lotId, 1, { memberIndex: i, comment: "方案完整" });
    const criteria = await lotCriteria(w, lot.lotId);
    const base = `/bureau/lots/${lot.lotId}/report`;

    for (const format of ["xlsx", "csv"] as const) {
      const ranking = await recordsOf(await download(w.db, w.officer, `${base}?table=ranking&format=${format}`));
      expect(ranking.map((r) => r["投标人"])).toEqual(["投标机构1", "投标机构2", "投标机构3"]);
      // Equal technical scores: the lowest price ranks first. Bids were submitted a minute apart from 10:00 Beijing time.
      expect(ranking[0]).toMatchObject({
        排名: format === "xlsx" ? 1 : "1",
        "投标单价（元）": format === "xlsx" ? 1500 : "1500.00",
        "投标提交时间（北京时间）": "2026-12-01 10:01",
      });
      expect(String(ranking[0]!["总分"])).toMatch(/^\d+\.\d\d$/);
    }

    // One line per member, bid and criterion, then the member's total for the bid — as the page shows them.
    const scores = await recordsOf(await download(w.db, w.admin, `${base}?table=scores&format=csv`));
    expect(scores).toHaveLength(w.evaluators.length * 3 * (criteria.length + 1));
    const first = criteria[0]!;
    expect(scores[0]).toMatchObject({ 评委: expect.any(String), 身份: expect.stringMatching(/^(评审专家|采购人代表)$/), 投标人: "投标机构1", 评分项: first.name, 得分: (first.points / 2).toFixed(2), 评语: "方案完整" });
    const total = scores.find((s) => s["评分项"] === "技术分合计")!;
    expect(total["得分"]).toBe((criteria.reduce((sum, c) => sum + c.points, 0) / 2).toFixed(2));

    const members = await rowsOf(await download(w.db, w.officer, `${base}?table=members&format=xlsx`));
    expect(members[0]).toEqual(["评委", "身份", "声明", "声明时间（北京时间）"]);
    expect(members).toHaveLength(1 + w.evaluators.length);

    // The first table when none is named; a table the page does not have is not found.
    expect((await rowsOf(await download(w.db, w.officer, `${base}?format=csv`)))[0]).toContain("排名");
    expect((await download(w.db, w.officer, `${base}?table=bids&format=csv`)).status).toBe(404);

    // Those the page refuses: a bidder, an enterprise (not found), a signed-out reader (sign in).
    for (const stranger of [lot.bidders[0]!, w.enterprise, w.institution]) {
      const res = await download(w.db, stranger, `${base}?table=ranking&format=csv`);
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    }
    const signedOut = await download(w.db, null, `${base}?table=scores&format=xlsx`);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
    // An unknown lot is not found either.
    expect((await download(w.db, w.officer, `/bureau/lots/nothing-here/report?format=csv`)).status).toBe(404);
  });

  it("before the deadline the evaluation page's bids hold no price and no content; once opened they hold the opened bids", async () => {
    const w = await makeWorld();
    const { lotId } = await publishedLot(w);
    const [bidder] = await institutions(w, 1);
    setNow(new Date(NOW.getTime() + 60_000));
    must(await saveBid(w.db, bidder!, { lotId, intent: "submit", content: bidContent(155_500) }));
    const sealed = await recordsOf(await download(w.db, w.officer, `/bureau/lots/${lotId}?table=bids&format=xlsx`));
    // The page shows no bid before opening (none has counted yet), and neither does the file.
    for (const r of sealed) expect(r["投标单价（元）"]).toBe("");
    expect(JSON.stringify(sealed)).not.toMatch(/1555|实训楼|张师傅/);

    const v = await makeWorld();
    const opened = await evaluatingLot(v, [150_000, 160_000, 170_000]);
    for (const format of ["xlsx", "csv"] as const) {
      const bids = await recordsOf(await download(v.db, v.officer, `/bureau/lots/${opened.lotId}?table=bids&format=${format}`));
      expect(bids.map((b) => b["投标人"])).toEqual(["投标机构1", "投标机构2", "投标机构3"]);
      expect(bids[0]).toMatchObject({
        审查结论: "有效",
        "投标单价（元）": format === "xlsx" ? 1500 : "1500.00",
        回执核验: "一致",
        培训场地: "实训楼 A",
        师资: "张师傅 高级技师-001",
        学时: "理论 40 学时，实操 80 学时",
      });
    }
    const panel = await recordsOf(await download(v.db, v.officer, `/bureau/lots/${opened.lotId}?table=panel&format=csv`));
    expect(panel).toHaveLength(5);
    expect(panel[0]).toMatchObject({ 状态: "在任", 利害关系声明: "未声明", "评分提交（北京时间）": "" });
    // An institution does not see the bureau's evaluation page, nor its file.
    expect((await download(v.db, opened.bidders[0]!, `/bureau/lots/${opened.lotId}?table=bids&format=csv`)).status).toBe(404);
  });

  it("the award page's awards and ranking, and the tender page's lots and demands", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    const awards = await recordsOf(await download(w.db, w.officer, `/bureau/lots/${lot.lotId}/award?table=awards&format=xlsx`));
    expect(awards.length).toBeGreaterThanOrEqual(1);
    const stored = await w.db.selectFrom("awards").select(["headcount", "value_fen"]).where("lot_id", "=", lot.lotId).orderBy("rank").execute();
    expect(awards.map((a) => [a["人数"], a["金额（元）"], a["状态"]])).toEqual(stored.map((s) => [Number(s.headcount), Number(s.value_fen) / 100, "公示中"]));
    const ranking = await recordsOf(await download(w.db, w.officer, `/bureau/lots/${lot.lotId}/award?table=ranking&format=csv`));
    expect(ranking[0]).toMatchObject({ 排名: "1", 培训机构: "投标机构1", "单价（元/人）": "1500.00", 可承训人数: "12", 可参与定标: "是" });
    // The award page is the bureau's: an institution is told it does not exist, finance that it may not.
    expect((await download(w.db, lot.bidders[0]!, `/bureau/lots/${lot.lotId}/award?format=csv`)).status).toBe(404);

    const lots = await recordsOf(await download(w.db, w.officer, `/bureau/tenders/${lot.tenderId}?table=lots&format=xlsx`));
    const storedLot = await w.db.selectFrom("lots").select(["headcount", "max_price_fen", "cap_fen"]).where("id", "=", lot.lotId).executeTakeFirstOrThrow();
    expect(lots).toEqual([
      expect.objectContaining({ 标段: 1, 职业代码: "6-18-02-04", 技能等级: "四级/中级工", 人数: Number(storedLot.headcount), "最高限价（元/人）": Number(storedLot.max_price_fen) / 100, "补贴标准（元）": Number(storedLot.cap_fen) / 100 }),
    ]);
    const demands = await recordsOf(await download(w.db, w.officer, `/bureau/tenders/${lot.tenderId}?table=demands&format=csv`));
    expect(demands.map((d) => d["企业"])).toEqual(["测试精工有限公司", "测试精工有限公司"]);
    expect(demands.reduce((sum, d) => sum + Number(d["人数"]), 0)).toBe(Number(storedLot.headcount));
    expect((await download(w.db, w.enterprise, `/bureau/tenders/${lot.tenderId}?table=lots&format=csv`)).status).toBe(404);
    expect((await download(w.db, w.officer, `/bureau/tenders/${lot.tenderId}?table=nothing&format=csv`)).status).toBe(404);
  });
});
