/**
 * Issue 8, test 7: the notifications page's forms take exactly "read" with an id of up to 64
 * characters, or "read all", and refuse the rest on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { notificationActionSchema } from "./schemas";

installFormMessages();

const issuesOf = (form: Record<string, unknown>) => notificationActionSchema.safeParse(form).error?.issues.map((i) => [i.path.join("."), i.message]);

describe("the notifications page's forms", () => {
  it("mark one read by its id, trimmed, or all", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,64}$/), (id) => {
        expect(notificationActionSchema.safeParse({ intent: "read", id: ` ${id} ` })).toEqual({ success: true, data: { intent: "read", id } });
        expect(notificationActionSchema.safeParse({ intent: "readAll", id })).toEqual({ success: true, data: { intent: "readAll" } });
      }),
    );
  });

  it("refuse a blank or missing id as required, one over 64 characters as too long, and any other intent", () => {
    fc.assert(
      fc.property(fc.constantFrom(undefined, "", "  "), fc.stringMatching(/^[a-z0-9]{65,100}$/), (blank, long) => {
        expect(issuesOf({ intent: "read", id: blank })).toEqual([["id", "common.form.required"]]);
        expect(issuesOf({ intent: "read", id: long })).toEqual([["id", 'common.form.tooLong|{"max":64}']]);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(fc.string().filter((s) => s !== "read" && s !== "readAll"), (intent) => {
        expect(issuesOf({ intent, id: "n1" })).toEqual([["intent", "common.form.invalidChoice"]]);
      }),
      { numRuns: 20 },
    );
  });
});
