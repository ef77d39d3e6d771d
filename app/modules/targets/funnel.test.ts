import { describe, expect, it } from "vitest";
import { breakdown, cohortRows, demandStagesReached, funnel, largestDrop, sumCounts, yearRows, type CohortDemand } from "./funnel";

describe("the demand stages a status has reached", () => {
  it.each([
    ["draft", []],
    ["submitted", ["demanded"]],
    ["returned", ["demanded"]],
    ["rejected", ["demanded"]],
    ["withdrawn", ["demanded"]],
    ["pooled", ["demanded", "pooled"]],
    ["tendered", ["demanded", "pooled", "tendered"]],
    ["contracted", ["demanded", "pooled", "tendered"]],
    ["fulfilled", ["demanded", "pooled", "tendered"]],
  ] as const)("%s → %j", (status, stages) => {
    expect(demandStagesReached(status)).toEqual(stages);
  });
});

// A small year: three enterprises' demand.
//   d1: E1 welder L4, 20, contracted — split: 12 to contract c1 (institution I1), 8 to c2 (I2)
//   d2: E2 electrician L3, 10, tendered
//   d3: E1 welder L4, 5, submitted (still with the bureau)
//   d4: E3 electrician L3, 6, rejected
//   d5: E2 welder L2, 4, pooled
const demands: CohortDemand[] = [
  { id: "d1", enterpriseId: "E1", occupationCode: "welder", level: 4, headcount: 20, status: "contracted" },
  { id: "d2", enterpriseId: "E2", occupationCode: "electrician", level: 3, headcount: 10, status: "tendered" },
  { id: "d3", enterpriseId: "E1", occupationCode: "welder", level: 4, headcount: 5, status: "submitted" },
  { id: "d4", enterpriseId: "E3", occupationCode: "electrician", level: 3, headcount: 6, status: "rejected" },
  { id: "d5", enterpriseId: "E2", occupationCode: "welder", level: 2, headcount: 4, status: "pooled" },
];
const contracted = [
  { demandId: "d1", contractId: "c1", institutionId: "I1", headcount: 12 },
  { demandId: "d1", contractId: "c2", institutionId: "I2", headcount: 8 },
  { demandId: "dX", contractId: "c9", institutionId: "I9", headcount: 99 }, // another year's demand: ignored
];
// c1: 12 enrolled — 2 in training, 1 not completed, 1 completed (awaiting certification), 7 certified, 1 not certified.
// c2: 7 enrolled — all still in training.
const enrolments = [
  { demandId: "d1", contractId: "c1", institutionId: "I1", progress: null, count: 2 },
  { demandId: "d1", contractId: "c1", institutionId: "I1", progress: "not_completed" as const, count: 1 },
  { demandId: "d1", contractId: "c1", institutionId: "I1", progress: "completed" as const, count: 1 },
  { demandId: "d1", contractId: "c1", institutionId: "I1", progress: "certified" as const, count: 7 },
  { demandId: "d1", contractId: "c1", institutionId: "I1", progress: "not_certified" as const, count: 1 },
  { demandId: "d1", contractId: "c2", institutionId: "I2", progress: null, count: 7 },
];

