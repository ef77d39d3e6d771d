/**
 * The funnel demanded → pooled → tendered → contracted → enrolled → completed → certified
 * (DESIGN.md "Targets and progress"), in trainees (headcounts).
 *
 * For the district's year (`yearRows`): the first three stages count the year's demand — demand
 * whose training is wanted to start that year (its earliest start) — at every stage its present
 * state has reached; the last four count the year's contracts — those of the year's tenders —
 * and their trainees. The bureau builds a year's tenders from that year's demand, so the two
 * halves meet; reading each half from its own table keeps a city's year to two index ranges
 * instead of a join per demand (docs/BENCHMARKS.md "Progress").
 *
 * For one enterprise (`cohortRows`), every stage follows its own demands, exactly.
 */
import type { DemandStatus } from "~/modules/demand/lifecycle";

export const STAGES = ["demanded", "pooled", "tendered", "contracted", "enrolled", "completed", "certified"] as const;
export type Stage = (typeof STAGES)[number];
export type StageCounts = Record<Stage, number>;

export function emptyCounts(): StageCounts {
  return { demanded: 0, pooled: 0, tendered: 0, contracted: 0, enrolled: 0, completed: 0, certified: 0 };
}

/**
 * The demand stages a demand's present status has reached. A draft was never demanded; a
 * submitted, returned, rejected or withdrawn demand was demanded but did not reach the pool;
 * pooled and tendered demand reached each stage up to its own; contracted and fulfilled demand
 * was tendered — the contracted stage and those after it are counted from the contracts and
 * enrolments themselves (a split award divides a demand between contracts). A demand whose lot
 * failed is back in the pool, so it counts as pooled again, not tendered.
 */
export function demandStagesReached(status: DemandStatus): Stage[] {
  switch (status) {
    case "draft":
      return [];
    case "submitted":
    case "returned":
    case "rejected":
    case "withdrawn":
      return ["demanded"];
    case "pooled":
      return ["demanded", "pooled"];
    case "tendered":
      return ["demanded", "pooled", "tendered"];
    case "contracted":
    case "fulfilled":
      return ["demanded", "pooled", "tendered"];
  }
}

export type EnrolmentProgress = "completed" | "not_completed" | "certified" | "not_certified" | null;

/** Whether a trainee's recorded progress means the training was completed (certified or not). */
export function hasCompleted(progress: EnrolmentProgress): boolean {
  return progress === "completed" || progress === "certified" || progress === "not_certified";
}

export interface CohortDemand {
  id: string;
  enterpriseId: string;
  occupationCode: string;
  level: number;
  headcount: number;
  status: DemandStatus;
}

/** A demand's share of a live contract (its award's headcount for that demand). */
export interface CohortContracted {
  demandId: string;
  contractId: string;
  institutionId: string;
  headcount: number;
}

/** Trainees of a demand in a contract's cohort, ever confirmed (confirmed or dropped), by progress. */
export interface CohortEnrolments {
  demandId: string;
  contractId: string;
  institutionId: string;
  progress: EnrolmentProgress;
  count: number;
}

/** One line of the funnel: demand (institution null), or a contract's share (institution set). */
export interface CohortRow extends StageCounts {
  /** Null where the line is not one enterprise's (the year's lines). */
  enterpriseId: string | null;
  occupationCode: string;
  level: number;
  institutionId: string | null;
}

/**
 * Lines the funnel and its breakdowns are summed from: per demand, its demand stages; per
 * (demand, contract), the contracted headcount and the trainees enrolled, completed and
 * certified. Rows of demands not in the cohort are ignored.
 */
