/**
 * What the evaluation pages show, each query answering for one reader. Scores are the panel's
 * secret until the round is complete (DESIGN.md "members cannot see each other's scores until
 * all have submitted"): before then the officer's view holds only counts, and a member's view
 * only their own scores.
 */
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import type { BidContent } from "~/modules/bidding/content";
import { findOpeningRecord, type OpeningLine, type OpeningRecord } from "~/modules/bidding/open-lot.server";
import type { BidStatus } from "~/modules/bidding/lifecycle";
import { rulesFromRows } from "~/modules/reference/procurement-rules";
import { problemMessage } from "~/modules/tender/publication-check";
import { notFoundResult, ok, type Result } from "~/utils/result";
import { findLotFacts, listCriteria, listLotPanel, listScorableBids, type Criterion, type LotFacts } from "./lot-context.server";
import { formatHundredths, memberStage, panelCompositionProblems, type MemberStage, type PanelKind, type PanelMemberStatus } from "./panel";
import { pastPerformance, type PastPerformance } from "./past-performance.server";
import { priceScoreHundredths } from "./ranking";
import { findEvaluationReport, listReportRounds, type EvaluationReport } from "./report.server";

// --- The lot pages' frame ----------------------------------------------------------------------

export interface LotHeader {
  lot: LotFacts;
  canViewEvaluation: boolean;
  canViewAward: boolean;
  isPanelMember: boolean;
}

/**
 * The lot as its pages' frame shows it: to the officer and the admin (evaluation.viewReport), and
 * to anyone who sits or sat on its panel; to everyone else it does not exist.
 */
export async function findLotHeader(db: DB, actor: Actor, lotId: string): Promise<LotHeader | undefined> {
  const lot = await findLotFacts(db, lotId);
  if (!lot) return undefined;
  const canView = can(actor, "evaluation.viewReport");
  const seat = can(actor, "panel.serve")
    ? await db.selectFrom("lot_panel_members").select("status").where("lot_id", "=", lotId).where("user_id", "=", actor.userId).executeTakeFirst()
    : undefined;
  if (!canView && !seat) return undefined;
  return { lot, canViewEvaluation: canView, canViewAward: canView, isPanelMember: Boolean(seat) };
}

// --- The officer's evaluation page -------------------------------------------------------------

export interface ComplianceBid {
  bidId: string;
  institutionName: string;
  priceFen: number | null;
  capacity: number | null;
  submittedAt: string;
  receiptOk: boolean;
  status: BidStatus;
  rejectionReason: string | null;
  complianceAt: string | null;
  content: BidContent | null;
}

export interface PanelSeatView {
  userId: string;
  name: string;
  kind: PanelKind;
  status: PanelMemberStatus;
  replacesName: string | null;
  replaced: boolean;
  declaration: { hasConflict: boolean; note: string | null; declaredAt: string } | null;
  submittedAt: string | null;
}

export interface BureauLotEvaluation {
  lot: LotFacts;
  opening: OpeningRecord | null;
  /** Bids that counted at opening, for the compliance check. */
  bids: ComplianceBid[];
  /** Bids the opening itself excluded, with its reason. */
  excluded: OpeningLine[];
  undecided: number;
  validCount: number;
  minValidBids: number;
  panel: PanelSeatView[];
  activeCount: number;
  submittedCount: number;
  /** Why the active panel does not satisfy the rules (messages), empty when it does. */
  panelProblems: string[];
  /** Evaluators who may be named in a conflicted member's place. */
  candidates: { userId: string; name: string }[];
  /** The current round's report, once the panel has completed it (ranking only here). */
  report: Pick<EvaluationReport, "round" | "ranking" | "createdAt" | "confirmedAt"> | null;
  reportRounds: number[];
}

async function listSeats(db: DB, lotId: string, round: number): Promise<PanelSeatView[]> {
  const panel = await listLotPanel(db, lotId);
  const names = new Map(panel.map((m) => [m.userId, m.name]));
  const declarations = await db
    .selectFrom("panel_declarations")
    .select(["user_id", "has_conflict", "note", "declared_at"])
    .where("lot_id", "=", lotId)
    .where("round", "=", round)
    .execute();
  const submissions = await db.selectFrom("panel_submissions").select(["user_id", "submitted_at"]).where("lot_id", "=", lotId).where("round", "=", round).execute();
  const decl = new Map(declarations.map((d) => [d.user_id, d]));
  const subm = new Map(submissions.map((s) => [s.user_id, s.submitted_at]));
  return panel.map((m) => {
    const d = decl.get(m.userId);
    return {
      userId: m.userId,
      name: m.name,
      kind: m.kind,
      status: m.status,
      replacesName: m.replacesUserId ? (names.get(m.replacesUserId) ?? null) : null,
      replaced: m.replaced,
      declaration: d ? { hasConflict: Number(d.has_conflict) === 1, note: d.note, declaredAt: d.declared_at } : null,
      submittedAt: subm.get(m.userId) ?? null,
    };
  });
}

