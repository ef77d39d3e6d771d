import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { getBureauProgress, getEnterpriseProgress, getInstitutionProgress, getPublicStatistics, listProgressYears } from "./progress.server";
import { contractWith, demandWithTrainees, ELECTRICIAN, enrol, NOW, payment, progressWorld, sessionAt, WELDER, workforce } from "./test-world.server";

/**
 * A small district, with the figures worked out by hand. Now: Saturday 28 November 2026, 10:00
 * in Shanghai (month 11 of 2026).
 *
 * Institution I1 (no history of its own yet):
 *   contract A — 2026, active, welder level 4, demand dA of E1 (10 trainees, from 2026-03-01,
 *     posted 10 January 09:00 Shanghai), at ¥1,700 a trainee (¥17,000). Ten confirmed:
 *     6 certified (recorded at 15:30 UTC on 30 June, which is still 30 June, 23:30, in Shanghai),
 *     certificate dated 30 June; 1 not certified and 1 not completed, recorded 10 July; 2 still
 *     in training. Last session
 *     10 December. Advance paid ¥5,100; a failed transfer of ¥1 does not count.
 *   contract D — 2026, awaiting signature, welder level 4, demand dD of E1 (5, from 2026-05-01),
 *     at ¥1,800 (¥9,000). Nobody enrolled.
 * Institution I2 (history: contract C):
 *   contract B — 2026, active, electrician level 3 (high-skilled), demand dB of E2 (8, from
 *     2026-04-01), at ¥2,600 (¥20,800). Eight confirmed, all in training; no session yet: the
 *     lot's window ends 20 December.
 *   contract C — 2025, completed, electrician level 3, demand dC of E2 (12, from 2025-03-01):
 *     9 certified (recorded 15 October 2025), 1 dropped, 2 not completed.
 * Other 2026 demand: dE of E3 (6, electrician, submitted), dF of E1 (4, welder level 5,
 *   pooled), dG of E1 (3, draft: not demanded at all).
 * Workforce 2026: E1 100 skilled / 30 high (30 %), E2 300 / 45 (15 %); E1 2025: 100 / 20.
 * Targets 2026 (stored): 15 trained, 8 high-skilled, 25 %, budget ¥50,000.
 */
async function district() {
  const w = await progressWorld();
  const e1 = await makeActor(w.db, { kind: "enterprise", orgName: "甲精工有限公司" });
  const e2 = await makeActor(w.db, { kind: "enterprise", orgName: "乙电气有限公司" });
  const e3 = await makeActor(w.db, { kind: "enterprise", orgName: "丙机械有限公司" });
  const i1 = await makeActor(w.db, { kind: "institution", orgName: "一号职业培训学校" });
  const i2 = await makeActor(w.db, { kind: "institution", orgName: "二号高级技工学校" });
  await w.db
    .insertInto("yearly_targets")
    .values({ year: 2026, trained_min: 15, high_skilled_min: 8, high_skilled_share_pct: 25, budget_fen: 5_000_000, updated_at: NOW.toISOString() })
    .onConflict((oc) => oc.column("year").doUpdateSet({ trained_min: 15, high_skilled_min: 8, high_skilled_share_pct: 25, budget_fen: 5_000_000 }))
    .execute();

  const a = await contractWith(w, {
    year: 2026,
    institution: i1,
    status: "active",
    priceFen: 170_000,
    demands: [{ enterprise: e1, headcount: 10, status: "contracted", earliestStart: "2026-03-01", submittedAt: "2026-01-10T01:00:00.000Z" }],
  });
  const [dA] = a.demands;
  const ta = dA!.traineeIds;
  await enrol(w, a, dA!.demandId, ta.slice(0, 6), { progress: "certified", resultAt: "2026-06-30T15:30:00.000Z", certifiedOn: "2026-06-30" });
  await enrol(w, a, dA!.demandId, ta.slice(6, 7), { progress: "not_certified", resultAt: "2026-07-10T02:00:00.000Z" });
  await enrol(w, a, dA!.demandId, ta.slice(7, 8), { progress: "not_completed", resultAt: "2026-07-10T02:00:00.000Z" });
  await enrol(w, a, dA!.demandId, ta.slice(8, 10));
  await sessionAt(w, a, "2026-11-20T01:00:00.000Z", i1);
  await sessionAt(w, a, "2026-12-10T01:00:00.000Z", i1);
  await payment(w, a, i1, 510_000, "paid", 1);
  await payment(w, a, i1, 100, "failed", 2);

  await contractWith(w, { year: 2026, institution: i1, status: "pending_signature", priceFen: 180_000, demands: [{ enterprise: e1, headcount: 5, status: "contracted", earliestStart: "2026-05-01" }] });

  const b = await contractWith(w, {
    year: 2026,
    institution: i2,
    status: "active",
    occupationCode: ELECTRICIAN,
    level: 3,
    capFen: 280_000,
    priceFen: 260_000,
    windowEnd: "2026-12-20",
    demands: [{ enterprise: e2, headcount: 8, status: "contracted", earliestStart: "2026-04-01" }],
  });
  await enrol(w, b, b.demands[0]!.demandId, b.demands[0]!.traineeIds);

  const c = await contractWith(w, {
    year: 2025,
    institution: i2,
    status: "completed",
    occupationCode: ELECTRICIAN,
    level: 3,
    capFen: 280_000,
    priceFen: 250_000,
    demands: [{ enterprise: e2, headcount: 12, status: "fulfilled", earliestStart: "2025-03-01", submittedAt: "2025-01-08T02:00:00.000Z" }],
  });
  const tc = c.demands[0]!.traineeIds;
  await enrol(w, c, c.demands[0]!.demandId, tc.slice(0, 9), { progress: "certified", resultAt: "2025-10-15T02:00:00.000Z", certifiedOn: "2025-10-14" });
  await enrol(w, c, c.demands[0]!.demandId, tc.slice(9, 10), { status: "dropped" });
  await enrol(w, c, c.demands[0]!.demandId, tc.slice(10, 12), { progress: "not_completed", resultAt: "2025-10-15T02:00:00.000Z" });

  await demandWithTrainees(w, { enterprise: e3, headcount: 6, status: "submitted", occupationCode: ELECTRICIAN, level: 3, earliestStart: "2026-06-01" });
  await demandWithTrainees(w, { enterprise: e1, headcount: 4, status: "pooled", occupationCode: WELDER, level: 5, earliestStart: "2026-09-01" });
  await demandWithTrainees(w, { enterprise: e1, headcount: 3, status: "draft", earliestStart: "2026-10-01" });

  await workforce(w, e1, 2026, 100, 30);
  await workforce(w, e2, 2026, 300, 45);
  await workforce(w, e1, 2025, 100, 20);
  return { w, e1, e2, e3, i1, i2, a, b, c };
}

