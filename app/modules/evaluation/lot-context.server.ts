/**
 * What the evaluation's use cases and pages read about a lot: its tender's terms, criteria,
 * panel and the bids to score. Each function takes the database handle first, so that it also
 * runs inside a transaction.
 */
import type { DB } from "#db/client";
import type { BidContent } from "~/modules/bidding/content";
import type { Regime } from "~/modules/reference/procurement-rules";
import type { LotStatus } from "~/modules/tender/lifecycle";
import { lotHeadOf, selectLotHead, type LotHead } from "~/modules/tender/lot-head.server";
import { conflict, notFoundResult, type Failure } from "~/utils/result";
import type { PanelKind, PanelMemberStatus } from "./panel";

export interface LotFacts extends LotHead {
  status: LotStatus;
  round: number;
  regime: Regime;
  pricePoints: number;
  minValidBids: number;
}

export async function findLotFacts(db: DB, lotId: string): Promise<LotFacts | undefined> {
  const r = await selectLotHead(db, lotId)
    .select(["l.status", "l.evaluation_round", "t.regime", "t.price_points", "t.min_valid_bids", "t.status as tender_status"])
    .executeTakeFirst();
  // A lot of a draft tender is nobody's to evaluate, nor to know of here.
  if (!r || r.tender_status === "draft" || !r.reference) return undefined;
  return {
    ...lotHeadOf({ ...r, reference: r.reference }),
    status: r.status,
    round: Number(r.evaluation_round),
    regime: r.regime,
    pricePoints: r.price_points,
    minValidBids: r.min_valid_bids,
  };
}

/** The lot as notifications name it: "ZJ-2026-0001 第1包" (reference and number also given apart). */
export function lotParams(f: Pick<LotFacts, "reference" | "lotNumber">): Record<string, string | number> {
  return { lot: `${f.reference} 第${f.lotNumber}包`, reference: f.reference, lotNumber: f.lotNumber };
}

export interface Criterion {
  id: string;
  name: string;
  description: string | null;
  points: number;
}

export async function listCriteria(db: DB, tenderId: string): Promise<Criterion[]> {
  return db
    .selectFrom("tender_criteria")
    .select(["id", "name", "description", "points"])
    .where("tender_id", "=", tenderId)
    .orderBy("position")
    .execute();
}

export interface ScorableBid {
  bidId: string;
  institutionId: string;
  institutionName: string;
  priceFen: number;
  capacity: number;
  submittedAt: string;
  content: BidContent | null;
}

/** The bids a round scores: valid, and not taken out of the running after a ranking. */
export async function listScorableBids(db: DB, lotId: string): Promise<ScorableBid[]> {
  const rows = await db
    .selectFrom("bids as b")
    .innerJoin("organisations as o", "o.id", "b.institution_id")
    .select(["b.id", "b.institution_id", "o.name", "b.price_fen", "b.capacity", "b.submitted_at", "b.opened_content_json"])
    .where("b.lot_id", "=", lotId)
    .where("b.status", "=", "valid")
    .where("b.excluded_reason", "is", null)
    .orderBy("b.submitted_at")
    .orderBy("b.id")
    .execute();
  return rows.map((r) => ({
    bidId: r.id,
    institutionId: r.institution_id,
    institutionName: r.name,
    priceFen: Number(r.price_fen ?? 0),
    capacity: Number(r.capacity ?? 0),
    submittedAt: r.submitted_at ?? "",
    content: r.opened_content_json ? (JSON.parse(r.opened_content_json) as BidContent) : null,
  }));
}

export interface LotPanelMember {
  userId: string;
  name: string;
  kind: PanelKind;
  status: PanelMemberStatus;
  replacesUserId: string | null;
  /** Whether an officer has named someone in this member's place. */
  replaced: boolean;
  addedAt: string;
}

export async function listLotPanel(db: DB, lotId: string): Promise<LotPanelMember[]> {
  const rows = await db
    .selectFrom("lot_panel_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "m.kind", "m.status", "m.replaces_user_id", "m.added_at"])
    .where("m.lot_id", "=", lotId)
    .orderBy("m.added_at")
    .orderBy("u.name")
    .orderBy("m.user_id")
    .execute();
  const replacedIds = new Set(rows.map((r) => r.replaces_user_id).filter((x): x is string => x !== null));
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    replacesUserId: r.replaces_user_id,
    replaced: replacedIds.has(r.user_id),
    addedAt: r.added_at,
  }));
}

/**
 * Takes the lot for a panel write: a compare-and-set on its status and round that also holds
 * the lot's row lock (PostgreSQL) or the write lock (SQLite, IMMEDIATE) until commit, so the
 * panel's writes to one lot — the last two submissions above all — happen one after another and
 * each sees the other's. A page of an earlier round, or a lot no longer in evaluation, is refused.
 */
export async function lockEvaluatingLot(db: DB, lotId: string, round: number, at: string): Promise<Failure | null> {
  const r = await db
    .updateTable("lots")
    .set({ updated_at: at })
    .where("id", "=", lotId)
    .where("status", "=", "evaluating")
    .where("evaluation_round", "=", round)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return null;
  const lot = await db.selectFrom("lots").select(["status", "evaluation_round"]).where("id", "=", lotId).executeTakeFirst();
  if (!lot) return notFoundResult;
  if (lot.status !== "evaluating") return conflict("evaluation.errors.notEvaluating");
  return conflict("evaluation.errors.staleRound");
}
