/**
 * Progress toward the yearly targets (DESIGN.md "Targets and progress"): the figures of the
 * bureau's progress page, the public statistics page and an enterprise's or institution's own
 * progress. Every figure is aggregated in SQL (GROUP BY) and read through indexes (migration
 * 202611281300_add_progress_indexes); the arithmetic on the groups is pure (metrics.ts,
 * projection.ts, funnel.ts).
 *
 * What counts in which year:
 * - *trained* (the targets, the monthly curve, trained by occupation): a trainee who completed —
 *   certified or not — in the Shanghai year in which the institution recorded the completion
 *   (`enrolments.result_recorded_at`). That instant is stamped by the system when the result is
 *   recorded, once and for good, after the course's last session; it cannot be typed into a year
 *   already closed, and every completed trainee has one (a certificate date exists only for those
 *   who passed certification).
 * - *high-skilled*: trained on a lot of level 3 or above (高级工、技师、高级技师), all of it funded
 *   by the government through orders.
 * - the *funnel* and its breakdowns, in trainees: demanded → pooled → tendered from the year's
 *   demand (training wanted to start that year, `earliest_start`); contracted → certified from
 *   the contracts of the year's tenders (funnel.ts says why); an enterprise's own funnel follows
 *   its own demands all the way.
 * - *budget*: the year's tenders (allocated to tenders, committed contracts, paid transfers).
 * - *lead time*: the trainees of the year's contracts certified so far, from their demand's
 *   submission to their certificate's date.
 */
import { sql } from "kysely";
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { highSkilledSharePct } from "~/modules/demand/workforce";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import type { TraineeProgress } from "~/modules/delivery/lifecycle";
import { yearBudget } from "~/modules/payment/budget.server";
import { isHighSkilled } from "~/modules/reference/skill-levels";
import { notFoundResult, ok, type Result } from "~/utils/result";
import {
  breakdown,
  cohortRows,
  funnel,
  largestDrop,
  sumCounts,
  yearRows,
  type CohortRow,
  type ContractTrainees,
  type DemandGroup,
  type FunnelStage,
  type Stage,
  type StageCounts,
  type YearContract,
} from "./funnel";
import { leadTimes, monthsElapsed, shanghaiMonthStarts, shanghaiYearMonth, shanghaiYearRange, targetStatus, yearPhase, type LeadTimes, type TargetStatus, type YearPhase } from "./metrics";
import { completionRate, DEFAULT_COMPLETION_RATE, pendingTrainees, progressCurve, projectYear, scheduleEnd, type CompletionRate, type ProgressCurve, type ScheduledContract } from "./projection";
import { findTargets } from "./targets.server";
import type { YearTargets } from "./targets";

const COMPLETED: TraineeProgress[] = ["completed", "certified", "not_certified"];
/** A contract exists for the demand it covers: awaiting signature, in force or done. */
const CONTRACTED: ContractStatus[] = ["pending_signature", "active", "completed"];

// --- Trained in a year ------------------------------------------------------------------------

/** Trainees trained in a year, grouped by the lot's occupation and level, the institution and the Shanghai month (1–12). */
export interface TrainedGroup {
  occupationCode: string;
  level: number;
  institutionId: string;
  month: number;
  count: number;
}

