/**
 * Issue 8, test 7: whatever anyone posts to any form, each refusal reads in both languages. With
 * zod's own messages turned into keys as the app does at start (root route), every message of
 * every form schema's refusal is a key of both dictionaries, and its Chinese text is Chinese —
 * no English default of zod's, no key left untranslated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { i18nFor } from "~/ui/i18n/instances.server";
import { parseMsg } from "~/utils/result";
import * as accreditation from "./accreditation/schemas";
import * as award from "./award/schemas";
import * as completion from "./delivery/completion-schemas";
import * as enrolment from "./delivery/enrolment";
import * as sessions from "./delivery/sessions";
import * as demand from "./demand/schemas";
import * as workforce from "./demand/workforce";
import * as panel from "./evaluation/panel";
import * as notification from "./notification/schemas";
import * as organisation from "./organisation/schemas";
import { installFormMessages } from "./reference/form-messages";
import * as targets from "./targets/targets";
import * as tender from "./tender/schemas";

installFormMessages();

const MODULES = [accreditation, award, completion, enrolment, sessions, demand, workforce, panel, notification, organisation, targets, tender];
const schemas = MODULES.flatMap((m) => Object.entries(m).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType));

type Def = { type: string; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType; values?: unknown[]; entries?: Record<string, unknown> };
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The fields a schema reads and the literal or enum values that steer it. */
function fieldsOf(schema: z.ZodType, out = new Map<string, string[]>()): Map<string, string[]> {
  const def = defOf(schema);
  if (def.type === "object") for (const [key, field] of Object.entries((schema as z.ZodObject).shape as Record<string, z.ZodType>)) out.set(key, [...(out.get(key) ?? []), ...steering(field)]);
  else if (def.type === "union") for (const option of def.options ?? []) fieldsOf(option, out);
  else if (def.type === "pipe" && def.in) fieldsOf(def.in, out);
  else if (def.innerType) fieldsOf(def.innerType, out);
  return out;
}
function steering(field: z.ZodType): string[] {
  const def = defOf(field);
  if (def.type === "literal") return (def.values ?? []).map(String);
  if (def.type === "enum") return Object.values(def.entries ?? {}).map(String);
  if (def.innerType) return steering(def.innerType);
  if (def.type === "pipe" && def.in) return steering(def.in);
  return [];
}

const text = fc.oneof(
  fc.string(),
  fc.constantFrom("", "0", "-1", "2.5", "1e9", "abc", "2026-02-30", "2026-07-01", "2026-07-01T09:00", "x".repeat(5000)),
  fc.integer().map(String),
);

/** A posted form: each known field missing, repeated, or any text or a value that steers it. */
function formFor(fields: Map<string, string[]>) {
  const record = Object.fromEntries(
    [...fields].map(([key, values]) => {
      const value = values.length > 0 ? fc.oneof(fc.constantFrom(...values), text) : text;
      return [key, fc.option(fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { maxLength: 2 }) }), { nil: undefined })];
    }),
  );
  return fc.record(record, { requiredKeys: [] });
}

const zh = i18nFor("zh-CN");
const en = i18nFor("en");

describe("every refusal of every form", () => {
  it.each(schemas)("%s: each message is a dictionary key with Chinese and English text", (_name, schema) => {
    fc.assert(
      fc.property(formFor(fieldsOf(schema)), (form) => {
        const r = schema.safeParse(form);
        for (const issue of r.error?.issues ?? []) {
          const { key, params } = parseMsg(issue.message);
          expect(zh.exists(key) && en.exists(key), `"${issue.message}" at ${issue.path.join(".")} is no dictionary key`).toBe(true);
          expect(String(zh.t(key as never, params as never))).toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
        }
      }),
      { numRuns: 60 },
    );
  });
});
