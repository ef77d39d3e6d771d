/**
 * The award proposal (DESIGN.md "Opening, evaluation, award, objections"): awards go down the
 * panel's ranking, the top bid taking up to its capacity, the next the remainder, until the
 * lot's headcount is covered; each enterprise's demand stays with one institution where
 * capacities allow. Pure: the officer sees exactly this split before confirming the ranking,
 * and the confirmation writes exactly this split.
 */
import { splitAward, type DemandPart } from "./split";

/** One line of the panel's ranking as the award needs it (a subset of the evaluation report's RankingEntry). */
export interface RankingLine {
  bidId: string;
  institutionId: string;
  institutionName: string;
  rank: number;
  priceFen: number;
  capacity: number;
}

export interface ProposedAward {
  bidId: string;
  institutionId: string;
  institutionName: string;
  rank: number;
  headcount: number;
  priceFen: number;
  /** headcount × price per trainee, integer fen. */
  valueFen: number;
  demands: DemandPart[];
}

/** The value of an award in fen: headcount × price per trainee, exact (integer fen; refused beyond a safe integer). */
export function awardValueFen(headcount: number, priceFen: number): number {
  const v = headcount * priceFen;
  if (!Number.isSafeInteger(v)) throw new RangeError(`award value out of range: ${headcount} × ${priceFen}`);
  return v;
}

/**
 * Splits the demands over the ranking in rank order, leaving out the excluded bids (an upheld
 * objection, a lapsed contract, a bid no longer valid). The sum of the awarded headcount never
 * exceeds the demands' total, nor any bid its capacity; a bid appears at most once.
 */
export function proposeAwards(
  ranking: readonly RankingLine[],
  demands: readonly DemandPart[],
  excluded: ReadonlySet<string> = new Set(),
): ProposedAward[] {
  const ranked = [...ranking].filter((r) => !excluded.has(r.bidId)).sort((a, b) => a.rank - b.rank || a.bidId.localeCompare(b.bidId));
  const byBid = new Map(ranked.map((r) => [r.bidId, r]));
  return splitAward(
    ranked.map((r) => ({ bidId: r.bidId, capacity: r.capacity })),
    demands,
  ).map((share) => {
    const r = byBid.get(share.bidId)!;
    return {
      bidId: r.bidId,
      institutionId: r.institutionId,
      institutionName: r.institutionName,
      rank: r.rank,
      headcount: share.headcount,
      priceFen: r.priceFen,
      valueFen: awardValueFen(share.headcount, r.priceFen),
      demands: share.demands,
    };
  });
}

/** Headcount of the demands that the proposal leaves without an institution. */
export function uncoveredHeadcount(demands: readonly DemandPart[], proposal: readonly { headcount: number }[]): number {
  const total = demands.reduce((s, d) => s + d.headcount, 0);
  return total - proposal.reduce((s, a) => s + a.headcount, 0);
}

/**
 * The demands the awards leave wholly uncovered: no part of them went to any award. Their
 * enterprises' demand goes back to the pool for a new tender.
 */
export function whollyUncoveredDemands(demandIds: readonly string[], awards: readonly { demands: readonly DemandPart[] }[]): string[] {
  const covered = new Set(awards.flatMap((a) => a.demands.filter((p) => p.headcount > 0).map((p) => p.demandId)));
  return demandIds.filter((id) => !covered.has(id));
}
