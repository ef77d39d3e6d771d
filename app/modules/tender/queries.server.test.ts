import { describe, expect, it } from "vitest";
import { makeDemand } from "#tests/factories";
import { cancelTender } from "./cancel-tender.server";
import { createTenderFromSuggestion } from "./create-tender.server";
import { publishTender } from "./publish-tender.server";
import { findPublicTender, findTenderForBureau, listPooledDemand, listPublicTenders, listTenders } from "./queries.server";
import { ELECTRICIAN, WELDER, makeWorld, pooledDemand, readyDraft, versionOf, type World } from "./test-fixtures.server";

async function publish(w: World, id: string) {
  const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value.reference;
}

describe("the public tender list and notice", () => {
  it("lists published and cancelled tenders, never drafts, with filters", async () => {
    const w = await makeWorld();
    const welder = await publish(w, await readyDraft(w, await pooledDemand(w, [{}]), "焊工"));
    const electrician = await publish(
      w,
      await readyDraft(w, [await makeDemand(w.db, w.enterprise, { occupationCode: ELECTRICIAN, level: 3, earliestStart: "2027-03-01", latestEnd: "2027-06-30" })], "电工"),
    );
    const cancelledId = await readyDraft(w, await pooledDemand(w, [{}]), "将取消");
    const cancelled = await publish(w, cancelledId);
    await cancelTender(w.db, w.officer, { tenderId: cancelledId, version: await versionOf(w.db, cancelledId), reason: "预算调整" });
    await readyDraft(w, await pooledDemand(w, [{}]), "仍是草稿");

    const all = await listPublicTenders(w.db, {});
    expect(all.total).toBe(3);
    expect(all.items.map((t) => t.title).sort()).toEqual(["将取消", "焊工", "电工"].sort());
    expect(all.items.find((t) => t.reference === electrician)!.lots).toEqual([{ occupationCode: ELECTRICIAN, level: 3, headcount: 10 }]);
    expect((await listPublicTenders(w.db, { occupation: ELECTRICIAN })).items.map((t) => t.reference)).toEqual([electrician]);
    expect((await listPublicTenders(w.db, { occupation: WELDER, level: 4 })).items.map((t) => t.reference).sort()).toEqual([welder, cancelled].sort());
    expect((await listPublicTenders(w.db, { level: 2 })).items).toEqual([]);
    expect((await listPublicTenders(w.db, { status: "cancelled" })).items.map((t) => t.reference)).toEqual([cancelled]);
    // The bureau sees the draft too.
    expect((await listTenders(w.db, {})).total).toBe(4);
    expect((await listTenders(w.db, { status: "draft" })).items.map((t) => t.title)).toEqual(["仍是草稿"]);
  });

  it("shows the notice with the panel's size only, and no draft at all", async () => {
    const w = await makeWorld();
    const id = await readyDraft(w);
    expect(await findPublicTender(w.db, "ZJ-2026-0001")).toBeUndefined();
    const reference = await publish(w, id);
    const notice = (await findPublicTender(w.db, reference))!;
    expect(notice).toMatchObject({
      reference: "ZJ-2026-0001",
      status: "published",
      regime: "GP",
      pricePoints: 30,
      panelSize: 5,
      budgetFen: 25 * 180_000,
      criteria: [
        { name: "培训方案", description: "课程设置与教学安排", points: 40 },
        { name: "师资力量", description: null, points: 30 },
      ],
      lots: [{ number: 1, occupationCode: WELDER, level: 4, headcount: 25, windowStart: "2027-04-01", windowEnd: "2027-06-30", maxPriceFen: 180_000, status: "open" }],
    });
    const text = JSON.stringify(notice);
    for (const e of w.evaluators) expect(text).not.toContain(e.userId);
    expect(text).not.toContain(w.enterprise.orgName);
  });
});

describe("the bureau's view", () => {
  it("shows the budget against the year's remaining budget, less other published tenders", async () => {
    const w = await makeWorld();
    const first = await readyDraft(w, await pooledDemand(w, [{ headcount: 20 }]));
    await publish(w, first);
    const second = await readyDraft(w, await pooledDemand(w, [{ headcount: 10 }]));
    const t = (await findTenderForBureau(w.db, second))!;
    expect(t).toMatchObject({ budgetFen: 1_800_000, yearBudgetFen: 150_000_000, remainingFen: 150_000_000 - 3_600_000 });
  });

  it("lists pooled demand not yet claimed, by occupation, level and period", async () => {
    const w = await makeWorld();
    const [a, b] = await pooledDemand(w, [
      { earliestStart: "2027-01-01", latestEnd: "2027-02-28" },
      { earliestStart: "2027-06-01", latestEnd: "2027-08-31", level: 3 },
    ]);
    await makeDemand(w.db, w.enterprise, { status: "submitted" });
    expect((await listPooledDemand(w.db, {})).map((d) => d.id).sort()).toEqual([a, b].sort());
    expect((await listPooledDemand(w.db, { level: 3 })).map((d) => d.id)).toEqual([b]);
    expect((await listPooledDemand(w.db, { from: "2027-03-01" })).map((d) => d.id)).toEqual([b]);
    expect((await listPooledDemand(w.db, { to: "2027-03-01" })).map((d) => d.id)).toEqual([a]);
    expect(await listPooledDemand(w.db, { occupation: ELECTRICIAN })).toEqual([]);
    await createTenderFromSuggestion(w.db, w.officer, { title: "草稿", demandIds: [a!] });
    expect((await listPooledDemand(w.db, {})).map((d) => d.id)).toEqual([b]);
  });
});
