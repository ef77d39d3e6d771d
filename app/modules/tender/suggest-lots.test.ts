import { describe, expect, it } from "vitest";
import { commonWindow, suggestLots, windowFitsAll, type PoolDemand } from "./suggest-lots";

const WELDER = "6-18-02-04";
const ELECTRICIAN = "6-31-01-03";

let n = 0;
function d(start: string, end: string, o: Partial<PoolDemand> = {}): PoolDemand {
  n += 1;
  return { id: o.id ?? `d${n}`, occupationCode: WELDER, level: 4, headcount: 10, earliestStart: start, latestEnd: end, ...o };
}

/** The suggestion reduced to what a reader checks: kind, window, headcount, demands, explanation keys. */
function shape(demands: PoolDemand[]) {
  return suggestLots(demands).map((l) => ({
    n: l.number,
    kind: `${l.occupationCode}/${l.level}`,
    window: `${l.windowStart}..${l.windowEnd}`,
    headcount: l.headcount,
    demands: l.demandIds,
    why: l.explanations.map((e) => `${e.key.replace("tender.suggest.why.", "")}${e.params.lots ? `(${e.params.lots})` : ""}`),
  }));
}

describe("suggestLots", () => {
  it("suggests nothing for no demand", () => {
    expect(suggestLots([])).toEqual([]);
  });

  it("makes one lot of one demand, with the demand's own window", () => {
    const lots = suggestLots([d("2026-03-01", "2026-06-30", { id: "a", headcount: 12 })]);
    expect(lots).toEqual([
      {
        number: 1,
        occupationCode: WELDER,
        level: 4,
        headcount: 12,
        windowStart: "2026-03-01",
        windowEnd: "2026-06-30",
        demandIds: ["a"],
        explanations: [{ key: "tender.suggest.why.single", params: { start: "2026-03-01", end: "2026-06-30" } }],
      },
    ]);
  });

  it("groups overlapping demand of one occupation and level, summing headcount, window = intersection", () => {
    const lots = suggestLots([
      d("2026-03-01", "2026-06-30", { id: "a", headcount: 10 }),
      d("2026-04-15", "2026-08-31", { id: "b", headcount: 25 }),
      d("2026-02-01", "2026-05-20", { id: "c", headcount: 5 }),
    ]);
    expect(lots).toHaveLength(1);
    expect(lots[0]).toMatchObject({ headcount: 40, windowStart: "2026-04-15", windowEnd: "2026-05-20", demandIds: ["c", "a", "b"] });
    expect(lots[0]!.explanations).toEqual([
      { key: "tender.suggest.why.grouped", params: { count: 3, headcount: 40, start: "2026-04-15", end: "2026-05-20" } },
    ]);
  });

  it("treats windows that share only their last and first day as overlapping (both ends included)", () => {
    expect(shape([d("2026-03-01", "2026-03-31", { id: "a" }), d("2026-03-31", "2026-05-31", { id: "b" })])).toEqual([
      { n: 1, kind: `${WELDER}/4`, window: "2026-03-31..2026-03-31", headcount: 20, demands: ["a", "b"], why: ["grouped"] },
    ]);
  });

  it("keeps demand with no overlap in separate lots and says why", () => {
    expect(shape([d("2026-07-01", "2026-09-30", { id: "late" }), d("2026-01-01", "2026-03-31", { id: "early" })])).toEqual([
      { n: 1, kind: `${WELDER}/4`, window: "2026-01-01..2026-03-31", headcount: 10, demands: ["early"], why: ["single", "noOverlap(2)"] },
      { n: 2, kind: `${WELDER}/4`, window: "2026-07-01..2026-09-30", headcount: 10, demands: ["late"], why: ["single", "noOverlap(1)"] },
    ]);
  });

  it("cuts a chain of overlaps (A∩B, B∩C, but no day in all three) into lots that each share a period", () => {
    const a = d("2026-01-01", "2026-03-31", { id: "A" });
    const b = d("2026-03-15", "2026-05-31", { id: "B" });
    const c = d("2026-05-15", "2026-07-31", { id: "C" });
    expect(shape([c, a, b])).toEqual([
      { n: 1, kind: `${WELDER}/4`, window: "2026-03-15..2026-03-31", headcount: 20, demands: ["A", "B"], why: ["grouped", "chain(2)"] },
      { n: 2, kind: `${WELDER}/4`, window: "2026-05-15..2026-07-31", headcount: 10, demands: ["C"], why: ["single", "chain(1)"] },
    ]);
  });

  it("keeps a long chain to the fewest lots (interval stabbing), each window inside every demand's", () => {
    const ds = [
      d("2026-01-01", "2026-12-31", { id: "year" }),
      d("2026-01-01", "2026-02-28", { id: "jan" }),
      d("2026-02-15", "2026-04-30", { id: "feb" }),
      d("2026-04-01", "2026-06-30", { id: "apr" }),
      d("2026-06-15", "2026-08-31", { id: "jun" }),
    ];
    const lots = suggestLots(ds);
    // Stabbing at 02-28 takes year, jan, feb; at 06-30 takes apr, jun.
    expect(lots.map((l) => l.demandIds)).toEqual([["jan", "year", "feb"], ["apr", "jun"]]);
    for (const lot of lots) {
      const covered = ds.filter((x) => lot.demandIds.includes(x.id));
      expect(windowFitsAll({ start: lot.windowStart, end: lot.windowEnd }, covered)).toBe(true);
    }
  });

  it("never groups the same occupation at different levels, and explains it", () => {
    expect(
      shape([
        d("2026-03-01", "2026-06-30", { id: "l4", level: 4 }),
        d("2026-03-01", "2026-06-30", { id: "l3", level: 3 }),
        d("2026-03-01", "2026-06-30", { id: "l3b", level: 3, headcount: 7 }),
      ]),
    ).toEqual([
      { n: 1, kind: `${WELDER}/4`, window: "2026-03-01..2026-06-30", headcount: 10, demands: ["l4"], why: ["single", "otherLevel(2)"] },
      { n: 2, kind: `${WELDER}/3`, window: "2026-03-01..2026-06-30", headcount: 17, demands: ["l3", "l3b"], why: ["grouped", "otherLevel(1)"] },
    ]);
  });

  it("never groups different occupations, even at the same level and time", () => {
    const lots = suggestLots([
      d("2026-03-01", "2026-06-30", { id: "e", occupationCode: ELECTRICIAN }),
      d("2026-03-01", "2026-06-30", { id: "w" }),
    ]);
    expect(lots.map((l) => [l.occupationCode, l.demandIds])).toEqual([
      [WELDER, ["w"]],
      [ELECTRICIAN, ["e"]],
    ]);
    expect(lots.flatMap((l) => l.explanations.map((e) => e.key))).toEqual(["tender.suggest.why.single", "tender.suggest.why.single"]);
  });

  it("numbers lots by occupation, then level from junior to senior, then time", () => {
    const lots = suggestLots([
      d("2026-09-01", "2026-10-31", { id: "w4late" }),
      d("2026-03-01", "2026-04-30", { id: "e5", occupationCode: ELECTRICIAN, level: 5 }),
      d("2026-03-01", "2026-04-30", { id: "w2", level: 2 }),
      d("2026-03-01", "2026-04-30", { id: "w4" }),
    ]);
    expect(lots.map((l) => [l.number, l.demandIds[0]])).toEqual([
      [1, "w4"],
      [2, "w4late"],
      [3, "w2"],
      [4, "e5"],
    ]);
  });

  it("lists the levels of the other lots of the same occupation", () => {
    const lots = suggestLots([
      d("2026-03-01", "2026-04-30", { id: "w5", level: 5 }),
      d("2026-03-01", "2026-04-30", { id: "w3", level: 3 }),
      d("2026-03-01", "2026-04-30", { id: "w1", level: 1 }),
    ]);
    expect(lots[0]!.explanations[1]).toEqual({ key: "tender.suggest.why.otherLevel", params: { lots: "2, 3", levels: "3, 1" } });
  });

  it("covers every demand exactly once", () => {
    const ds = Array.from({ length: 40 }, (_, i) =>
      d(`2026-${String((i % 12) + 1).padStart(2, "0")}-01`, `2026-${String(Math.min(12, (i % 12) + 1 + (i % 3))).padStart(2, "0")}-28`, {
        id: `x${i}`,
        level: 3 + (i % 3),
      }),
    );
    const ids = suggestLots(ds).flatMap((l) => l.demandIds);
    expect(ids.sort()).toEqual(ds.map((x) => x.id).sort());
  });
});

describe("commonWindow", () => {
  it.each([
    [[], null],
    [[{ start: "2026-01-01", end: "2026-01-31" }], { start: "2026-01-01", end: "2026-01-31" }],
    [
      [
        { start: "2026-01-01", end: "2026-03-31" },
        { start: "2026-02-01", end: "2026-04-30" },
      ],
      { start: "2026-02-01", end: "2026-03-31" },
    ],
    [
      [
        { start: "2026-01-01", end: "2026-01-31" },
        { start: "2026-02-01", end: "2026-02-28" },
      ],
      null,
    ],
  ])("%j → %j", (windows, expected) => {
    expect(commonWindow(windows)).toEqual(expected);
  });
});