export function cohortRows(demands: readonly CohortDemand[], contracted: readonly CohortContracted[], enrolments: readonly CohortEnrolments[]): CohortRow[] {
  const byId = new Map(demands.map((d) => [d.id, d]));
  const rows: CohortRow[] = [];
  for (const d of demands) {
    const row: CohortRow = { enterpriseId: d.enterpriseId, occupationCode: d.occupationCode, level: d.level, institutionId: null, ...emptyCounts() };
    for (const s of demandStagesReached(d.status)) row[s] = d.headcount;
    rows.push(row);
  }
  const perContract = new Map<string, CohortRow>();
  const lineFor = (demandId: string, contractId: string, institutionId: string): CohortRow | undefined => {
    const d = byId.get(demandId);
    if (!d) return undefined;
    const key = `${demandId}|${contractId}`;
    let row = perContract.get(key);
    if (!row) {
      row = { enterpriseId: d.enterpriseId, occupationCode: d.occupationCode, level: d.level, institutionId, ...emptyCounts() };
      perContract.set(key, row);
      rows.push(row);
    }
    return row;
  };
  for (const c of contracted) {
    const row = lineFor(c.demandId, c.contractId, c.institutionId);
    if (row) row.contracted += c.headcount;
  }
  for (const e of enrolments) {
    const row = lineFor(e.demandId, e.contractId, e.institutionId);
    if (!row) continue;
    row.enrolled += e.count;
    if (hasCompleted(e.progress)) row.completed += e.count;
    if (e.progress === "certified") row.certified += e.count;
  }
  return rows;
}

/** The year's demand, summed per status, occupation and level. */
export interface DemandGroup {
  status: DemandStatus;
  occupationCode: string;
  level: number;
  headcount: number;
}

/** A contract of the year's tenders that exists for its demand (awaiting signature, in force or done). */
export interface YearContract {
  id: string;
  institutionId: string;
  occupationCode: string;
  level: number;
  headcount: number;
}

/** Trainees of a contract ever confirmed (confirmed or dropped), by progress. */
export interface ContractTrainees {
  contractId: string;
  progress: EnrolmentProgress;
  count: number;
}

/** The year's lines: demand groups (demanded → tendered) and contracts (contracted → certified). */
export function yearRows(demand: readonly DemandGroup[], contracts: readonly YearContract[], trainees: readonly ContractTrainees[]): CohortRow[] {
  const rows: CohortRow[] = [];
  for (const g of demand) {
    const row: CohortRow = { enterpriseId: null, occupationCode: g.occupationCode, level: g.level, institutionId: null, ...emptyCounts() };
    for (const s of demandStagesReached(g.status)) row[s] = g.headcount;
    rows.push(row);
  }
  const byId = new Map<string, CohortRow>();
  for (const c of contracts) {
    const row: CohortRow = { enterpriseId: null, occupationCode: c.occupationCode, level: c.level, institutionId: c.institutionId, ...emptyCounts(), contracted: c.headcount };
    byId.set(c.id, row);
    rows.push(row);
  }
  for (const t of trainees) {
    const row = byId.get(t.contractId);
    if (!row) continue;
    row.enrolled += t.count;
    if (hasCompleted(t.progress)) row.completed += t.count;
    if (t.progress === "certified") row.certified += t.count;
  }
  return rows;
}

/** Sums rows into one set of stage counts. */
export function sumCounts(rows: readonly StageCounts[]): StageCounts {
  const total = emptyCounts();
  for (const r of rows) for (const s of STAGES) total[s] += r[s];
  return total;
}

/** Stage counts per group (occupation, level, institution, enterprise…); rows whose key is null are left out. */
export function breakdown(rows: readonly CohortRow[], keyOf: (r: CohortRow) => string | null): Map<string, StageCounts> {
  const groups = new Map<string, StageCounts>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyCounts()));
    for (const s of STAGES) g[s] += r[s];
  }
  return groups;
}

export interface FunnelStage {
  stage: Stage;
  count: number;
  /** This stage as a percentage of the one before (null for the first, or after an empty stage). */
  pctOfPrevious: number | null;
  /** Trainees lost since the stage before (0 for the first). */
  lost: number;
}

/** The funnel's stages in order, each with what it kept of the stage before. */
export function funnel(counts: StageCounts): FunnelStage[] {
  return STAGES.map((stage, i) => {
    const count = counts[stage];
    const previous = i > 0 ? counts[STAGES[i - 1]!] : null;
    return {
      stage,
      count,
      pctOfPrevious: previous ? (count * 100) / previous : null,
      lost: previous === null ? 0 : Math.max(0, previous - count),
    };
  });
}

/**
 * Where the year's demand is held up: the step that loses the most trainees (the stage it fails
 * to reach); undefined when no step loses any. On a tie, the earlier step — it holds up the rest.
 */
export function largestDrop(stages: readonly FunnelStage[]): FunnelStage | undefined {
  let worst: FunnelStage | undefined;
  for (const s of stages) if (s.lost > 0 && (!worst || s.lost > worst.lost)) worst = s;
  return worst;
}
