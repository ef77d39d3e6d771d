/**
 * Issue 8, test 7: the registration form accepts exactly what an organisation may register with —
 * a valid unified social credit code (also typed in lower case or full width), names within their
 * lengths, a phone of digits and dialling signs, an e-mail, a password of 10–200 characters typed
 * twice alike, one of the two kinds — as those values, and refuses the rest on the field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFormMessages } from "~/modules/reference/form-messages";
import { CREDIT_CODE_CHARSET, makeCreditCode } from "./credit-code";
import { MIN_PASSWORD_LENGTH, registrationSchema, statusChangeSchema } from "./schemas";

installFormMessages();

const FULL_WIDTH = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const symbols = (n: number) => fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: n, maxLength: n }).map((a) => a.join(""));
const creditCode = fc.tuple(symbols(2), fc.stringMatching(/^[0-9]{6}$/), symbols(9)).map(([a, division, b]) => makeCreditCode(a + division + b));
/** Text with something other than spaces at both ends, of 1 to `max` characters. */
const words = (max: number) => fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5A-Za-z0-9]([\u4e00-\u9fa5A-Za-z0-9 ()·-]{0,${max - 2}}[\u4e00-\u9fa5A-Za-z0-9])?$`));
const email = fc.stringMatching(/^[a-z0-9]{1,10}([._+-][a-z0-9]{1,10}){0,2}@[a-z0-9]{1,15}(-[a-z0-9]{1,5})?(\.[a-z0-9]{1,10})?\.[a-z]{2,6}$/);
const password = fc.string({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 });

const registration = fc.record({
  kind: fc.constantFrom("enterprise", "institution"),
  orgName: words(100),
  creditCode,
  contactPhone: fc.stringMatching(/^(\+86 )?[0-9]{3,4}-?[0-9]{7,8}$/),
  address: words(200),
  name: words(50),
  email,
  password,
});
type Registration = typeof registration extends fc.Arbitrary<infer T> ? T : never;
const post = (r: Registration) => ({ ...r, orgName: ` ${r.orgName} `, name: `${r.name}\t`, email: ` ${r.email.toUpperCase()}`, passwordConfirm: r.password });
const issuesOf = (form: Record<string, unknown>) => registrationSchema.safeParse(form).error?.issues.map((i) => [i.path.join("."), i.message]);

describe("the registration form", () => {
  it("accepts every valid credit code, name, phone, e-mail and matching password, as those values trimmed (the e-mail in lower case)", () => {
    fc.assert(
      fc.property(registration, fc.constantFrom("plain", "lower", "wide"), (r, typed) => {
        const code = typed === "lower" ? r.creditCode.toLowerCase() : typed === "wide" ? FULL_WIDTH(r.creditCode) : r.creditCode;
        expect(registrationSchema.safeParse({ ...post(r), creditCode: ` ${code} ` })).toEqual({ success: true, data: { ...r, passwordConfirm: r.password } });
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a credit code with a wrong check character naming the right one, a wrong length or a letter in the division code, on the code", () => {
    fc.assert(
      fc.property(registration, fc.constantFrom(...CREDIT_CODE_CHARSET), (r, other) => {
        fc.pre(other !== r.creditCode.charAt(17));
        expect(issuesOf({ ...post(r), creditCode: r.creditCode.slice(0, 17) + other })).toEqual([
          ["creditCode", `auth.creditCode.checkChar|${JSON.stringify({ expected: r.creditCode.charAt(17), actual: other })}`],
        ]);
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(registration, fc.integer({ min: 1, max: 30 }).filter((n) => n !== 18), fc.integer({ min: 3, max: 8 }), fc.constantFrom("A", "X", "Y"), (r, length, at, letter) => {
        const long = (r.creditCode + r.creditCode).slice(0, length);
        expect(issuesOf({ ...post(r), creditCode: long })).toEqual([["creditCode", `auth.creditCode.length|${JSON.stringify({ actual: String(length) })}`]]);
        const lettered = r.creditCode.slice(0, at - 1) + letter + r.creditCode.slice(at);
        expect(issuesOf({ ...post(r), creditCode: lettered })).toEqual([["creditCode", `auth.creditCode.charset|${JSON.stringify({ position: at, actual: letter })}`]]);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses names and address over their lengths, and a blank or missing name as required, on that field", () => {
    fc.assert(
      fc.property(registration, fc.constantFrom(["orgName", 100], ["name", 50], ["address", 200]), fc.integer({ min: 1, max: 40 }), (r, [field, max], over) => {
        expect(issuesOf({ ...post(r), [field]: "名".repeat(max + over) })).toEqual([[field, `common.form.tooLong|{"max":${max}}`]]);
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(registration, fc.constantFrom("orgName", "name", "email", "creditCode", "passwordConfirm"), fc.constantFrom(undefined, "", "  "), (r, field, blank) => {
        const form: Record<string, unknown> = { ...post(r), [field]: blank };
        // Typed blanks are not absent: a blank confirmation is a mismatch, a blank e-mail no e-mail.
        const typed = { passwordConfirm: "auth.password.mismatch", email: "common.form.invalidEmail" }[field as string];
        const expected = blank !== undefined && typed ? typed : "common.form.required";
        expect(issuesOf(form)).toEqual([[field, expected]]);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses a phone with letters or over 30 characters, an e-mail without its parts, a short or over-long password, a different confirmation and an unknown kind", () => {
    fc.assert(
      fc.property(registration, fc.stringMatching(/^[0-9]{3,8}[A-Za-z#*][0-9]{0,8}$/), (r, phone) => {
        expect(issuesOf({ ...post(r), contactPhone: phone })).toEqual([["contactPhone", "common.form.invalid"]]);
        expect(issuesOf({ ...post(r), contactPhone: "1".repeat(31) })).toEqual([["contactPhone", 'common.form.tooLong|{"max":30}']]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(registration, fc.oneof(fc.stringMatching(/^[a-z0-9.]{1,20}$/), fc.stringMatching(/^[a-z0-9]{1,10}@$/), fc.stringMatching(/^@[a-z0-9]{1,10}\.[a-z]{2,4}$/), fc.stringMatching(/^[a-z0-9]{1,10}@[a-z0-9]{1,10}$/)), (r, bad) => {
        expect(issuesOf({ ...post(r), email: bad })).toEqual([["email", "common.form.invalidEmail"]]);
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(registration, fc.oneof(fc.string({ minLength: 1, maxLength: MIN_PASSWORD_LENGTH - 1 }), fc.string({ minLength: 201, maxLength: 260 })), (r, bad) => {
        const message = bad.length < MIN_PASSWORD_LENGTH ? `auth.password.tooShort|{"min":${MIN_PASSWORD_LENGTH}}` : 'common.form.tooLong|{"max":200}';
        expect(issuesOf({ ...post(r), password: bad, passwordConfirm: bad })).toEqual([["password", message]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(registration, password, fc.string().filter((s) => s !== "enterprise" && s !== "institution"), (r, other, kind) => {
        fc.pre(other !== r.password);
        expect(issuesOf({ ...post(r), passwordConfirm: other })).toEqual([["passwordConfirm", "auth.password.mismatch"]]);
        // The two kinds are radio buttons: none chosen is "required", anything else a wrong choice.
        expect(issuesOf({ ...post(r), kind })).toEqual([["kind", "common.form.invalidChoice"]]);
        expect(issuesOf({ ...post(r), kind: undefined })).toEqual([["kind", "common.form.required"]]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("the bureau's status change of an organisation", () => {
  it("accepts a listed event and status, needs a reason to reject or suspend, and refuses a reason over 500 characters", () => {
    fc.assert(
      fc.property(fc.constantFrom("verify", "reject", "suspend", "reinstate"), fc.constantFrom("pending", "verified", "rejected", "suspended"), fc.string({ maxLength: 600 }), (event, expectedStatus, reason) => {
        const r = statusChangeSchema.safeParse({ event, expectedStatus, reason });
        const trimmed = reason.trim();
        if (trimmed.length > 500) expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", 'common.form.tooLong|{"max":500}']]);
        else if ((event === "reject" || event === "suspend") && trimmed === "") expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "bureau.organisations.reasonRequired"]]);
        else expect(r).toEqual({ success: true, data: { event, expectedStatus, reason: trimmed } });
      }),
      { numRuns: 60 },
    );
  });
});
