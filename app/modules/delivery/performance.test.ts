import { describe, expect, it } from "vitest";
import { institutionRecord, meanToTenth, minutesAsHours, performanceOf, permilleOf, permilleText, type TraineeCount } from "./performance";

describe("rates and means", () => {
  it.each([
    [0, 0, null],
    [0, 3, 0],
    [2, 3, 667], // 666.67 rounds up
    [1, 3, 333], // 333.33 rounds down
    [1, 8, 125],
    [7, 7, 1000],
  ])("%i of %i is %s per mille", (part, whole, expected) => {
    expect(permilleOf(part, whole)).toBe(expected);
  });

  it.each([
    [0, 0, null],
    [9, 2, 4.5],
    [13, 3, 4.3], // 4.333…
    [14, 3, 4.7], // 4.666…
    [5, 1, 5],
  ])("a sum of %i over %i ratings means %s", (sum, count, expected) => {
    expect(meanToTenth(sum, count)).toBe(expected);
  });
});

describe("performance of a cohort", () => {
  it("counts dropped trainees as not completed and leaves out replaced, declined, offered and in-training ones", () => {
    const trainees: TraineeCount[] = [
      { status: "confirmed", progress: "certified", count: 5 },
      { status: "confirmed", progress: "not_certified", count: 2 },
      { status: "confirmed", progress: "not_completed", count: 1 },
      { status: "dropped", progress: null, count: 2 },
      { status: "confirmed", progress: null, count: 4 }, // still in training: not yet counted
      { status: "replaced", progress: null, count: 3 },
      { status: "declined", progress: null, count: 1 },
      { status: "offered", progress: null, count: 1 },
    ];
    // With a result: 5 + 2 + 1 + 2 = 10; completed 5 + 2 = 7 (70.0 %); certified 5 (50.0 %).
    // Ratings 4 and 5: mean 4.5.
    expect(performanceOf(trainees, [4, 5])).toEqual({
      withResult: 10,
      completed: 7,
      certified: 5,
      notCompleted: 3,
      completionPermille: 700,
      certificationPermille: 500,
      ratingCount: 2,
      ratingSum: 9,
      meanRating: 4.5,
    });
  });

  it("has no rates while nobody has a result, and no mean while nobody has rated", () => {
    expect(performanceOf([{ status: "confirmed", progress: null, count: 12 }], [])).toMatchObject({
      withResult: 0,
      completionPermille: null,
      certificationPermille: null,
      meanRating: null,
    });
  });
});

describe("an institution's record", () => {
  it("sums the counts of every contract rather than averaging their rates", () => {
    const record = institutionRecord([
      // 3 with a result, 3 completed, 3 certified; rated 5 and 4.
      { contractId: "a", status: "completed", trainees: [{ status: "confirmed", progress: "certified", count: 3 }], ratings: [5, 4] },
      // 1 certified, 2 not completed (one of them dropped), 4 still in training; rated 2.
      {
        contractId: "b",
        status: "active",
        trainees: [
          { status: "confirmed", progress: "certified", count: 1 },
          { status: "confirmed", progress: "not_completed", count: 1 },
          { status: "dropped", progress: null, count: 1 },
          { status: "confirmed", progress: null, count: 4 },
        ],
        ratings: [2],
      },
      { contractId: "c", status: "completed", trainees: [], ratings: [] },
    ]);
    expect(record.completedContracts).toBe(2);
    expect(record.contracts.map((c) => [c.contractId, c.completionPermille, c.certificationPermille, c.meanRating])).toEqual([
      ["a", 1000, 1000, 4.5],
      ["b", 333, 333, 2], // 1 of 3
      ["c", null, null, null],
    ]);
    // Overall 6 with a result, 4 completed and certified: 666.67 → 667 per mille (averaging the
    // contracts' rates would have said 666.5). Ratings 5, 4, 2: 11 / 3 = 3.67 → 3.7.
    expect(record.overall).toMatchObject({ withResult: 6, completed: 4, certified: 4, notCompleted: 2, completionPermille: 667, certificationPermille: 667, meanRating: 3.7 });
    // Accepted contracts only (a and c): 3 of 3 certified, ratings 5 and 4.
    expect(record.accepted).toMatchObject({ withResult: 3, completed: 3, certified: 3, completionPermille: 1000, certificationPermille: 1000, meanRating: 4.5 });
  });

  it("is empty for an institution with no contracts", () => {
    expect(institutionRecord([])).toEqual({ completedContracts: 0, overall: performanceOf([], []), accepted: performanceOf([], []), contracts: [] });
  });
});

describe("figures as text", () => {
  it("shows per mille as a percentage with one decimal, and nothing as a dash", () => {
    expect([permilleText(799), permilleText(1000), permilleText(0), permilleText(null)]).toEqual(["79.9%", "100.0%", "0.0%", "—"]);
  });
  it("shows minutes as hours", () => {
    expect([minutesAsHours(1920), minutesAsHours(435), minutesAsHours(50)]).toEqual(["32", "7.25", "0.83"]);
  });
});
