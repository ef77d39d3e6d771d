import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { checkCompliance } from "~/modules/bidding/check-compliance.server";
import { openedLot } from "~/modules/bidding/test-fixtures.server";
import { makeWorld } from "~/modules/tender/test-fixtures.server";
import { declareInterest } from "./declare-interest.server";
import { findBureauLotEvaluation, findPanelWork, findReportPage, listPanelLots } from "./queries.server";
import { reopenEvaluation } from "./reopen-evaluation.server";
import { replacePanelMember } from "./replace-panel-member.server";
import { findEvaluationReport } from "./report.server";
import { saveScores } from "./save-scores.server";
import { startEvaluation } from "./start-evaluation.server";
import { submitScores } from "./submit-scores.server";
import { evaluatingLot, lotCriteria, must, scoreLot } from "./test-fixtures.server";
import { pastPerformance } from "./past-performance.server";

const auditActions = async (db: Parameters<typeof verifyAuditChain>[0]) =>
  (await db.selectFrom("audit_log").select("action").orderBy("seq").execute()).map((a) => a.action);

describe("starting the evaluation", () => {
  it("waits for every counted bid's compliance decision, then copies the tender's panel onto the lot", async () => {
    const w = await makeWorld();
    const { lotId, tenderId, bidIds } = await openedLot(w, [150_000, 160_000, 170_000]);
    must(await checkCompliance(w.db, w.officer, { bidId: bidIds[0]!, decision: "valid", expectedStatus: "submitted" }));
    expect(await startEvaluation(w.db, w.evaluators[0]!, lotId)).toEqual({ ok: false, kind: "forbidden" });
    expect(await startEvaluation(w.db, w.officer, lotId)).toEqual({ ok: false, kind: "conflict", message: 'evaluation.errors.undecided|{"count":2}' });
    for (const id of bidIds.slice(1)) must(await checkCompliance(w.db, w.officer, { bidId: id, decision: "valid", expectedStatus: "submitted" }));
    expect(must(await startEvaluation(w.db, w.officer, lotId))).toEqual({ outcome: "evaluating", round: 1, panelSize: 5 });

    const lot = await w.db.selectFrom("lots").select(["status", "evaluation_round"]).where("id", "=", lotId).executeTakeFirstOrThrow();
    expect(lot).toEqual({ status: "evaluating", evaluation_round: 1 });
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", tenderId).executeTakeFirstOrThrow()).status).toBe("evaluating");
    const seats = await w.db.selectFrom("lot_panel_members").select(["user_id", "kind", "status"]).where("lot_id", "=", lotId).execute();
    expect(seats.map((s) => s.user_id).sort()).toEqual(w.evaluators.map((e) => e.userId).sort());
    expect(seats.every((s) => s.status === "active")).toBe(true);
    const notes = await w.db.selectFrom("notifications").select(["kind", "link", "params_json"]).execute();
    expect(notes).toEqual([{ kind: "panelInvited", link: `/panel/lots/${lotId}`, params_json: expect.stringContaining("第1包") }]);
    // Twice is refused; compliance is now closed.
    expect(await startEvaluation(w.db, w.officer, lotId)).toMatchObject({ kind: "conflict", message: "evaluation.errors.notOpened" });
    expect(await checkCompliance(w.db, w.officer, { bidId: bidIds[0]!, decision: "rejected", reason: "资质过期", expectedStatus: "valid" })).toMatchObject({
      kind: "conflict",
    });
    expect(await auditActions(w.db)).toContain("lot.startEvaluation");
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("fails a lot left with too few valid bids and puts its demand back in the pool", async () => {
    const w = await makeWorld();
    const { lotId, tenderId, bidIds } = await openedLot(w, [150_000, 160_000, 170_000]);
    must(await checkCompliance(w.db, w.officer, { bidId: bidIds[0]!, decision: "valid", expectedStatus: "submitted" }));
    must(await checkCompliance(w.db, w.officer, { bidId: bidIds[1]!, decision: "valid", expectedStatus: "submitted" }));
    must(await checkCompliance(w.db, w.officer, { bidId: bidIds[2]!, decision: "rejected", reason: "培训场地不符合要求", expectedStatus: "submitted" }));
    expect(must(await startEvaluation(w.db, w.officer, lotId))).toEqual({ outcome: "unsuccessful", validBids: 2, minValidBids: 3 });
    expect((await w.db.selectFrom("lots").select("status").where("id", "=", lotId).executeTakeFirstOrThrow()).status).toBe("unsuccessful");
    const demands = await w.db.selectFrom("demands").select(["status", "lot_id", "tender_id"]).execute();
    expect(demands.length).toBeGreaterThan(0);
    expect(demands.every((d) => d.status === "pooled" && d.lot_id === null && d.tender_id === null)).toBe(true);
    // Its only lot failed: the tender's procurement is over.
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", tenderId).executeTakeFirstOrThrow()).status).toBe("complete");
    expect(await w.db.selectFrom("lot_panel_members").selectAll().execute()).toEqual([]);
    const actions = await auditActions(w.db);
    expect(actions.filter((a) => a === "demand.release")).toHaveLength(demands.length);
    expect(actions).toContain("lot.fail");
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("counts the tender's own minimum when it is above the rules'", async () => {
    const w = await makeWorld();
    const { lotId, tenderId, bidIds } = await openedLot(w, [150_000, 160_000, 170_000]);
    await w.db.updateTable("tenders").set({ min_valid_bids: 4 }).where("id", "=", tenderId).execute();
    for (const id of bidIds) must(await checkCompliance(w.db, w.officer, { bidId: id, decision: "valid", expectedStatus: "submitted" }));
    expect(must(await startEvaluation(w.db, w.officer, lotId))).toMatchObject({ outcome: "unsuccessful", minValidBids: 4 });
  });
});

describe("the panel's declarations", () => {
  it("shows bidders' names only before the declaration, and keeps strangers out", async () => {
    const w = await makeWorld();
    const { lotId } = await evaluatingLot(w);
    const [a] = w.evaluators;
    const before = must(await findPanelWork(w.db, a!, lotId));
    expect(before.stage).toBe("toDeclare");
    expect(before.bids).toBeNull();
    expect(before.bidders.map((b) => b.institutionName)).toEqual(["投标机构1", "投标机构2", "投标机构3"]);
    expect(JSON.stringify(before)).not.toContain("实训楼");
    expect(await saveScores(w.db, a!, { lotId, round: 1, entries: [] })).toMatchObject({ kind: "conflict", message: "evaluation.errors.declareFirst" });

    const stranger = await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] });
    expect(await findPanelWork(w.db, stranger, lotId)).toEqual({ ok: false, kind: "notFound" });
    expect(await declareInterest(w.db, stranger, { lotId, round: 1, hasConflict: false })).toEqual({ ok: false, kind: "notFound" });
    expect(await declareInterest(w.db, w.officer, { lotId, round: 1, hasConflict: false })).toEqual({ ok: false, kind: "forbidden" });
    expect(await declareInterest(w.db, a!, { lotId, round: 2, hasConflict: false })).toMatchObject({ kind: "conflict", message: "evaluation.errors.staleRound" });

    must(await declareInterest(w.db, a!, { lotId, round: 1, hasConflict: false }));
    expect(await declareInterest(w.db, a!, { lotId, round: 1, hasConflict: true, note: "改主意" })).toMatchObject({ message: "evaluation.errors.alreadyDeclared" });
    const after = must(await findPanelWork(w.db, a!, lotId));
    expect(after.stage).toBe("toScore");
    expect(after.bids?.map((b) => [b.institutionName, b.priceScore, b.content?.venue])).toEqual([
      ["投标机构1", 30, "实训楼 A"],
      ["投标机构2", 28.13, "实训楼 A"],
      ["投标机构3", 26.47, "实训楼 A"],
    ]);
    expect(after.bids?.[0]?.pastPerformance).toMatchObject({ completedContracts: 0, completionRate: null, certificationRate: null, meanRating: null });
    expect((await listPanelLots(w.db, a!)).map((l) => [l.lotId, l.stage])).toEqual([[lotId, "toScore"]]);
    expect(await listPanelLots(w.db, stranger)).toEqual([]);
  });

  it("takes a member with a conflict off the panel, blocks completion until the officer replaces them", async () => {
    const w = await makeWorld();
    const { lotId } = await evaluatingLot(w);
    const [a, b, c, d, e] = w.evaluators as [typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer];
    expect(await declareInterest(w.db, a, { lotId, round: 1, hasConflict: true, note: "  " })).toMatchObject({ kind: "validation", fieldErrors: { note: ["evaluation.errors.conflictNoteRequired"] } });
    expect(must(await declareInterest(w.db, a, { lotId, round: 1, hasConflict: true, note: "本人曾在投标机构2任教" }))).toEqual({ conflicted: true });
    const conflicted = must(await findPanelWork(w.db, a, lotId));
    expect(conflicted.stage).toBe("conflicted");
    expect(conflicted.bids).toBeNull();
    expect(conflicted.bidders).toEqual([]);
    expect(await saveScores(w.db, a, { lotId, round: 1, entries: [] })).toMatchObject({ kind: "conflict", message: "evaluation.errors.conflicted" });
    expect((await w.db.selectFrom("notifications").select("kind").where("kind", "=", "panelConflict").execute()).length).toBe(1);

    // The other four all submit: four is too few for the rules, so no report.
    for (const [i, m] of [b, c, d, e].entries()) expect(await scoreLot(w, m, lotId, 1, { memberIndex: i })).toEqual({ complete: false });
    expect(await findEvaluationReport(w.db, lotId)).toBeUndefined();
    const officerView = (await findBureauLotEvaluation(w.db, lotId))!;
    expect(officerView.panelProblems).toEqual(['tender.problems.panelTooSmall|{"min":5,"size":4}', 'tender.problems.panelEven|{"size":4}']);
    expect(officerView.panel.find((m) => m.userId === a.userId)).toMatchObject({ status: "conflicted", replaced: false, declaration: { hasConflict: true, note: "本人曾在投标机构2任教" } });

    const newcomer = await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] });
    const replace = (userId: string, kind: "expert" | "representative", replacesUserId = a.userId) =>
      replacePanelMember(w.db, w.officer, { lotId, replacesUserId, userId, kind });
    expect(await replacePanelMember(w.db, b, { lotId, replacesUserId: a.userId, userId: newcomer.userId, kind: "expert" })).toEqual({ ok: false, kind: "forbidden" });
    expect(await replace(w.admin.userId, "expert")).toMatchObject({ kind: "validation", fieldErrors: { userId: ["evaluation.errors.notEvaluator"] } });
    expect(await replace(c.userId, "expert")).toMatchObject({ kind: "validation", fieldErrors: { userId: ["evaluation.errors.alreadyOnPanel"] } });
    expect(await replace(a.userId, "expert")).toMatchObject({ kind: "validation", fieldErrors: { userId: ["evaluation.errors.alreadyOnPanel"] } });
    // a was an expert: a representative in their place leaves 3 experts of 5, below two thirds.
    expect(await replace(newcomer.userId, "representative")).toMatchObject({
      kind: "validation",
      fieldErrors: { kind: ['tender.problems.expertsTooFew|{"experts":3,"size":5,"needed":4,"num":2,"den":3}'] },
    });
    expect(await replace(newcomer.userId, "expert", b.userId)).toMatchObject({ kind: "conflict", message: "evaluation.errors.notReplaceable" });
    expect(await w.db.selectFrom("lot_panel_members").select("user_id").where("user_id", "=", newcomer.userId).execute()).toEqual([]);

    must(await replace(newcomer.userId, "expert"));
    expect(await replace((await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] })).userId, "expert")).toMatchObject({ message: "evaluation.errors.notReplaceable" });
    expect((await findBureauLotEvaluation(w.db, lotId))!.panelProblems).toEqual([]);
    expect(await scoreLot(w, newcomer, lotId, 1)).toEqual({ complete: true });
    const report = (await findEvaluationReport(w.db, lotId))!;
    expect(report.members.map((m) => m.userId).sort()).toEqual([b, c, d, e, newcomer].map((m) => m.userId).sort());
    expect(report.scores.some((s) => s.userId === a.userId)).toBe(false);
    const actions = await auditActions(w.db);
    for (const x of ["panel.conflict", "panel.declare", "panel.replace", "panel.score", "panel.submit", "evaluation.report"]) expect(actions).toContain(x);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("completes the round when a lawful panel remains after a late conflict", async () => {
    const w = await makeWorld();
    const { lotId, tenderId } = await openedLot(w, [150_000, 160_000, 170_000]);
    // A seven-member panel (6 experts, 1 representative): losing two experts still leaves a lawful five.
    const extra = [await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] }), await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] })];
    await w.db
      .insertInto("tender_panel_members")
      .values(extra.map((x) => ({ tender_id: tenderId, user_id: x.userId, kind: "expert" as const, status: "active" as const, removed_reason: null, added_at: new Date().toISOString() })))
      .execute();
    for (const b of await w.db.selectFrom("bids").select("id").where("lot_id", "=", lotId).execute()) {
      must(await checkCompliance(w.db, w.officer, { bidId: b.id, decision: "valid", expectedStatus: "submitted" }));
    }
    expect(must(await startEvaluation(w.db, w.officer, lotId))).toMatchObject({ panelSize: 7 });
    for (const m of w.evaluators) await scoreLot(w, m, lotId, 1);
    must(await declareInterest(w.db, extra[0]!, { lotId, round: 1, hasConflict: true, note: "亲属任职" }));
    expect(await findEvaluationReport(w.db, lotId)).toBeUndefined();
    must(await declareInterest(w.db, extra[1]!, { lotId, round: 1, hasConflict: true, note: "亲属任职" }));
    expect((await findEvaluationReport(w.db, lotId))?.members).toHaveLength(5);
  });
});

