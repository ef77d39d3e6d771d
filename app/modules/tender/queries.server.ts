import type { DB } from "#db/client";
import type { Regime } from "~/modules/reference/procurement-rules";
import { tenderBudgetFen } from "./budget";
import { PUBLIC_TENDER_STATUSES, type LotStatus, type TenderStatus } from "./lifecycle";
import { findTenderState, findRemainingBudget, type TenderState } from "./tender-state.server";

export interface Occupation {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Active occupations for filters and labels, by code. */
export async function listOccupations(db: DB): Promise<Occupation[]> {
  const rows = await db.selectFrom("occupations").select(["code", "name_zh", "name_en"]).where("active", "=", 1).orderBy("code").execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
}

export interface PooledDemand {
  id: string;
  enterpriseName: string;
  occupationCode: string;
  level: number;
  headcount: number;
  earliestStart: string;
  latestEnd: string;
  place: string;
}

export const POOL_LIMIT = 500;

/** Pooled demand not yet claimed by a draft tender, filtered by occupation, level and a period its window must overlap. */
export async function listPooledDemand(
  db: DB,
  filter: { occupation?: string; level?: number; from?: string; to?: string },
): Promise<PooledDemand[]> {
  let q = db
    .selectFrom("demands as d")
    .innerJoin("organisations as o", "o.id", "d.enterprise_id")
    .select(["d.id", "o.name", "d.occupation_code", "d.level", "d.headcount", "d.earliest_start", "d.latest_end", "d.place"])
    .where("d.status", "=", "pooled")
    .where("d.tender_id", "is", null);
  if (filter.occupation) q = q.where("d.occupation_code", "=", filter.occupation);
  if (filter.level) q = q.where("d.level", "=", filter.level);
  if (filter.from) q = q.where("d.latest_end", ">=", filter.from);
  if (filter.to) q = q.where("d.earliest_start", "<=", filter.to);
  const rows = await q.orderBy("d.occupation_code").orderBy("d.level", "desc").orderBy("d.earliest_start").orderBy("d.id").limit(POOL_LIMIT).execute();
  return rows.map((r) => ({
    id: r.id,
    enterpriseName: r.name,
    occupationCode: r.occupation_code,
    level: Number(r.level),
    headcount: Number(r.headcount),
    earliestStart: r.earliest_start,
    latestEnd: r.latest_end,
    place: r.place,
  }));
}

export interface Evaluator {
  id: string;
  name: string;
  email: string;
}

/** Bureau users who may sit on a panel: active, with the evaluator role. */
export async function listEvaluators(db: DB): Promise<Evaluator[]> {
  return db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", "r.user_id", "u.id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.name", "u.email"])
    .where("r.role", "=", "evaluator")
    .where("u.status", "=", "active")
    .where("o.kind", "=", "bureau")
    .orderBy("u.name")
    .execute();
}

export interface TenderListItem {
  id: string;
  reference: string | null;
  title: string;
  status: TenderStatus;
  year: number;
  bidDeadline: string | null;
  publishedAt: string | null;
  lotCount: number;
  headcount: number;
  updatedAt: string;
}

const BUREAU_PAGE_SIZE = 30;

/** Every tender for the bureau, drafts included, most recently changed first; `limit` rows a page instead of 30 (an export takes every match in one). */
export async function listTenders(
  db: DB,
  filter: { status?: TenderStatus; page?: number; limit?: number },
): Promise<{ items: TenderListItem[]; total: number; page: number; pages: number }> {
  let q = db.selectFrom("tenders");
  if (filter.status) q = q.where("status", "=", filter.status);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const size = filter.limit ?? BUREAU_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(Number(total) / size));
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = await q
    .select(["id", "reference", "title", "status", "year", "bid_deadline", "published_at", "updated_at"])
    .select((eb) => [
      eb
        .selectFrom("lots")
        .whereRef("lots.tender_id", "=", "tenders.id")
        .where("lots.status", "!=", "cancelled")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("lot_count"),
      eb
        .selectFrom("lots")
        .whereRef("lots.tender_id", "=", "tenders.id")
        .where("lots.status", "!=", "cancelled")
        .select((sub) => sub.fn.sum<number>("lots.headcount").as("h"))
        .as("headcount"),
    ])
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      year: Number(r.year),
      bidDeadline: r.bid_deadline,
      publishedAt: r.published_at,
      lotCount: Number(r.lot_count ?? 0),
      headcount: Number(r.headcount ?? 0),
      updatedAt: r.updated_at,
    })),
    total: Number(total),
    page,
    pages,
  };
}

