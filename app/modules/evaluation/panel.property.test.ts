/**
 * Issue 8, test 7: a panel member's score is exactly 0 to the criterion's points in hundredths,
 * typed with up to two decimals; what the page shows of a score reads back as the same score; the
 * scoring form refuses a score out of range or of the wrong form and a missing or over-long
 * comment on that cell.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { COMMENT_MAX, formatHundredths, parseScore, scoreFormSchema } from "./panel";

installFormMessages();

const points = fc.integer({ min: 1, max: 100 });
const issuesOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join("."), i.message]);

describe("a score", () => {
  it("reads every amount from 0 to the criterion's points, as the page shows it, as the same hundredths", () => {
    fc.assert(
      fc.property(points.chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 0, max: p * 100 }))), ([p, h]) => {
        expect(parseScore(` ${formatHundredths(h)} `, p)).toEqual({ ok: true, hundredths: h });
        expect(parseScore((h / 100).toFixed(2), p)).toEqual({ ok: true, hundredths: h });
      }),
    );
  });

  it("refuses more than the points, more than two decimals, a sign or other text, and a blank", () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 10_000 }), (p, over) => {
        fc.pre(p * 100 + over < 100_000);
        expect(parseScore(formatHundredths(p * 100 + over), p)).toEqual({ ok: false, message: `evaluation.errors.scoreRange|{"max":${p}}` });
      }),
    );
    fc.assert(
      fc.property(points, fc.oneof(fc.stringMatching(/^\d{1,2}\.\d{3,5}$/), fc.stringMatching(/^-\d{1,2}$/), fc.stringMatching(/^\d{4,6}$/), fc.constantFrom("1e1", "五", "1,5", ".5", "5.")), (p, bad) => {
        expect(parseScore(bad, p)).toEqual({ ok: false, message: `evaluation.errors.scoreFormat|{"max":${p}}` });
      }),
    );
    expect(parseScore("  ", 10)).toEqual({ ok: false, message: "evaluation.errors.scoreRequired" });
  });
});

describe("the scoring form", () => {
  const criteria = [{ id: "c1", points: 30 }, { id: "c2", points: 70 }];
  const post = (score: string, comment: string) => ({ intent: "save", round: "1", entries: [{ bidId: "b1", criterionId: "c2", score, comment }] });
  it("accepts a score within the points with a comment, and refuses one out of range, a missing or over-long comment, on that cell", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7000 }), fc.stringMatching(/^[\u4e00-\u9fa5a-z]{1,200}$/), (h, comment) => {
        expect(scoreFormSchema(criteria, ["b1"]).safeParse(post(formatHundredths(h), comment)).success).toBe(true);
        expect(issuesOf(scoreFormSchema(criteria, ["b1"]).safeParse(post(formatHundredths(7001 + (h % 100)), comment)))).toEqual([["entries.0.score", 'evaluation.errors.scoreRange|{"max":70}']]);
        expect(issuesOf(scoreFormSchema(criteria, ["b1"]).safeParse(post(formatHundredths(h), " ")))).toEqual([["entries.0.comment", "evaluation.errors.commentRequired"]]);
        expect(issuesOf(scoreFormSchema(criteria, ["b1"]).safeParse(post(formatHundredths(h), "评".repeat(COMMENT_MAX + 1))))).toEqual([["entries.0.comment", `common.form.tooLong|{"max":${COMMENT_MAX}}`]]);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses a bid or criterion not open to scoring, on the form", () => {
    expect(issuesOf(scoreFormSchema(criteria, ["b1"]).safeParse({ intent: "save", round: "1", entries: [{ bidId: "b2", criterionId: "c1", score: "5", comment: "好" }] }))).toEqual([["", "evaluation.errors.bidNotScorable"]]);
  });
});
