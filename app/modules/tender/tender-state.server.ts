import type { DB } from "#db/client";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import type { Regime } from "~/modules/reference/procurement-rules";
import type { TenderSnapshot } from "./amendment";
import { commitsBudget, remainingBudgetFen, tenderBudgetFen } from "./budget";
import type { TenderStatus } from "./lifecycle";
import { isDemandAvailable as isAvailable, type BuilderLot, type LotDemand } from "./lot-edits";
import type { PublicationCandidate } from "./publication-check";

export interface StateDemand extends LotDemand {
  status: DemandStatus;
  enterpriseId: string;
  enterpriseName: string;
  place: string;
}

export type StateLot = BuilderLot<StateDemand>;

export interface PanelMember {
  userId: string;
  name: string;
  kind: "expert" | "representative";
}

/** A tender with everything the builder, the publication check and amendments read. */
export interface TenderState {
  id: string;
  reference: string | null;
  year: number;
  title: string;
  description: string | null;
  regime: Regime;
  status: TenderStatus;
  bidDeadline: string | null;
  publishedAt: string | null;
  minValidBids: number;
  pricePoints: number;
  advancePct: number;
  cancelReason: string | null;
  lastMaterialAmendmentAt: string | null;
  createdAt: string;
  updatedAt: string;
  criteria: { name: string; description: string | null; points: number }[];
  /** Active panel members. */
  panel: PanelMember[];
  lots: StateLot[];
}