async function trainedInYear(db: DB, year: number): Promise<TrainedGroup[]> {
  // Per month, one range of the covering index counted per contract (twelve ranges, one
  // statement); then each contract's lot and institution named: a join per group, not per trainee.
  const starts = shanghaiMonthStarts(year);
  const perMonth = starts.slice(0, 12).map((start, i) =>
    db
      .selectFrom("enrolments")
      .select([sql.lit(i + 1).as("month"), "contract_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("result_recorded_at", ">=", start)
      .where("result_recorded_at", "<", starts[i + 1]!)
      .where("progress", "in", COMPLETED)
      .groupBy("contract_id"),
  );
  const perContract = perMonth.slice(1).reduce((all, month) => all.unionAll(month), perMonth[0]!);
  const rows = await db
    .selectFrom(perContract.as("g"))
    .innerJoin("contracts as c", "c.id", "g.contract_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .select(["l.occupation_code", "l.level", "c.institution_id", "g.month", (eb) => eb.fn.sum<number>("g.n").as("n")])
    .groupBy(["l.occupation_code", "l.level", "c.institution_id", "g.month"])
    .execute();
  return rows.map((r) => ({ occupationCode: r.occupation_code, level: Number(r.level), institutionId: r.institution_id, month: Number(r.month), count: Number(r.n) }));
}

function byMonth(groups: readonly TrainedGroup[], keep: (g: TrainedGroup) => boolean = () => true): number[] {
  const months = Array<number>(12).fill(0);
  for (const g of groups) if (keep(g)) months[g.month - 1]! += g.count;
  return months;
}

// --- The projection's inputs ------------------------------------------------------------------

export interface ProjectionBasis {
  /** Institutions with active contracts whose own completion rate is used. */
  institutionsWithHistory: number;
  /** … and those given the default rate (fewer than ten finished trainees). */
  institutionsWithDefault: number;
  defaultRate: number;
  /** Active contracts contributing to the year. */
  contracts: number;
  /** Trainees still expected from them (before the completion rates). */
  pendingTrainees: number;
}

/** Active contracts with when their course ends and whom they still expect to finish. */
async function scheduledContracts(db: DB): Promise<(ScheduledContract & { contractId: string })[]> {
  const contracts = await db
    .selectFrom("contracts as c")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .select(["c.id", "c.institution_id", "c.headcount", "l.level", "l.window_end"])
    .where("c.status", "=", "active")
    .execute();
  if (contracts.length === 0) return [];
  // By subquery rather than a list of ids: a city's active contracts would be a long parameter list.
  const active = db.selectFrom("contracts").select("id").where("status", "=", "active");
  const [sessions, enrolments] = await Promise.all([
    db
      .selectFrom("course_sessions")
      .select(["contract_id", (eb) => eb.fn.max("starts_at").as("last")])
      .where("contract_id", "in", active)
      .groupBy("contract_id")
      .execute(),
    db
      .selectFrom("enrolments")
      .select(["contract_id", "status", "progress", (eb) => eb.fn.countAll<number>().as("n")])
      .where("contract_id", "in", active)
      .where("status", "in", ["confirmed", "dropped"])
      .groupBy(["contract_id", "status", "progress"])
      .execute(),
  ]);
  const last = new Map(sessions.map((s) => [s.contract_id, s.last as string | null]));
  const ever = new Map<string, number>();
  const open = new Map<string, number>();
  for (const e of enrolments) {
    ever.set(e.contract_id, (ever.get(e.contract_id) ?? 0) + Number(e.n));
    if (e.status === "confirmed" && e.progress === null) open.set(e.contract_id, (open.get(e.contract_id) ?? 0) + Number(e.n));
  }
  return contracts.map((c) => ({
    contractId: c.id,
    institutionId: c.institution_id,
    highSkilled: isHighSkilled(Number(c.level)),
    endsOn: scheduleEnd(last.get(c.id) ?? null, c.window_end),
    pending: pendingTrainees({ headcount: Number(c.headcount), everEnrolled: ever.get(c.id) ?? 0, inTraining: open.get(c.id) ?? 0 }),
  }));
}

/** Years of contracts, before the year in hand, an institution's completion rate looks back over. */
export const HISTORY_YEARS = 3;

/**
 * Each institution's completion rate from the final results of its recent contracts — those made
 * since 1 January three years before the year in hand (recent enough to reflect the institution
 * as it is) — counting a dropped trainee as not completed, as its performance record does.
 */
async function completionRates(db: DB, institutionIds: readonly string[], year: number): Promise<Map<string, CompletionRate>> {
  const rates = new Map<string, CompletionRate>();
  const ids = [...new Set(institutionIds)];
  if (ids.length === 0) return rates;
  const since = shanghaiYearRange(year - HISTORY_YEARS).start;
  // Per contract first (index-only on the enrolments), then summed per institution here.
  const recent = db.selectFrom("contracts").where("institution_id", "in", ids).where("created_at", ">=", since);
  const [contracts, counts] = await Promise.all([
    recent.select(["id", "institution_id"]).execute(),
    db
      .selectFrom("enrolments")
      .select(["contract_id", "status", "progress", (eb) => eb.fn.countAll<number>().as("n")])
      .where("contract_id", "in", recent.select("id"))
      .where("status", "in", ["confirmed", "dropped"])
      .groupBy(["contract_id", "status", "progress"])
      .execute(),
  ]);
  const institutionOf = new Map(contracts.map((c) => [c.id, c.institution_id]));
  const outcomes = new Map<string, { completed: number; notCompleted: number }>();
  for (const r of counts) {
    const inst = institutionOf.get(r.contract_id);
    if (!inst) continue;
    const o = outcomes.get(inst) ?? { completed: 0, notCompleted: 0 };
    const n = Number(r.n);
    if (r.status === "dropped" || r.progress === "not_completed") o.notCompleted += n;
    else if (r.progress !== null && COMPLETED.includes(r.progress)) o.completed += n;
    outcomes.set(inst, o);
  }
  for (const id of ids) rates.set(id, completionRate(outcomes.get(id) ?? { completed: 0, notCompleted: 0 }));
  return rates;
}

// --- Targets ----------------------------------------------------------------------------------

export interface TargetFigure {
  actual: number;
  projected: number;
  target: number;
  status: TargetStatus;
}

export interface ShareFigure {
  /** Enterprises that reported their workforce for the year. */
  enterprises: number;
  skilledWorkers: number;
  highSkilledWorkers: number;
  /** Σ high-skilled ÷ Σ skilled over the reports, in per cent to one decimal; null without reports. */
  sharePct: number | null;
  /** Enterprises whose own share reaches the target. */
  enterprisesMeeting: number;
  target: number;
  status: TargetStatus;
}

export interface TargetProgress {
  year: number;
  phase: YearPhase;
  monthsElapsed: number;
  asOf: string;
  targets: YearTargets;
  trained: TargetFigure;
  highSkilled: TargetFigure;
  share: ShareFigure;
  /** Trained by Shanghai month (index 0 = January), and of them high-skilled. */
  trainedByMonth: number[];
  highSkilledByMonth: number[];
  curve: ProgressCurve;
  expectedByMonth: number[];
  basis: ProjectionBasis;
  /** The trained groups (by occupation, level, institution, month), for the breakdowns. */
  trainedGroups: TrainedGroup[];
}

async function workforceShare(db: DB, year: number, targetPct: number, phase: YearPhase): Promise<ShareFigure> {
  const r = await db
    .selectFrom("workforce_reports")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>("skilled_workers").as("skilled"),
      eb.fn.sum<number>("high_skilled_workers").as("high"),
      // An enterprise meets the target when high × 100 ≥ target × skilled (exact, in integers).
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(sql<boolean>`skilled_workers > 0 and high_skilled_workers * 100 >= ${targetPct} * skilled_workers`)
            .then(1)
            .else(0)
            .end(),
        )
        .as("meeting"),
    ])
    .where("year", "=", year)
    .executeTakeFirstOrThrow();
  const skilled = Number(r.skilled ?? 0);
  const high = Number(r.high ?? 0);
  const sharePct = highSkilledSharePct(skilled, high);
  return {
    enterprises: Number(r.n),
    skilledWorkers: skilled,
    highSkilledWorkers: high,
    sharePct,
    enterprisesMeeting: Number(r.meeting ?? 0),
    target: targetPct,
    // A reported stock, not a flow: nothing to project; below the target it is at risk until the year is over.
    status: targetStatus({ actual: sharePct, projected: null, target: targetPct, phase }),
  };
}

