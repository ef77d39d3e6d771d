/**
 * Issue 8, test 7: the trainees page's forms accept exactly the four intents with an id, and a
 * reason of 2–500 characters where one is needed; they refuse the rest on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enrolmentActionSchema, REASON_MAX, REASON_MIN } from "./enrolment";

const id = fc.stringMatching(/^[a-z0-9]{1,40}$/);
const reason = fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5a-z][\u4e00-\u9fa5a-z ]{${REASON_MIN - 2},${REASON_MAX - 2}}[\u4e00-\u9fa5a-z]$`));
const issuesOf = (f: Record<string, string>) => enrolmentActionSchema.safeParse(f).error?.issues.map((i) => [i.path.join("."), i.message.split("|")[0]]);

describe("the trainees page's forms", () => {
  it("accept each intent with its id, and a trimmed reason of 2–500 characters where it needs one", () => {
    fc.assert(
      fc.property(id, id, reason, (enrolmentId, replacementId, why) => {
        expect(enrolmentActionSchema.safeParse({ intent: "confirm", enrolmentId }).data).toEqual({ intent: "confirm", enrolmentId });
        expect(enrolmentActionSchema.safeParse({ intent: "decline", enrolmentId, reason: ` ${why} ` }).data).toEqual({ intent: "decline", enrolmentId, reason: why });
        expect(enrolmentActionSchema.safeParse({ intent: "drop", enrolmentId, reason: why }).data).toEqual({ intent: "drop", enrolmentId, reason: why });
        expect(enrolmentActionSchema.safeParse({ intent: "replace", enrolmentId, replacementId, reason: why }).data).toEqual({ intent: "replace", enrolmentId, replacementId, reason: why });
      }),
    );
  });

  it("refuse a reason too short or too long, a missing id, and an unknown intent, on that field", () => {
    fc.assert(
      fc.property(id, fc.oneof(fc.constantFrom("x", " y "), fc.stringMatching(new RegExp(`^[a-z]{${REASON_MAX + 1},${REASON_MAX + 50}}$`))), fc.constantFrom("decline", "drop"), (enrolmentId, why, intent) => {
        const expected = why.trim().length < REASON_MIN ? "delivery.enrolment.errors.reasonTooShort" : "common.form.tooLong";
        expect(issuesOf({ intent, enrolmentId, reason: why })).toEqual([["reason", expected]]);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom("confirm", "decline", "drop", "replace"), (intent) => {
        expect(issuesOf({ intent, reason: "理由充分", replacementId: "r1" })).toEqual([["enrolmentId", "common.form.invalid"]]);
      }),
    );
    fc.assert(
      fc.property(fc.string().filter((s) => !["confirm", "decline", "replace", "drop"].includes(s)), id, (intent, enrolmentId) => {
        expect(issuesOf({ intent, enrolmentId })?.map((i) => i[0])).toEqual(["intent"]);
      }),
    );
  });
});
