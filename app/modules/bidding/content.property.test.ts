/**
 * Issue 8, test 7: the bid form (DESIGN.md "Bid — sealed") takes exactly what a lot allows — a
 * price in yuan above zero and at most the lot's cap, a capacity, planned dates inside the
 * delivery window and in order, hours, complete trainer pairs, a venue and a plan — and refuses
 * the rest on its field, in words both dictionaries hold.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { fenToYuanString } from "~/modules/reference/money";
import { i18nFor } from "~/ui/i18n/instances.server";
import { parseMsg } from "~/utils/result";
import { bidFormSchema } from "./content";

installFormMessages();

const TERMS = { maxPriceFen: 300_000, windowStart: "2027-03-01", windowEnd: "2027-06-30" };
const schema = bidFormSchema(TERMS);

/** Days of the window, as ISO dates. */
const WINDOW: string[] = [];
for (let t = Date.parse(`${TERMS.windowStart}T00:00:00Z`); t <= Date.parse(`${TERMS.windowEnd}T00:00:00Z`); t += 86_400_000) WINDOW.push(new Date(t).toISOString().slice(0, 10));

const VALID = {
  price: "1800",
  capacity: "30",
  plannedStart: "2027-03-10",
  plannedEnd: "2027-05-20",
  theoryHours: "40",
  practiceHours: "80",
  trainerName: ["王老师"],
  trainerCertificate: ["T-2020-001"],
  venue: "区实训基地二楼",
  plan: "理论与实操结合，每周两次实训。",
};

const issuesOf = (form: Record<string, unknown>) => (schema.safeParse(form).error?.issues ?? []).map((i) => [i.path.join("."), i.message] as const);

const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== "" && s.trim() === s);