/** The year's three targets with their figures, projection and verdicts, and the monthly curve. */
export async function getTargetProgress(db: DB, year: number, now: Date): Promise<TargetProgress> {
  const phase = yearPhase(year, now);
  const elapsed = monthsElapsed(year, now);
  const targets = await findTargets(db, year);
  const [groups, scheduled, share] = await Promise.all([
    trainedInYear(db, year),
    phase === "past" ? Promise.resolve([]) : scheduledContracts(db),
    workforceShare(db, year, targets.highSkilledSharePct, phase),
  ]);
  const trainedByMonth = byMonth(groups);
  const highSkilledByMonth = byMonth(groups, (g) => isHighSkilled(g.level));
  const actual = trainedByMonth.reduce((s, v) => s + v, 0);
  const actualHigh = highSkilledByMonth.reduce((s, v) => s + v, 0);

  // Only the institutions of contracts that can still count this year need a rate.
  const current = shanghaiYearMonth(now).year;
  const relevant = scheduled.filter((c) => c.pending > 0 && Number(c.endsOn.slice(0, 4)) <= year && (year === current || Number(c.endsOn.slice(0, 4)) === year));
  const rates = await completionRates(db, relevant.map((c) => c.institutionId), year);
  const projection = projectYear({ year, now, actual, actualHigh, contracts: relevant, rateOf: (id) => rates.get(id)?.rate ?? DEFAULT_COMPLETION_RATE });
  let withHistory = 0;
  for (const r of rates.values()) if (r.basis === "history") withHistory++;

  return {
    year,
    phase,
    monthsElapsed: elapsed,
    asOf: now.toISOString(),
    targets,
    trained: { actual, projected: projection.projected, target: targets.trainedMin, status: targetStatus({ actual, projected: projection.projected, target: targets.trainedMin, phase }) },
    highSkilled: {
      actual: actualHigh,
      projected: projection.projectedHigh,
      target: targets.highSkilledMin,
      status: targetStatus({ actual: actualHigh, projected: projection.projectedHigh, target: targets.highSkilledMin, phase }),
    },
    share,
    trainedByMonth,
    highSkilledByMonth,
    curve: progressCurve(trainedByMonth, projection.expectedByMonth, elapsed),
    expectedByMonth: projection.expectedByMonth,
    basis: {
      institutionsWithHistory: withHistory,
      institutionsWithDefault: rates.size - withHistory,
      defaultRate: DEFAULT_COMPLETION_RATE,
      contracts: projection.contracts,
      pendingTrainees: relevant.reduce((s, c) => s + c.pending, 0),
    },
    trainedGroups: groups,
  };
}

// --- The year's funnel and breakdowns ---------------------------------------------------------

/** The year's demand (training wanted to start in the year) per status, occupation and level: one index range. */
async function yearDemand(db: DB, year: number): Promise<DemandGroup[]> {
  const rows = await db
    .selectFrom("demands")
    .select(["status", "occupation_code", "level", (eb) => eb.fn.sum<number>("headcount").as("n")])
    .where("earliest_start", ">=", `${year}-01-01`)
    .where("earliest_start", "<=", `${year}-12-31`)
    .where("status", "!=", "draft")
    .groupBy(["status", "occupation_code", "level"])
    .execute();
  return rows.map((r) => ({ status: r.status as DemandStatus, occupationCode: r.occupation_code, level: Number(r.level), headcount: Number(r.n) }));
}

/** The enterprises with the most of the year's demand (ties by id): one range of the covering index, grouped. */
async function leadingEnterprises(db: DB, year: number, limit: number): Promise<string[]> {
  const top = await db
    .selectFrom("demands")
    .select(["enterprise_id", (eb) => eb.fn.sum<number>("headcount").as("n")])
    .where("earliest_start", ">=", `${year}-01-01`)
    .where("earliest_start", "<=", `${year}-12-31`)
    .where("status", "!=", "draft")
    .groupBy("enterprise_id")
    .orderBy("n", "desc")
    .orderBy("enterprise_id")
    .limit(limit)
    .execute();
  return top.map((r) => r.enterprise_id);
}

