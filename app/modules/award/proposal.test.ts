import { describe, expect, it } from "vitest";
import { awardValueFen, proposeAwards, uncoveredHeadcount, whollyUncoveredDemands, type RankingLine } from "./proposal";

const line = (bidId: string, rank: number, capacity: number, priceFen = 150_000): RankingLine => ({
  bidId,
  institutionId: `org-${bidId}`,
  institutionName: `机构${bidId}`,
  rank,
  priceFen,
  capacity,
});

describe("the award proposal", () => {
  it("follows the ranking, not the order of the lines, and prices each award at its own bid", () => {
    const r = proposeAwards([line("b", 2, 20, 160_000), line("a", 1, 12, 150_000)], [
      { demandId: "d10", headcount: 10 },
      { demandId: "d15", headcount: 15 },
    ]);
    expect(r.map((a) => [a.bidId, a.rank, a.headcount, a.priceFen, a.valueFen])).toEqual([
      ["a", 1, 10, 150_000, 1_500_000],
      ["b", 2, 15, 160_000, 2_400_000],
    ]);
  });

  it("passes over excluded bids (an upheld objection, a lapsed contract)", () => {
    const r = proposeAwards([line("a", 1, 25), line("b", 2, 25), line("c", 3, 25)], [{ demandId: "d", headcount: 25 }], new Set(["a"]));
    expect(r.map((a) => [a.bidId, a.rank, a.headcount])).toEqual([["b", 2, 25]]);
  });

  it("proposes nothing from an empty ranking, or when every bid is excluded", () => {
    expect(proposeAwards([], [{ demandId: "d", headcount: 5 }])).toEqual([]);
    expect(proposeAwards([line("a", 1, 5)], [{ demandId: "d", headcount: 5 }], new Set(["a"]))).toEqual([]);
  });

  it("tells what the proposal leaves uncovered", () => {
    const demands = [
      { demandId: "d10", headcount: 10 },
      { demandId: "d15", headcount: 15 },
    ];
    const r = proposeAwards([line("a", 1, 10)], demands);
    expect(uncoveredHeadcount(demands, r)).toBe(15);
    expect(whollyUncoveredDemands(["d10", "d15"], r)).toEqual(["d15"]);
  });

  it("computes value exactly in fen, and refuses an unsafe one", () => {
    expect(awardValueFen(25, 123_456)).toBe(3_086_400);
    expect(() => awardValueFen(500, Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });
});
