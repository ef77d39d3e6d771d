/**
 * The panel's report for one round of a lot's evaluation (DESIGN.md "Opening, evaluation,
 * award": "The panel's report (ranking, scores, members) is kept"). Pure: built from the valid
 * bids, the submitted scores and the tender's price points.
 */
import { rankBids } from "./ranking";

/** One line of the ranking, as the award engineer reads it from evaluation_reports.ranking_json. */
export interface RankingEntry {
  bidId: string;
  institutionId: string;
  institutionName: string;
  rank: number;
  priceFen: number;
  capacity: number;
  submittedAt: string;
  priceScore: number;
  technicalScore: number;
  total: number;
}

/** A member who scored the round (members_json). */
export interface ReportMember {
  userId: string;
  name: string;
  kind: "expert" | "representative";
  declaredAt: string;
}

/** One member's score of one bid on one criterion, in points (scores_json). */
export interface ReportScore {
  bidId: string;
  userId: string;
  criterionId: string;
  criterionName: string;
  score: number;
  comment: string;
}

export interface RankableBid {
  bidId: string;
  institutionId: string;
  institutionName: string;
  priceFen: number;
  capacity: number;
  submittedAt: string;
}

export interface StoredScore {
  bidId: string;
  userId: string;
  criterionId: string;
  scoreHundredths: number;
}

/**
 * Ranks the round's valid bids: each member's technical total of a bid is the sum of their
 * criterion scores; total = price score + the mean of the members' totals (87号令 art. 55);
 * ties go to the lower price, then the earlier submission (rankBids).
 */
export function buildRanking(
  bids: readonly RankableBid[],
  scores: readonly StoredScore[],
  memberIds: readonly string[],
  pricePoints: number,
): RankingEntry[] {
  const totals = new Map<string, number>();
  for (const s of scores) {
    const key = `${s.bidId}\u0000${s.userId}`;
    totals.set(key, (totals.get(key) ?? 0) + s.scoreHundredths);
  }
  const ranked = rankBids(
    bids.map((b) => ({
      bidId: b.bidId,
      priceFen: b.priceFen,
      submittedAt: b.submittedAt,
      technicalByMember: memberIds.map((m) => (totals.get(`${b.bidId}\u0000${m}`) ?? 0) / 100),
    })),
    pricePoints,
  );
  const byId = new Map(bids.map((b) => [b.bidId, b]));
  return ranked.map((r) => {
    const b = byId.get(r.bidId)!;
    return {
      bidId: r.bidId,
      institutionId: b.institutionId,
      institutionName: b.institutionName,
      rank: r.rank,
      priceFen: r.priceFen,
      capacity: b.capacity,
      submittedAt: r.submittedAt,
      priceScore: r.priceScore,
      technicalScore: r.technicalScore,
      total: r.total,
    };
  });
}