describe("the bureau's progress for a year", () => {
  it("counts trained trainees by the Shanghai month their completion was recorded, and projects the year end", async () => {
    const { w } = await district();
    const p = await getBureauProgress(w.db, 2026, NOW);
    expect(p.phase).toBe("current");
    expect(p.monthsElapsed).toBe(11);
    // Trained in 2026: 6 certified (30 June, Shanghai) + 1 not certified (10 July) = 7; the not completed do not count.
    expect(p.trainedByMonth).toEqual([0, 0, 0, 0, 0, 6, 1, 0, 0, 0, 0, 0]);
    expect(p.highSkilledByMonth.every((v) => v === 0)).toBe(true);
    // Projection: A — 2 in training × I1's default 80 % (8 finished < 10) = 1.6 in December (last session 10 December);
    // B — 8 in training × I2's 9 / (9 + 3) = 75 % = 6 in December (window end, no session), high-skilled.
    // Expected 7.6: projected 7 + 7.6 = 14.6 → 15; high-skilled 0 + 6 = 6.
    expect(p.expectedByMonth[11]).toBeCloseTo(7.6, 10);
    expect(p.trained).toEqual({ actual: 7, projected: 15, target: 15, status: "onTrack" });
    expect(p.highSkilled).toEqual({ actual: 0, projected: 6, target: 8, status: "atRisk" });
    expect(p.basis).toEqual({ institutionsWithHistory: 1, institutionsWithDefault: 1, defaultRate: 0.8, contracts: 2, pendingTrainees: 10 });
    expect(p.curve.actual).toEqual([0, 0, 0, 0, 0, 6, 7, 7, 7, 7, 7, null]);
    expect(p.curve.projected[10]).toBe(7);
    expect(p.curve.projected[11]).toBeCloseTo(14.6, 10);
    // Share: (30 + 45) / (100 + 300) = 18.75 % → 18.8; one of two enterprises meets 25 %.
    expect(p.share).toMatchObject({ enterprises: 2, skilledWorkers: 400, highSkilledWorkers: 75, sharePct: 18.8, enterprisesMeeting: 1, target: 25, status: "atRisk" });
    expect(p.targets).toMatchObject({ trainedMin: 15, highSkilledMin: 8, isDefault: false, budgetFen: 5_000_000 });
  });

  it("follows the year's demand through the funnel and shows where most is lost", async () => {
    const { w } = await district();
    const p = await getBureauProgress(w.db, 2026, NOW);
    // 2026 demand: dA 10, dD 5, dB 8 (contracted), dE 6 (submitted), dF 4 (pooled); the draft does not count.
    // demanded 33; pooled 27; tendered 23; contracted 10 + 5 + 8 = 23; enrolled 18; completed 7; certified 6.
    expect(p.funnel.map((s) => s.count)).toEqual([33, 27, 23, 23, 18, 7, 6]);
    // Completion loses 11 (18 → 7), the most.
    expect(p.largestDrop).toBe("completed");
  });

  it("breaks the year down by occupation, level, institution and enterprise", async () => {
    const { w, e1, i1, i2 } = await district();
    const p = await getBureauProgress(w.db, 2026, NOW);
    const welder = p.byOccupation.lines.find((l) => l.key === WELDER)!;
    // Welder: dA 10, dD 5, dF 4 → demanded 19; pooled 19; tendered 15; contracted 15; enrolled 10; completed 7; certified 6; trained 7.
    expect(welder.counts).toEqual({ demanded: 19, pooled: 19, tendered: 15, contracted: 15, enrolled: 10, completed: 7, certified: 6 });
    expect(welder.trained).toBe(7);
    expect(welder.nameZh).toBe("焊工");
    expect(p.byLevel.lines.map((l) => [l.key, l.counts.demanded])).toEqual([
      ["5", 4],
      ["4", 15],
      ["3", 14],
    ]);
    expect(p.byInstitution.lines.map((l) => [l.nameZh, l.counts.contracted, l.counts.enrolled, l.counts.completed, l.trained])).toEqual([
      ["一号职业培训学校", 15, 10, 7, 7],
      ["二号高级技工学校", 8, 8, 0, 0],
    ]);
    expect(p.byInstitution.lines.map((l) => l.key)).toEqual([i1.orgId, i2.orgId]);
    expect(p.byEnterprise.lines[0]).toMatchObject({ key: e1.orgId, nameZh: "甲精工有限公司", counts: { demanded: 19, contracted: 15 } });
    expect(p.byEnterprise.others).toBeNull();
  });

  it("adds up the year's budget, paid transfers only, and the lead time to certification", async () => {
    const { w } = await district();
    const p = await getBureauProgress(w.db, 2026, NOW);
    // Tendered: 10 × ¥1,800 + 5 × ¥1,800 + 8 × ¥2,800 = ¥49,400. Committed: A ¥17,000 + B ¥20,800 (D unsigned).
    expect(p.budget).toEqual({ allocatedFen: 5_000_000, tenderedFen: 4_940_000, committedFen: 3_780_000, paidFen: 510_000 });
    // Six certified 30 June 2026 from dA posted 10 January: 21 + 28 + 31 + 30 + 31 + 30 = 171 days.
    // Over the year's three contracts (A, B, D), all read: fewer than the sample's 250.
    expect(p.leadTimes).toEqual({ count: 6, medianDays: 171, p90Days: 171, contracts: 3, ofContracts: 3 });
  });

  it("shows a past year as it ended, with no projection", async () => {
    const { w } = await district();
    const p = await getBureauProgress(w.db, 2025, NOW);
    // 2025: contract C's 9 certified in October; no targets stored → the policy's 500 / 100.
    // (Its demand was posted 8 January 2025 and certified 14 October: 279 days.)
    expect(p.trainedByMonth[9]).toBe(9);
    expect(p.trained).toEqual({ actual: 9, projected: 9, target: 500, status: "missed" });
    expect(p.highSkilled).toEqual({ actual: 9, projected: 9, target: 100, status: "missed" });
    expect(p.targets.isDefault).toBe(true);
    expect(p.curve.projected.every((v) => v === null)).toBe(true);
    // Share 2025: E1 alone, 20 %.
    expect(p.share).toMatchObject({ enterprises: 1, sharePct: 20, status: "missed" });
    expect(p.funnel.map((s) => s.count)).toEqual([12, 12, 12, 12, 12, 9, 9]);
    expect(p.leadTimes).toMatchObject({ count: 9, medianDays: 279, p90Days: 279 });
  });

  it("offers the years with tenders or targets, and this year and the next", async () => {
    const { w } = await district();
    const years = await listProgressYears(w.db, NOW);
    expect(years.slice(0, 3)).toEqual([2027, 2026, 2025]);
  });
});