/** Loads a tender with its criteria, active panel, lots and the demands each lot covers; undefined when absent. */
export async function findTenderState(db: DB, id: string): Promise<TenderState | undefined> {
  const t = await db.selectFrom("tenders").selectAll().where("id", "=", id).executeTakeFirst();
  if (!t) return undefined;
  const criteria = await db
    .selectFrom("tender_criteria")
    .select(["name", "description", "points"])
    .where("tender_id", "=", id)
    .orderBy("position")
    .execute();
  const panel = await db
    .selectFrom("tender_panel_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "m.kind"])
    .where("m.tender_id", "=", id)
    .where("m.status", "=", "active")
    .orderBy("u.name")
    .execute();
  const lots = await db.selectFrom("lots").selectAll().where("tender_id", "=", id).orderBy("number").execute();
  const demands = await db
    .selectFrom("demands as d")
    .innerJoin("organisations as o", "o.id", "d.enterprise_id")
    .select(["d.id", "d.lot_id", "d.headcount", "d.earliest_start", "d.latest_end", "d.status", "d.enterprise_id", "o.name as enterprise_name", "d.place"])
    .where("d.tender_id", "=", id)
    .orderBy("d.earliest_start")
    .orderBy("d.id")
    .execute();
  return {
    id: t.id,
    reference: t.reference,
    year: Number(t.year),
    title: t.title,
    description: t.description,
    regime: t.regime,
    status: t.status,
    bidDeadline: t.bid_deadline,
    publishedAt: t.published_at,
    minValidBids: Number(t.min_valid_bids),
    pricePoints: Number(t.price_points),
    advancePct: Number(t.advance_pct),
    cancelReason: t.cancel_reason,
    lastMaterialAmendmentAt: t.last_material_amendment_at,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    criteria: criteria.map((c) => ({ name: c.name, description: c.description, points: Number(c.points) })),
    panel: panel.map((m) => ({ userId: m.user_id, name: m.name, kind: m.kind })),
    lots: lots.map((l) => ({
      id: l.id,
      number: Number(l.number),
      occupationCode: l.occupation_code,
      level: Number(l.level),
      headcount: Number(l.headcount),
      windowStart: l.window_start,
      windowEnd: l.window_end,
      maxPriceFen: Number(l.max_price_fen),
      capFen: Number(l.cap_fen),
      status: l.status,
      demands: demands
        .filter((d) => d.lot_id === l.id)
        .map((d) => ({
          id: d.id,
          headcount: Number(d.headcount),
          earliestStart: d.earliest_start,
          latestEnd: d.latest_end,
          status: d.status,
          enterpriseId: d.enterprise_id,
          enterpriseName: d.enterprise_name,
          place: d.place,
        })),
    })),
  };
}

/** The public content of a tender, for amendment diffs. */
export function snapshotOf(s: Pick<TenderState, "title" | "description" | "bidDeadline" | "minValidBids" | "pricePoints" | "criteria"> & { lots: readonly BuilderLot[] }): TenderSnapshot {
  return {
    title: s.title,
    description: s.description,
    bidDeadline: s.bidDeadline,
    minValidBids: s.minValidBids,
    pricePoints: s.pricePoints,
    criteria: s.criteria.map((c) => ({ name: c.name, description: c.description, points: c.points })),
    lots: s.lots.map((l) => ({
      number: l.number,
      occupationCode: l.occupationCode,
      level: l.level,
      headcount: l.headcount,
      windowStart: l.windowStart,
      windowEnd: l.windowEnd,
      maxPriceFen: l.maxPriceFen,
      status: l.status,
      demandIds: l.demands.map((d) => d.id),
    })),
  };
}

/** The publication check's view of a tender, given the year's remaining budget. */
export function candidateOf(
  s: Pick<TenderState, "status" | "minValidBids" | "pricePoints" | "criteria" | "panel"> & {
    bidDeadline: string | null;
    lots: readonly BuilderLot<StateDemand>[];
  },
  remainingFen: number,
): PublicationCandidate {
  // A lot's headcount is its available demand's (an enterprise may have withdrawn one since).
  const lots = s.lots.map((l) => {
    const available = l.demands.filter((d) => isAvailable(d.status, s.status));
    return { ...l, available, headcount: available.reduce((n, d) => n + d.headcount, 0) };
  });
  return {
    bidDeadline: s.bidDeadline ? new Date(s.bidDeadline) : null,
    minValidBids: s.minValidBids,
    pricePoints: s.pricePoints,
    criteria: s.criteria,
    panel: s.panel,
    lots: lots.map((l) => ({
      number: l.number,
      status: l.status,
      headcount: l.headcount,
      demandCount: l.demands.length,
      demandsUnavailable: l.demands.length - l.available.length,
      maxPriceFen: l.maxPriceFen,
      capFen: l.capFen,
    })),
    budgetFen: tenderBudgetFen(lots),
    remainingBudgetFen: remainingFen,
  };
}

/**
 * The year's remaining budget: yearly_targets.budget_fen less the budgets of the year's
 * published, not cancelled, tenders — other than `exceptTenderId` (a tender being amended is
 * measured against what the others leave).
 */
export async function findRemainingBudget(db: DB, year: number, exceptTenderId?: string): Promise<{ yearBudgetFen: number; remainingFen: number } | undefined> {
  const target = await db.selectFrom("yearly_targets").select("budget_fen").where("year", "=", year).executeTakeFirst();
  if (!target) return undefined;
  let q = db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .select(["t.id", "t.status", "l.headcount", "l.cap_fen", "l.status as lot_status"])
    .where("t.year", "=", year);
  if (exceptTenderId) q = q.where("t.id", "!=", exceptTenderId);
  const rows = await q.execute();
  const byTender = new Map<string, { headcount: number; capFen: number; status: StateLot["status"] }[]>();
  for (const r of rows) {
    if (!commitsBudget(r.status)) continue;
    byTender.set(r.id, [...(byTender.get(r.id) ?? []), { headcount: Number(r.headcount), capFen: Number(r.cap_fen), status: r.lot_status }]);
  }
  const yearBudgetFen = Number(target.budget_fen);
  return { yearBudgetFen, remainingFen: remainingBudgetFen(yearBudgetFen, [...byTender.values()].map(tenderBudgetFen)) };
}
