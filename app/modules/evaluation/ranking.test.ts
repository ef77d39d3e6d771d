import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priceScoreHundredths, rankBids, type ScoredBid } from "./ranking";

const bid = (bidId: string, priceFen: number, tech: number[], submittedAt = "2026-05-01T02:00:00.000Z"): ScoredBid => ({
  bidId,
  priceFen,
  submittedAt,
  technicalByMember: tech,
});

describe("price score (87号令 art. 55)", () => {
  it("gives the lowest price the full price points and others in proportion", () => {
    expect(priceScoreHundredths(150_000, 150_000, 30)).toBe(3000);
    expect(priceScoreHundredths(150_000, 180_000, 30)).toBe(2500);
    // 1500/1700 × 30 = 26.470588… → 26.47
    expect(priceScoreHundredths(150_000, 170_000, 30)).toBe(2647);
  });
});

describe("ranking", () => {
  it("adds the price score to the mean technical score", () => {
    const r = rankBids([bid("a", 180_000, [60, 62, 58, 61, 59]), bid("b", 150_000, [50, 52, 48, 51, 49])], 30);
    // a: 25.00 + 60.00 = 85.00; b: 30.00 + 50.00 = 80.00
    expect(r.map((x) => [x.bidId, x.rank, x.priceScore, x.technicalScore, x.total])).toEqual([
      ["a", 1, 25, 60, 85],
      ["b", 2, 30, 50, 80],
    ]);
  });

  it("breaks a tie in total by the lower price", () => {
    // a: 30 + 50 = 80; b: 25 + 55 = 80 → a has the lower price
    const r = rankBids([bid("b", 180_000, [55]), bid("a", 150_000, [50])], 30);
    expect(r.map((x) => x.bidId)).toEqual(["a", "b"]);
    expect(r[0]?.total).toBe(r[1]?.total);
  });

  it("breaks a tie in total and price by the earlier submission", () => {
    const r = rankBids(
      [bid("late", 150_000, [50], "2026-05-01T02:00:00.001Z"), bid("early", 150_000, [50], "2026-05-01T02:00:00.000Z")],
      30,
    );
    expect(r.map((x) => x.bidId)).toEqual(["early", "late"]);
  });

  it("ranks a single bid first", () => {
    expect(rankBids([bid("only", 120_000, [70])], 30)).toMatchObject([{ bidId: "only", rank: 1, total: 100 }]);
  });

  it("is a total order whatever the input order (property)", () => {
    const arb = fc.array(
      fc.record({
        bidId: fc.uuid(),
        priceFen: fc.integer({ min: 1, max: 1_000_000 }),
        submittedAt: fc.integer({ min: 0, max: 1e12 }).map((n) => new Date(n).toISOString()),
        technicalByMember: fc.array(fc.integer({ min: 0, max: 70 }), { minLength: 1, maxLength: 7 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (bids) => {
        const a = rankBids(bids, 30).map((x) => x.bidId);
        const b = rankBids([...bids].reverse(), 30).map((x) => x.bidId);
        expect(a).toEqual(b);
        const r = rankBids(bids, 30);
        for (let i = 1; i < r.length; i++) expect(r[i - 1]!.total).toBeGreaterThanOrEqual(r[i]!.total);
      }),
    );
  });
});