describe("the public statistics", () => {
  it("counts the year's tenders, awards, contracts and trainees trained by occupation", async () => {
    const { w } = await district();
    const s = await getPublicStatistics(w.db, 2026, NOW);
    expect(s.tenders).toEqual({ published: 3, lots: 3, byStatus: [{ status: "awarded", count: 3 }] });
    // Awards: ¥17,000 + ¥9,000 + ¥20,800.
    expect(s.awards).toEqual({ count: 3, valueFen: 4_680_000 });
    expect(s.contracts).toEqual({ count: 2, valueFen: 3_780_000, trainees: 18 });
    expect(s.trainedByOccupation).toEqual([{ code: WELDER, nameZh: "焊工", nameEn: "Welder", trained: 7, highSkilled: 0 }]);
    expect(s.progress.trained.status).toBe("onTrack");
    expect("trainedGroups" in s.progress).toBe(false);
  });
});

describe("an enterprise's own progress", () => {
  it("shows its demand, where its trainees are and its high-skilled share, and nobody else's", async () => {
    const { w, e1, e2, i1 } = await district();
    const r = await getEnterpriseProgress(w.db, e1, 2026);
    if (!r.ok) throw new Error("expected the enterprise's progress");
    // E1 2026: dA 10 (contracted), dD 5 (contracted), dF 4 (pooled); the draft is left out.
    expect(r.value.demands.map((d) => [d.headcount, d.status])).toEqual([
      [10, "contracted"],
      [5, "contracted"],
      [4, "pooled"],
    ]);
    expect(r.value.funnel.map((s) => s.count)).toEqual([19, 19, 15, 15, 10, 7, 6]);
    expect(r.value.placements).toEqual([
      expect.objectContaining({ institutionName: "一号职业培训学校", inTraining: 2, completed: 7, certified: 6, notCompleted: 1, contractStatus: "active" }),
    ]);
    // 2026: 30 % against the stored 25 % → meets; 2025: 20 % against the default 25 % → below.
    expect(r.value.workforce).toEqual([
      { year: 2026, skilledWorkers: 100, highSkilledWorkers: 30, sharePct: 30, target: 25, meets: true },
      { year: 2025, skilledWorkers: 100, highSkilledWorkers: 20, sharePct: 20, target: 25, meets: false },
    ]);
    const other = await getEnterpriseProgress(w.db, e2, 2026);
    expect(other.ok && other.value.placements.map((p) => p.institutionName)).toEqual(["二号高级技工学校"]);
    expect(await getEnterpriseProgress(w.db, i1, 2026)).toEqual({ ok: false, kind: "notFound" });
    expect(await getEnterpriseProgress(w.db, w.officer, 2026)).toEqual({ ok: false, kind: "notFound" });
  });
});