/** The officer's (and the admin's) view of a lot's evaluation: compliance, panel progress, ranking — never a score before completion. */
export async function findBureauLotEvaluation(db: DB, lotId: string): Promise<BureauLotEvaluation | undefined> {
  const lot = await findLotFacts(db, lotId);
  if (!lot) return undefined;
  const opening = (await findOpeningRecord(db, lotId)) ?? null;
  const rows = await db
    .selectFrom("bids as b")
    .innerJoin("organisations as o", "o.id", "b.institution_id")
    .select(["b.id", "o.name", "b.price_fen", "b.capacity", "b.submitted_at", "b.receipt_ok", "b.status", "b.rejection_reason", "b.compliance_at", "b.opened_content_json"])
    .where("b.lot_id", "=", lotId)
    .where("b.status", "in", ["submitted", "valid", "rejected", "awarded", "not_awarded"])
    .orderBy("b.submitted_at")
    .orderBy("b.id")
    .execute();
  const bids: ComplianceBid[] = rows
    .filter((r) => !r.rejection_reason?.startsWith("opening."))
    .map((r) => ({
      bidId: r.id,
      institutionName: r.name,
      priceFen: r.price_fen === null ? null : Number(r.price_fen),
      capacity: r.capacity,
      submittedAt: r.submitted_at ?? "",
      receiptOk: Number(r.receipt_ok) === 1,
      status: r.status,
      rejectionReason: r.rejection_reason,
      complianceAt: r.compliance_at,
      content: r.opened_content_json ? (JSON.parse(r.opened_content_json) as BidContent) : null,
    }));
  const rules = rulesFromRows(await db.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", lot.regime).execute());
  const panel = lot.round > 0 ? await listSeats(db, lotId, lot.round) : [];
  const active = panel.filter((m) => m.status === "active");
  const onPanel = new Set(panel.map((m) => m.userId));
  const evaluators = await db
    .selectFrom("users as u")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .innerJoin("user_roles as r", (j) => j.onRef("r.user_id", "=", "u.id").on("r.role", "=", "evaluator"))
    .select(["u.id", "u.name"])
    .where("u.status", "=", "active")
    .where("o.kind", "=", "bureau")
    .orderBy("u.name")
    .execute();
  const report = lot.round > 0 ? await findEvaluationReport(db, lotId, lot.round) : undefined;
  return {
    lot,
    opening,
    bids,
    excluded: opening?.lines.filter((l) => !l.counted) ?? [],
    undecided: bids.filter((b) => b.status === "submitted").length,
    validCount: bids.filter((b) => b.status === "valid").length,
    minValidBids: Math.max(lot.minValidBids, rules.min_valid_bids.value),
    panel,
    activeCount: active.length,
    submittedCount: active.filter((m) => m.submittedAt !== null).length,
    panelProblems: panel.length > 0 ? panelCompositionProblems(active, rules).map(problemMessage) : [],
    candidates: evaluators.filter((e) => !onPanel.has(e.id)).map((e) => ({ userId: e.id, name: e.name })),
    report: report ? { round: report.round, ranking: report.ranking, createdAt: report.createdAt, confirmedAt: report.confirmedAt } : null,
    reportRounds: await listReportRounds(db, lotId),
  };
}

// --- A panel member's pages --------------------------------------------------------------------

export interface MyScore {
  criterionId: string;
  /** As typed ("12.5"), or "" when not yet scored. */
  score: string;
  comment: string;
}

export interface ScoringBid {
  bidId: string;
  institutionName: string;
  priceFen: number;
  capacity: number;
  submittedAt: string;
  priceScore: number;
  content: BidContent | null;
  pastPerformance: PastPerformance;
  myScores: MyScore[];
}

export interface PanelWork {
  lot: LotFacts;
  round: number;
  seat: { kind: PanelKind; status: PanelMemberStatus };
  stage: MemberStage;
  declaration: { hasConflict: boolean; note: string | null; declaredAt: string } | null;
  submittedAt: string | null;
  /** Who bid (names only): what a member declares against. */
  bidders: { bidId: string; institutionName: string }[];
  criteria: Criterion[];
  /** The bids with their content, price score, past performance and the member's own scores — once they declared no conflict. */
  bids: ScoringBid[] | null;
  progress: { submitted: number; active: number };
  /** Everyone's scores and the ranking, once the round is complete. */
  report: EvaluationReport | null;
  /** Earlier rounds with a report, read-only. */
  earlierRounds: number[];
}

/**
 * A panel member's view of a lot's current round. Before declaring: the bidders' names only.
 * After declaring no conflict: each valid bid's opened content, price score, past performance and
 * the member's own scores. After completion: everyone's scores. A member who declared a conflict
 * sees none of it; a stranger to the panel is told the lot is not found.
 */
export async function findPanelWork(db: DB, actor: Actor, lotId: string): Promise<Result<PanelWork>> {
  if (!can(actor, "panel.serve")) return notFoundResult;
  const lot = await findLotFacts(db, lotId);
  if (!lot || lot.round < 1) return notFoundResult;
  const seat = await db.selectFrom("lot_panel_members").select(["kind", "status"]).where("lot_id", "=", lotId).where("user_id", "=", actor.userId).executeTakeFirst();
  if (!seat) return notFoundResult;
  const round = lot.round;
  const declaration = await db
    .selectFrom("panel_declarations")
    .select(["has_conflict", "note", "declared_at"])
    .where("lot_id", "=", lotId)
    .where("round", "=", round)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  const submission = await db
    .selectFrom("panel_submissions")
    .select("submitted_at")
    .where("lot_id", "=", lotId)
    .where("round", "=", round)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  const report = (await findEvaluationReport(db, lotId, round)) ?? null;
  const stage = memberStage({
    status: seat.status,
    declared: Boolean(declaration),
    submitted: Boolean(submission),
    reportExists: report !== null,
    evaluating: lot.status === "evaluating",
  });
  const scorable = await listScorableBids(db, lotId);
  const criteria = await listCriteria(db, lot.tenderId);
  const panel = await listLotPanel(db, lotId);
  const active = panel.filter((m) => m.status === "active").map((m) => m.userId);
  const submitted = await db.selectFrom("panel_submissions").select("user_id").where("lot_id", "=", lotId).where("round", "=", round).execute();
  const activeSet = new Set(active);
  const mayScore = seat.status === "active" && declaration !== undefined && Number(declaration.has_conflict) === 0;

  let bids: ScoringBid[] | null = null;
  if (mayScore) {
    const mine = await db
      .selectFrom("bid_scores")
      .select(["bid_id", "criterion_id", "score_hundredths", "comment"])
      .where("round", "=", round)
      .where("user_id", "=", actor.userId)
      .execute();
    const key = (b: string, c: string) => `${b}\u0000${c}`;
    const myMap = new Map(mine.map((s) => [key(s.bid_id, s.criterion_id), s]));
    const past = await pastPerformance(
      db,
      scorable.map((b) => b.institutionId),
    );
    const lowest = scorable.length > 0 ? Math.min(...scorable.map((b) => b.priceFen)) : 0;
    bids = scorable.map((b) => ({
      bidId: b.bidId,
      institutionName: b.institutionName,
      priceFen: b.priceFen,
      capacity: b.capacity,
      submittedAt: b.submittedAt,
      priceScore: b.priceFen > 0 && lowest > 0 ? priceScoreHundredths(lowest, b.priceFen, lot.pricePoints) / 100 : 0,
      content: b.content,
      pastPerformance: past[b.institutionId]!,
      myScores: criteria.map((c) => {
        const s = myMap.get(key(b.bidId, c.id));
        return { criterionId: c.id, score: s ? formatHundredths(Number(s.score_hundredths)) : "", comment: s?.comment ?? "" };
      }),
    }));
  }
  const rounds = await listReportRounds(db, lotId);
  return ok({
    lot,
    round,
    seat: { kind: seat.kind, status: seat.status },
    stage,
    declaration: declaration ? { hasConflict: Number(declaration.has_conflict) === 1, note: declaration.note, declaredAt: declaration.declared_at } : null,
    submittedAt: submission?.submitted_at ?? null,
    bidders: seat.status === "active" ? scorable.map((b) => ({ bidId: b.bidId, institutionName: b.institutionName })) : [],
    criteria,
    bids,
    progress: { submitted: submitted.filter((s) => activeSet.has(s.user_id)).length, active: active.length },
    report: mayScore && report ? report : null,
    earlierRounds: rounds.filter((r) => r < round),
  });
}

export interface PanelLotItem {
  lotId: string;
  reference: string;
  lotNumber: number;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  level: number;
  round: number;
  stage: MemberStage;
  progress: { submitted: number; active: number };
}

/** The lots on whose panel an evaluator sits, with where they stand in each (to declare, to score, submitted, complete). */
export async function listPanelLots(db: DB, actor: Actor): Promise<PanelLotItem[]> {
  if (!can(actor, "panel.serve")) return [];
  const seats = await db
    .selectFrom("lot_panel_members as m")
    .innerJoin("lots as l", "l.id", "m.lot_id")
    .select(["m.lot_id", "m.status", "l.evaluation_round", "l.status as lot_status"])
    .where("m.user_id", "=", actor.userId)
    .execute();
  const out: PanelLotItem[] = [];
  for (const s of seats) {
    const lot = await findLotFacts(db, s.lot_id);
    if (!lot) continue;
    const round = lot.round;
    const [declared, submitted, report, members, subs] = await Promise.all([
      db.selectFrom("panel_declarations").select("user_id").where("lot_id", "=", lot.lotId).where("round", "=", round).where("user_id", "=", actor.userId).executeTakeFirst(),
      db.selectFrom("panel_submissions").select("user_id").where("lot_id", "=", lot.lotId).where("round", "=", round).where("user_id", "=", actor.userId).executeTakeFirst(),
      db.selectFrom("evaluation_reports").select("round").where("lot_id", "=", lot.lotId).where("round", "=", round).executeTakeFirst(),
      db.selectFrom("lot_panel_members").select("user_id").where("lot_id", "=", lot.lotId).where("status", "=", "active").execute(),
      db.selectFrom("panel_submissions").select("user_id").where("lot_id", "=", lot.lotId).where("round", "=", round).execute(),
    ]);
    const activeIds = new Set(members.map((m) => m.user_id));
    out.push({
      lotId: lot.lotId,
      reference: lot.reference,
      lotNumber: lot.lotNumber,
      occupationCode: lot.occupationCode,
      occupationZh: lot.occupationZh,
      occupationEn: lot.occupationEn,
      level: lot.level,
      round,
      stage: memberStage({
        status: s.status,
        declared: Boolean(declared),
        submitted: Boolean(submitted),
        reportExists: Boolean(report),
        evaluating: lot.status === "evaluating",
      }),
      progress: { submitted: subs.filter((x) => activeIds.has(x.user_id)).length, active: activeIds.size },
    });
  }
  const order: Record<MemberStage, number> = { toDeclare: 0, toScore: 1, submitted: 2, complete: 3, conflicted: 4, closed: 5 };
  return out.sort((a, b) => order[a.stage] - order[b.stage] || a.reference.localeCompare(b.reference) || a.lotNumber - b.lotNumber);
}

// --- The panel's printable report --------------------------------------------------------------

export interface ReportPage {
  lot: LotFacts;
  criteria: Criterion[];
  report: EvaluationReport;
  /** Every declaration of the round, conflicts included, with who made it. */
  declarations: { userId: string; name: string; hasConflict: boolean; note: string | null; declaredAt: string }[];
  rounds: number[];
}

/**
 * The panel's report of a round (the latest by default): for the officer and the admin
 * (evaluation.viewReport), and for the members who scored that round once it is complete.
 */
export async function findReportPage(db: DB, actor: Actor, lotId: string, round?: number): Promise<ReportPage | undefined> {
  const lot = await findLotFacts(db, lotId);
  if (!lot) return undefined;
  const report = await findEvaluationReport(db, lotId, round);
  if (!report) return undefined;
  const isReader = can(actor, "evaluation.viewReport") || (can(actor, "panel.serve") && report.members.some((m) => m.userId === actor.userId));
  if (!isReader) return undefined;
  const declarations = await db
    .selectFrom("panel_declarations as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select(["d.user_id", "u.name", "d.has_conflict", "d.note", "d.declared_at"])
    .where("d.lot_id", "=", lotId)
    .where("d.round", "=", report.round)
    .orderBy("d.declared_at")
    .execute();
  return {
    lot,
    criteria: await listCriteria(db, lot.tenderId),
    report,
    declarations: declarations.map((d) => ({ userId: d.user_id, name: d.name, hasConflict: Number(d.has_conflict) === 1, note: d.note, declaredAt: d.declared_at })),
    rounds: await listReportRounds(db, lotId),
  };
}
