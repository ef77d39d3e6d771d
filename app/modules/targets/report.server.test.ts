import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { newId } from "~/utils/id.server";
import { getYearProcurement, getYearReport } from "./report.server";
import { contractWith, ELECTRICIAN, enrol, NOW, progressWorld, WELDER, type ContractFixture, type ProgressWorld } from "./test-world.server";

async function objection(w: ProgressWorld, c: ContractFixture, by: { orgId: string; userId: string }, status: "pending" | "upheld" | "dismissed") {
  const at = "2026-02-10T02:00:00.000Z";
  const award = await w.db.selectFrom("awards").select("id").where("lot_id", "=", c.lotId).executeTakeFirstOrThrow();
  await w.db
    .insertInto("objections")
    .values({
      id: newId(),
      lot_id: c.lotId,
      award_id: award.id,
      institution_id: by.orgId,
      lodged_by: by.userId,
      grounds: "评分有误",
      lodged_at: at,
      answer_due_at: "2026-02-20T02:00:00.000Z",
      status,
      outcome: status === "upheld" ? "reevaluate" : null,
      answer: status === "pending" ? null : "已复核",
      answered_at: status === "pending" ? null : at,
      answered_by: status === "pending" ? null : w.officer.userId,
    })
    .execute();
}

async function tenderWithOneLot(w: ProgressWorld, year: number, status: "draft" | "cancelled") {
  const id = newId();
  const at = `${year}-03-01T02:00:00.000Z`;
  await w.db
    .insertInto("tenders")
    .values({
      id,
      reference: `ZJ-${year}-${id.slice(0, 6)}`,
      year,
      title: "测试招标",
      description: null,
      regime: "GP",
      status,
      bid_deadline: at,
      published_at: status === "draft" ? null : at,
      min_valid_bids: 1,
      price_points: 30,
      advance_pct: 30,
      cancel_reason: status === "cancelled" ? "需求撤回" : null,
      last_material_amendment_at: null,
      created_by: w.officer.userId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.db
    .insertInto("lots")
    .values({
      id: newId(),
      tender_id: id,
      number: 1,
      occupation_code: WELDER,
      level: 4,
      headcount: 7,
      window_start: `${year}-04-01`,
      window_end: `${year}-10-31`,
      max_price_fen: 180_000,
      cap_fen: 180_000,
      status: status === "draft" ? "open" : "cancelled",
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * A small district, the figures worked out by hand. Now: 28 November 2026 in Shanghai.
 *
 * I1, contract A (2026, active, welder level 4, 10 trainees at ¥1,700): 6 certified (recorded
 *   30 June), 1 not certified and 1 not completed (10 July), 1 dropped out (its enrolment last
 *   changed 5 January 2026), 1 still in training. Objections on A's lot: one upheld, one
 *   dismissed, one pending.
 * I1, contract D (2026, awaiting signature, welder, 5 at ¥1,800).
 * I2, contract C (2025, completed, electrician level 3, 7 at ¥2,500): 4 certified recorded
 *   15 October 2025; one certified recorded 31 December 2025 15:30 UTC (23:30 in Shanghai: 2025);
 *   one recorded 31 December 2025 16:30 UTC (00:30 on 1 January in Shanghai: 2026); one in training.
 * 2026 also: a cancelled tender with one cancelled lot, and a draft tender (not procurement yet).
 */
async function district() {
  const w = await progressWorld();
  const e1 = await makeActor(w.db, { kind: "enterprise", orgName: "甲精工有限公司" });
  const i1 = await makeActor(w.db, { kind: "institution", orgName: "一号职业培训学校" });
  const i2 = await makeActor(w.db, { kind: "institution", orgName: "二号高级技工学校" });

  const a = await contractWith(w, { year: 2026, institution: i1, status: "active", priceFen: 170_000, demands: [{ enterprise: e1, headcount: 10, status: "contracted" }] });
  const [dA] = a.demands;
  const ta = dA!.traineeIds;
  await enrol(w, a, dA!.demandId, ta.slice(0, 6), { progress: "certified", resultAt: "2026-06-30T02:00:00.000Z", certifiedOn: "2026-06-30" });
  await enrol(w, a, dA!.demandId, ta.slice(6, 7), { progress: "not_certified", resultAt: "2026-07-10T02:00:00.000Z" });
  await enrol(w, a, dA!.demandId, ta.slice(7, 8), { progress: "not_completed", resultAt: "2026-07-10T02:00:00.000Z" });
  await enrol(w, a, dA!.demandId, ta.slice(8, 9), { status: "dropped" });
  await enrol(w, a, dA!.demandId, ta.slice(9, 10));
  await objection(w, a, i2, "upheld");
  await objection(w, a, i2, "dismissed");
  await objection(w, a, i2, "pending");

  await contractWith(w, { year: 2026, institution: i1, status: "pending_signature", priceFen: 180_000, demands: [{ enterprise: e1, headcount: 5, status: "contracted" }] });

  const c = await contractWith(w, {
    year: 2025,
    institution: i2,
    status: "completed",
    occupationCode: ELECTRICIAN,
    level: 3,
    capFen: 280_000,
    priceFen: 250_000,
    demands: [{ enterprise: e1, headcount: 7, status: "fulfilled", earliestStart: "2025-03-01" }],
  });
  const [dC] = c.demands;
  const tc = dC!.traineeIds;
  await enrol(w, c, dC!.demandId, tc.slice(0, 4), { progress: "certified", resultAt: "2025-10-15T02:00:00.000Z", certifiedOn: "2025-10-14" });
  await enrol(w, c, dC!.demandId, tc.slice(4, 5), { progress: "certified", resultAt: "2025-12-31T15:30:00.000Z", certifiedOn: "2025-12-31" });
  await enrol(w, c, dC!.demandId, tc.slice(5, 6), { progress: "certified", resultAt: "2025-12-31T16:30:00.000Z", certifiedOn: "2026-01-01" });
  await enrol(w, c, dC!.demandId, tc.slice(6, 7));

  await tenderWithOneLot(w, 2026, "cancelled");
  await tenderWithOneLot(w, 2026, "draft");
  return { w, i1, i2 };
}

describe("the yearly report's procurement", () => {
  it("counts the year's tenders, lots, awards, objections and contracts, leaving drafts out", async () => {
    const { w } = await district();
    expect(await getYearProcurement(w.db, 2026)).toEqual({
      // A's, D's and the cancelled tender; the draft is not procurement yet.
      tenders: { published: 3, cancelled: 1 },
      lots: { total: 3, unsuccessful: 0, cancelled: 1 },
      // A's award (10 × ¥1,700) and D's (5 × ¥1,800): ¥26,000.
      awards: { count: 2, valueFen: 2_600_000 },
      objections: { lodged: 3, upheld: 1, dismissed: 1, pending: 1 },
      // Signed: A alone (D awaits signature); C belongs to 2025.
      contracts: { signed: 1, valueFen: 1_700_000, trainees: 10, awaitingSignature: 1, completed: 0, terminated: 0, lapsed: 0 },
    });
    expect((await getYearProcurement(w.db, 2025)).contracts).toEqual({ signed: 1, valueFen: 1_750_000, trainees: 7, awaitingSignature: 0, completed: 1, terminated: 0, lapsed: 0 });
  });
});

describe("the yearly report's outcomes", () => {
  it("counts each result in its Shanghai year, a dropout as not completed, with completion and certification rates", async () => {
    const { w, i1, i2 } = await district();
    const r = await getYearReport(w.db, 2026, NOW);
    // I1 (welder): trained 6 + 1 = 7, certified 6; not completed 1 + the dropout = 2.
    //   Completion 7 ÷ 9 = 77.8 %; certification 6 ÷ 7 = 85.7 %.
    // I2 (electrician): the result recorded at 00:30 on 1 January in Shanghai: 1 trained, 1 certified.
    expect(r.outcomes.byInstitution.map((l) => [l.key, l.nameZh, l.trained, l.certified, l.notCompleted])).toEqual([
      [i1.orgId, "一号职业培训学校", 7, 6, 2],
      [i2.orgId, "二号高级技工学校", 1, 1, 0],
    ]);
    const [first, second] = r.outcomes.byInstitution;
    expect(first!.completionPct).toBeCloseTo(77.78, 2);
    expect(first!.certificationPct).toBeCloseTo(85.71, 2);
    expect([second!.completionPct, second!.certificationPct]).toEqual([100, 100]);
    expect(r.outcomes.byOccupation.map((l) => [l.key, l.nameZh, l.trained])).toEqual([
      [WELDER, "焊工", 7],
      [ELECTRICIAN, r.outcomes.byOccupation[1]!.nameZh, 1],
    ]);
    // Total: 8 trained (the progress page's figure too), 7 certified, 2 not completed: 80 % and 87.5 %.
    expect(r.outcomes.total).toMatchObject({ trained: 8, certified: 7, notCompleted: 2, completionPct: 80, certificationPct: 87.5 });
    expect(r.progress.trained.actual).toBe(8);
    expect("trainedGroups" in r.progress).toBe(false);

    // 2025: the four of October and the one at 23:30 on 31 December in Shanghai.
    const before = await getYearReport(w.db, 2025, NOW);
    expect(before.outcomes.byInstitution.map((l) => [l.key, l.trained, l.certified, l.notCompleted])).toEqual([[i2.orgId, 5, 5, 0]]);
  });

  it("reports a year without results as empty, with no rates", async () => {
    const { w } = await district();
    const r = await getYearReport(w.db, 2024, NOW);
    expect(r.outcomes.byOccupation).toEqual([]);
    expect(r.outcomes.byInstitution).toEqual([]);
    expect(r.outcomes.total).toMatchObject({ trained: 0, completionPct: null, certificationPct: null });
    expect(r.procurement.tenders.published).toBe(0);
  });
});