describe("an institution's own progress", () => {
  it("lists its year's contracts and those still in force, with their delivery and payments", async () => {
    const { w, i1, i2, e1 } = await district();
    const r1 = await getInstitutionProgress(w.db, i1, 2026);
    if (!r1.ok) throw new Error("expected the institution's progress");
    expect(r1.value.contracts.map((c) => [c.status, c.headcount, c.enrolled, c.inTraining, c.completed, c.certified, c.notCompleted, c.paidFen, c.endsOn])).toEqual([
      ["active", 10, 10, 2, 7, 6, 1, 510_000, "2026-12-10"],
      ["pending_signature", 5, 0, 0, 0, 0, 0, 0, "2026-12-20"],
    ]);
    // Finished: 7 completed, 1 not → 87.5 % completion; 6 certified → 75 %.
    expect(r1.value.totals).toMatchObject({ completionPct: 87.5, certificationPct: 75 });
    expect(r1.value.projectionRate).toEqual({ rate: 0.8, basis: "default", outcomes: 8 });
    expect(r1.value.trainedInYear).toBe(7);

    const r2 = await getInstitutionProgress(w.db, i2, 2026);
    if (!r2.ok) throw new Error("expected the institution's progress");
    // 2026: contract B only (C is of 2025 and completed).
    expect(r2.value.contracts.map((c) => [c.tenderYear, c.inTraining])).toEqual([[2026, 8]]);
    expect(r2.value.projectionRate).toEqual({ rate: 0.75, basis: "history", outcomes: 12 });
    const r2025 = await getInstitutionProgress(w.db, i2, 2025);
    expect(r2025.ok && r2025.value.contracts.map((c) => c.tenderYear).sort()).toEqual([2025, 2026]);
    expect(r2025.ok && r2025.value.trainedInYear).toBe(9);

    expect(await getInstitutionProgress(w.db, e1, 2026)).toEqual({ ok: false, kind: "notFound" });
  });
});