describe("the bid form", () => {
  it("accepts a price from one fen to the cap, written as the page shows amounts, and reads it back in fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: TERMS.maxPriceFen }), fc.boolean(), (fen, grouped) => {
        const yuan = fenToYuanString(fen);
        const typed = grouped ? Number(yuan).toLocaleString("en-US", { minimumFractionDigits: 2 }) : yuan;
        const r = schema.safeParse({ ...VALID, price: typed });
        expect(r.success && r.data.priceFen).toBe(fen);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a price of zero, above the cap, negative, with a third decimal or not a number — on the price, with a message both languages hold", () => {
    const cases = fc.oneof(
      fc.constant("0"),
      fc.integer({ min: TERMS.maxPriceFen + 1, max: 10_000_000 }).map(fenToYuanString),
      fc.integer({ min: 1, max: 100_000 }).map((f) => `-${fenToYuanString(f)}`),
      fc.integer({ min: 1, max: 9 }).map((d) => `12.34${d}`),
      fc.constantFrom("abc", "1.2.3", "¥¥5", ""),
    );
    fc.assert(
      fc.property(cases, (price) => {
        const issues = issuesOf({ ...VALID, price });
        expect(issues.length).toBeGreaterThan(0);
        for (const [field, message] of issues) {
          expect(field).toBe("price");
          const { key, params } = parseMsg(message);
          for (const lng of ["zh-CN", "en"] as const) expect(i18nFor(lng).exists(key), `${key} in ${lng}`).toBe(true);
          expect(String(i18nFor("zh-CN").t(key as never, params as never))).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("accepts planned dates inside the window in order, and refuses dates outside it or reversed on the date's field", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WINDOW.length - 1 }), fc.integer({ min: 0, max: WINDOW.length - 1 }), (a, b) => {
        const [start, end] = [WINDOW[Math.min(a, b)]!, WINDOW[Math.max(a, b)]!];
        expect(schema.safeParse({ ...VALID, plannedStart: start, plannedEnd: end }).success).toBe(true);
        if (a !== b) expect(issuesOf({ ...VALID, plannedStart: end, plannedEnd: start })).toEqual([["plannedEnd", "bidding.errors.endBeforeStart"]]);
      }),
      { numRuns: 100 },
    );
    const outside = fc.oneof(fc.constantFrom("2027-02-28", "2027-07-01", "2026-12-31", "2028-01-01"));
    fc.assert(
      fc.property(outside, (day) => {
        expect(issuesOf({ ...VALID, plannedStart: day, plannedEnd: day }).map(([f, m]) => [f, parseMsg(m).key])).toEqual(
          expect.arrayContaining([
            ["plannedStart", "bidding.errors.outsideWindow"],
            ["plannedEnd", "bidding.errors.outsideWindow"],
          ]),
        );
      }),
      { numRuns: 10 },
    );
    for (const bad of ["2027-02-30", "2027-3-1", "tomorrow", ""]) {
      expect(issuesOf({ ...VALID, plannedStart: bad }).filter(([f]) => f === "plannedStart").map(([, m]) => m)[0]).toMatch(/^(bidding\.errors\.date|common\.form\.required)/);
    }
  });

  it("accepts whole hours from 0 to 2000 with some hours in all, and refuses fractions, negatives, too many and none", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (theory, practice) => {
        const r = schema.safeParse({ ...VALID, theoryHours: String(theory), practiceHours: String(practice) });
        if (theory + practice > 0) expect(r.success && [r.data.theoryHours, r.data.practiceHours]).toEqual([theory, practice]);
        else expect(issuesOf({ ...VALID, theoryHours: "0", practiceHours: "0" })).toEqual([["practiceHours", "bidding.errors.noHours"]]);
      }),
      { numRuns: 100 },
    );
    for (const bad of ["-1", "2001", "1.5", "x"]) expect(issuesOf({ ...VALID, theoryHours: bad })).toEqual([["theoryHours", "bidding.errors.hours"]]);
    for (const bad of ["0", "-3", "2.5", "10001"]) expect(issuesOf({ ...VALID, capacity: bad })).toEqual([["capacity", "bidding.errors.capacity"]]);
  });

  it("keeps complete trainer pairs, ignores empty rows, and refuses half a pair or no trainer at all", () => {
    const pair = fc.record({ name: nonBlank(50), certificate: nonBlank(50) });
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }), (pairs, at) => {
        // An empty row somewhere among them, as an unused row of the form posts it.
        const rows = [...pairs.slice(0, at), { name: "", certificate: "" }, ...pairs.slice(at)];
        const r = schema.safeParse({ ...VALID, trainerName: rows.map((p) => p.name), trainerCertificate: rows.map((p) => p.certificate) });
        expect(r.success && r.data.trainers).toEqual(pairs);
        expect(issuesOf({ ...VALID, trainerName: [pairs[0]!.name], trainerCertificate: [""] })).toContainEqual(["trainerName", "bidding.errors.trainerIncomplete"]);
      }),
      { numRuns: 60 },
    );
    expect(issuesOf({ ...VALID, trainerName: [], trainerCertificate: [] })).toEqual([["trainerName", "bidding.errors.trainers"]]);
  });

  it("refuses a blank or over-long venue and plan on their fields, and never throws on anything posted", () => {
    expect(issuesOf({ ...VALID, venue: "  " })).toEqual([["venue", "common.form.required"]]);
    expect(issuesOf({ ...VALID, venue: "场".repeat(201) })).toEqual([["venue", 'common.form.tooLong|{"max":200}']]);
    expect(issuesOf({ ...VALID, plan: "计".repeat(5001) })).toEqual([["plan", 'common.form.tooLong|{"max":5000}']]);
    const anyValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 7 }), fc.constant(undefined), fc.integer());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(VALID), "intent", "x"), anyValue), (form) => {
        const r = schema.safeParse(form);
        for (const issue of r.error?.issues ?? []) {
          const { key } = parseMsg(issue.message);
          expect(i18nFor("zh-CN").exists(key), `${key} (${issue.path.join(".")})`).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
