import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitAward } from "./split";

describe("splitting a lot down the ranking", () => {
  it("gives everything to the top bid when it can take it all", () => {
    expect(splitAward([{ bidId: "a", capacity: 30 }, { bidId: "b", capacity: 30 }], [{ demandId: "d1", headcount: 20 }])).toEqual([
      { bidId: "a", headcount: 20, demands: [{ demandId: "d1", headcount: 20 }] },
    ]);
  });

  it("keeps each demand whole where capacities allow", () => {
    const r = splitAward(
      [
        { bidId: "a", capacity: 12 },
        { bidId: "b", capacity: 20 },
      ],
      [
        { demandId: "d1", headcount: 10 },
        { demandId: "d2", headcount: 8 },
      ],
    );
    expect(r).toEqual([
      { bidId: "a", headcount: 10, demands: [{ demandId: "d1", headcount: 10 }] },
      { bidId: "b", headcount: 8, demands: [{ demandId: "d2", headcount: 8 }] },
    ]);
  });

  it("splits a demand when no bid can take it whole", () => {
    const r = splitAward(
      [
        { bidId: "a", capacity: 6 },
        { bidId: "b", capacity: 6 },
      ],
      [{ demandId: "d1", headcount: 10 }],
    );
    expect(r.map((x) => [x.bidId, x.headcount])).toEqual([
      ["a", 6],
      ["b", 4],
    ]);
  });

  it("caps the award at the lot's headcount when capacity exceeds it", () => {
    const r = splitAward([{ bidId: "a", capacity: 500 }], [{ demandId: "d1", headcount: 25 }]);
    expect(r).toEqual([{ bidId: "a", headcount: 25, demands: [{ demandId: "d1", headcount: 25 }] }]);
  });

  it("leaves the rest unawarded when capacities do not cover the lot", () => {
    const r = splitAward([{ bidId: "a", capacity: 5 }], [{ demandId: "d1", headcount: 8 }]);
    expect(r).toEqual([{ bidId: "a", headcount: 5, demands: [{ demandId: "d1", headcount: 5 }] }]);
  });

  it("keeps the ranking's order between bids of equal totals (the tie is broken before the split)", () => {
    const r = splitAward(
      [
        { bidId: "tied-earlier", capacity: 10 },
        { bidId: "tied-later", capacity: 10 },
      ],
      [{ demandId: "d1", headcount: 15 }],
    );
    expect(r.map((x) => [x.bidId, x.headcount])).toEqual([
      ["tied-earlier", 10],
      ["tied-later", 5],
    ]);
  });

  it("awards a single bid when it is all there is (the minimum of valid bids is checked at opening, not here)", () => {
    const r = splitAward([{ bidId: "only", capacity: 8 }], [
      { demandId: "d1", headcount: 5 },
      { demandId: "d2", headcount: 5 },
    ]);
    expect(r).toEqual([{ bidId: "only", headcount: 8, demands: [{ demandId: "d1", headcount: 5 }, { demandId: "d2", headcount: 3 }] }]);
  });

  it("gives nothing to a bid of no capacity and nothing from no demand", () => {
    expect(splitAward([{ bidId: "a", capacity: 0 }, { bidId: "b", capacity: 4 }], [{ demandId: "d1", headcount: 4 }])).toEqual([
      { bidId: "b", headcount: 4, demands: [{ demandId: "d1", headcount: 4 }] },
    ]);
    expect(splitAward([{ bidId: "a", capacity: 10 }], [])).toEqual([]);
  });

  it("never awards more than the headcount or a bid's capacity, and covers all it can (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (caps, heads) => {
          const ranked = caps.map((c, i) => ({ bidId: `b${i}`, capacity: c }));
          const demands = heads.map((h, i) => ({ demandId: `d${i}`, headcount: h }));
          const r = splitAward(ranked, demands);
          const total = heads.reduce((s, h) => s + h, 0);
          const capacity = caps.reduce((s, c) => s + c, 0);
          const awarded = r.reduce((s, a) => s + a.headcount, 0);
          expect(awarded).toBe(Math.min(total, capacity));
          for (const a of r) expect(a.headcount).toBeLessThanOrEqual(caps[Number(a.bidId.slice(1))]!);
          expect(new Set(r.map((a) => a.bidId)).size).toBe(r.length);
          for (const d of demands) {
            const given = r.flatMap((a) => a.demands).filter((p) => p.demandId === d.demandId).reduce((s, p) => s + p.headcount, 0);
            expect(given).toBeLessThanOrEqual(d.headcount);
          }
        },
      ),
    );
  });
});
