/**
 * Issue 8, test 7: what a hand-crafted post gets back is in the reader's language. The checks a
 * schema leaves to zod (an unknown intent, an over-long id, a bare number range, a wrong choice)
 * answer with dictionary keys once the map is installed, and every key it can give reads in both
 * languages.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applicationSchema, decisionSchema } from "~/modules/accreditation/schemas";
import { notificationActionSchema } from "~/modules/notification/schemas";
import { awardActionSchema, objectionSchema } from "~/modules/award/schemas";
import { i18nFor } from "~/ui/i18n/instances.server";
import { parseMsg } from "~/utils/result";
import { formIssueMessage, installFormMessages } from "./form-messages";

const messagesAt = (schema: z.ZodType, input: unknown, field: string) =>
  (schema.safeParse(input).error?.issues ?? []).filter((i) => i.path.join(".") === field).map((i) => i.message);

/** A key's text in a language, or undefined when the dictionary lacks it. */
function text(message: string, lng: "zh-CN" | "en"): string | undefined {
  const { key, params } = parseMsg(message);
  const i18n = i18nFor(lng);
  return i18n.exists(key) ? String(i18n.t(key as never, params as never)) : undefined;
}

const CASES: [name: string, schema: z.ZodType, input: unknown, field: string, message: string][] = [
  ["an unknown intent", awardActionSchema, { intent: "delete-everything" }, "intent", "common.form.invalidChoice"],
  ["no intent at all", awardActionSchema, {}, "intent", "common.form.invalidChoice"],
  ["an award id over 64 characters", objectionSchema, { intent: "object", awardId: "a".repeat(65), grounds: "x".repeat(50) }, "awardId", 'common.form.tooLong|{"max":64}'],
  ["a wrong intent literal", objectionSchema, { intent: "objection", grounds: "x".repeat(50) }, "intent", "common.form.invalidChoice"],
  ["an event outside the list", decisionSchema, { id: "a", event: "approve-all", expectedStatus: "applied" }, "event", "common.form.invalidChoice"],
  ["a missing id", decisionSchema, { event: "approve", expectedStatus: "applied" }, "id", "common.form.required"],
  ["an empty id", decisionSchema, { id: "", event: "approve", expectedStatus: "applied" }, "id", "common.form.required"],
  ["a repeated field (an array for a text)", decisionSchema, { id: ["a", "b"], event: "approve", expectedStatus: "applied" }, "id", "common.form.invalid"],
  ["a number below a bare minimum", z.object({ n: z.coerce.number().int().min(2000) }), { n: "1999" }, "n", 'common.form.tooSmall|{"min":2000}'],
  ["a number above a bare maximum", z.object({ n: z.coerce.number().int().max(5) }), { n: "6" }, "n", 'common.form.tooBig|{"max":5}'],
  ["a fraction where a whole number is wanted", z.object({ n: z.coerce.number().int() }), { n: "2.5" }, "n", "common.form.notWhole"],
  ["not a number", z.object({ n: z.coerce.number() }), { n: "abc" }, "n", "common.form.invalid"],
  ["a text under a bare minimum length", z.object({ s: z.string().min(3) }), { s: "ab" }, "s", 'common.form.tooShort|{"min":3}'],
  ["a malformed e-mail", z.object({ e: z.email() }), { e: "not-mail" }, "e", "common.form.invalidEmail"],
  // A field that names its own "required" says so only when it is missing (requiredIfMissing).
  ["a notification id over 64 characters", notificationActionSchema, { intent: "read", id: "n".repeat(65) }, "id", 'common.form.tooLong|{"max":64}'],
  ["a missing notification id", notificationActionSchema, { intent: "read" }, "id", "common.form.required"],
  ["an accreditation level above 5", applicationSchema, { highestLevel: "9" }, "highestLevel", 'common.form.tooBig|{"max":5}'],
  ["an accreditation level of 2.5", applicationSchema, { highestLevel: "2.5" }, "highestLevel", "common.form.notWhole"],
  ["a nested field missing", z.object({ a: z.object({ b: z.string() }) }), { a: {} }, "a.b", "common.form.required"],
];

describe("zod's own messages", () => {
  it("are zod's English defaults until the map is installed (so the cases below prove the map)", () => {
    expect(messagesAt(awardActionSchema, { intent: "delete-everything" }, "intent")[0]).toMatch(/^Invalid discriminator value/);
    expect(messagesAt(objectionSchema, { intent: "object", awardId: "a".repeat(65), grounds: "x".repeat(50) }, "awardId")[0]).toMatch(/^Too big/);
  });

  it.each(CASES)("once installed, %s answers with its dictionary key on its field", (_name, schema, input, field, message) => {
    installFormMessages();
    expect(messagesAt(schema, input, field)).toEqual([message]);
  });

  it("leave a schema's own message alone", () => {
    installFormMessages();
    expect(messagesAt(objectionSchema, { intent: "object", grounds: "short" }, "grounds")).toEqual(['award.objections.errors.groundsShort|{"min":10}']);
  });

  it("read in both languages, and the Chinese page shows Chinese", () => {
    const keys = new Set(CASES.map((c) => c[4]));
    // The map's other answers, reached by codes no schema of the app raises today.
    for (const code of ["not_multiple_of", "unrecognized_keys", "custom", "invalid_key", "invalid_element"] as const) {
      keys.add(formIssueMessage({ code, input: 1, path: [] } as unknown as Parameters<typeof formIssueMessage>[0]));
    }
    for (const key of keys) {
      const zh = text(key, "zh-CN");
      const en = text(key, "en");
      expect(zh, `${key} in Chinese`).toMatch(/[\u4e00-\u9fff]/);
      expect(en, `${key} in English`).toMatch(/^[A-Z]/);
      expect(`${zh}${en}`).not.toMatch(/\{\{/);
    }
  });
});