describe("scoring", () => {
  it("refuses bad scores, scores of a rejected bid, and changes after submission", async () => {
    const w = await makeWorld();
    const opened = await openedLot(w, [150_000, 160_000, 170_000, 175_000]);
    const { lotId, bidIds } = opened;
    for (const id of bidIds.slice(0, 3)) must(await checkCompliance(w.db, w.officer, { bidId: id, decision: "valid", expectedStatus: "submitted" }));
    must(await checkCompliance(w.db, w.officer, { bidId: bidIds[3]!, decision: "rejected", reason: "师资证书不符", expectedStatus: "submitted" }));
    must(await startEvaluation(w.db, w.officer, lotId));
    const [plan, staff] = await lotCriteria(w, lotId);
    const a = w.evaluators[0]!;
    must(await declareInterest(w.db, a, { lotId, round: 1, hasConflict: false }));
    const save = (entries: { bidId: string; criterionId: string; score?: string; comment?: string }[]) => saveScores(w.db, a, { lotId, round: 1, entries });
    const one = (score: string, comment = "方案完整", bidId = bidIds[0]!, criterionId = plan!.id) => save([{ bidId, criterionId, score, comment }]);

    expect(await one("40.01")).toMatchObject({ kind: "validation", fieldErrors: { "entries[0].score": ['evaluation.errors.scoreRange|{"max":40}'] } });
    expect(await one("-1")).toMatchObject({ kind: "validation", fieldErrors: { "entries[0].score": ['evaluation.errors.scoreFormat|{"max":40}'] } });
    expect(await one("12.345")).toMatchObject({ kind: "validation" });
    expect(await one("abc")).toMatchObject({ kind: "validation" });
    expect(await one("12", "   ")).toMatchObject({ kind: "validation", fieldErrors: { "entries[0].comment": ["evaluation.errors.commentRequired"] } });
    expect(await save([{ bidId: bidIds[0]!, criterionId: plan!.id, score: "", comment: "只有评语" }])).toMatchObject({
      fieldErrors: { "entries[0].score": ["evaluation.errors.scoreRequired"] },
    });
    expect(await one("10", "无效投标", bidIds[3]!)).toMatchObject({ kind: "validation", formErrors: ["evaluation.errors.bidNotScorable"] });
    expect(await w.db.selectFrom("bid_scores").selectAll().execute()).toEqual([]);

    expect(must(await one("40"))).toEqual({ saved: 1 });
    expect(must(await one("35.5", "修改后的评语"))).toEqual({ saved: 1 });
    const stored = await w.db.selectFrom("bid_scores").select(["score_hundredths", "comment"]).execute();
    expect(stored).toEqual([{ score_hundredths: 3550, comment: "修改后的评语" }]);

    expect(await submitScores(w.db, a, { lotId, round: 1 })).toEqual({ ok: false, kind: "conflict", message: 'evaluation.errors.incomplete|{"count":5}' });
    expect(await w.db.selectFrom("panel_submissions").selectAll().execute()).toEqual([]);
    const rest = bidIds.slice(0, 3).flatMap((bidId) => [plan!, staff!].map((c) => ({ bidId, criterionId: c.id, score: "20", comment: "良好" })));
    must(await save(rest));
    must(await submitScores(w.db, a, { lotId, round: 1 }));
    expect(await one("1")).toMatchObject({ kind: "conflict", message: "evaluation.errors.alreadySubmitted" });
    expect(await submitScores(w.db, a, { lotId, round: 1 })).toMatchObject({ message: "evaluation.errors.alreadySubmitted" });
    expect((await findPanelWork(w.db, a, lotId)).ok && must(await findPanelWork(w.db, a, lotId)).stage).toBe("submitted");
  });

  it("hides every member's scores from the others and from the officer until all have submitted", async () => {
    const w = await makeWorld();
    const { lotId } = await evaluatingLot(w);
    const [a, b, c, d, e] = w.evaluators as [typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer];
    const secret = "甲专家的独立评语";
    await scoreLot(w, a, lotId, 1, { comment: secret, scorer: () => 1234 });
    await scoreLot(w, b, lotId, 1, { submit: false });

    const bView = must(await findPanelWork(w.db, b, lotId));
    const officerView = await findBureauLotEvaluation(w.db, lotId);
    // The admin's audit page shows entries' before/after: no score or comment may be there yet.
    const auditTrail = await w.db.selectFrom("audit_log").select(["before_json", "after_json"]).execute();
    for (const view of [bView, officerView, auditTrail]) {
      const text = JSON.stringify(view);
      expect(text).not.toContain(secret);
      expect(text).not.toContain("12.34");
    }
    expect(bView.report).toBeNull();
    expect(bView.progress).toEqual({ submitted: 1, active: 5 });
    expect(officerView).toMatchObject({ submittedCount: 1, activeCount: 5, report: null });
    expect(await findReportPage(w.db, w.officer, lotId)).toBeUndefined();

    must(await submitScores(w.db, b, { lotId, round: 1 }));
    for (const m of [c, d]) await scoreLot(w, m, lotId, 1);
    expect(JSON.stringify(must(await findPanelWork(w.db, e, lotId)))).not.toContain(secret);
    await scoreLot(w, e, lotId, 1);

    const bAfter = must(await findPanelWork(w.db, b, lotId));
    expect(bAfter.stage).toBe("complete");
    expect(JSON.stringify(bAfter.report)).toContain(secret);
    expect((await findBureauLotEvaluation(w.db, lotId))!.report?.ranking).toHaveLength(3);
    const page = await findReportPage(w.db, w.officer, lotId);
    expect(page?.report.scores.filter((s) => s.comment === secret)).toHaveLength(6);
    expect(await findReportPage(w.db, w.admin, lotId)).toBeDefined();
    expect(await findReportPage(w.db, b, lotId)).toBeDefined();
    const outsider = await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] });
    expect(await findReportPage(w.db, outsider, lotId)).toBeUndefined();
    expect(await findReportPage(w.db, w.institution, lotId)).toBeUndefined();
  });

  it("writes the report exactly once when the last two members submit at the same moment", async () => {
    const w = await makeWorld();
    const { lotId } = await evaluatingLot(w);
    const [a, b, c, d, e] = w.evaluators as [typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer, typeof w.officer];
    for (const m of [a, b, c]) await scoreLot(w, m, lotId, 1);
    for (const m of [d, e]) await scoreLot(w, m, lotId, 1, { submit: false });
    const results = await Promise.all([submitScores(w.db, d, { lotId, round: 1 }), submitScores(w.db, e, { lotId, round: 1 })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results.map((r) => (r.ok ? r.value.complete : null)).sort()).toEqual([false, true]);
    expect(await w.db.selectFrom("evaluation_reports").select("round").execute()).toEqual([{ round: 1 }]);
    expect((await auditActions(w.db)).filter((x) => x === "evaluation.report")).toHaveLength(1);
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });

  it("ranks by total, then the lower price, then the earlier submission", async () => {
    const w = await makeWorld();
    // Submitted in this order: 150k, 180k (earlier), 180k (later).
    const { lotId, bidIds, bidders } = await evaluatingLot(w, [150_000, 180_000, 180_000]);
    // Technical totals: 50 for the cheapest (30 + 50 = 80), 55 for the others (25 + 55 = 80).
    const scorer = (bidId: string, c: { points: number }) => (bidId === bidIds[0] ? (c.points === 40 ? 3000 : 2000) : c.points === 40 ? 3000 : 2500);
    for (const [i, m] of w.evaluators.entries()) await scoreLot(w, m, lotId, 1, { scorer, memberIndex: i });
    const report = (await findEvaluationReport(w.db, lotId))!;
    expect(report.ranking.map((r) => [r.bidId, r.rank, r.priceScore, r.technicalScore, r.total])).toEqual([
      [bidIds[0], 1, 30, 50, 80],
      [bidIds[1], 2, 25, 55, 80],
      [bidIds[2], 3, 25, 55, 80],
    ]);
    expect(report.ranking[0]).toMatchObject({ institutionId: bidders[0]!.orgId, institutionName: "投标机构1", priceFen: 150_000, capacity: 25 });
    expect(report.members).toHaveLength(5);
    expect(report.members.every((m) => m.declaredAt !== "")).toBe(true);
    expect(report.scores).toHaveLength(5 * 3 * 2);
    expect(report.scores[0]).toMatchObject({ criterionName: "培训方案", score: 30 });
    expect(report.confirmedAt).toBeNull();
  });
});