describe("the year's funnel", () => {
  const rows = cohortRows(demands, contracted, enrolments);
  const totals = sumCounts(rows);

  it("counts each stage in trainees", () => {
    // demanded: 20+10+5+6+4 = 45; pooled: 20+10+4 = 34; tendered: 20+10 = 30;
    // contracted: 12+8 = 20; enrolled: 12+7 = 19; completed: 1+7+1 = 9; certified: 7.
    expect(totals).toEqual({ demanded: 45, pooled: 34, tendered: 30, contracted: 20, enrolled: 19, completed: 9, certified: 7 });
  });

  it("shows what each stage kept of the one before and where most were lost", () => {
    const stages = funnel(totals);
    expect(stages.map((s) => [s.stage, s.count, s.lost])).toEqual([
      ["demanded", 45, 0],
      ["pooled", 34, 11],
      ["tendered", 30, 4],
      ["contracted", 20, 10],
      ["enrolled", 19, 1],
      ["completed", 9, 10],
      ["certified", 7, 2],
    ]);
    expect(stages[0]!.pctOfPrevious).toBeNull();
    expect(stages[1]!.pctOfPrevious).toBeCloseTo((34 * 100) / 45, 10);
    expect(stages[6]!.pctOfPrevious).toBeCloseTo((7 * 100) / 9, 10);
    // Pooling loses 11, the most.
    expect(largestDrop(stages)?.stage).toBe("pooled");
  });

  it("takes the earlier step on a tie, and nothing when nothing is lost", () => {
    const tie = funnel({ demanded: 20, pooled: 10, tendered: 10, contracted: 10, enrolled: 10, completed: 0, certified: 0 });
    expect(largestDrop(tie)?.stage).toBe("pooled");
    expect(largestDrop(funnel({ demanded: 5, pooled: 5, tendered: 5, contracted: 5, enrolled: 5, completed: 5, certified: 5 }))).toBeUndefined();
    expect(funnel({ demanded: 0, pooled: 0, tendered: 0, contracted: 0, enrolled: 0, completed: 0, certified: 0 })[1]!.pctOfPrevious).toBeNull();
  });

  it("breaks down by occupation, level, enterprise and institution", () => {
    const byOccupation = breakdown(rows, (r) => r.occupationCode);
    // welder: d1 (20), d3 (5), d5 (4) → demanded 29, pooled 24, tendered 20, contracted 20, enrolled 19, completed 9, certified 7.
    expect(byOccupation.get("welder")).toEqual({ demanded: 29, pooled: 24, tendered: 20, contracted: 20, enrolled: 19, completed: 9, certified: 7 });
    // electrician: d2 (10, tendered), d4 (6, rejected).
    expect(byOccupation.get("electrician")).toEqual({ demanded: 16, pooled: 10, tendered: 10, contracted: 0, enrolled: 0, completed: 0, certified: 0 });

    const byLevel = breakdown(rows, (r) => String(r.level));
    expect([...byLevel.keys()].sort()).toEqual(["2", "3", "4"]);
    expect(byLevel.get("3")!.demanded).toBe(16);
    expect(byLevel.get("2")).toMatchObject({ demanded: 4, pooled: 4, tendered: 0 });

    const byEnterprise = breakdown(rows, (r) => r.enterpriseId);
    expect(byEnterprise.get("E1")).toEqual({ demanded: 25, pooled: 20, tendered: 20, contracted: 20, enrolled: 19, completed: 9, certified: 7 });
    expect(byEnterprise.get("E3")).toMatchObject({ demanded: 6, pooled: 0 });

    // Institutions only from the contracts on: I1 12 contracted, 12 enrolled, 9 completed, 7 certified; I2 8, 7, 0, 0.
    const byInstitution = breakdown(rows, (r) => r.institutionId);
    expect([...byInstitution.keys()].sort()).toEqual(["I1", "I2"]);
    expect(byInstitution.get("I1")).toEqual({ demanded: 0, pooled: 0, tendered: 0, contracted: 12, enrolled: 12, completed: 9, certified: 7 });
    expect(byInstitution.get("I2")).toEqual({ demanded: 0, pooled: 0, tendered: 0, contracted: 8, enrolled: 7, completed: 0, certified: 0 });
  });
});

describe("the district's year", () => {
  // The year's demand, summed: welder L4 contracted 25 (of it 5 awaiting signature), electrician L3
  // tendered 10, electrician L3 rejected 6, welder L5 pooled 4.
  const demand = [
    { status: "contracted" as const, occupationCode: "welder", level: 4, headcount: 25 },
    { status: "tendered" as const, occupationCode: "electrician", level: 3, headcount: 10 },
    { status: "rejected" as const, occupationCode: "electrician", level: 3, headcount: 6 },
    { status: "pooled" as const, occupationCode: "welder", level: 5, headcount: 4 },
  ];
  // The year's contracts: c1 (I1, welder L4, 20), c2 (I1, welder L4, 5, nobody enrolled), c3 (I2, electrician L3, 8).
  const contracts = [
    { id: "c1", institutionId: "I1", occupationCode: "welder", level: 4, headcount: 20 },
    { id: "c2", institutionId: "I1", occupationCode: "welder", level: 4, headcount: 5 },
    { id: "c3", institutionId: "I2", occupationCode: "electrician", level: 3, headcount: 8 },
  ];
  // c1: 3 in training, 2 not completed, 14 certified, 1 not certified; c3: 8 in training; c9 is not of the year.
  const trainees = [
    { contractId: "c1", progress: null, count: 3 },
    { contractId: "c1", progress: "not_completed" as const, count: 2 },
    { contractId: "c1", progress: "certified" as const, count: 14 },
    { contractId: "c1", progress: "not_certified" as const, count: 1 },
    { contractId: "c3", progress: null, count: 8 },
    { contractId: "c9", progress: "certified" as const, count: 50 },
  ];
  const rows = yearRows(demand, contracts, trainees);

  it("counts the demand stages from the demand and the rest from the contracts", () => {
    // demanded 25+10+6+4 = 45; pooled 25+10+4 = 39; tendered 25+10 = 35; contracted 20+5+8 = 33;
    // enrolled 20+8 = 28; completed 14+1 = 15; certified 14.
    expect(sumCounts(rows)).toEqual({ demanded: 45, pooled: 39, tendered: 35, contracted: 33, enrolled: 28, completed: 15, certified: 14 });
  });

  it("breaks the year down by occupation and institution", () => {
    expect(breakdown(rows, (r) => r.occupationCode).get("electrician")).toEqual({ demanded: 16, pooled: 10, tendered: 10, contracted: 8, enrolled: 8, completed: 0, certified: 0 });
    expect(breakdown(rows, (r) => r.institutionId).get("I1")).toEqual({ demanded: 0, pooled: 0, tendered: 0, contracted: 25, enrolled: 20, completed: 15, certified: 14 });
    expect(breakdown(rows, (r) => r.enterpriseId).size).toBe(0);
  });
});