/** The contracts of the year's tenders that exist for their demand, and their trainees by progress: two index ranges. */
async function yearContracts(db: DB, year: number): Promise<{ contracts: YearContract[]; trainees: ContractTrainees[] }> {
  const ofYear = db
    .selectFrom("contracts as c")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .where("t.year", "=", year)
    .where("c.status", "in", CONTRACTED);
  const [contracts, trainees] = await Promise.all([
    ofYear.innerJoin("lots as l", "l.id", "c.lot_id").select(["c.id", "c.institution_id", "c.headcount", "l.occupation_code", "l.level"]).execute(),
    // Grouped in the index's own order (contract, status, progress): counted as it is read, no sort.
    db
      .selectFrom("enrolments")
      .select(["contract_id", "progress", (eb) => eb.fn.countAll<number>().as("n")])
      .where("contract_id", "in", ofYear.select("c.id"))
      .where("status", "in", ["confirmed", "dropped"])
      .groupBy(["contract_id", "status", "progress"])
      .execute(),
  ]);
  return {
    contracts: contracts.map((c) => ({ id: c.id, institutionId: c.institution_id, occupationCode: c.occupation_code, level: Number(c.level), headcount: Number(c.headcount) })),
    trainees: trainees.map((t) => ({ contractId: t.contract_id, progress: t.progress as TraineeProgress | null, count: Number(t.n) })),
  };
}

/** Some enterprises' demand of the year as cohort lines (funnel.ts): their demands, the contracts covering them and their trainees. */
async function enterpriseCohorts(db: DB, year: number, enterpriseIds: readonly string[]): Promise<CohortRow[]> {
  if (enterpriseIds.length === 0) return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const ids = [...enterpriseIds];
  const [demands, contracted, perDemand] = await Promise.all([
    db
      .selectFrom("demands")
      .select(["id", "enterprise_id", "occupation_code", "level", "headcount", "status"])
      .where("enterprise_id", "in", ids)
      .where("earliest_start", ">=", from)
      .where("earliest_start", "<=", to)
      .where("status", "!=", "draft")
      .execute(),
    db
      .selectFrom("demands as d")
      .innerJoin("award_demands as ad", "ad.demand_id", "d.id")
      .innerJoin("contracts as c", "c.award_id", "ad.award_id")
      .select(["ad.demand_id", "c.id as contract_id", "c.institution_id", "ad.headcount"])
      .where("d.enterprise_id", "in", ids)
      .where("d.earliest_start", ">=", from)
      .where("d.earliest_start", "<=", to)
      .where("c.status", "in", CONTRACTED)
      .execute(),
    db
      .selectFrom("demands as d")
      .innerJoin("enrolments as e", "e.demand_id", "d.id")
      .innerJoin("contracts as c", "c.id", "e.contract_id")
      .select(["e.demand_id", "e.contract_id", "c.institution_id", "e.progress", (eb) => eb.fn.countAll<number>().as("n")])
      .where("d.enterprise_id", "in", ids)
      .where("d.earliest_start", ">=", from)
      .where("d.earliest_start", "<=", to)
      .where("e.status", "in", ["confirmed", "dropped"])
      .groupBy(["e.demand_id", "e.contract_id", "c.institution_id", "e.progress"])
      .execute(),
  ]);
  return cohortRows(
    demands.map((d) => ({ id: d.id, enterpriseId: d.enterprise_id, occupationCode: d.occupation_code, level: Number(d.level), headcount: Number(d.headcount), status: d.status as DemandStatus })),
    contracted.map((c) => ({ demandId: c.demand_id, contractId: c.contract_id, institutionId: c.institution_id, headcount: Number(c.headcount) })),
    perDemand.map((e) => ({ demandId: e.demand_id, contractId: e.contract_id, institutionId: e.institution_id, progress: e.progress as TraineeProgress | null, count: Number(e.n) })),
  );
}

export interface BreakdownLine {
  key: string;
  /** Name in Chinese and English where the key is a code (occupations) or an organisation (one name). */
  nameZh: string;
  nameEn: string;
  counts: StageCounts;
  /** Trained in the year (completion date), where the dimension has it. */
  trained?: number;
}

export interface Breakdown {
  lines: BreakdownLine[];
  /** Groups beyond the lines shown, summed. */
  others: { groups: number; counts: StageCounts } | null;
}

const BREAKDOWN_LINES = 20;