describe("re-opening after an upheld objection", () => {
  it("starts a fresh round with the same panel and keeps the earlier round as it was", async () => {
    const w = await makeWorld();
    const { lotId, tenderId } = await evaluatingLot(w);
    for (const m of w.evaluators) await scoreLot(w, m, lotId, 1, { comment: "第一轮评语" });
    const first = (await findEvaluationReport(w.db, lotId))!;
    // From evaluating, the lot cannot be re-opened; the award engineer's use cases move it on.
    await expect(w.db.transaction().execute((trx) => reopenEvaluation(trx, lotId, { userId: w.officer.userId, orgId: w.officer.orgId }, new Date().toISOString()))).rejects.toThrow();
    await w.db.updateTable("lots").set({ status: "award_published" }).where("id", "=", lotId).execute();
    await w.db.updateTable("tenders").set({ status: "award_published" }).where("id", "=", tenderId).execute();
    await w.db.transaction().execute((trx) => reopenEvaluation(trx, lotId, { userId: w.officer.userId, orgId: w.officer.orgId }, new Date().toISOString()));

    expect(await w.db.selectFrom("lots").select(["status", "evaluation_round"]).where("id", "=", lotId).executeTakeFirstOrThrow()).toEqual({ status: "evaluating", evaluation_round: 2 });
    expect((await w.db.selectFrom("tenders").select("status").where("id", "=", tenderId).executeTakeFirstOrThrow()).status).toBe("evaluating");
    expect((await w.db.selectFrom("notifications").select("kind").where("kind", "=", "evaluationReopened").execute()).length).toBe(1);
    const page = must(await findPanelWork(w.db, w.evaluators[0]!, lotId));
    expect(page).toMatchObject({ round: 2, stage: "toDeclare", earlierRounds: [1], bids: null, report: null });
    // Round 1's scores stay where they were; the new round starts blank.
    expect(await saveScores(w.db, w.evaluators[0]!, { lotId, round: 1, entries: [] })).toMatchObject({ message: "evaluation.errors.staleRound" });
    for (const m of w.evaluators) await scoreLot(w, m, lotId, 2, { scorer: () => 1000, comment: "第二轮评语" });
    const second = (await findEvaluationReport(w.db, lotId))!;
    expect(second.round).toBe(2);
    expect(second.scores.every((s) => s.comment === "第二轮评语")).toBe(true);
    expect(await findEvaluationReport(w.db, lotId, 1)).toEqual(first);
    expect((await w.db.selectFrom("panel_declarations").select("round").where("round", "=", 1).execute()).length).toBe(5);
    expect(await auditActions(w.db)).toContain("lot.reopenEvaluation");
    expect((await verifyAuditChain(w.db)).ok).toBe(true);
  });
});

