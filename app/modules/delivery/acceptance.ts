/**
 * Acceptance (验收, DESIGN.md "Contract and delivery"; issue 5): the bureau signs off a contract
 * whose every confirmed trainee has a result, with the enterprises' ratings and the trainees'
 * results attached. Pure: the summary the checklist shows, the refusal, and the snapshot stored
 * on the contract and published — counts and organisations only, never a trainee's personal data.
 */
import { attendancePermille, meetsCompletionShare } from "./attendance";
import type { ProgressStatus } from "./lifecycle";
import { meanToTenth, permilleOf } from "./performance";

export interface AcceptanceInput {
  /** Each confirmed trainee's progress and attended minutes (no names needed). */
  confirmed: readonly { progress: ProgressStatus; attendedMinutes: number }[];
  dropped: number;
  sessions: number;
  plannedMinutes: number;
  completionPct: number;
  /** Each covered enterprise with its rating's score, if it has rated. */
  enterprises: readonly { name: string; score: number | null }[];
  /** The contract's milestones: their status and amounts in fen. */
  milestones: readonly { status: string; amountFen: number }[];
}

export interface AcceptanceSummary {
  trainees: {
    confirmed: number;
    dropped: number;
    /** Confirmed trainees with a result, and dropped ones (who count as not completed). */
    withResult: number;
    missingResults: number;
    completed: number;
    certified: number;
    notCertified: number;
    notCompleted: number;
  };
  completionPermille: number | null;
  certificationPermille: number | null;
  attendance: {
    sessions: number;
    plannedMinutes: number;
    /** Attended over planned across the confirmed trainees, per mille. */
    meanPermille: number | null;
    /** Confirmed trainees below the tender's completion share. */
    belowShare: number;
    completionPct: number;
  };
  ratings: { enterpriseName: string; score: number | null }[];
  meanRating: number | null;
  missingRatings: number;
  payments: { milestones: number; requestedFen: number; approvedFen: number; paidFen: number };
}

/** The checklist's figures (DESIGN.md "Contract and delivery"): results, attendance, ratings, payments. */
export function acceptanceSummary(input: AcceptanceInput): AcceptanceSummary {
  const results = input.confirmed.filter((c) => c.progress !== "in_training");
  const completed = results.filter((c) => c.progress === "certified" || c.progress === "not_certified" || c.progress === "completed").length;
  const certified = results.filter((c) => c.progress === "certified").length;
  const withResult = results.length + input.dropped;
  const attended = input.confirmed.reduce((s, c) => s + c.attendedMinutes, 0);
  const scores = input.enterprises.map((e) => e.score).filter((s): s is number => s !== null);
  const sum = (status: readonly string[]) => input.milestones.filter((m) => status.includes(m.status)).reduce((s, m) => s + m.amountFen, 0);
  return {
    trainees: {
      confirmed: input.confirmed.length,
      dropped: input.dropped,
      withResult,
      missingResults: input.confirmed.length - results.length,
      completed,
      certified,
      notCertified: completed - certified,
      notCompleted: withResult - completed,
    },
    completionPermille: permilleOf(completed, withResult),
    certificationPermille: permilleOf(certified, withResult),
    attendance: {
      sessions: input.sessions,
      plannedMinutes: input.plannedMinutes,
      meanPermille: input.confirmed.length > 0 && input.plannedMinutes > 0 ? attendancePermille(attended, input.plannedMinutes * input.confirmed.length) : null,
      belowShare: input.confirmed.filter((c) => !meetsCompletionShare(c.attendedMinutes, input.plannedMinutes, input.completionPct)).length,
      completionPct: input.completionPct,
    },
    ratings: input.enterprises.map((e) => ({ enterpriseName: e.name, score: e.score })),
    meanRating: meanToTenth(
      scores.reduce((s, x) => s + x, 0),
      scores.length,
    ),
    missingRatings: input.enterprises.length - scores.length,
    payments: {
      milestones: input.milestones.length,
      requestedFen: sum(["requested"]),
      approvedFen: sum(["approved"]),
      paidFen: sum(["paid"]),
    },
  };
}

/**
 * Why the contract cannot be accepted now, as a dictionary message, or null: only an active
 * contract with a cohort, every confirmed trainee of which has a result. A missing rating does
 * not block (it is marked on the checklist).
 */
export function acceptanceRefusal(status: string, summary: AcceptanceSummary): { key: string; params?: Record<string, number> } | null {
  if (status === "completed") return { key: "completion.acceptance.errors.alreadyAccepted" };
  if (status !== "active") return { key: "completion.acceptance.errors.notActive" };
  if (summary.trainees.confirmed + summary.trainees.dropped === 0) return { key: "completion.acceptance.errors.noTrainees" };
  if (summary.trainees.missingResults > 0) return { key: "completion.acceptance.errors.resultsMissing", params: { count: summary.trainees.missingResults } };
  return null;
}

/** What is stored in `contracts.acceptance_json` and published. */
export interface AcceptanceSnapshot extends AcceptanceSummary {
  version: 1;
  acceptedAt: string;
}

export function acceptanceSnapshot(summary: AcceptanceSummary, acceptedAt: string): AcceptanceSnapshot {
  return { version: 1, acceptedAt, ...summary };
}

/** Reads a stored snapshot back; null when there is none or it is not one. */
export function parseAcceptanceSnapshot(json: string | null): AcceptanceSnapshot | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<AcceptanceSnapshot>;
    return v && v.version === 1 && typeof v.acceptedAt === "string" && v.trainees ? (v as AcceptanceSnapshot) : null;
  } catch {
    return null;
  }
}

/** The public face of an acceptance: when, trainees with a result, completed, certified, the mean rating. */
export interface PublicAcceptance {
  acceptedAt: string;
  trainees: number;
  completed: number;
  certified: number;
  meanRating: number | null;
  ratingCount: number;
}

export function publicAcceptance(s: AcceptanceSnapshot): PublicAcceptance {
  return {
    acceptedAt: s.acceptedAt,
    trainees: s.trainees.withResult,
    completed: s.trainees.completed,
    certified: s.trainees.certified,
    meanRating: s.meanRating,
    ratingCount: s.ratings.length - s.missingRatings,
  };
}