function topLines(groups: Map<string, StageCounts>, rank: (c: StageCounts) => number, limit: number): { shown: [string, StageCounts][]; others: Breakdown["others"] } {
  const sorted = [...groups.entries()].sort((a, b) => rank(b[1]) - rank(a[1]) || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  return { shown, others: rest.length > 0 ? { groups: rest.length, counts: sumCounts(rest.map(([, c]) => c)) } : null };
}

async function organisationNames(db: DB, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function occupationNames(db: DB, codes: readonly string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom("occupations").select(["code", "name_zh", "name_en"]).where("code", "in", [...codes]).execute();
  return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
}

export interface BureauProgress extends TargetProgress {
  funnel: FunnelStage[];
  largestDrop: Stage | null;
  byOccupation: Breakdown;
  byLevel: Breakdown;
  byInstitution: Breakdown;
  /** The enterprises with the most demand. */
  byEnterprise: Breakdown;
  budget: { allocatedFen: number | null; tenderedFen: number; committedFen: number; paidFen: number };
  /** Over the trainees of `contracts` of the year's `ofContracts` contracts (a sample when fewer). */
  leadTimes: LeadTimes & { contracts: number; ofContracts: number };
}

/** The budget of the year's published tenders: Σ headcount × cap over their lots that are not cancelled. */
async function tenderedBudget(db: DB, year: number): Promise<number> {
  const r = await db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .select((eb) => eb.fn.sum<number>(sql`l.headcount * l.cap_fen`).as("fen"))
    .where("t.year", "=", year)
    .where("t.status", "not in", ["draft", "cancelled"])
    .where("l.status", "!=", "cancelled")
    .executeTakeFirstOrThrow();
  return Number(r.fen ?? 0);
}

/**
 * At most this many of the year's contracts are read for the lead times. Contract ids are random,
 * so the first ones by id are a fair sample; a district's year (a few dozen contracts) is read
 * whole, and a city's (about 900, 85,000 certified trainees) through some 23,000 trainees —
 * plenty for a median and a 90th percentile, at a quarter of the cost.
 */
export const LEAD_TIME_CONTRACTS = 250;

/**
 * Lead times of the year's contracts: for each of their trainees certified so far, from the day
 * their demand was posted to the certificate's date. One pass down the contracts, their lots'
 * demands and each demand's certified trainees (covering indexes, in contract order), counted per
 * pair of days — the posting day as its UTC day and whether it was already the next day in
 * Shanghai (16:00 UTC or later) — so that one row per pair of days reaches the page.
 */
async function leadTimesOfYear(db: DB, year: number): Promise<LeadTimes> {
  const sample = db
    .selectFrom("contracts as c")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .select("c.id")
    .where("t.year", "=", year)
    .where("c.status", "in", CONTRACTED)
    .orderBy("c.id")
    .limit(LEAD_TIME_CONTRACTS);
  const posted = sql<string>`coalesce(d.submitted_at, d.created_at)`;
  const rows = await db
    .selectFrom("contracts as c")
    .innerJoin("demands as d", "d.lot_id", "c.lot_id")
    .innerJoin("enrolments as e", (j) => j.onRef("e.contract_id", "=", "c.id").onRef("e.demand_id", "=", "d.id"))
    .select([
      sql<string>`substr(${posted}, 1, 10)`.as("utc_day"),
      sql<number>`case when substr(${posted}, 12, 2) >= '16' then 1 else 0 end`.as("late"),
      "e.certified_on",
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .where("c.id", "in", sample)
    .where("e.progress", "=", "certified")
    .groupBy([sql`substr(${posted}, 1, 10)`, sql`case when substr(${posted}, 12, 2) >= '16' then 1 else 0 end`, "e.certified_on"])
    .execute();
  return leadTimes(rows.map((r) => ({ postedAt: `${r.utc_day}T${Number(r.late) === 1 ? "16" : "00"}:00:00.000Z`, certifiedOn: r.certified_on ?? "", count: Number(r.n) })));
}

/** Everything the bureau's progress page shows for a year. */
export async function getBureauProgress(db: DB, year: number, now: Date): Promise<BureauProgress> {
  const [progress, demand, ofYear, leading, money, tendered, lead] = await Promise.all([
    getTargetProgress(db, year, now),
    yearDemand(db, year),
    yearContracts(db, year),
    leadingEnterprises(db, year, BREAKDOWN_LINES),
    yearBudget(db, year),
    tenderedBudget(db, year),
    leadTimesOfYear(db, year),
  ]);
  const rows = yearRows(demand, ofYear.contracts, ofYear.trainees);
  const stages = funnel(sumCounts(rows));

  const occupations = breakdown(rows, (r) => r.occupationCode);
  const levels = breakdown(rows, (r) => String(r.level));
  const institutions = topLines(breakdown(rows, (r) => r.institutionId), (c) => c.contracted, BREAKDOWN_LINES);
  const enterprises = breakdown(await enterpriseCohorts(db, year, leading), (r) => r.enterpriseId);
  const trainedBy = (key: (g: TrainedGroup) => string) => {
    const m = new Map<string, number>();
    for (const g of progress.trainedGroups) m.set(key(g), (m.get(key(g)) ?? 0) + g.count);
    return m;
  };
  const trainedByOccupation = trainedBy((g) => g.occupationCode);
  const trainedByLevel = trainedBy((g) => String(g.level));
  const trainedByInstitution = trainedBy((g) => g.institutionId);
  const occupationCodes = new Set([...occupations.keys(), ...trainedByOccupation.keys()]);
  const [occNames, orgNames] = await Promise.all([occupationNames(db, [...occupationCodes]), organisationNames(db, [...institutions.shown.map(([id]) => id), ...leading])]);
  const zero = sumCounts([]);
  return {
    ...progress,
    funnel: stages,
    largestDrop: largestDrop(stages)?.stage ?? null,
    byOccupation: {
      lines: [...occupationCodes]
        .map((code) => ({
          key: code,
          nameZh: occNames.get(code)?.zh ?? code,
          nameEn: occNames.get(code)?.en ?? code,
          counts: occupations.get(code) ?? zero,
          trained: trainedByOccupation.get(code) ?? 0,
        }))
        .sort((a, b) => b.counts.demanded - a.counts.demanded || (b.trained ?? 0) - (a.trained ?? 0) || a.key.localeCompare(b.key)),
      others: null,
    },
    byLevel: {
      lines: [5, 4, 3, 2, 1]
        .map(String)
        .filter((l) => levels.has(l) || trainedByLevel.has(l))
        .map((l) => ({ key: l, nameZh: l, nameEn: l, counts: levels.get(l) ?? zero, trained: trainedByLevel.get(l) ?? 0 })),
      others: null,
    },
    byInstitution: {
      lines: institutions.shown.map(([id, counts]) => ({ key: id, nameZh: orgNames.get(id) ?? "", nameEn: orgNames.get(id) ?? "", counts, trained: trainedByInstitution.get(id) ?? 0 })),
      others: institutions.others,
    },
    byEnterprise: {
      lines: leading.map((id) => ({ key: id, nameZh: orgNames.get(id) ?? "", nameEn: orgNames.get(id) ?? "", counts: enterprises.get(id) ?? zero })),
      others: null,
    },
    budget: { allocatedFen: money.allocatedFen, tenderedFen: tendered, committedFen: money.committedFen, paidFen: money.paidFen },
    leadTimes: { ...lead, contracts: Math.min(ofYear.contracts.length, LEAD_TIME_CONTRACTS), ofContracts: ofYear.contracts.length },
  };
}

// --- The years one may choose ----------------------------------------------------------------

/** Years with tenders or targets, and the current and next year; newest first. */
export async function listProgressYears(db: DB, now: Date): Promise<number[]> {
  const [tenders, targets] = await Promise.all([
    db.selectFrom("tenders").select("year").distinct().execute(),
    db.selectFrom("yearly_targets").select("year").execute(),
  ]);
  const current = shanghaiYearMonth(now).year;
  const years = new Set<number>([current, current + 1, ...tenders.map((t) => Number(t.year)), ...targets.map((t) => Number(t.year))]);
  return [...years].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => b - a);
}

// --- The public statistics page --------------------------------------------------------------

export interface PublicStatistics {
  progress: Omit<TargetProgress, "trainedGroups">;
  tenders: { published: number; lots: number; byStatus: { status: string; count: number }[] };
  awards: { count: number; valueFen: number };
  contracts: { count: number; valueFen: number; trainees: number };
  /** Trainees trained in the year, by occupation, with the high-skilled among them. */
  trainedByOccupation: { code: string; nameZh: string; nameEn: string; trained: number; highSkilled: number }[];
}

/**
 * The public page (DESIGN.md "Users and roles": the public reads statistics): progress toward the
 * targets and the year's tenders, awards, contracts and trainees trained by occupation. Counts
 * and amounts only — no person, no trainee, no organisation's internal figure.
 */
export async function getPublicStatistics(db: DB, year: number, now: Date): Promise<PublicStatistics> {
  const [progress, tenders, lots, awards, contracts] = await Promise.all([
    getTargetProgress(db, year, now),
    db
      .selectFrom("tenders")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("year", "=", year)
      .where("status", "!=", "draft")
      .groupBy("status")
      .execute(),
    db
      .selectFrom("lots as l")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("t.year", "=", year)
      .where("t.status", "!=", "draft")
      .executeTakeFirstOrThrow(),
    // Published results only: an award the public has been told of.
    db
      .selectFrom("awards as a")
      .innerJoin("lots as l", "l.id", "a.lot_id")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("a.value_fen").as("fen")])
      .where("t.year", "=", year)
      .where("a.status", "in", ["published", "confirmed"])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("contracts as c")
      .innerJoin("tenders as t", "t.id", "c.tender_id")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("c.value_fen").as("fen"), eb.fn.sum<number>("c.headcount").as("trainees")])
      .where("t.year", "=", year)
      .where("c.status", "in", ["active", "completed"])
      .executeTakeFirstOrThrow(),
  ]);
  const perOccupation = new Map<string, { trained: number; highSkilled: number }>();
  for (const g of progress.trainedGroups) {
    const o = perOccupation.get(g.occupationCode) ?? { trained: 0, highSkilled: 0 };
    o.trained += g.count;
    if (isHighSkilled(g.level)) o.highSkilled += g.count;
    perOccupation.set(g.occupationCode, o);
  }
  const names = await occupationNames(db, [...perOccupation.keys()]);
  const { trainedGroups: _groups, ...rest } = progress;
  return {
    progress: rest,
    tenders: {
      published: tenders.reduce((s, t) => s + Number(t.n), 0),
      lots: Number(lots.n),
      byStatus: tenders.map((t) => ({ status: t.status, count: Number(t.n) })).sort((a, b) => b.count - a.count),
    },
    awards: { count: Number(awards.n), valueFen: Number(awards.fen ?? 0) },
    contracts: { count: Number(contracts.n), valueFen: Number(contracts.fen ?? 0), trainees: Number(contracts.trainees ?? 0) },
    trainedByOccupation: [...perOccupation.entries()]
      .map(([code, o]) => ({ code, nameZh: names.get(code)?.zh ?? code, nameEn: names.get(code)?.en ?? code, ...o }))
      .sort((a, b) => b.trained - a.trained || a.code.localeCompare(b.code)),
  };
}

