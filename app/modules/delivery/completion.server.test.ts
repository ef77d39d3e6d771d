import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { listPublicResults } from "~/modules/award/queries.server";
import { pastPerformance } from "~/modules/evaluation/past-performance.server";
import { loader as tenderNotice } from "~/routes/tenders.$reference";
import { acceptContract, findAcceptance } from "./accept-contract.server";
import { dropTrainee } from "./drop-trainee.server";
import { findPerformance } from "./performance.server";
import { rateTraining } from "./rate-training.server";
import { recordResult, type RecordResultInput } from "./record-result.server";
import { findResultsBoard } from "./results-queries.server";
import { attend, confirmedCohort, scheduleSessions, setShanghaiNow, type DeliveryWorld } from "./test-fixtures.server";
import { findTrainingContract, listTrainingContracts } from "./training-queries.server";

/** A passed certification dated the day after the last session (the clock's day). */
const CERTIFIED = { passed: true as const, certificateNumber: "S000033000001234", levelReached: 4, certifiedOn: "2027-04-28" };
const COMMENT = "课程安排合理，实操训练充分，学员收获很大。";

type Delivered = DeliveryWorld & { confirmedIds: string[]; sessions: string[] };

/**
 * A cohort of three — two trainees of the first enterprise (ids 0 and 1), one of the second
 * (id 2) — with four 8-hour sessions on the Tuesdays of April 2027 (32 h = 1920 minutes planned;
 * 80 % is 1536). Everyone attends in full unless `minutes` gives a trainee's four sessions. The
 * clock is left at Wednesday 28 April 2027, 10:00 Shanghai, the day after the last session.
 */
async function delivered(minutes: Record<number, readonly number[]> = {}): Promise<Delivered> {
  const dw = await confirmedCohort({ roster: [2, 1], secondEnterprise: true });
  const sessions = await scheduleSessions(dw);
  setShanghaiNow("2027-04-28T10:00");
  for (const [i, s] of sessions.entries()) {
    const m: Record<string, number> = {};
    for (const [k, list] of Object.entries(minutes)) m[dw.confirmedIds[Number(k)]!] = list[i]!;
    await attend(dw, s, m);
  }
  return { ...dw, sessions };
}

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

const record = (dw: Delivered, i: number, o: Partial<Omit<RecordResultInput, "contractId" | "enrolmentId">> = {}) =>
  recordResult(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[i]!, assessmentPassed: true, certification: CERTIFIED, ...o });

async function enrolment(dw: Delivered, i: number) {
  return dw.db
    .selectFrom("enrolments")
    .select(["progress", "progress_reason", "assessment_passed", "certificate_number", "level_reached", "certified_on", "result_recorded_by"])
    .where("id", "=", dw.confirmedIds[i]!)
    .executeTakeFirstOrThrow();
}

async function recordAll(dw: Delivered) {
  for (const i of [0, 1, 2]) must(await record(dw, i, { certification: i === 1 ? { passed: false } : CERTIFIED }));
}

