import type { DB } from "#db/client";
import type { IsoDate } from "~/modules/reference/working-days";
import type { DemandStatus } from "./lifecycle";
import { demandRef, levelsOf } from "./schemas";

export const DEMAND_PAGE_SIZE = 50;

/** An occupation of the catalogue as the demand form offers it. */
export interface OccupationOption {
  code: string;
  nameZh: string;
  nameEn: string;
  categoryZh: string;
  /** The levels its standard defines, highest number (lowest level) first. */
  levels: number[];
}

/** The active occupations, by category and code (DESIGN.md "Reference data"). */
export async function listActiveOccupations(db: DB): Promise<OccupationOption[]> {
  const rows = await db
    .selectFrom("occupations")
    .select(["code", "name_zh", "name_en", "category_zh", "level_lowest", "level_highest"])
    .where("active", "=", 1)
    .orderBy("category_zh")
    .orderBy("code")
    .execute();
  return rows.map((o) => ({
    code: o.code,
    nameZh: o.name_zh,
    nameEn: o.name_en,
    categoryZh: o.category_zh,
    levels: levelsOf({ levelLowest: o.level_lowest, levelHighest: o.level_highest }),
  }));
}

/** A demand as lists show it. */
export interface DemandSummary {
  id: string;
  ref: string;
  enterpriseId: string;
  enterpriseName: string;
  occupationCode: string;
  occupationNameZh: string;
  occupationNameEn: string;
  level: number;
  headcount: number;
  earliestStart: IsoDate;
  latestEnd: IsoDate;
  place: string;
  status: DemandStatus;
  statusReason: string | null;
  rosterCount: number;
  submittedAt: string | null;
  updatedAt: string;
}

export interface DemandPage {
  items: DemandSummary[];
  total: number;
  page: number;
  pages: number;
}

function summaryQuery(db: DB) {
  return db
    .selectFrom("demands")
    .innerJoin("organisations", "organisations.id", "demands.enterprise_id")
    .innerJoin("occupations", "occupations.code", "demands.occupation_code");
}

type SummaryRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  occupation_code: string;
  name_zh: string;
  name_en: string;
  level: number;
  headcount: number;
  earliest_start: string;
  latest_end: string;
  place: string;
  status: DemandStatus;
  status_reason: string | null;
  roster_count: number;
  submitted_at: string | null;
  updated_at: string;
};

const SUMMARY_COLUMNS = [
  "demands.id",
  "demands.enterprise_id",
  "organisations.name as enterprise_name",
  "demands.occupation_code",
  "occupations.name_zh",
  "occupations.name_en",
  "demands.level",
  "demands.headcount",
  "demands.earliest_start",
  "demands.latest_end",
  "demands.place",
  "demands.status",
  "demands.status_reason",
  "demands.submitted_at",
  "demands.updated_at",
] as const;

function toSummary(r: SummaryRow): DemandSummary {
  return {
    id: r.id,
    ref: demandRef(r.id),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    occupationCode: r.occupation_code,
    occupationNameZh: r.name_zh,
    occupationNameEn: r.name_en,
    level: Number(r.level),
    headcount: Number(r.headcount),
    earliestStart: r.earliest_start,
    latestEnd: r.latest_end,
    place: r.place,
    status: r.status,
    statusReason: r.status_reason,
    rosterCount: Number(r.roster_count),
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  };
}

function pageOf(total: number, requested: number | undefined, size = DEMAND_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested ?? 1), pages);
  return { pages, page, offset: (page - 1) * size, size };
}

/** An enterprise's own demand, most recently changed first. The query carries the ownership condition. */
export async function listEnterpriseDemands(db: DB, enterpriseId: string, filter: { page?: number } = {}): Promise<DemandPage> {
  const base = summaryQuery(db).where("demands.enterprise_id", "=", enterpriseId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const { page, pages, offset } = pageOf(Number(total), filter.page);
  const rows = await base
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("demand_trainees")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("demand_trainees.demand_id", "=", "demands.id")
        .as("roster_count"),
    )
    .orderBy("demands.updated_at", "desc")
    .orderBy("demands.id")
    .limit(DEMAND_PAGE_SIZE)
    .offset(offset)
    .execute();
  return { items: rows.map((r) => toSummary(r as SummaryRow)), total: Number(total), page, pages };
}

/** The bureau's filters (GET form). `status` "all" shows every state but drafts. */
export interface ReviewFilter {
  occupationCode?: string;
  level?: number;
  enterpriseId?: string;
  /** Demand whose window [earliest start, latest end] overlaps [from, to]. */
  from?: IsoDate;
  to?: IsoDate;
  status?: DemandStatus | "all";
  page?: number;
  /** Rows a page instead of DEMAND_PAGE_SIZE (an export takes every match in one page). */
  limit?: number;
}

/**
 * Demand the bureau reviews: everything ever submitted (a draft is the enterprise's own), filtered
 * by occupation, level, enterprise, window and state, oldest submission first so that the queue
 * is served in order.
 */