// --- An enterprise's own progress ------------------------------------------------------------

export interface EnterpriseProgress {
  year: number;
  funnel: FunnelStage[];
  demands: { id: string; occupationCode: string; nameZh: string; nameEn: string; level: number; headcount: number; status: DemandStatus; earliestStart: string }[];
  /** Where its trainees are: per contract, by stage. */
  placements: {
    contractId: string;
    contractReference: string;
    institutionName: string;
    occupationCode: string;
    nameZh: string;
    nameEn: string;
    level: number;
    contractStatus: ContractStatus;
    inTraining: number;
    completed: number;
    certified: number;
    notCompleted: number;
  }[];
  /** Its workforce reports, newest year first, each against that year's share target. */
  workforce: { year: number; skilledWorkers: number; highSkilledWorkers: number; sharePct: number | null; target: number; meets: boolean | null }[];
}

/** An enterprise's own year: its demand's funnel, where its trainees are, its high-skilled share. */
export async function getEnterpriseProgress(db: DB, actor: Actor, year: number): Promise<Result<EnterpriseProgress>> {
  if (actor.orgKind !== "enterprise" || !can(actor, "progress.viewOwn", { organisationId: actor.orgId })) return notFoundResult;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [cohort, demands, placements, reports] = await Promise.all([
    enterpriseCohorts(db, year, [actor.orgId]),
    db
      .selectFrom("demands")
      .select(["id", "occupation_code", "level", "headcount", "status", "earliest_start"])
      .where("enterprise_id", "=", actor.orgId)
      .where("earliest_start", ">=", from)
      .where("earliest_start", "<=", to)
      .where("status", "!=", "draft")
      .orderBy("earliest_start")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("enrolments as e")
      .innerJoin("demands as d", "d.id", "e.demand_id")
      .innerJoin("contracts as c", "c.id", "e.contract_id")
      .innerJoin("lots as l", "l.id", "c.lot_id")
      .innerJoin("organisations as o", "o.id", "c.institution_id")
      .select(["c.id", "c.reference", "c.status as contract_status", "o.name", "l.occupation_code", "l.level", "e.status", "e.progress", (eb) => eb.fn.countAll<number>().as("n")])
      .where("d.enterprise_id", "=", actor.orgId)
      .where("d.earliest_start", ">=", from)
      .where("d.earliest_start", "<=", to)
      .where("e.status", "in", ["confirmed", "dropped"])
      .groupBy(["c.id", "c.reference", "c.status", "o.name", "l.occupation_code", "l.level", "e.status", "e.progress"])
      .execute(),
    db.selectFrom("workforce_reports").select(["year", "skilled_workers", "high_skilled_workers"]).where("enterprise_id", "=", actor.orgId).orderBy("year", "desc").execute(),
  ]);
  const targetRows = await db.selectFrom("yearly_targets").select(["year", "high_skilled_share_pct"]).execute();
  const shareTarget = new Map(targetRows.map((r) => [Number(r.year), Number(r.high_skilled_share_pct)]));
  const names = await occupationNames(db, [...new Set([...demands.map((d) => d.occupation_code), ...placements.map((p) => p.occupation_code)])]);
  const byContract = new Map<string, EnterpriseProgress["placements"][number]>();
  for (const p of placements) {
    let line = byContract.get(p.id);
    if (!line) {
      line = {
        contractId: p.id,
        contractReference: p.reference,
        institutionName: p.name,
        occupationCode: p.occupation_code,
        nameZh: names.get(p.occupation_code)?.zh ?? p.occupation_code,
        nameEn: names.get(p.occupation_code)?.en ?? p.occupation_code,
        level: Number(p.level),
        contractStatus: p.contract_status,
        inTraining: 0,
        completed: 0,
        certified: 0,
        notCompleted: 0,
      };
      byContract.set(p.id, line);
    }
    const n = Number(p.n);
    if (p.status === "dropped" || p.progress === "not_completed") line.notCompleted += n;
    else if (p.progress === null) line.inTraining += n;
    else {
      line.completed += n;
      if (p.progress === "certified") line.certified += n;
    }
  }
  return ok({
    year,
    funnel: funnel(sumCounts(cohort)),
    demands: demands.map((d) => ({
      id: d.id,
      occupationCode: d.occupation_code,
      nameZh: names.get(d.occupation_code)?.zh ?? d.occupation_code,
      nameEn: names.get(d.occupation_code)?.en ?? d.occupation_code,
      level: Number(d.level),
      headcount: Number(d.headcount),
      status: d.status as DemandStatus,
      earliestStart: d.earliest_start,
    })),
    placements: [...byContract.values()].sort((a, b) => a.contractReference.localeCompare(b.contractReference)),
    workforce: reports.map((r) => {
      const target = shareTarget.get(Number(r.year)) ?? 25;
      const sharePct = highSkilledSharePct(Number(r.skilled_workers), Number(r.high_skilled_workers));
      return { year: Number(r.year), skilledWorkers: Number(r.skilled_workers), highSkilledWorkers: Number(r.high_skilled_workers), sharePct, target, meets: sharePct === null ? null : sharePct >= target };
    }),
  });
}