describe("recording a result", () => {
  it("completes a trainee who attended exactly 80 %, and not one a minute short", async () => {
    // Trainee 0: 480 + 480 + 480 + 96 = 1536 minutes, 80 % exactly; trainee 1: 1535.
    const dw = await delivered({ 0: [480, 480, 480, 96], 1: [480, 480, 480, 95] });
    expect(await record(dw, 0)).toEqual({ ok: true, value: { progress: "certified" } });
    expect(await enrolment(dw, 0)).toEqual({
      progress: "certified",
      progress_reason: null,
      assessment_passed: 1,
      certificate_number: "S000033000001234",
      level_reached: 4,
      certified_on: "2027-04-28",
      result_recorded_by: dw.institution.userId,
    });
    // A certificate for someone who did not complete is refused at the field; without one, not completed.
    expect(await record(dw, 1)).toEqual({ ok: false, kind: "validation", fieldErrors: { certification: ["completion.errors.notApplicable"] }, formErrors: undefined });
    expect(await record(dw, 1, { certification: null })).toEqual({ ok: true, value: { progress: "not_completed" } });
    const short = await enrolment(dw, 1);
    expect(short.progress).toBe("not_completed");
    // 1535 / 1920 = 799.47… per mille, shown as 79.9 % against 80 %.
    expect(JSON.parse(short.progress_reason!)).toEqual({ kind: "attendance", attendedPermille: 799, completionPct: 80 });
  });

  it("does not complete a trainee who failed the final assessment, and says why", async () => {
    const dw = await delivered();
    expect(await record(dw, 2, { assessmentPassed: false, certification: null })).toEqual({ ok: true, value: { progress: "not_completed" } });
    const row = await enrolment(dw, 2);
    expect([row.progress, JSON.parse(row.progress_reason!), row.assessment_passed, row.certificate_number]).toEqual(["not_completed", { kind: "assessment" }, 0, null]);
  });

  it("records a failed certification as completed, not certified", async () => {
    const dw = await delivered();
    expect(await record(dw, 0, { certification: { passed: false } })).toEqual({ ok: true, value: { progress: "not_certified" } });
  });

  it("refuses a completed trainee's result without certification, or with a certificate dated after today or before the course", async () => {
    const dw = await delivered();
    expect(await record(dw, 0, { certification: null })).toMatchObject({ kind: "validation", fieldErrors: { certification: ["completion.errors.certificationRequired"] } });
    expect(await record(dw, 0, { certification: { ...CERTIFIED, certifiedOn: "2027-04-29" } })).toMatchObject({ fieldErrors: { certifiedOn: ["completion.errors.dateInFuture"] } });
    expect(await record(dw, 0, { certification: { ...CERTIFIED, certifiedOn: "2027-04-05" } })).toMatchObject({
      fieldErrors: { certifiedOn: ['completion.errors.dateBeforeCourse|{"date":"2027-04-06"}'] },
    });
    expect(await record(dw, 0, { certification: { ...CERTIFIED, certificateNumber: "", levelReached: 6 } })).toMatchObject({
      fieldErrors: { certificateNumber: ["completion.errors.numberInvalid"], levelReached: ["completion.errors.levelInvalid"] },
    });
    // Nothing was written by any of these.
    expect((await enrolment(dw, 0)).progress).toBeNull();
    expect(await dw.db.selectFrom("audit_log").select("seq").where("action", "=", "result.record").execute()).toEqual([]);
  });

  it("is final: a second recording is a conflict and changes nothing", async () => {
    const dw = await delivered();
    must(await record(dw, 0));
    expect(await record(dw, 0, { certification: { ...CERTIFIED, certificateNumber: "S999" } })).toEqual({ ok: false, kind: "conflict", message: "completion.errors.alreadyRecorded" });
    expect((await enrolment(dw, 0)).certificate_number).toBe("S000033000001234");
  });

  it("waits for the course's last session to start", async () => {
    const dw = await confirmedCohort({ roster: [1, 0] });
    expect(await recordResult(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[0]!, assessmentPassed: true, certification: CERTIFIED })).toEqual({
      ok: false,
      kind: "conflict",
      message: "completion.errors.noSessions",
    });
    await scheduleSessions(dw);
    setShanghaiNow("2027-04-27T08:59");
    const r = await recordResult(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[0]!, assessmentPassed: true, certification: CERTIFIED });
    expect(r).toEqual({ ok: false, kind: "conflict", message: 'completion.errors.courseNotOver|{"time":"2027-04-27 09:00"}' });
  });

  it("is the contract's institution's alone: another institution and an enterprise find nothing, the bureau may not", async () => {
    const dw = await delivered();
    const input = { contractId: dw.contractId, enrolmentId: dw.confirmedIds[0]!, assessmentPassed: true, certification: CERTIFIED };
    for (const who of [dw.bidders[0]!, await makeActor(dw.db, { kind: "institution" }), dw.enterprise]) {
      expect(await recordResult(dw.db, who, input)).toEqual({ ok: false, kind: "notFound" });
    }
    expect(await recordResult(dw.db, dw.officer, input)).toEqual({ ok: false, kind: "forbidden" });
    // An enrolment of another contract, through this one, does not exist either.
    expect(await recordResult(dw.db, dw.institution, { ...input, enrolmentId: "no-such-enrolment" })).toEqual({ ok: false, kind: "notFound" });
    expect((await enrolment(dw, 0)).progress).toBeNull();
  });

  it("refuses a trainee who dropped out, who counts as not completed", async () => {
    const dw = await delivered();
    must(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[1]!, reason: "因工作调动退出培训" }));
    expect(await record(dw, 1)).toEqual({ ok: false, kind: "conflict", message: "completion.errors.notConfirmed" });
    const board = must(await findResultsBoard(dw.db, dw.institution, dw.contractId));
    expect(board.counts).toEqual({ confirmed: 2, recorded: 0, dropped: 1 });
    expect(board.rows.find((r) => r.enrolmentId === dw.confirmedIds[1])).toMatchObject({ status: "dropped", progress: "not_completed", reason: { kind: "dropped" } });
  });

  it("asks the enterprise to rate when its last trainee without a result drops out — and not when every one of them has left", async () => {
    const dw = await delivered();
    const asked = async () => (await dw.db.selectFrom("notifications").select("organisation_id").where("kind", "=", "cohortCompleted").execute()).map((n) => n.organisation_id);
    must(await record(dw, 0));
    expect(await asked()).toEqual([]);
    must(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[1]!, reason: "因工作调动退出培训" }));
    expect(await asked(), "trainee 0 has a result, trainee 1 left: the first enterprise's cohort is settled").toEqual([dw.enterprise.orgId]);
    must(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[2]!, reason: "因工作调动退出培训" }));
    expect(await asked(), "the second enterprise's only trainee left: nothing to rate").toEqual([dw.enterprise.orgId]);
  });

  it("audits without personal data and asks each enterprise to rate once its own trainees all have results", async () => {
    const dw = await delivered();
    const cohortCompleted = async () =>
      (await dw.db.selectFrom("notifications").select("organisation_id").where("kind", "=", "cohortCompleted").execute()).map((n) => n.organisation_id);
    must(await record(dw, 0));
    expect(await cohortCompleted()).toEqual([]);
    must(await record(dw, 1, { certification: { passed: false } }));
    expect(await cohortCompleted()).toEqual([dw.enterprise.orgId]);
    must(await record(dw, 2));
    expect((await cohortCompleted()).sort()).toEqual([dw.enterprise.orgId, dw.otherEnterprise.orgId].sort());

    const entries = await dw.db.selectFrom("audit_log").select(["record_type", "after_json"]).where("action", "=", "result.record").orderBy("seq").execute();
    expect(entries.map((e) => e.record_type)).toEqual(["enrolment", "enrolment", "enrolment"]);
    const text = JSON.stringify(entries);
    for (const t of dw.demands.flatMap((d) => d.trainees)) {
      expect(text).not.toContain(t.name);
      expect(text).not.toContain(t.idNumber);
    }
    expect(text).not.toContain(CERTIFIED.certificateNumber);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
  });
});

