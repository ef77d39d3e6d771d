/**
 * Issue 8, test 7: the award page's forms and the objection accept exactly their intents, a
 * decision and outcome from the lists, an answer and grounds within their lengths and ids up to
 * 64 characters, and refuse the rest on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ANSWER_MAX, GROUNDS_MAX, GROUNDS_MIN } from "./periods";
import { awardActionSchema, objectionSchema } from "./schemas";

const id = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
const words = (min: number, max: number) => fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5a-z][\u4e00-\u9fa5a-z ]{${Math.max(0, min - 2)},${max - 2}}[\u4e00-\u9fa5a-z]$`));
const fieldsIn = (r: z.ZodSafeParseResult<unknown>) => [...new Set((r.error?.issues ?? []).map((i) => i.path.join(".")))];

describe("the award page's forms", () => {
  it("accept an answer to an objection with a listed decision and outcome and a text within its length, as those values", () => {
    fc.assert(
      fc.property(id, fc.constantFrom("upheld", "dismissed"), fc.option(fc.constantFrom("reevaluate", "next_ranked"), { nil: undefined }), words(1, ANSWER_MAX), (objectionId, decision, outcome, answer) => {
        const r = awardActionSchema.safeParse({ intent: "answer", objectionId, decision, outcome, answer: ` ${answer} ` });
        expect(r).toEqual({ success: true, data: { intent: "answer", objectionId, decision, answer, ...(outcome ? { outcome } : {}) } });
      }),
    );
  });

  it("refuse a decision or outcome off the list, an id over 64 characters or an answer over its length, on that field", () => {
    const valid = { intent: "answer", objectionId: "o-1", decision: "upheld", answer: "已复核" };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string().filter((s) => s !== "upheld" && s !== "dismissed").map((v) => ["decision", v] as const),
          fc.string({ minLength: 1 }).filter((s) => s !== "reevaluate" && s !== "next_ranked").map((v) => ["outcome", v] as const),
          fc.stringMatching(/^[a-z0-9]{65,120}$/).map((v) => ["objectionId", v] as const),
          fc.stringMatching(new RegExp(`^[a-z]{${ANSWER_MAX + 1},${ANSWER_MAX + 30}}$`)).map((v) => ["answer", v] as const),
        ),
        ([field, value]) => {
          expect(fieldsIn(awardActionSchema.safeParse({ ...valid, [field]: value }))).toEqual([field]);
        },
      ),
    );
  });

  it("refuse any intent but the four, on the intent, and a confirmation without a whole round of at least 1", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !["confirm", "publish", "close", "answer"].includes(s)), (intent) => {
        expect(fieldsIn(awardActionSchema.safeParse({ intent }))).toEqual(["intent"]);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1, max: 1e6, noInteger: true, noNaN: true })), (round) => {
        expect(fieldsIn(awardActionSchema.safeParse({ intent: "confirm", round }))).toEqual(["round"]);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (round) => {
        expect(awardActionSchema.safeParse({ intent: "confirm", round }).data).toEqual({ intent: "confirm", round });
      }),
    );
  });
});

describe("the objection", () => {
  it("accepts grounds within their lengths as trimmed text, and refuses shorter or longer grounds with their message", () => {
    fc.assert(
      fc.property(words(GROUNDS_MIN, GROUNDS_MAX), fc.option(id, { nil: undefined }), (grounds, awardId) => {
        expect(objectionSchema.safeParse({ intent: "object", awardId, grounds: `\n${grounds} ` }).data).toEqual({ intent: "object", grounds, ...(awardId ? { awardId } : {}) });
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(new RegExp(`^[a-z]{1,${GROUNDS_MIN - 1}}$`)), fc.stringMatching(new RegExp(`^[a-z]{${GROUNDS_MAX + 1},${GROUNDS_MAX + 30}}$`))), (grounds) => {
        const r = objectionSchema.safeParse({ intent: "object", grounds });
        expect(r.error?.issues.map((i) => [i.path.join("."), i.message.split("|")[0]])).toEqual([["grounds", grounds.length < GROUNDS_MIN ? "award.objections.errors.groundsShort" : "common.form.tooLong"]]);
      }),
    );
  });
});
