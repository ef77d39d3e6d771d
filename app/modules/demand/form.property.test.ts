/**
 * Issue 8, test 7: the demand form accepts exactly what a demand may carry — an occupation code, a
 * level 1–5, a headcount, real dates in order, a place and notes within their lengths — as those
 * values, and refuses the rest on the field; the review forms take only the listed events.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { BULK_MAX, bulkReviewSchema, demandFormSchema, NOTES_MAX, PLACE_MAX, REASON_MAX, statusChangeSchema } from "./schemas";

installFormMessages();

const words = (max: number) => fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5A-Za-z0-9]([\u4e00-\u9fa5A-Za-z0-9 ,.()-]{0,${Math.min(max, 300) - 2}}[\u4e00-\u9fa5A-Za-z0-9])?$`));
const isoDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const demand = fc.record({
  intent: fc.constantFrom("save", "submit"),
  occupationCode: fc.stringMatching(/^\d-\d{2}-\d{2}-\d{2}$/),
  level: fc.integer({ min: 1, max: 5 }),
  headcount: fc.integer({ min: 1, max: 500 }),
  dates: fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const))),
  place: words(PLACE_MAX),
  notes: words(NOTES_MAX),
});
type Demand = typeof demand extends fc.Arbitrary<infer T> ? T : never;
const post = (d: Demand) => ({ intent: d.intent, occupationCode: ` ${d.occupationCode}`, level: String(d.level), headcount: String(d.headcount), earliestStart: d.dates[0], latestEnd: ` ${d.dates[1]}`, place: `${d.place} `, notes: d.notes });
const issuesOf = (form: Record<string, unknown>) => demandFormSchema.safeParse(form).error?.issues.map((i) => [i.path.join("."), i.message]);

describe("the demand form", () => {
  it("accepts every occupation, level 1–5, headcount, pair of real dates in order, place and notes, as those values", () => {
    fc.assert(
      fc.property(demand, (d) => {
        expect(demandFormSchema.safeParse(post(d))).toEqual({
          success: true,
          data: { intent: d.intent, occupationCode: d.occupationCode, level: d.level, headcount: d.headcount, earliestStart: d.dates[0], latestEnd: d.dates[1], place: d.place, notes: d.notes },
        });
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a level outside 1–5, a date that is not a real day, and an end before the start, on that field", () => {
    fc.assert(
      fc.property(demand, fc.oneof(fc.integer({ min: -99, max: 0 }).map(String), fc.integer({ min: 6, max: 99 }).map(String), fc.constantFrom("2.5", "one", "", "1 2")), (d, level) => {
        expect(issuesOf({ ...post(d), level })).toEqual([["level", "demand.form.levelInvalid"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(demand, fc.constantFrom("2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "26-01-01", "2026/01/01", "next week", ""), fc.constantFrom("earliestStart", "latestEnd"), (d, bad, field) => {
        expect(issuesOf({ ...post(d), [field]: bad })).toEqual([[field, "demand.form.dateFormat"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(demand.filter((d) => d.dates[0] < d.dates[1]), (d) => {
        expect(issuesOf({ ...post(d), earliestStart: d.dates[1], latestEnd: d.dates[0] })).toEqual([["latestEnd", "demand.form.endBeforeStart"]]);
      }),
      { numRuns: 30 },
    );
  });

  it("refuses a missing occupation as not chosen, an over-long code, place or notes as too long, a blank place as required, and an unknown button", () => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 40 }), fc.constantFrom(undefined, "", "  "), (d, over, blank) => {
        expect(issuesOf({ ...post(d), occupationCode: blank })).toEqual([["occupationCode", "demand.form.occupationRequired"]]);
        expect(issuesOf({ ...post(d), occupationCode: "1".repeat(20 + over) })).toEqual([["occupationCode", 'common.form.tooLong|{"max":20}']]);
        expect(issuesOf({ ...post(d), place: "地".repeat(PLACE_MAX + over) })).toEqual([["place", `common.form.tooLong|{"max":${PLACE_MAX}}`]]);
        expect(issuesOf({ ...post(d), notes: "注".repeat(NOTES_MAX + over) })).toEqual([["notes", `common.form.tooLong|{"max":${NOTES_MAX}}`]]);
        expect(issuesOf({ ...post(d), place: blank })).toEqual([["place", "common.form.required"]]);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(demand, fc.string().filter((s) => s !== "save" && s !== "submit"), (d, intent) => {
        expect(issuesOf({ ...post(d), intent })).toEqual([["intent", "common.form.invalidChoice"]]);
      }),
      { numRuns: 20 },
    );
  });
});

const EVENTS = ["submit", "withdraw", "accept", "return", "reject"] as const;
const STATUSES = ["draft", "submitted", "returned", "rejected", "pooled", "tendered", "contracted", "fulfilled", "withdrawn"] as const;

describe("the demand's review forms", () => {
  it("take a listed event and status, a reason to return or reject, and refuse a reason over its length or an unlisted event", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENTS), fc.constantFrom(...STATUSES), fc.string({ maxLength: REASON_MAX + 50 }), (event, expectedStatus, reason) => {
        const r = statusChangeSchema.safeParse({ event, expectedStatus, reason });
        const trimmed = reason.trim();
        const issues = r.error?.issues.map((i) => [i.path.join("."), i.message]);
        if (trimmed.length > REASON_MAX) expect(issues).toEqual([["reason", `common.form.tooLong|{"max":${REASON_MAX}}`]]);
        else if ((event === "return" || event === "reject") && trimmed === "") expect(issues).toEqual([["reason", "demand.review.reasonRequired"]]);
        else expect(r).toEqual({ success: true, data: { event, expectedStatus, reason: trimmed } });
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.string().filter((s) => !(EVENTS as readonly string[]).includes(s)), (event) => {
        expect(statusChangeSchema.safeParse({ event, expectedStatus: "submitted" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["event", "common.form.invalid"]]);
      }),
      { numRuns: 20 },
    );
  });

  it("review 1 to the bulk limit of ticked demands at once, and refuse none or more", () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{8,40}$/), { minLength: 1, maxLength: BULK_MAX + 20 });
    fc.assert(
      fc.property(ids, fc.constantFrom("accept", "return", "reject"), (list, event) => {
        const r = bulkReviewSchema.safeParse({ ids: list, event, reason: "名额已满" });
        if (list.length <= BULK_MAX) expect(r.data).toEqual({ ids: list, event, reason: "名额已满" });
        else expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["ids", `demand.review.tooMany|{"max":${BULK_MAX}}`]]);
        expect(bulkReviewSchema.safeParse({ ids: [], event: "accept" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["ids", "demand.review.noneSelected"]]);
      }),
      { numRuns: 30 },
    );
  });
});