describe("the results page", () => {
  it("shows the bureau masked identity numbers, audits the read, and does not exist for an enterprise", async () => {
    const dw = await delivered();
    const board = must(await findResultsBoard(dw.db, dw.officer, dw.contractId));
    expect(board.mayRecord).toBe(false);
    expect(board.rows).toHaveLength(3);
    const ids = dw.demands.flatMap((d) => d.trainees.map((t) => t.idNumber));
    for (const r of board.rows) expect(ids).not.toContain(r.idNumberMasked);
    expect(board.rows.every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r.idNumberMasked))).toBe(true);
    expect(must(await findResultsBoard(dw.db, dw.institution, dw.contractId)).mayRecord).toBe(true);
    const reads = await dw.db.selectFrom("audit_log").select("actor_org_id").where("action", "=", "trainee.read").where("record_id", "=", dw.contractId).orderBy("seq").execute();
    expect(reads.map((r) => r.actor_org_id)).toEqual([dw.officer.orgId, dw.institution.orgId]);
    expect(await findResultsBoard(dw.db, dw.enterprise, dw.contractId)).toEqual({ ok: false, kind: "notFound" });
  });
});

describe("an enterprise following its training", () => {
  it("sees only its own trainees, masked, and how far its roster falls short of the award", async () => {
    const dw = await delivered();
    must(await record(dw, 0));
    const list = must(await listTrainingContracts(dw.db, dw.enterprise));
    expect(list.map((r) => [r.reference, r.headcount, r.trainees, r.withResult, r.rated])).toEqual([[dw.reference, 10, 2, 1, false]]);
    const view = must(await findTrainingContract(dw.db, dw.enterprise, dw.contractId));
    const own = dw.demands[0]!.trainees;
    expect(view.trainees.map((t) => t.name).sort()).toEqual(own.map((t) => t.name).sort());
    // The award is 10 for this demand; 2 on the roster, 2 confirmed.
    expect(view.demands).toEqual([{ demandId: dw.demands[0]!.id, headcount: 10, rosterCount: 2, confirmed: 2, rosterShortfall: 8, cohortShortfall: 8 }]);
    const text = JSON.stringify(view);
    for (const t of dw.demands.flatMap((d) => d.trainees)) expect(text).not.toContain(t.idNumber);
    for (const t of dw.demands[1]!.trainees) expect(text).not.toContain(t.name);
    expect(view.trainees.find((t) => t.enrolmentId === dw.confirmedIds[0])).toMatchObject({ progress: "certified", certificateNumber: "S000033000001234", attendedPermille: 1000 });
    expect(view.readiness).toBe("resultsPending");

    // Another enterprise, not covered by the contract: it does not exist for it.
    const stranger = await makeActor(dw.db, { kind: "enterprise" });
    expect(await findTrainingContract(dw.db, stranger, dw.contractId)).toEqual({ ok: false, kind: "notFound" });
    expect(must(await listTrainingContracts(dw.db, stranger))).toEqual([]);
    expect(await listTrainingContracts(dw.db, dw.institution)).toEqual({ ok: false, kind: "forbidden" });
  });
});

