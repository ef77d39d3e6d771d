/**
 * Test fixtures for the award stage (not used by the app): an opened lot whose valid bids the
 * panel has ranked, with the evaluation report written directly in the agreed row shape (the
 * evaluation context writes it in the app), and helpers to walk the lot through confirmation,
 * publication and the objection window.
 */
import type { BidContent } from "~/modules/bidding/content";
import { openedLot, type OpenedLot } from "~/modules/bidding/test-fixtures.server";
import type { RankingEntry } from "~/modules/evaluation/report";
import { setNow, type World } from "~/modules/tender/test-fixtures.server";
import { now } from "~/utils/clock.server";
import { confirmRanking } from "./confirm-ranking.server";
import { publishResult } from "./publish-result.server";

export interface EvaluatedLot extends OpenedLot {
  demandIds: string[];
}

type BidSpec = number | (Partial<BidContent> & { priceFen: number });

/** Which bids (by position) the officer found non-compliant: they stay out of the ranking. */
export interface LotOptions {
  rejected?: readonly number[];
}

/**
 * An opened lot with one valid bid per entry, in evaluation (round 1) with the panel's report:
 * the entries are ranked in the order given (the first is rank 1). At least three bids are
 * needed for the lot to open (min_valid_bids); reject some to rank fewer.
 */
export async function evaluatedLot(w: World, bids: readonly BidSpec[], o: LotOptions = {}): Promise<EvaluatedLot> {
  const opened = await openedLot(w, bids);
  const at = now().toISOString();
  await w.db.updateTable("bids").set({ status: "valid", compliance_by: w.officer.userId, compliance_at: at }).where("lot_id", "=", opened.lotId).where("status", "=", "submitted").execute();
  const rejected = (o.rejected ?? []).map((i) => opened.bidIds[i]!);
  if (rejected.length > 0) await w.db.updateTable("bids").set({ status: "rejected", rejection_reason: "资质已过期" }).where("id", "in", rejected).execute();
  await w.db.updateTable("lots").set({ status: "evaluating", evaluation_round: 1, updated_at: at }).where("id", "=", opened.lotId).execute();
  await w.db.updateTable("tenders").set({ status: "evaluating", updated_at: at }).where("id", "=", opened.tenderId).execute();
  await writeReport(w, opened.lotId, 1, opened.bidIds.filter((id) => !rejected.includes(id)));
  const demands = await w.db.selectFrom("demands").select("id").where("lot_id", "=", opened.lotId).orderBy("headcount").execute();
  return { ...opened, demandIds: demands.map((d) => d.id) };
}

/** Writes the panel's report of a round, ranking the given bids in that order. */
export async function writeReport(w: World, lotId: string, round: number, rankedBidIds: readonly string[]): Promise<void> {
  const rows = await w.db
    .selectFrom("bids as b")
    .innerJoin("organisations as o", "o.id", "b.institution_id")
    .select(["b.id", "b.institution_id", "o.name", "b.price_fen", "b.capacity", "b.submitted_at"])
    .where("b.lot_id", "=", lotId)
    .execute();
  const ranking: RankingEntry[] = rankedBidIds.map((id, i) => {
    const b = rows.find((r) => r.id === id)!;
    return {
      bidId: b.id,
      institutionId: b.institution_id,
      institutionName: b.name,
      rank: i + 1,
      priceFen: Number(b.price_fen),
      capacity: Number(b.capacity),
      submittedAt: b.submitted_at ?? "",
      priceScore: 30 - i,
      technicalScore: 60 - i,
      total: 90 - 2 * i,
    };
  });
  await w.db
    .insertInto("evaluation_reports")
    .values({ lot_id: lotId, round, ranking_json: JSON.stringify(ranking), members_json: "[]", scores_json: "[]", created_at: now().toISOString(), confirmed_by: null, confirmed_at: null })
    .execute();
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

/** The ranking confirmed: awards proposed. */
export async function proposedLot(w: World, bids: readonly BidSpec[], o: LotOptions = {}): Promise<EvaluatedLot> {
  const lot = await evaluatedLot(w, bids, o);
  unwrap(await confirmRanking(w.db, w.officer, { lotId: lot.lotId, round: 1 }));
  return lot;
}

/** The result published; returns the windows. */
export async function publishedResult(
  w: World,
  bids: readonly BidSpec[],
  o: LotOptions = {},
): Promise<EvaluatedLot & { objectionDeadline: Date; publicityEndsAt: Date }> {
  const lot = await proposedLot(w, bids, o);
  const r = unwrap(await publishResult(w.db, w.officer, lot.lotId));
  return { ...lot, objectionDeadline: new Date(r.objectionDeadline), publicityEndsAt: new Date(r.publicityEndsAt) };
}

/** Moves the clock `ms` milliseconds past an instant. */
export function after(at: Date, ms: number): void {
  setNow(new Date(at.getTime() + ms));
}
