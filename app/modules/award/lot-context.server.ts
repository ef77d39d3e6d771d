/**
 * What the award use cases share: taking a lot's lock, reading the panel's ranking, the lot's
 * demand and bidders, writing and cancelling awards. Everything here runs inside the caller's
 * transaction.
 */
import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import type { DB } from "#db/client";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { BID_LIFECYCLE, type BidStatus } from "~/modules/bidding/lifecycle";
import { findEvaluationReport } from "~/modules/evaluation/report.server";
import { loadWorkingDayCalendar } from "~/modules/reference/calendar.server";
import type { Regime, Rules } from "~/modules/reference/procurement-rules";
import { loadRules } from "~/modules/reference/rules.server";
import type { WorkingDayCalendar } from "~/modules/reference/working-days";
import { newId } from "~/utils/id.server";
import { applyEvent } from "~/utils/lifecycle";
import { AWARD_LIFECYCLE, type AwardStatus } from "./lifecycle";
import type { ProposedAward, RankingLine } from "./proposal";
import type { DemandPart } from "./split";

export type Trx = Transaction<Schema>;
export interface By {
  userId: string | null;
  orgId: string | null;
}

export interface LockedLot {
  id: string;
  tenderId: string;
  reference: string;
  number: number;
  status: Schema["lots"]["status"];
  headcount: number;
  regime: Regime;
  round: number;
}

/** Awards that still count: proposed, published or confirmed (at most one per bid: awards_one_live_per_bid). */
export const LIVE_AWARD_STATUSES: readonly AwardStatus[] = ["proposed", "published", "confirmed"];

/** Bids that were opened and counted or judged at the deadline: the lot's bidders (valid, rejected, awarded, not awarded). */
export const OPENED_BID_STATUSES: readonly BidStatus[] = ["valid", "rejected", "awarded", "not_awarded"];

/**
 * Takes the lot's row lock (a no-op update: PostgreSQL holds it to the end of the transaction;
 * SQLite's write transactions are already serialised) and reads the lot. Every award use case
 * takes it first, so two requests on one lot never interleave their reads and writes.
 */
export async function lockLot(trx: Trx, lotId: string): Promise<LockedLot | undefined> {
  const touched = await trx
    .updateTable("lots")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", lotId)
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) !== 1) return undefined;
  const r = await trx
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .select(["l.id", "l.tender_id", "t.reference", "l.number", "l.status", "l.headcount", "t.regime", "l.evaluation_round"])
    .where("l.id", "=", lotId)
    .executeTakeFirst();
  if (!r || !r.reference) return undefined;
  return {
    id: r.id,
    tenderId: r.tender_id,
    reference: r.reference,
    number: Number(r.number),
    status: r.status,
    headcount: Number(r.headcount),
    regime: r.regime,
    round: Number(r.evaluation_round),
  };
}

/** Notification parameters naming a lot in either language: "ZJ-2026-0001 第1包" / "ZJ-2026-0001 lot 1". */
export function lotParams(lot: { reference: string; number: number }): { reference: string; lotNumber: number } {
  return { reference: lot.reference, lotNumber: lot.number };
}

/** The rules of the tender's regime and the working-day calendar, as the bureau last set them. */
export async function rulesAndCalendar(db: DB, regime: Regime): Promise<{ rules: Rules; calendar: WorkingDayCalendar }> {
  return { rules: await loadRules(db, regime), calendar: await loadWorkingDayCalendar(db) };
}

export interface StoredReport {
  round: number;
  ranking: RankingLine[];
  createdAt: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
}

/** The panel's report of one round of a lot (the evaluation context writes it), as the award reads it. */
export async function readReport(db: DB, lotId: string, round: number): Promise<StoredReport | undefined> {
  const r = await findEvaluationReport(db, lotId, round);
  if (!r) return undefined;
  const ranking = r.ranking.map((e) => ({
    bidId: e.bidId,
    institutionId: e.institutionId,
    institutionName: e.institutionName,
    rank: Number(e.rank),
    priceFen: Number(e.priceFen),
    capacity: Number(e.capacity),
  }));
  return { round: r.round, ranking, createdAt: r.createdAt, confirmedAt: r.confirmedAt, confirmedBy: r.confirmedBy };
}

/** The latest confirmed report of a lot: the ranking its awards came from. */
export async function readLatestConfirmedReport(db: DB, lotId: string): Promise<StoredReport | undefined> {
  const r = await db
    .selectFrom("evaluation_reports")
    .select("round")
    .where("lot_id", "=", lotId)
    .where("confirmed_at", "is not", null)
    .orderBy("round", "desc")
    .executeTakeFirst();
  return r ? readReport(db, lotId, Number(r.round)) : undefined;
}

/** Bids of a lot that may not take an award: no longer valid, or taken out of the running (objection, lapse). */
export async function ineligibleBidIds(db: DB, lotId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("bids").select(["id", "status", "excluded_reason"]).where("lot_id", "=", lotId).execute();
  return new Set(rows.filter((b) => b.status !== "valid" || b.excluded_reason !== null).map((b) => b.id));
}

