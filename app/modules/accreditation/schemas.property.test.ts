/**
 * Issue 8, test 7: the accreditation forms accept exactly what an application or a decision may
 * carry — a level of 1 to 5, a licence number of up to 50 characters, real dates in order, the
 * listed events and statuses — as those values, and refuse the rest with an error on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applicationSchema, decisionSchema } from "./schemas";

const isoDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const orderedDates = fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)));
const licence = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,49}$/);
const application = fc.record({ occupationCode: fc.stringMatching(/^\d-\d{2}-\d{2}-\d{2}$/), highestLevel: fc.integer({ min: 1, max: 5 }), licenceNumber: licence, dates: orderedDates });
type Application = typeof application extends fc.Arbitrary<infer T> ? T : never;
const post = (a: Application) => ({
  occupationCode: a.occupationCode,
  highestLevel: String(a.highestLevel),
  licenceNumber: ` ${a.licenceNumber} `,
  validFrom: a.dates[0],
  validTo: a.dates[1],
});
const fieldsIn = (r: z.ZodSafeParseResult<unknown>) => [...new Set((r.error?.issues ?? []).map((i) => i.path.join(".")))];

describe("the accreditation application", () => {
  it("accepts every level 1–5, licence number up to 50 characters and pair of real dates in order, as those values", () => {
    fc.assert(
      fc.property(application, (a) => {
        expect(applicationSchema.safeParse(post(a))).toEqual({
          success: true,
          data: { occupationCode: a.occupationCode, highestLevel: a.highestLevel, licenceNumber: a.licenceNumber, validFrom: a.dates[0], validTo: a.dates[1] },
        });
      }),
    );
  });

  it("refuses a level outside 1–5 or not whole, on the level", () => {
    fc.assert(
      fc.property(application, fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 6 }), fc.double({ min: 1, max: 5, noInteger: true, noDefaultInfinity: true, noNaN: true })), (a, level) => {
        expect(fieldsIn(applicationSchema.safeParse({ ...post(a), highestLevel: String(level) }))).toEqual(["highestLevel"]);
      }),
    );
  });

  it("refuses a licence number over 50 characters with the length's message, and an empty one as required", () => {
    fc.assert(
      fc.property(application, fc.stringMatching(/^[A-Z0-9]{51,80}$/), (a, long) => {
        const r = applicationSchema.safeParse({ ...post(a), licenceNumber: long });
        expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["licenceNumber", 'common.form.tooLong|{"max":50}']]);
      }),
    );
    fc.assert(
      fc.property(application, fc.constantFrom("", " ", "\t"), (a, blank) => {
        expect(applicationSchema.safeParse({ ...post(a), licenceNumber: blank }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["licenceNumber", "common.form.required"]]);
      }),
    );
  });

  it("refuses a date that is not a real calendar day on that date, and dates out of order on the end", () => {
    fc.assert(
      fc.property(application, fc.oneof(fc.constantFrom("2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "tomorrow")), (a, bad) => {
        const r = applicationSchema.safeParse({ ...post(a), validFrom: bad });
        expect(r.error?.issues.filter((i) => i.path[0] === "validFrom").map((i) => i.message)).toEqual(["accreditation.errors.invalidDate"]);
      }),
    );
    fc.assert(
      fc.property(application, orderedDates.filter(([a, b]) => a < b), (a, [early, late]) => {
        const r = applicationSchema.safeParse({ ...post(a), validFrom: late, validTo: early });
        expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["validTo", "accreditation.errors.dateOrder"]]);
      }),
    );
  });
});

const EVENTS = ["approve", "refuse", "suspend", "reinstate", "revoke", "withdraw"] as const;
const STATUSES = ["applied", "approved", "refused", "suspended", "revoked", "withdrawn"] as const;
const NEEDS_REASON = new Set(["refuse", "suspend", "revoke"]);

describe("the accreditation decision", () => {
  it("accepts a listed event and status, with a reason where the event needs one, and refuses a reason over 500 characters", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENTS), fc.constantFrom(...STATUSES), fc.string({ maxLength: 600 }), (event, expectedStatus, reason) => {
        const r = decisionSchema.safeParse({ id: "acc-1", event, expectedStatus, reason });
        const trimmed = reason.trim();
        if (trimmed.length > 500) expect(fieldsIn(r)).toEqual(["reason"]);
        else if (NEEDS_REASON.has(event) && trimmed === "") expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "accreditation.errors.reasonRequired"]]);
        else expect(r).toEqual({ success: true, data: { id: "acc-1", event, expectedStatus, reason: trimmed } });
      }),
    );
  });

  it("refuses any event or status not listed, on that field", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !(EVENTS as readonly string[]).includes(s) && !(STATUSES as readonly string[]).includes(s)), fc.boolean(), (other, onEvent) => {
        const form = onEvent ? { id: "a", event: other, expectedStatus: "applied" } : { id: "a", event: "approve", expectedStatus: other };
        expect(fieldsIn(decisionSchema.safeParse(form))).toEqual([onEvent ? "event" : "expectedStatus"]);
      }),
    );
  });
});
