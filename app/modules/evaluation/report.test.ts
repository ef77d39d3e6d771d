import { describe, expect, it } from "vitest";
import { buildRanking, type RankableBid, type StoredScore } from "./report";

const bid = (bidId: string, priceFen: number, submittedAt: string): RankableBid => ({
  bidId,
  institutionId: `org-${bidId}`,
  institutionName: `机构${bidId}`,
  priceFen,
  capacity: 20,
  submittedAt,
});

/** Scores of one member for one bid, per criterion, in hundredths. */
const scores = (bidId: string, userId: string, ...perCriterion: number[]): StoredScore[] =>
  perCriterion.map((scoreHundredths, i) => ({ bidId, userId, criterionId: `c${i}`, scoreHundredths }));

describe("the report's ranking", () => {
  it("sums each member's criteria, averages the members and adds the price score", () => {
    const bids = [bid("a", 180_000, "2026-12-01T02:01:00.000Z"), bid("b", 150_000, "2026-12-01T02:02:00.000Z")];
    const s = [...scores("a", "m1", 3000, 3000), ...scores("a", "m2", 3500, 2600), ...scores("b", "m1", 2000, 2000), ...scores("b", "m2", 2500, 2500)];
    // a: members 60 and 61 → 60.5; price 25 → 85.5. b: 40 and 50 → 45; price 30 → 75.
    expect(buildRanking(bids, s, ["m1", "m2"], 30)).toEqual([
      { bidId: "a", institutionId: "org-a", institutionName: "机构a", rank: 1, priceFen: 180_000, capacity: 20, submittedAt: "2026-12-01T02:01:00.000Z", priceScore: 25, technicalScore: 60.5, total: 85.5 },
      { bidId: "b", institutionId: "org-b", institutionName: "机构b", rank: 2, priceFen: 150_000, capacity: 20, submittedAt: "2026-12-01T02:02:00.000Z", priceScore: 30, technicalScore: 45, total: 75 },
    ]);
  });

  it("ignores scores of anyone outside the members counted", () => {
    const bids = [bid("a", 150_000, "2026-12-01T02:01:00.000Z")];
    const r = buildRanking(bids, [...scores("a", "m1", 5000), ...scores("a", "conflicted", 0)], ["m1"], 30);
    expect(r[0]?.technicalScore).toBe(50);
  });

  it("breaks equal totals by the lower price, then the earlier submission", () => {
    const bids = [bid("late", 180_000, "2026-12-01T02:03:00.000Z"), bid("early", 180_000, "2026-12-01T02:02:00.000Z"), bid("cheap", 150_000, "2026-12-01T02:04:00.000Z")];
    const s = [...scores("cheap", "m", 5000), ...scores("early", "m", 5500), ...scores("late", "m", 5500)];
    expect(buildRanking(bids, s, ["m"], 30).map((r) => [r.bidId, r.rank, r.total])).toEqual([
      ["cheap", 1, 80],
      ["early", 2, 80],
      ["late", 3, 80],
    ]);
  });

  it("ranks nothing when no bid is left", () => {
    expect(buildRanking([], [], ["m"], 30)).toEqual([]);
  });
});