export async function listDemandsForReview(db: DB, filter: ReviewFilter): Promise<DemandPage> {
  let q = summaryQuery(db).where("demands.submitted_at", "is not", null);
  if (filter.status && filter.status !== "all") q = q.where("demands.status", "=", filter.status);
  if (filter.occupationCode) q = q.where("demands.occupation_code", "=", filter.occupationCode);
  if (filter.level) q = q.where("demands.level", "=", filter.level);
  if (filter.enterpriseId) q = q.where("demands.enterprise_id", "=", filter.enterpriseId);
  if (filter.from) q = q.where("demands.latest_end", ">=", filter.from);
  if (filter.to) q = q.where("demands.earliest_start", "<=", filter.to);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const { page, pages, offset, size } = pageOf(Number(total), filter.page, filter.limit);
  const rows = await q
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("demand_trainees")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("demand_trainees.demand_id", "=", "demands.id")
        .as("roster_count"),
    )
    .orderBy("demands.submitted_at")
    .orderBy("demands.id")
    .limit(size)
    .offset(offset)
    .execute();
  return { items: rows.map((r) => toSummary(r as SummaryRow)), total: Number(total), page, pages };
}

/** What the bureau's filter selects offer: enterprises and occupations that have submitted demand. */
export async function listReviewFilterOptions(
  db: DB,
): Promise<{ enterprises: { id: string; name: string }[]; occupations: { code: string; nameZh: string; nameEn: string }[] }> {
  const enterprises = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("kind", "=", "enterprise")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("demands")
          .select("demands.id")
          .whereRef("demands.enterprise_id", "=", "organisations.id")
          .where("demands.submitted_at", "is not", null),
      ),
    )
    .orderBy("name")
    .execute();
  const occupations = await db
    .selectFrom("occupations")
    .select(["code", "name_zh", "name_en"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("demands")
          .select("demands.id")
          .whereRef("demands.occupation_code", "=", "occupations.code")
          .where("demands.submitted_at", "is not", null),
      ),
    )
    .orderBy("code")
    .execute();
  return {
    enterprises,
    occupations: occupations.map((o) => ({ code: o.code, nameZh: o.name_zh, nameEn: o.name_en })),
  };
}

/** One entry of a demand's history, from the audit log. */
export interface DemandHistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string | null;
  actorOrgName: string | null;
  before: unknown;
  after: unknown;
}

export interface DemandDetail extends DemandSummary {
  notes: string | null;
  createdAt: string;
  /** Where the demand went when tendered; null until then. */
  tenderReference: string | null;
  tenderTitle: string | null;
  lotNumber: number | null;
  history: DemandHistoryEntry[];
}

/** Actions that make a demand's history: its changes and its roster's; not reads or refusals. */
const HISTORY_ACTIONS = /^(demand|roster)\./;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** One demand with its tender and lot (when tendered), roster count and history; or undefined. */
export async function findDemand(db: DB, id: string): Promise<DemandDetail | undefined> {
  const r = await summaryQuery(db)
    .leftJoin("tenders", "tenders.id", "demands.tender_id")
    .leftJoin("lots", "lots.id", "demands.lot_id")
    .select(SUMMARY_COLUMNS)
    .select(["demands.notes", "demands.created_at", "tenders.reference as tender_reference", "tenders.title as tender_title", "lots.number as lot_number"])
    .select((eb) =>
      eb
        .selectFrom("demand_trainees")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("demand_trainees.demand_id", "=", "demands.id")
        .as("roster_count"),
    )
    .where("demands.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  const history = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .leftJoin("organisations", "organisations.id", "audit_log.actor_org_id")
    .select([
      "audit_log.seq",
      "audit_log.at",
      "audit_log.action",
      "audit_log.before_json",
      "audit_log.after_json",
      "users.name as actor_name",
      "organisations.name as actor_org_name",
    ])
    .where("audit_log.record_type", "=", "demand")
    .where("audit_log.record_id", "=", id)
    .orderBy("audit_log.seq")
    .execute();
  return {
    ...toSummary(r as SummaryRow),
    notes: r.notes,
    createdAt: r.created_at,
    tenderReference: r.tender_reference ?? null,
    tenderTitle: r.tender_title ?? null,
    lotNumber: r.lot_number === null || r.lot_number === undefined ? null : Number(r.lot_number),
    history: history
      .filter((h) => HISTORY_ACTIONS.test(h.action))
      .map((h) => ({
        seq: Number(h.seq),
        at: h.at,
        action: h.action,
        actorName: h.actor_name ?? null,
        actorOrgName: h.actor_org_name ?? null,
        before: parseJson(h.before_json),
        after: parseJson(h.after_json),
      })),
  };
}

/** A year's workforce report of an enterprise. */
export interface WorkforceReport {
  year: number;
  skilledWorkers: number;
  highSkilledWorkers: number;
  updatedAt: string;
}

/** An enterprise's workforce reports, newest year first. */
export async function listWorkforceReports(db: DB, enterpriseId: string): Promise<WorkforceReport[]> {
  const rows = await db
    .selectFrom("workforce_reports")
    .select(["year", "skilled_workers", "high_skilled_workers", "updated_at"])
    .where("enterprise_id", "=", enterpriseId)
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    skilledWorkers: Number(r.skilled_workers),
    highSkilledWorkers: Number(r.high_skilled_workers),
    updatedAt: r.updated_at,
  }));
}
