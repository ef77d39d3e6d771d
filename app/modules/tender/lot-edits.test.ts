import { describe, expect, it } from "vitest";
import { parseMsg } from "~/utils/result";
import { dropUnavailableDemand, editLot, isDemandAvailable, mergeCandidates, mergeLots, splitLot, type BuilderLot } from "./lot-edits";

const WELDER = "6-18-02-04";

function lot(id: string, number: number, o: Partial<BuilderLot> = {}): BuilderLot {
  const demands = o.demands ?? [{ id: `${id}-d1`, headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30" }];
  return {
    id,
    number,
    occupationCode: WELDER,
    level: 4,
    headcount: demands.reduce((s, d) => s + d.headcount, 0),
    windowStart: "2027-03-01",
    windowEnd: "2027-06-30",
    maxPriceFen: 180_000,
    capFen: 180_000,
    status: "open",
    ...o,
    demands,
  };
}

const errorOf = (r: ReturnType<typeof mergeLots>) => (r.ok ? null : { field: r.field, ...parseMsg(r.error) });

describe("mergeLots", () => {
  const a = lot("a", 1, { windowStart: "2027-03-01", windowEnd: "2027-05-31", maxPriceFen: 170_000 });
  const b = lot("b", 2, { windowStart: "2027-04-01", windowEnd: "2027-06-30", demands: [{ id: "b-d1", headcount: 15, earliestStart: "2027-04-01", latestEnd: "2027-06-30" }] });
  const c = lot("c", 3, { level: 3 });
  const d = lot("d", 4);

  it("merges two lots of one occupation and level: Σ headcount, common window, the lower price; renumbers a draft", () => {
    const r = mergeLots([a, b, c, d], "a", "b", "draft");
    expect(r.ok && r.lots.map((l) => [l.id, l.number, l.headcount, l.windowStart, l.windowEnd, l.maxPriceFen, l.demands.map((x) => x.id)])).toEqual([
      ["a", 1, 25, "2027-04-01", "2027-05-31", 170_000, ["a-d1", "b-d1"]],
      ["c", 2, 10, "2027-03-01", "2027-06-30", 180_000, ["c-d1"]],
      ["d", 3, 10, "2027-03-01", "2027-06-30", 180_000, ["d-d1"]],
    ]);
  });

  it("after publication keeps the merged-away lot's public number, cancelled and empty", () => {
    const r = mergeLots([a, b], "b", "a", "amendment");
    expect(r.ok && r.lots.map((l) => [l.id, l.number, l.status, l.headcount])).toEqual([
      ["a", 1, "cancelled", 0],
      ["b", 2, "open", 25],
    ]);
  });

  it.each([
    ["a different level", "a", "c", { field: "otherLotId", key: "tender.lots.mergeDifferentKind", params: { a: 1, b: 3 } }],
    ["itself", "a", "a", { field: "otherLotId", key: "tender.lots.mergeChooseOther", params: {} }],
    ["an unknown lot", "a", "zz", { field: "otherLotId", key: "tender.lots.mergeChooseOther", params: {} }],
  ])("refuses to merge with %s", (_n, x, y, expected) => {
    expect(errorOf(mergeLots([a, b, c], x, y, "draft"))).toEqual(expected);
  });

  it("refuses lots whose windows have no day in common", () => {
    const early = lot("e", 1, { windowStart: "2027-01-01", windowEnd: "2027-01-31" });
    const late = lot("l", 2, { windowStart: "2027-02-01", windowEnd: "2027-02-28" });
    expect(errorOf(mergeLots([early, late], "e", "l", "draft"))).toEqual({
      field: "otherLotId",
      key: "tender.lots.mergeNoCommonWindow",
      params: { a: 1, b: 2 },
    });
  });

  it("offers as candidates only open lots of the same occupation and level", () => {
    const cancelled = lot("x", 5, { status: "cancelled" });
    expect(mergeCandidates([a, b, c, d, cancelled], "a").map((l) => l.id)).toEqual(["b", "d"]);
  });
});

describe("splitLot", () => {
  const big = lot("big", 1, {
    windowStart: "2027-04-01",
    windowEnd: "2027-04-30",
    maxPriceFen: 150_000,
    demands: [
      { id: "x", headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30" },
      { id: "y", headcount: 20, earliestStart: "2027-04-01", latestEnd: "2027-04-30" },
      { id: "z", headcount: 5, earliestStart: "2027-02-01", latestEnd: "2027-05-31" },
    ],
  });
  const other = lot("o", 2);

  it("moves the chosen demands to a new lot numbered last, with their common window and the lot's price", () => {
    const r = splitLot([big, other], "big", ["x", "z"], "new");
    expect(r.ok && r.lots.map((l) => [l.id, l.number, l.headcount, l.windowStart, l.windowEnd, l.maxPriceFen, l.demands.map((d) => d.id)])).toEqual([
      ["big", 1, 20, "2027-04-01", "2027-04-30", 150_000, ["y"]],
      ["o", 2, 10, "2027-03-01", "2027-06-30", 180_000, ["o-d1"]],
      ["new", 3, 15, "2027-03-01", "2027-05-31", 150_000, ["x", "z"]],
    ]);
  });

  it.each([
    ["no demand", [], "tender.lots.splitChooseDemand"],
    ["every demand", ["x", "y", "z"], "tender.lots.splitKeepOne"],
    ["a demand of another lot", ["o-d1"], "tender.lots.splitChooseDemand"],
  ])("refuses to split off %s", (_n, ids, key) => {
    const r = splitLot([big, other], "big", ids, "new");
    expect(r.ok ? null : parseMsg(r.error).key).toBe(key);
  });
});

describe("editLot", () => {
  const l = lot("a", 1, {
    capFen: 180_000,
    demands: [
      { id: "p", headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30" },
      { id: "q", headcount: 10, earliestStart: "2027-04-01", latestEnd: "2027-07-31" },
    ],
    windowStart: "2027-04-01",
    windowEnd: "2027-06-30",
  });

  it("sets a price at or below the cap and a window inside every demand's", () => {
    const r = editLot([l], "a", { maxPriceFen: 180_000, windowStart: "2027-04-15", windowEnd: "2027-05-31" });
    expect(r.ok && r.lots[0]).toMatchObject({ maxPriceFen: 180_000, windowStart: "2027-04-15", windowEnd: "2027-05-31" });
  });

  it.each([
    ["one fen above the cap", { maxPriceFen: 180_001 }, { field: "maxPrice", key: "tender.lots.aboveCap", params: { cap: "¥1,800.00" } }],
    ["a zero price", { maxPriceFen: 0 }, { field: "maxPrice", key: "tender.lots.pricePositive", params: {} }],
    ["a reversed window", { windowStart: "2027-05-01", windowEnd: "2027-04-30" }, { field: "windowEnd", key: "tender.lots.windowReversed", params: {} }],
    ["a window starting before a demand may", { windowStart: "2027-03-15" }, { field: "windowStart", key: "tender.lots.windowOutside", params: { start: "2027-04-01", end: "2027-06-30" } }],
    ["a window ending after a demand must end", { windowEnd: "2027-07-01" }, { field: "windowStart", key: "tender.lots.windowOutside", params: { start: "2027-04-01", end: "2027-06-30" } }],
  ])("refuses %s", (_n, change, expected) => {
    const r = editLot([l], "a", { maxPriceFen: 150_000, windowStart: "2027-04-01", windowEnd: "2027-06-30", ...change });
    expect(r.ok ? null : { field: r.field, ...parseMsg(r.error) }).toEqual(expected);
  });
});

describe("demand that left the pool", () => {
  it.each([
    ["pooled", "draft", true],
    ["withdrawn", "draft", false],
    ["tendered", "draft", false],
    ["tendered", "published", true],
    ["pooled", "published", false],
  ] as const)("%s demand of a %s tender counts: %s", (status, tender, expected) => {
    expect(isDemandAvailable(status, tender)).toBe(expected);
  });

  it("is dropped from a draft's lot, which keeps the rest", () => {
    const demands = [
      { id: "in", headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30", status: "pooled" as const },
      { id: "out", headcount: 7, earliestStart: "2027-03-01", latestEnd: "2027-06-30", status: "withdrawn" as const },
    ];
    const l = { ...lot("a", 1), demands, headcount: 17 };
    const r = dropUnavailableDemand([l], "a", "draft");
    expect(r.ok && r.lots[0]!.demands.map((d) => d.id)).toEqual(["in"]);
    expect(r.ok && r.lots[0]!.headcount).toBe(10);
    const again = dropUnavailableDemand(r.ok ? r.lots : [], "a", "draft");
    expect(again.ok ? null : parseMsg(again.error).key).toBe("tender.lots.nothingToDrop");
  });
});