// --- An institution's own progress -----------------------------------------------------------

export interface InstitutionContractLine {
  contractId: string;
  reference: string;
  tenderYear: number;
  occupationCode: string;
  nameZh: string;
  nameEn: string;
  level: number;
  status: ContractStatus;
  headcount: number;
  valueFen: number;
  paidFen: number;
  enrolled: number;
  inTraining: number;
  completed: number;
  certified: number;
  notCompleted: number;
  endsOn: string;
}

export interface InstitutionProgress {
  year: number;
  contracts: InstitutionContractLine[];
  /** Over its trainees with a final result in these contracts. */
  totals: { enrolled: number; inTraining: number; completed: number; certified: number; notCompleted: number; completionPct: number | null; certificationPct: number | null };
  /** Its completion rate as the bureau's projection of the year uses it (its recent contracts). */
  projectionRate: { rate: number; basis: "history" | "default"; outcomes: number };
  /** Its trainees trained in the year (completion recorded in the year). */
  trainedInYear: number;
}

/** An institution's contracts of a year (and any still in force) with their delivery and payment figures. */
export async function getInstitutionProgress(db: DB, actor: Actor, year: number): Promise<Result<InstitutionProgress>> {
  if (actor.orgKind !== "institution" || !can(actor, "progress.viewOwn", { organisationId: actor.orgId })) return notFoundResult;
  const contracts = await db
    .selectFrom("contracts as c")
    .innerJoin("tenders as t", "t.id", "c.tender_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .select(["c.id", "c.reference", "t.year", "l.occupation_code", "l.level", "l.window_end", "c.status", "c.headcount", "c.value_fen"])
    .where("c.institution_id", "=", actor.orgId)
    .where((eb) => eb.or([eb("t.year", "=", year), eb("c.status", "=", "active")]))
    .where("c.status", "in", ["pending_signature", "active", "completed", "terminated"])
    .orderBy("c.reference")
    .execute();
  const ids = contracts.map((c) => c.id);
  const { start, end } = shanghaiYearRange(year);
  const [counts, sessions, paid, rates, trained] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("enrolments")
          .select(["contract_id", "status", "progress", (eb) => eb.fn.countAll<number>().as("n")])
          .where("contract_id", "in", ids)
          .where("status", "in", ["confirmed", "dropped"])
          .groupBy(["contract_id", "status", "progress"])
          .execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom("course_sessions").select(["contract_id", (eb) => eb.fn.max("starts_at").as("last")]).where("contract_id", "in", ids).groupBy("contract_id").execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("payments as p")
          .innerJoin("milestones as m", "m.id", "p.milestone_id")
          .select(["m.contract_id", (eb) => eb.fn.sum<number>("p.amount_fen").as("fen")])
          .where("m.contract_id", "in", ids)
          .where("p.status", "=", "paid")
          .groupBy("m.contract_id")
          .execute(),
    completionRates(db, [actor.orgId], year),
    db
      .selectFrom("enrolments as e")
      .innerJoin("contracts as c", "c.id", "e.contract_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("c.institution_id", "=", actor.orgId)
      .where("e.result_recorded_at", ">=", start)
      .where("e.result_recorded_at", "<", end)
      .where("e.progress", "in", COMPLETED)
      .executeTakeFirstOrThrow(),
  ]);
  const names = await occupationNames(db, [...new Set(contracts.map((c) => c.occupation_code))]);
  const last = new Map(sessions.map((s) => [s.contract_id, s.last as string | null]));
  const paidOf = new Map(paid.map((p) => [p.contract_id, Number(p.fen ?? 0)]));
  const lines: InstitutionContractLine[] = contracts.map((c) => ({
    contractId: c.id,
    reference: c.reference,
    tenderYear: Number(c.year),
    occupationCode: c.occupation_code,
    nameZh: names.get(c.occupation_code)?.zh ?? c.occupation_code,
    nameEn: names.get(c.occupation_code)?.en ?? c.occupation_code,
    level: Number(c.level),
    status: c.status,
    headcount: Number(c.headcount),
    valueFen: Number(c.value_fen),
    paidFen: paidOf.get(c.id) ?? 0,
    enrolled: 0,
    inTraining: 0,
    completed: 0,
    certified: 0,
    notCompleted: 0,
    endsOn: scheduleEnd(last.get(c.id) ?? null, c.window_end),
  }));
  const byId = new Map(lines.map((l) => [l.contractId, l]));
  for (const r of counts) {
    const line = byId.get(r.contract_id);
    if (!line) continue;
    const n = Number(r.n);
    line.enrolled += n;
    if (r.status === "dropped" || r.progress === "not_completed") line.notCompleted += n;
    else if (r.progress === null) line.inTraining += n;
    else {
      line.completed += n;
      if (r.progress === "certified") line.certified += n;
    }
  }
  const totals = { enrolled: 0, inTraining: 0, completed: 0, certified: 0, notCompleted: 0 };
  for (const l of lines) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += l[k];
  const finished = totals.completed + totals.notCompleted;
  return ok({
    year,
    contracts: lines,
    totals: {
      ...totals,
      completionPct: finished > 0 ? (totals.completed * 100) / finished : null,
      certificationPct: finished > 0 ? (totals.certified * 100) / finished : null,
    },
    projectionRate: rates.get(actor.orgId) ?? completionRate({ completed: 0, notCompleted: 0 }),
    trainedInYear: Number(trained.n),
  });
}
