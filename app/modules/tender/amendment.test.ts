import { describe, expect, it } from "vitest";
import type { WorkingDayCalendar } from "~/modules/reference/working-days";
import { amendedDeadline, diffSnapshots, type TenderSnapshot } from "./amendment";

const CAL: WorkingDayCalendar = { holidays: ["2027-01-01"], makeupWorkdays: [] };

const BASE: TenderSnapshot = {
  title: "2026 年焊工培训",
  description: "说明",
  bidDeadline: "2026-12-21T02:00:00.000Z",
  minValidBids: 3,
  pricePoints: 30,
  criteria: [
    { name: "培训方案", description: null, points: 40 },
    { name: "师资", description: null, points: 30 },
  ],
  lots: [
    {
      number: 1,
      occupationCode: "6-18-02-04",
      level: 4,
      headcount: 20,
      windowStart: "2027-03-01",
      windowEnd: "2027-05-31",
      maxPriceFen: 180_000,
      status: "open",
      demandIds: ["a", "b"],
    },
  ],
};

describe("diffSnapshots: what is material", () => {
  const lot = BASE.lots[0]!;
  const rows: [string, Partial<TenderSnapshot>, string[], boolean][] = [
    ["nothing", {}, [], false],
    ["a typo in the title", { title: "2026 年焊工培训项目" }, ["title"], false],
    ["the description", { description: "更正说明" }, ["description"], false],
    ["the deadline", { bidDeadline: "2026-12-28T02:00:00.000Z" }, ["bidDeadline"], true],
    ["price points", { pricePoints: 40, criteria: [{ name: "培训方案", description: null, points: 60 }] }, ["pricePoints", "criteria"], true],
    ["a criterion's wording", { criteria: [{ name: "培训方案及教材", description: null, points: 40 }, BASE.criteria[1]!] }, ["criteria"], true],
    ["minimum valid bids", { minValidBids: 4 }, ["minValidBids"], true],
    ["a lot's maximum price", { lots: [{ ...lot, maxPriceFen: 150_000 }] }, ["lot1"], true],
    ["a lot's window", { lots: [{ ...lot, windowEnd: "2027-04-30" }] }, ["lot1"], true],
    ["a new lot (split)", { lots: [{ ...lot, headcount: 10, demandIds: ["a"] }, { ...lot, number: 2, headcount: 10, demandIds: ["b"] }] }, ["lot1", "lot2"], true],
    ["the same demands listed in another order", { lots: [{ ...lot, demandIds: ["b", "a"] }] }, [], false],
  ];
  it.each(rows)("%s", (_name, change, fields, material) => {
    const diff = diffSnapshots(BASE, { ...BASE, ...change });
    expect(diff.changes.map((c) => c.field)).toEqual(fields);
    expect(diff.material).toBe(material);
  });

  it("records before and after of each change", () => {
    expect(diffSnapshots(BASE, { ...BASE, title: "新标题" }).changes).toEqual([
      { field: "title", material: false, before: "2026 年焊工培训", after: "新标题" },
    ]);
  });
});

describe("amendedDeadline (87号令 art. 27: at least 15 days after a material amendment)", () => {
  const current = new Date("2026-12-21T02:00:00Z"); // Mon 21 Dec, 10:00 Shanghai
  const rows: [string, { now: string; requested?: string; material: boolean }, { deadline: string; moved: boolean }][] = [
    ["non-material, 2 days left: unchanged", { now: "2026-12-19T02:00:00Z", material: false }, { deadline: "2026-12-21T02:00:00.000Z", moved: false }],
    ["material, exactly 15 days left: unchanged", { now: "2026-12-06T02:00:00Z", material: true }, { deadline: "2026-12-21T02:00:00.000Z", moved: false }],
    ["material, 20 days left: unchanged", { now: "2026-12-01T02:00:00Z", material: true }, { deadline: "2026-12-21T02:00:00.000Z", moved: false }],
    // 7 Dec + 15 = Tue 22 Dec, at the deadline's own time of day (10:00 Shanghai).
    ["material, 14 days left: moved to now + 15 D", { now: "2026-12-07T01:00:00Z", material: true }, { deadline: "2026-12-22T02:00:00.000Z", moved: true }],
    // 10 Dec + 15 = Fri 25 Dec … a plain Friday: a working day.
    ["material, 11 days left", { now: "2026-12-10T08:00:00Z", material: true }, { deadline: "2026-12-25T02:00:00.000Z", moved: true }],
    // 12 Dec + 15 = Sun 27 Dec → Mon 28 Dec.
    ["moved onto a Sunday: rolls to Monday", { now: "2026-12-12T02:00:00Z", material: true }, { deadline: "2026-12-28T02:00:00.000Z", moved: true }],
    // 17 Dec + 15 = Fri 1 Jan 2027 (holiday) → Sat, Sun → Mon 4 Jan.
    ["moved onto New Year's Day: rolls past the weekend", { now: "2026-12-17T02:00:00Z", material: true }, { deadline: "2027-01-04T02:00:00.000Z", moved: true }],
    // The officer extends by a week with 8 days left: 22 + 15 … still short, so now + 15 D.
    ["a requested extension still too short: moved further", { now: "2026-12-13T02:00:00Z", requested: "2026-12-24T02:00:00Z", material: true }, { deadline: "2026-12-28T02:00:00.000Z", moved: true }],
    ["a requested extension long enough: kept", { now: "2026-12-13T02:00:00Z", requested: "2027-01-05T06:30:00Z", material: true }, { deadline: "2027-01-05T06:30:00.000Z", moved: false }],
    // Shortening to too few days never brings the deadline before the current one.
    ["a shortening that leaves too few days: the current deadline stays", { now: "2026-12-01T02:00:00Z", requested: "2026-12-08T02:00:00Z", material: true }, { deadline: "2026-12-21T02:00:00.000Z", moved: true }],
    ["Shanghai dates, not UTC: 00:30 Shanghai on 7 Dec is still 6 Dec in UTC", { now: "2026-12-06T16:30:00Z", material: true }, { deadline: "2026-12-22T02:00:00.000Z", moved: true }],
  ];
  it.each(rows)("%s", (_name, input, expected) => {
    const r = amendedDeadline({
      current,
      requested: new Date(input.requested ?? current.toISOString()),
      material: input.material,
      now: new Date(input.now),
      minRemainingDays: 15,
      calendar: CAL,
    });
    expect({ deadline: r.deadline.toISOString(), moved: r.moved }).toEqual(expected);
  });

  it("takes the number of days from the rules", () => {
    const r = amendedDeadline({ current, requested: current, material: true, now: new Date("2026-12-01T02:00:00Z"), minRemainingDays: 25, calendar: CAL });
    expect(r).toEqual({ deadline: new Date("2026-12-28T02:00:00Z"), moved: true }); // 26 Dec is a Saturday
  });
});

describe("amendedDeadline at the Shanghai day boundary", () => {
  it("23:30 Shanghai on 6 Dec still has 15 days to 21 Dec", () => {
    const current = new Date("2026-12-21T02:00:00Z");
    const r = amendedDeadline({ current, requested: current, material: true, now: new Date("2026-12-06T15:30:00Z"), minRemainingDays: 15, calendar: CAL });
    expect(r).toEqual({ deadline: current, moved: false });
  });
});