export interface Amendment {
  at: string;
  summary: string;
  material: boolean;
  deadlineBefore: string | null;
  deadlineAfter: string | null;
}

async function listAmendments(db: DB, tenderId: string): Promise<Amendment[]> {
  const rows = await db
    .selectFrom("tender_amendments")
    .select(["at", "summary", "material", "deadline_before", "deadline_after"])
    .where("tender_id", "=", tenderId)
    .orderBy("at")
    .execute();
  return rows.map((r) => ({
    at: r.at,
    summary: r.summary,
    material: Number(r.material) === 1,
    deadlineBefore: r.deadline_before,
    deadlineAfter: r.deadline_after,
  }));
}

export interface BureauQuestion {
  id: string;
  question: string;
  askedAt: string;
  askerOrgName: string;
  answer: string | null;
  answeredAt: string | null;
}

export interface TenderForBureau extends TenderState {
  budgetFen: number;
  yearBudgetFen: number | null;
  remainingFen: number | null;
  amendments: Amendment[];
  questions: BureauQuestion[];
}

/** A tender as the bureau's builder shows it: its state, budget against the year's remaining budget, amendments and all questions. */
export async function findTenderForBureau(db: DB, id: string): Promise<TenderForBureau | undefined> {
  const s = await findTenderState(db, id);
  if (!s) return undefined;
  const budget = await findRemainingBudget(db, s.year, s.id);
  const questions = await db
    .selectFrom("tender_questions as q")
    .innerJoin("organisations as o", "o.id", "q.asked_by_org_id")
    .select(["q.id", "q.question", "q.asked_at", "o.name", "q.answer", "q.answered_at"])
    .where("q.tender_id", "=", id)
    .orderBy("q.asked_at")
    .execute();
  return {
    ...s,
    budgetFen: tenderBudgetFen(s.lots),
    yearBudgetFen: budget?.yearBudgetFen ?? null,
    remainingFen: budget?.remainingFen ?? null,
    amendments: await listAmendments(db, id),
    questions: questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedAt: q.asked_at,
      askerOrgName: q.name,
      answer: q.answer,
      answeredAt: q.answered_at,
    })),
  };
}

// --- The public ----------------------------------------------------------------------------------

export interface PublicTenderListItem {
  reference: string;
  title: string;
  status: TenderStatus;
  publishedAt: string;
  bidDeadline: string | null;
  lots: { occupationCode: string; level: number; headcount: number }[];
}

const PUBLIC_PAGE_SIZE = 20;

/**
 * Published tenders (and every later stage, and cancelled ones) for the public, newest first,
 * filtered by a lot's occupation and level and by status. Drafts never appear: they have no
 * reference and no publication.
 */