describe("rating the training", () => {
  it("waits for the enterprise's own trainees' results, then takes one rating per enterprise", async () => {
    const dw = await delivered();
    const rate = (who = dw.enterprise, score = 4, comment = COMMENT) => rateTraining(dw.db, who, { contractId: dw.contractId, score, comment });
    expect(await rate()).toEqual({ ok: false, kind: "conflict", message: "completion.rating.errors.resultsPending" });
    must(await record(dw, 0));
    must(await record(dw, 1, { certification: { passed: false } }));
    // Its own trainees all have results; the other enterprise's trainee does not, and that does not matter to it.
    expect(await rate(dw.enterprise, 0)).toMatchObject({ kind: "validation", fieldErrors: { score: ["completion.errors.scoreRequired"] } });
    expect(await rate(dw.enterprise, 4, "很好")).toMatchObject({ kind: "validation", fieldErrors: { comment: ['completion.errors.commentShort|{"min":5}'] } });
    expect(await rate()).toEqual({ ok: true, value: { score: 4 } });
    expect(await rate(dw.enterprise, 1, "改变主意了，再评一次。")).toEqual({ ok: false, kind: "conflict", message: "completion.rating.errors.rated" });
    expect(await dw.db.selectFrom("ratings").select(["enterprise_id", "score", "comment"]).execute()).toEqual([{ enterprise_id: dw.enterprise.orgId, score: 4, comment: COMMENT }]);
    expect(await rate(dw.otherEnterprise)).toEqual({ ok: false, kind: "conflict", message: "completion.rating.errors.resultsPending" });
    expect((await dw.db.selectFrom("audit_log").select("record_id").where("action", "=", "rating.submit").execute()).map((e) => e.record_id)).toEqual([`${dw.contractId}:${dw.enterprise.orgId}`]);
  });

  it("is not another enterprise's, nor the institution's or the bureau's", async () => {
    const dw = await delivered();
    await recordAll(dw);
    const stranger = await makeActor(dw.db, { kind: "enterprise" });
    expect(await rateTraining(dw.db, stranger, { contractId: dw.contractId, score: 5, comment: COMMENT })).toEqual({ ok: false, kind: "notFound" });
    expect(await rateTraining(dw.db, dw.institution, { contractId: dw.contractId, score: 5, comment: COMMENT })).toEqual({ ok: false, kind: "forbidden" });
    expect(await rateTraining(dw.db, dw.officer, { contractId: dw.contractId, score: 5, comment: COMMENT })).toEqual({ ok: false, kind: "forbidden" });
    expect(await dw.db.selectFrom("ratings").selectAll().execute()).toEqual([]);
  });
});