describe("past performance", () => {
  it("counts completed contracts only, and has no rates while they hold no results", async () => {
    const w = await makeWorld();
    const { lotId, tenderId, bidIds, bidders } = await evaluatingLot(w);
    const t = new Date().toISOString();
    const contract = (i: number, status: "completed" | "active") => ({
      id: `c${i}`,
      reference: `HT-2026-000${i}`,
      award_id: `a${i}`,
      tender_id: tenderId,
      lot_id: lotId,
      institution_id: bidders[0]!.orgId,
      status,
      headcount: 5,
      price_fen: 150_000,
      value_fen: 750_000,
      sign_due_at: t,
      bureau_signed_at: null,
      bureau_signed_by: null,
      institution_signed_at: null,
      institution_signed_by: null,
      status_reason: null,
      created_at: t,
      updated_at: t,
      completed_at: null,
    });
    for (const i of [1, 2, 3]) {
      await w.db
        .insertInto("awards")
        .values({ id: `a${i}`, lot_id: lotId, bid_id: bidIds[0]!, institution_id: bidders[0]!.orgId, rank: 1, headcount: 5, price_fen: 150_000, value_fen: 750_000, status: "cancelled", published_at: null, publicity_ends_at: null, objection_deadline: null, replaces_award_id: null, created_at: t, updated_at: t })
        .execute();
    }
    await w.db.insertInto("contracts").values([contract(1, "completed"), contract(2, "completed"), contract(3, "active")]).execute();
    const p = await pastPerformance(w.db, [bidders[0]!.orgId, bidders[1]!.orgId]);
    // Completed contracts with no trainee results or ratings: the count, and no made-up rates.
    expect(p[bidders[0]!.orgId]).toEqual({
      institutionId: bidders[0]!.orgId,
      completedContracts: 2,
      traineesWithResult: 0,
      completionRate: null,
      certificationRate: null,
      meanRating: null,
      ratingCount: 0,
    });
    expect(p[bidders[1]!.orgId]?.completedContracts).toBe(0);
    expect(await pastPerformance(w.db, [])).toEqual({});
  });
});