export async function listPublicTenders(
  db: DB,
  filter: { occupation?: string; level?: number; status?: TenderStatus; page?: number },
): Promise<{ items: PublicTenderListItem[]; total: number; page: number; pages: number }> {
  let q = db
    .selectFrom("tenders")
    .where("status", "in", [...PUBLIC_TENDER_STATUSES])
    .where("reference", "is not", null)
    .where("published_at", "is not", null);
  if (filter.status && PUBLIC_TENDER_STATUSES.includes(filter.status)) q = q.where("status", "=", filter.status);
  if (filter.occupation || filter.level) {
    q = q.where(({ exists, selectFrom }) => {
      let sub = selectFrom("lots").select("lots.id").whereRef("lots.tender_id", "=", "tenders.id");
      if (filter.occupation) sub = sub.where("lots.occupation_code", "=", filter.occupation);
      if (filter.level) sub = sub.where("lots.level", "=", filter.level);
      return exists(sub);
    });
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(total) / PUBLIC_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = await q
    .select(["id", "reference", "title", "status", "published_at", "bid_deadline"])
    .orderBy("published_at", "desc")
    .orderBy("reference", "desc")
    .limit(PUBLIC_PAGE_SIZE)
    .offset((page - 1) * PUBLIC_PAGE_SIZE)
    .execute();
  const lots =
    rows.length === 0
      ? []
      : await db
          .selectFrom("lots")
          .select(["tender_id", "occupation_code", "level", "headcount", "number"])
          .where("tender_id", "in", rows.map((r) => r.id))
          .where("status", "!=", "cancelled")
          .orderBy("number")
          .execute();
  return {
    items: rows.map((r) => ({
      reference: r.reference!,
      title: r.title,
      status: r.status,
      publishedAt: r.published_at!,
      bidDeadline: r.bid_deadline,
      lots: lots
        .filter((l) => l.tender_id === r.id)
        .map((l) => ({ occupationCode: l.occupation_code, level: Number(l.level), headcount: Number(l.headcount) })),
    })),
    total: Number(total),
    page,
    pages,
  };
}

/** A question and its answer as the public sees them: never who asked. */
export interface PublicQuestion {
  id: string;
  question: string;
  askedAt: string;
  answer: string;
  answeredAt: string;
}

/** The answered questions of a tender, for the public notice (DESIGN.md: answers are public, without the asker's name). */
export async function listPublicQuestions(db: DB, tenderId: string): Promise<PublicQuestion[]> {
  const rows = await db
    .selectFrom("tender_questions")
    .select(["id", "question", "asked_at", "answer", "answered_at"])
    .where("tender_id", "=", tenderId)
    .where("answered_at", "is not", null)
    .orderBy("answered_at")
    .execute();
  return rows.map((r) => ({ id: r.id, question: r.question, askedAt: r.asked_at, answer: r.answer ?? "", answeredAt: r.answered_at! }));
}

/** An institution's own questions on a tender, answered or not (only it sees the unanswered ones). */
export async function listOwnQuestions(
  db: DB,
  tenderId: string,
  orgId: string,
): Promise<{ id: string; question: string; askedAt: string; answered: boolean }[]> {
  const rows = await db
    .selectFrom("tender_questions")
    .select(["id", "question", "asked_at", "answered_at"])
    .where("tender_id", "=", tenderId)
    .where("asked_by_org_id", "=", orgId)
    .orderBy("asked_at")
    .execute();
  return rows.map((r) => ({ id: r.id, question: r.question, askedAt: r.asked_at, answered: r.answered_at !== null }));
}

export interface PublicTender {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  regime: Regime;
  status: TenderStatus;
  publishedAt: string;
  bidDeadline: string | null;
  minValidBids: number;
  pricePoints: number;
  cancelReason: string | null;
  budgetFen: number;
  lots: {
    number: number;
    occupationCode: string;
    level: number;
    headcount: number;
    windowStart: string;
    windowEnd: string;
    maxPriceFen: number;
    status: LotStatus;
  }[];
  criteria: { name: string; description: string | null; points: number }[];
  /** Only the size: members' names are never public before the award. */
  panelSize: number;
  amendments: Amendment[];
  questions: PublicQuestion[];
}

/** The public notice of a tender by reference; undefined for an unknown reference or a tender never published. */
export async function findPublicTender(db: DB, reference: string): Promise<PublicTender | undefined> {
  const t = await db
    .selectFrom("tenders")
    .selectAll()
    .where("reference", "=", reference)
    .where("status", "in", [...PUBLIC_TENDER_STATUSES])
    .where("published_at", "is not", null)
    .executeTakeFirst();
  if (!t) return undefined;
  const lots = await db.selectFrom("lots").selectAll().where("tender_id", "=", t.id).orderBy("number").execute();
  const criteria = await db
    .selectFrom("tender_criteria")
    .select(["name", "description", "points"])
    .where("tender_id", "=", t.id)
    .orderBy("position")
    .execute();
  const panel = await db
    .selectFrom("tender_panel_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tender_id", "=", t.id)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  const lotViews = lots.map((l) => ({
    number: Number(l.number),
    occupationCode: l.occupation_code,
    level: Number(l.level),
    headcount: Number(l.headcount),
    windowStart: l.window_start,
    windowEnd: l.window_end,
    maxPriceFen: Number(l.max_price_fen),
    capFen: Number(l.cap_fen),
    status: l.status,
  }));
  return {
    id: t.id,
    reference: t.reference!,
    title: t.title,
    description: t.description,
    regime: t.regime,
    status: t.status,
    publishedAt: t.published_at!,
    bidDeadline: t.bid_deadline,
    minValidBids: Number(t.min_valid_bids),
    pricePoints: Number(t.price_points),
    cancelReason: t.cancel_reason,
    budgetFen: tenderBudgetFen(lotViews),
    lots: lotViews.map(({ capFen: _cap, ...l }) => l),
    criteria: criteria.map((c) => ({ name: c.name, description: c.description, points: Number(c.points) })),
    panelSize: Number(panel.n),
    amendments: await listAmendments(db, t.id),
    questions: await listPublicQuestions(db, t.id),
  };
}
