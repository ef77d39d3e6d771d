import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor, makeDemand } from "#tests/factories";
import { answerObjection } from "~/modules/award/answer-objection.server";
import { closeObjections } from "~/modules/award/close-objections.server";
import { lodgeObjection } from "~/modules/award/lodge-objection.server";
import { after, publishedResult } from "~/modules/award/test-fixtures.server";
import { evaluatingLot, must, scoreLot } from "~/modules/evaluation/test-fixtures.server";
import { makeWorld } from "~/modules/tender/test-fixtures.server";
import type { Actor } from "./actor";
import { getHomeSummary } from "./home.server";

describe("home pages list what needs attention", () => {
  it("shows the officer submitted demand and pending organisations, and the enterprise its returned demand", async () => {
    const { db } = await createTestDb();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const enterprise = await makeActor(db, { kind: "enterprise" });
    const other = await makeActor(db, { kind: "enterprise" });
    await makeActor(db, { kind: "institution", status: "pending" });
    await makeDemand(db, enterprise, { status: "submitted" });
    await makeDemand(db, enterprise, { status: "submitted" });
    await makeDemand(db, enterprise, { status: "returned" });
    await makeDemand(db, other, { status: "returned" });

    const bureau = await getHomeSummary(db, officer);
    expect(bureau.attention).toEqual(
      expect.arrayContaining([
        { key: "home.bureau.pendingOrganisations", count: 1, to: "/bureau/organisations?status=pending" },
        { key: "home.bureau.submittedDemand", count: 2, to: "/bureau/demands?status=submitted" },
      ]),
    );
    const mine = await getHomeSummary(db, enterprise);
    expect(mine.attention).toEqual([{ key: "home.enterprise.returnedDemand", count: 1, to: "/demands" }]);
  });

  it("lists nothing for an enterprise with nothing to do, and nothing that is not its own", async () => {
    const { db } = await createTestDb();
    const enterprise = await makeActor(db, { kind: "enterprise" });
    const other = await makeActor(db, { kind: "enterprise" });
    await makeDemand(db, other, { status: "draft" });
    expect((await getHomeSummary(db, enterprise)).attention).toEqual([]);
  });
});

describe("home pages follow a lot through evaluation and award", () => {
  it("tells each evaluator their panel work until they submit, and the officer the ranking to confirm once all have", async () => {
    const w = await makeWorld();
    const { lotId } = await evaluatingLot(w);
    const work = async (a: Actor) => (await getHomeSummary(w.db, a)).attention.filter((x) => x.key === "home.evaluator.panelWork");
    for (const e of w.evaluators) expect(await work(e)).toEqual([{ key: "home.evaluator.panelWork", count: 1, to: "/panel" }]);
    const [first, ...rest] = w.evaluators as [Actor, ...Actor[]];
    await scoreLot(w, first, lotId, 1);
    expect(await work(first)).toEqual([]);
    expect(await work(rest[0]!)).toHaveLength(1);
    const confirm = async () => (await getHomeSummary(w.db, w.officer)).attention.find((x) => x.key === "home.bureau.rankingsToConfirm");
    expect(await confirm()).toBeUndefined();
    for (const e of rest) await scoreLot(w, e, lotId, 1);
    expect(await confirm()).toEqual({ key: "home.bureau.rankingsToConfirm", count: 1, to: "/bureau/tenders?status=evaluating" });
  });

  it("tells the officer of a pending objection and, after the window, each side of the contracts it must sign", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 25 }, 160_000, 170_000]);
    const loser = lot.bidders[2]!;
    must(await lodgeObjection(w.db, loser, { lotId: lot.lotId, grounds: "评分与投标文件不符，请复核技术评分。" }));
    const officerHome = async () => (await getHomeSummary(w.db, w.officer)).attention;
    expect(await officerHome()).toContainEqual({ key: "home.bureau.objectionsToAnswer", count: 1, to: "/bureau/tenders?status=award_published" });
    const objection = await w.db.selectFrom("objections").select("id").executeTakeFirstOrThrow();
    must(await answerObjection(w.db, w.officer, { objectionId: objection.id, decision: "dismissed", answer: "经复核，评分符合评分标准，质疑不成立。" }));
    after(lot.objectionDeadline, 1);
    must(await closeObjections(w.db, w.officer, lot.lotId));
    expect(await officerHome()).toContainEqual({ key: "home.bureau.contractsToSign", count: 1, to: "/contracts?status=pending_signature" });
    const winner = (await getHomeSummary(w.db, lot.bidders[0]!)).attention;
    expect(winner).toContainEqual({ key: "home.institution.contractsToSign", count: 1, to: "/contracts?status=pending_signature" });
    expect((await getHomeSummary(w.db, loser)).attention.find((x) => x.key === "home.institution.contractsToSign")).toBeUndefined();
  });
});