/** The lot's demand still awaiting an institution (status tendered), each with its headcount. */
export async function lotDemandParts(db: DB, lotId: string): Promise<DemandPart[]> {
  const rows = await db.selectFrom("demands").select(["id", "headcount"]).where("lot_id", "=", lotId).where("status", "=", "tendered").orderBy("id").execute();
  return rows.map((d) => ({ demandId: d.id, headcount: Number(d.headcount) }));
}

/** The organisations whose bids were opened on the lot (its bidders), each once. */
export async function lotBidderOrgIds(db: DB, lotId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("bids")
    .select("institution_id")
    .distinct()
    .where("lot_id", "=", lotId)
    .where("status", "in", [...OPENED_BID_STATUSES])
    .orderBy("institution_id")
    .execute();
  return rows.map((r) => r.institution_id);
}

/**
 * Writes the awards of a proposal with their demand parts, one audited entry each: `proposed`
 * after a confirmed ranking or a reassignment, `confirmed` for a bid taking over a lapsed award.
 */
export async function insertAwards(
  trx: Trx,
  lotId: string,
  proposal: readonly ProposedAward[],
  o: { status: "proposed" | "confirmed"; round: number; at: string; by: By; replacesAwardId?: string | null; publishedAt?: string | null },
): Promise<string[]> {
  const ids: string[] = [];
  for (const a of proposal) {
    const id = newId();
    await trx
      .insertInto("awards")
      .values({
        id,
        lot_id: lotId,
        bid_id: a.bidId,
        institution_id: a.institutionId,
        rank: a.rank,
        headcount: a.headcount,
        price_fen: a.priceFen,
        value_fen: a.valueFen,
        status: o.status,
        published_at: o.publishedAt ?? null,
        publicity_ends_at: null,
        objection_deadline: null,
        round: o.round,
        replaces_award_id: o.replacesAwardId ?? null,
        created_at: o.at,
        updated_at: o.at,
      })
      .execute();
    await trx
      .insertInto("award_demands")
      .values(a.demands.map((p) => ({ award_id: id, demand_id: p.demandId, headcount: p.headcount })))
      .execute();
    await appendAudit(trx, {
      actorUserId: o.by.userId,
      actorOrgId: o.by.orgId,
      action: o.status === "proposed" ? "award.propose" : "award.confirm",
      recordType: "award",
      recordId: id,
      before: null,
      after: {
        status: o.status,
        lotId,
        bidId: a.bidId,
        institutionId: a.institutionId,
        rank: a.rank,
        headcount: a.headcount,
        priceFen: a.priceFen,
        valueFen: a.valueFen,
        demands: a.demands,
        round: o.round,
        replacesAwardId: o.replacesAwardId ?? null,
      },
    });
    ids.push(id);
  }
  return ids;
}

/** Cancels every live award of a lot (an upheld objection), each audited; returns the cancelled awards. */
export async function cancelLiveAwards(trx: Trx, lotId: string, by: By, at: string, reason: string): Promise<{ id: string; bidId: string }[]> {
  const live = await trx
    .selectFrom("awards")
    .select(["id", "bid_id", "status"])
    .where("lot_id", "=", lotId)
    .where("status", "in", [...LIVE_AWARD_STATUSES])
    .orderBy("rank")
    .execute();
  const out: { id: string; bidId: string }[] = [];
  for (const a of live) {
    const step = applyEvent(AWARD_LIFECYCLE, a.status, "cancel");
    if (!step.ok) continue;
    const r = await trx.updateTable("awards").set({ status: step.to, updated_at: at }).where("id", "=", a.id).where("status", "=", a.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    await appendAudit(trx, {
      actorUserId: by.userId,
      actorOrgId: by.orgId,
      action: "award.cancel",
      recordType: "award",
      recordId: a.id,
      before: { status: a.status },
      after: { status: step.to, reason },
    });
    out.push({ id: a.id, bidId: a.bid_id });
  }
  return out;
}

/** Moves a bid along its lifecycle with a compare-and-set; returns the new status, or null when the table or a concurrent change refuses. */
export async function moveBid(
  trx: Trx,
  bidId: string,
  event: "award" | "passOver",
  at: string,
  extra: { excludedReason?: string } = {},
): Promise<BidStatus | null> {
  const bid = await trx.selectFrom("bids").select("status").where("id", "=", bidId).executeTakeFirst();
  if (!bid) return null;
  const step = applyEvent(BID_LIFECYCLE, bid.status, event);
  if (!step.ok) return null;
  const r = await trx
    .updateTable("bids")
    .set({ status: step.to, updated_at: at, ...(extra.excludedReason ? { excluded_reason: extra.excludedReason } : {}) })
    .where("id", "=", bidId)
    .where("status", "=", bid.status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? step.to : null;
}
