/**
 * Issue 8, test 7: a trainee's result and a rating accept exactly what may be recorded — passed or
 * failed, a certificate number of 4–40 letters, digits and hyphens, a level 1–5, a real date; a
 * rating 1–5 with a comment of 5–2000 characters — as those values, and refuse the rest on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { certificationOfForm, RATING_COMMENT_MAX, RATING_COMMENT_MIN, ratingSchema, resultSchema } from "./completion-schemas";

installFormMessages();

const isoDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const certified = fc.record({ number: fc.stringMatching(/^[A-Za-z0-9-]{4,40}$/), level: fc.integer({ min: 1, max: 5 }), on: isoDate });
const post = (c: { number: string; level: number; on: string }) => ({ intent: "record", enrolmentId: "enr-1", assessment: "passed", certification: "passed", certificateNumber: ` ${c.number}`, levelReached: String(c.level), certifiedOn: c.on });
const issuesOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join("."), i.message]);

describe("a trainee's result", () => {
  it("accepts every certificate number, level 1–5 and real date, and describes the certification with them", () => {
    fc.assert(
      fc.property(certified, (c) => {
        const r = resultSchema.safeParse(post(c));
        expect(r.success).toBe(true);
        expect(certificationOfForm(r.data!)).toEqual({ passed: true, certificateNumber: c.number, levelReached: c.level, certifiedOn: c.on });
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.constantFrom("passed", "failed"), fc.constantFrom(undefined, "", "failed"), (assessment, certification) => {
        const r = resultSchema.safeParse({ intent: "record", enrolmentId: "enr-1", assessment, certification, certificateNumber: "", levelReached: "", certifiedOn: "" });
        expect(r.data?.assessment).toBe(assessment);
        expect(certificationOfForm(r.data!)).toEqual(certification === "failed" ? { passed: false } : null);
      }),
    );
  });

  it("refuses a certificate number of the wrong form, a level outside 1–5, a date that is not a real day and a missing assessment, on that field", () => {
    fc.assert(
      fc.property(certified, fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,3}$/), fc.stringMatching(/^[A-Za-z0-9-]{41,60}$/), fc.stringMatching(/^[A-Z0-9]{2,10}[ #/_.证][A-Z0-9]{2,10}$/)), (c, number) => {
        expect(issuesOf(resultSchema.safeParse({ ...post(c), certificateNumber: number }))).toEqual([["certificateNumber", "completion.errors.numberInvalid"]]);
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(certified, fc.oneof(fc.integer({ min: -9, max: 0 }).map(String), fc.integer({ min: 6, max: 99 }).map(String), fc.constantFrom("1.5", "三")), (c, level) => {
        expect(issuesOf(resultSchema.safeParse({ ...post(c), levelReached: level }))).toEqual([["levelReached", "completion.errors.levelInvalid"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(certified, fc.constantFrom("2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026/01/01", "26-1-1"), (c, on) => {
        expect(issuesOf(resultSchema.safeParse({ ...post(c), certifiedOn: on }))).toEqual([["certifiedOn", "completion.errors.dateInvalid"]]);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(certified, fc.constantFrom("certificateNumber", "levelReached", "certifiedOn"), fc.constantFrom(undefined, "", " "), (c, field, blank) => {
        expect(issuesOf(resultSchema.safeParse({ ...post(c), [field]: blank }))).toEqual([[field, "common.form.required"]]);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(certified, fc.string().filter((s) => !["passed", "failed"].includes(s.trim())), (c, assessment) => {
        expect(issuesOf(resultSchema.safeParse({ ...post(c), assessment }))).toEqual([["assessment", "completion.errors.assessmentRequired"]]);
      }),
      { numRuns: 20 },
    );
  });
});

describe("a rating", () => {
  const comment = fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5a-z][\u4e00-\u9fa5a-z ]{${RATING_COMMENT_MIN - 2},300}[\u4e00-\u9fa5a-z]$`));
  it("accepts every score 1–5 with a comment of 5–2000 characters, as those values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), comment, (score, text) => {
        expect(ratingSchema.safeParse({ intent: "rate", score: ` ${score}`, comment: `${text}\n` })).toEqual({ success: true, data: { intent: "rate", score, comment: text } });
      }),
      { numRuns: 40 },
    );
  });

  it("refuses a score outside 1–5 and a comment blank, short or too long, on that field", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -9, max: 0 }).map(String), fc.integer({ min: 6, max: 99 }).map(String), fc.constantFrom("", "4.5", "五")), comment, (score, text) => {
        expect(issuesOf(ratingSchema.safeParse({ intent: "rate", score, comment: text }))).toEqual([["score", "completion.errors.scoreRequired"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom("", "   "), fc.stringMatching(new RegExp(`^[a-z]{1,${RATING_COMMENT_MIN - 1}}$`)), fc.integer({ min: 1, max: 50 }).map((n) => "好".repeat(RATING_COMMENT_MAX + n))), (text) => {
        const t = text.trim();
        const message = t === "" ? "common.form.required" : t.length < RATING_COMMENT_MIN ? `completion.errors.commentShort|{"min":${RATING_COMMENT_MIN}}` : `common.form.tooLong|{"max":${RATING_COMMENT_MAX}}`;
        expect(issuesOf(ratingSchema.safeParse({ intent: "rate", score: "4", comment: text }))).toEqual([["comment", message]]);
      }),
      { numRuns: 30 },
    );
  });
});