describe("acceptance", () => {
  it("is refused while any confirmed trainee has no result, and to anyone but a bureau officer", async () => {
    const dw = await delivered();
    must(await record(dw, 0));
    expect(await acceptContract(dw.db, dw.officer, { contractId: dw.contractId })).toEqual({ ok: false, kind: "conflict", message: 'completion.acceptance.errors.resultsMissing|{"count":2}' });
    const finance = await makeActor(dw.db, { kind: "bureau", roles: ["finance"] });
    for (const who of [dw.admin, finance, dw.institution]) expect(await acceptContract(dw.db, who, { contractId: dw.contractId })).toEqual({ ok: false, kind: "forbidden" });
    for (const who of [dw.enterprise, dw.bidders[0]!]) expect(await acceptContract(dw.db, who, { contractId: dw.contractId })).toEqual({ ok: false, kind: "notFound" });
    const view = must(await findAcceptance(dw.db, dw.officer, dw.contractId));
    expect(view.refusal).toBe('completion.acceptance.errors.resultsMissing|{"count":2}');
    expect(view.summary.trainees).toMatchObject({ confirmed: 3, missingResults: 2 });
    expect((await dw.db.selectFrom("contracts").select(["status", "accepted_at"]).where("id", "=", dw.contractId).executeTakeFirstOrThrow())).toEqual({ status: "active", accepted_at: null });
  });

  it("completes the contract with a snapshot of results and ratings, tells everyone, and is published without personal data", async () => {
    const dw = await delivered({ 2: [480, 480, 480, 0] });
    must(await record(dw, 0));
    must(await record(dw, 1, { certification: { passed: false } }));
    // Trainee 2 attended 1440 / 1920 = 75 %: not completed.
    must(await record(dw, 2, { certification: null }));
    must(await rateTraining(dw.db, dw.enterprise, { contractId: dw.contractId, score: 4, comment: COMMENT }));
    // The second enterprise has not rated: marked, not blocking.
    const before = must(await findAcceptance(dw.db, dw.officer, dw.contractId));
    expect(before.refusal).toBeNull();
    expect(Object.fromEntries(before.enterprises.map((e) => [e.enterpriseName, e.rating?.score ?? null]))).toEqual({ [dw.enterprise.orgName]: 4, [dw.otherEnterprise.orgName]: null });

    expect(await acceptContract(dw.db, dw.officer, { contractId: dw.contractId })).toEqual({ ok: true, value: { acceptedAt: "2027-04-28T02:00:00.000Z" } });
    const c = await dw.db.selectFrom("contracts").select(["status", "accepted_at", "accepted_by", "completed_at", "acceptance_json"]).where("id", "=", dw.contractId).executeTakeFirstOrThrow();
    expect([c.status, c.accepted_at, c.accepted_by, c.completed_at]).toEqual(["completed", "2027-04-28T02:00:00.000Z", dw.officer.userId, "2027-04-28T02:00:00.000Z"]);
    const snapshot = JSON.parse(c.acceptance_json!);
    expect(snapshot).toMatchObject({
      version: 1,
      trainees: { confirmed: 3, dropped: 0, withResult: 3, missingResults: 0, completed: 2, certified: 1, notCertified: 1, notCompleted: 1 },
      completionPermille: 667,
      certificationPermille: 333,
      // (1920 + 1920 + 1440) / (3 × 1920) = 5280 / 5760 = 916.67 → 916 per mille (rounded down, like every attendance share).
      attendance: { sessions: 4, plannedMinutes: 1920, meanPermille: 916, belowShare: 1, completionPct: 80 },
      meanRating: 4,
      missingRatings: 1,
    });
    expect(snapshot.ratings).toHaveLength(2);
    expect(snapshot.ratings).toEqual(
      expect.arrayContaining([
        { enterpriseName: dw.enterprise.orgName, score: 4 },
        { enterpriseName: dw.otherEnterprise.orgName, score: null },
      ]),
    );
    const people = dw.demands.flatMap((d) => d.trainees);
    for (const t of people) {
      expect(c.acceptance_json).not.toContain(t.name);
      expect(c.acceptance_json).not.toContain(t.idNumber);
    }
    expect(c.acceptance_json).not.toContain(CERTIFIED.certificateNumber);

    const log = (await dw.db.selectFrom("audit_log").select("action").where("record_id", "=", dw.contractId).where("action", "like", "contract.%").orderBy("seq").execute()).map((e) => e.action);
    expect(log.slice(-2)).toEqual(["contract.accept", "contract.complete"]);
    expect((await verifyAuditChain(dw.db)).ok).toBe(true);
    const told = (await dw.db.selectFrom("notifications").select("organisation_id").where("kind", "=", "contractAccepted").execute()).map((n) => n.organisation_id).sort();
    expect(told).toEqual([dw.institution.orgId, dw.enterprise.orgId, dw.otherEnterprise.orgId].sort());

    // Done once: a second sign-off and any later result are refused.
    expect(await acceptContract(dw.db, dw.officer, { contractId: dw.contractId })).toMatchObject({ kind: "conflict", message: "completion.acceptance.errors.alreadyAccepted" });
    expect(must(await findAcceptance(dw.db, dw.institution, dw.contractId)).accepted).toMatchObject({ at: "2027-04-28T02:00:00.000Z", snapshot: { meanRating: 4 } });

    // Published on the tender's public notice: counts and the mean rating, nobody's personal data.
    const results = await listPublicResults(dw.db, dw.tenderId);
    expect(results.flatMap((l) => l.acceptances)).toEqual([
      { contractReference: dw.reference, institutionName: dw.institution.orgName, acceptedAt: "2027-04-28T02:00:00.000Z", trainees: 3, completed: 2, certified: 1, meanRating: 4, ratingCount: 1 },
    ]);
    const { reference } = await dw.db.selectFrom("tenders").select("reference").where("id", "=", dw.tenderId).executeTakeFirstOrThrow();
    const page = await tenderNotice({ request: new Request(`http://app.test/tenders/${reference}`), params: { reference: reference! }, context: { db: dw.db } as AppLoadContext } as LoaderFunctionArgs);
    expect(page.results.flatMap((l) => l.acceptances).map((a) => [a.contractReference, a.completed, a.certified, a.meanRating])).toEqual([[dw.reference, 2, 1, 4]]);
    const published = JSON.stringify(page);
    for (const t of people) {
      expect(published).not.toContain(t.idNumber);
      expect(published).not.toContain(t.name);
    }

    // The institution's record, and the evaluation's past performance, now come from it.
    const perf = must(await findPerformance(dw.db, dw.institution, dw.institution.orgId));
    expect(perf).toMatchObject({ completedContracts: 1, overall: { withResult: 3, completionPermille: 667, certificationPermille: 333, meanRating: 4 } });
    expect(must(await findPerformance(dw.db, dw.officer, dw.institution.orgId)).contracts.map((x) => x.reference)).toEqual([dw.reference]);
    expect(await findPerformance(dw.db, dw.bidders[0]!, dw.institution.orgId)).toEqual({ ok: false, kind: "notFound" });
    expect((await pastPerformance(dw.db, [dw.institution.orgId]))[dw.institution.orgId]).toEqual({
      institutionId: dw.institution.orgId,
      completedContracts: 1,
      traineesWithResult: 3,
      completionRate: 0.667,
      certificationRate: 0.333,
      meanRating: 4,
      ratingCount: 1,
    });
  });

  it("counts a dropped trainee as not completed", async () => {
    const dw = await delivered();
    must(await dropTrainee(dw.db, dw.institution, { contractId: dw.contractId, enrolmentId: dw.confirmedIds[2]!, reason: "因工作调动退出培训" }));
    must(await record(dw, 0));
    must(await record(dw, 1));
    must(await acceptContract(dw.db, dw.officer, { contractId: dw.contractId }));
    const view = must(await findAcceptance(dw.db, dw.officer, dw.contractId));
    expect(view.accepted?.snapshot?.trainees).toMatchObject({ confirmed: 2, dropped: 1, withResult: 3, completed: 2, certified: 2, notCompleted: 1 });
  });
});
