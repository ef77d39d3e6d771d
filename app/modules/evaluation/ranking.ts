/**
 * Scoring and ranking of a lot's valid bids (DESIGN.md "Opening, evaluation, award"):
 * price score = lowest valid price ÷ bid price × price points (财政部令第87号 第五十五条);
 * total = price score + the mean of the panel members' technical scores; ties go to the lower
 * price, then the earlier submission. Scores are kept to two decimals, as evaluation reports
 * state them, and compared at that precision.
 */
export interface ScoredBid {
  bidId: string;
  priceFen: number;
  submittedAt: string;
  /** Each panel member's technical total for this bid (sum over the criteria). */
  technicalByMember: readonly number[];
}

export interface RankedBid {
  bidId: string;
  rank: number;
  priceFen: number;
  submittedAt: string;
  priceScore: number;
  technicalScore: number;
  total: number;
}

/** Rounds half away from zero to two decimals, in integer hundredths to avoid drift. */
export function toHundredths(x: number): number {
  return Math.round((x + Number.EPSILON) * 100);
}

/** Price score of one bid in hundredths of a point. */
export function priceScoreHundredths(lowestFen: number, priceFen: number, pricePoints: number): number {
  if (priceFen <= 0 || lowestFen <= 0) throw new Error("prices must be positive");
  return Math.round((lowestFen * pricePoints * 100) / priceFen);
}

/** Mean of the members' technical totals, in hundredths. */
export function meanHundredths(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sum = values.reduce((s, v) => s + toHundredths(v), 0);
  return Math.round(sum / values.length);
}

/** Ranks valid bids: total descending, then lower price, then earlier submission. */
export function rankBids(bids: readonly ScoredBid[], pricePoints: number): RankedBid[] {
  if (bids.length === 0) return [];
  const lowest = Math.min(...bids.map((b) => b.priceFen));
  const scored = bids.map((b) => {
    const price = priceScoreHundredths(lowest, b.priceFen, pricePoints);
    const tech = meanHundredths(b.technicalByMember);
    return { b, price, tech, total: price + tech };
  });
  scored.sort(
    (x, y) =>
      y.total - x.total ||
      x.b.priceFen - y.b.priceFen ||
      Date.parse(x.b.submittedAt) - Date.parse(y.b.submittedAt) ||
      x.b.bidId.localeCompare(y.b.bidId),
  );
  return scored.map((s, i) => ({
    bidId: s.b.bidId,
    rank: i + 1,
    priceFen: s.b.priceFen,
    submittedAt: s.b.submittedAt,
    priceScore: s.price / 100,
    technicalScore: s.tech / 100,
    total: s.total / 100,
  }));
}
