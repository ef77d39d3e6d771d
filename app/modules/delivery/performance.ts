/**
 * An institution's performance record (DESIGN.md "Contract and delivery"; issue 5: completion
 * rate, certification rate, ratings), which the evaluation shows as past performance. Pure: the
 * server reads the counts and the scores.
 */
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { EnrolmentStatus, TraineeProgress } from "./lifecycle";
import { finalProgressOf, isCompleted } from "./results";

/** Trainees of one status and progress, counted (a row of a grouped query, or one trainee with count 1). */
export interface TraineeCount {
  status: EnrolmentStatus;
  progress: TraineeProgress | null;
  count: number;
}

export interface PerformanceFigures {
  /** Trainees with a final result: confirmed trainees whose result is recorded, and dropped trainees. */
  withResult: number;
  completed: number;
  certified: number;
  notCompleted: number;
  /** Completed over trainees with a result, in per mille (rounded half up); null when nobody has a result. */
  completionPermille: number | null;
  /** Certified over trainees with a result, in per mille (rounded half up); null when nobody has a result. */
  certificationPermille: number | null;
  ratingCount: number;
  ratingSum: number;
  /** Mean enterprise rating to one decimal; null when nobody has rated. */
  meanRating: number | null;
}

/** Per mille, rounded half up; null over nobody. */
export function permilleOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 1000) / whole) : null;
}

/** A mean to one decimal, rounded half up; null over nothing. */
export function meanToTenth(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum * 10) / count) / 10 : null;
}

/**
 * The figures of a set of trainees and ratings: a dropped trainee counts as not completed; a
 * replaced one (who never took the course), an offered or declined one, and a confirmed one still
 * in training do not count at all.
 */
export function performanceOf(trainees: readonly TraineeCount[], ratings: readonly number[]): PerformanceFigures {
  let withResult = 0;
  let completed = 0;
  let certified = 0;
  for (const t of trainees) {
    if (t.status !== "confirmed" && t.status !== "dropped") continue;
    const p = finalProgressOf(t.status, t.progress);
    if (p === null) continue;
    withResult += t.count;
    if (isCompleted(p)) completed += t.count;
    if (p === "certified") certified += t.count;
  }
  const ratingSum = ratings.reduce((s, r) => s + r, 0);
  return {
    withResult,
    completed,
    certified,
    notCompleted: withResult - completed,
    completionPermille: permilleOf(completed, withResult),
    certificationPermille: permilleOf(certified, withResult),
    ratingCount: ratings.length,
    ratingSum,
    meanRating: meanToTenth(ratingSum, ratings.length),
  };
}

export interface ContractPerformanceInput {
  contractId: string;
  status: ContractStatus;
  trainees: readonly TraineeCount[];
  ratings: readonly number[];
}

export interface InstitutionRecord {
  /** Contracts accepted and completed. */
  completedContracts: number;
  /** Over every contract's trainees and ratings together (counts summed, not rates averaged). */
  overall: PerformanceFigures;
  /**
   * Over completed (accepted) contracts only: the figure the evaluation panel sees as past
   * performance, since only there has the bureau checked the results at acceptance.
   */
  accepted: PerformanceFigures;
  contracts: (PerformanceFigures & { contractId: string; status: ContractStatus })[];
}

/** An institution's record: each contract's figures, the overall and accepted-only figures, and its number of completed contracts. */
export function institutionRecord(contracts: readonly ContractPerformanceInput[]): InstitutionRecord {
  const accepted = contracts.filter((c) => c.status === "completed");
  return {
    completedContracts: accepted.length,
    overall: performanceOf(
      contracts.flatMap((c) => c.trainees),
      contracts.flatMap((c) => c.ratings),
    ),
    accepted: performanceOf(
      accepted.flatMap((c) => c.trainees),
      accepted.flatMap((c) => c.ratings),
    ),
    contracts: contracts.map((c) => ({ contractId: c.contractId, status: c.status, ...performanceOf(c.trainees, c.ratings) })),
  };
}

/** A per-mille figure as a percentage with one decimal ("79.9%"); a dash when there is none. */
export function permilleText(permille: number | null): string {
  return permille === null ? "—" : `${(permille / 10).toFixed(1)}%`;
}

/** Minutes as hours, to at most two decimals ("32", "7.25"). */
export function minutesAsHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}
