import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import {
  bulkReviewSchema,
  demandFormSchema,
  demandRef,
  levelsOf,
  occupationErrors,
  statusChangeSchema,
  submissionErrors,
  windowsOverlap,
  type OccupationLevels,
} from "./schemas";

/** The form as a browser posts it (conform reads empty fields as missing). */
function post(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return parseWithZod(form, { schema: demandFormSchema });
}

const GOOD = {
  intent: "submit",
  occupationCode: "6-18-02-04",
  level: "4",
  headcount: "20",
  earliestStart: "2027-03-01",
  latestEnd: "2027-06-30",
  place: "示范区实训基地",
  notes: "",
};

function errorsOf(fields: Record<string, string>) {
  const s = post(fields);
  return s.status === "success" ? {} : (s.reply().error ?? {});
}

describe("demand form: what is accepted", () => {
  it("reads a full form, with notes optional and intent defaulting to save", () => {
    const { intent: _intent, ...rest } = GOOD;
    const s = post(rest);
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toEqual({
      intent: "save",
      occupationCode: "6-18-02-04",
      level: 4,
      headcount: 20,
      earliestStart: "2027-03-01",
      latestEnd: "2027-06-30",
      place: "示范区实训基地",
    });
  });

  it.each([
    ["1", 1],
    ["500", 500],
    [" 12 ", 12],
    ["１２", 12],
    ["+7", 7],
    ["20.0", 20],
  ])("headcount %j → %d", (headcount, value) => {
    const s = post({ ...GOOD, headcount });
    expect(s.status === "success" && s.value.headcount).toBe(value);
  });

  it("accepts a one-day window (latest end on the earliest start)", () => {
    expect(post({ ...GOOD, latestEnd: GOOD.earliestStart }).status).toBe("success");
  });
});

describe("demand form: the ugly cases, each with its own message", () => {
  it.each([
    ["0", 'demand.form.headcountMin|{"min":1}'],
    ["-3", 'demand.form.headcountMin|{"min":1}'],
    ["501", 'demand.form.headcountMax|{"max":500}'],
    ["100000", 'demand.form.headcountMax|{"max":500}'],
    ["2.5", "demand.form.headcountWhole"],
    ["0.5", "demand.form.headcountWhole"],
    ["abc", "demand.form.headcountNotNumber"],
    ["1e2", "demand.form.headcountNotNumber"],
    ["12人", "demand.form.headcountNotNumber"],
    ["1,000", "demand.form.headcountNotNumber"],
    ["", "common.form.required"],
  ])("headcount %j → %s", (headcount, message) => {
    expect(errorsOf({ ...GOOD, headcount }).headcount).toEqual([message]);
  });

  it.each([["2027-02-30"], ["2027/03/01"], ["03/01/2027"], ["tomorrow"], ["2027-3-1"]])("date %j is not a date", (earliestStart) => {
    expect(errorsOf({ ...GOOD, earliestStart }).earliestStart).toEqual(["demand.form.dateFormat"]);
  });

  it("refuses a latest end before the earliest start, on the latest end", () => {
    expect(errorsOf({ ...GOOD, earliestStart: "2027-06-30", latestEnd: "2027-03-01" })).toEqual({
      latestEnd: ["demand.form.endBeforeStart"],
    });
  });

  it.each([["0"], ["6"], ["3.5"], ["三"]])("level %j is not a level", (level) => {
    expect(errorsOf({ ...GOOD, level }).level).toEqual(["demand.form.levelInvalid"]);
  });

  it("requires occupation, level, dates and place", () => {
    const e = errorsOf({ intent: "save", notes: "x" });
    expect(e).toMatchObject({
      occupationCode: ["demand.form.occupationRequired"],
      level: ["common.form.required"],
      headcount: ["common.form.required"],
      earliestStart: ["common.form.required"],
      latestEnd: ["common.form.required"],
      place: ["common.form.required"],
    });
  });

  it("refuses a place of only spaces and one that is too long", () => {
    expect(errorsOf({ ...GOOD, place: "   " }).place).toEqual(["common.form.required"]);
    expect(errorsOf({ ...GOOD, place: "地".repeat(201) }).place).toEqual(['common.form.tooLong|{"max":200}']);
  });

  it("refuses an unknown intent", () => {
    expect(errorsOf({ ...GOOD, intent: "publish" }).intent).toBeDefined();
  });
});

describe("levels of an occupation", () => {
  const occ = (levelLowest: number | null, levelHighest: number | null, active = true): OccupationLevels => ({
    code: "x",
    nameZh: "焊工",
    nameEn: "Welder",
    levelLowest,
    levelHighest,
    active,
  });

  it.each<[number | null, number | null, number[]]>([
    [null, null, [5, 4, 3, 2, 1]],
    [5, 1, [5, 4, 3, 2, 1]],
    [5, 3, [5, 4, 3]],
    [3, 5, [5, 4, 3]],
    [2, 2, [2]],
  ])("lowest %s, highest %s → %j", (lo, hi, levels) => {
    expect(levelsOf(occ(lo, hi))).toEqual(levels);
  });

  it("names the occupation and its range when the level is not defined", () => {
    expect(occupationErrors({ level: 2 }, occ(5, 3))).toEqual({
      level: ['demand.form.levelNotDefined|{"occupation":"焊工","lowest":5,"highest":3}'],
    });
    expect(occupationErrors({ level: 3 }, occ(5, 3))).toEqual({});
  });

  it("refuses an unknown or inactive occupation", () => {
    expect(occupationErrors({ level: 3 }, undefined)).toEqual({ occupationCode: ["demand.form.occupationUnknown"] });
    expect(occupationErrors({ level: 3 }, occ(null, null, false))).toEqual({ occupationCode: ["demand.form.occupationUnknown"] });
  });
});

describe("submission rules", () => {
  it("refuses an earliest start before today (Shanghai), and accepts today", () => {
    expect(submissionErrors({ earliestStart: "2026-11-27" }, "2026-11-28")).toEqual({
      earliestStart: ['demand.form.startInPast|{"today":"2026-11-28"}'],
    });
    expect(submissionErrors({ earliestStart: "2026-11-28" }, "2026-11-28")).toEqual({});
  });
});

describe("status change and bulk review forms", () => {
  const parse = (schema: typeof statusChangeSchema | typeof bulkReviewSchema, entries: [string, string][]) => {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return parseWithZod(form, { schema });
  };

  it("needs a reason to return or reject, not to accept", () => {
    for (const event of ["return", "reject"]) {
      const s = parse(statusChangeSchema, [["event", event], ["expectedStatus", "submitted"]]);
      expect(s.status === "error" && s.reply().error).toEqual({ reason: ["demand.review.reasonRequired"] });
    }
    expect(parse(statusChangeSchema, [["event", "accept"], ["expectedStatus", "submitted"]]).status).toBe("success");
  });

  it("needs at least one demand ticked, and at most 100", () => {
    const none = parse(bulkReviewSchema, [["event", "accept"]]);
    expect(none.status === "error" && none.reply().error).toEqual({ ids: ["demand.review.noneSelected"] });
    const many = parse(bulkReviewSchema, [["event", "accept"], ...Array.from({ length: 101 }, (_, i): [string, string] => ["ids", `d${i}`])]);
    expect(many.status === "error" && many.reply().error).toEqual({ ids: ['demand.review.tooMany|{"max":100}'] });
    const two = parse(bulkReviewSchema, [["event", "reject"], ["ids", "a"], ["ids", "b"], ["reason", "不符合补贴范围"]]);
    expect(two.status === "success" && two.value).toEqual({ ids: ["a", "b"], event: "reject", reason: "不符合补贴范围" });
  });

  it("refuses an event the bureau does not take in bulk", () => {
    expect(parse(bulkReviewSchema, [["event", "withdraw"], ["ids", "a"]]).status).toBe("error");
  });
});

describe("small rules", () => {
  it("names a demand by the first 8 characters of its id", () => {
    expect(demandRef("43lac6f3w2tfdzqx")).toBe("#43LAC6F3");
  });

  it.each([
    ["2027-03-01", "2027-06-30", "2027-06-30", "2027-12-31", true],
    ["2027-03-01", "2027-06-30", "2027-07-01", "2027-12-31", false],
    ["2027-03-01", "2027-06-30", "2027-01-01", "2027-03-01", true],
    ["2027-03-01", "2027-06-30", "2027-01-01", "2027-02-28", false],
  ])("windows [%s, %s] and [%s, %s] overlap: %s", (a, b, c, d, expected) => {
    expect(windowsOverlap(a, b, c, d)).toBe(expected);
  });
});
