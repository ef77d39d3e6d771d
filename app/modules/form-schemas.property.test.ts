/**
 * Issue 8, test 7: every form's zod schema, fed whatever a browser (or anyone with curl) can post —
 * missing fields, repeated fields, empty, enormous, control characters, lone surrogates, numbers
 * in every notation — never throws: it answers with a parsed value or with field errors, never
 * with an exception that would become a 500. The schemas are found by reading the modules, so a
 * new schema in one of them is covered without being listed here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
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
import * as targets from "./targets/targets";
import * as tender from "./tender/schemas";

const MODULES: Record<string, Record<string, unknown>> = {
  "accreditation/schemas": accreditation,
  "award/schemas": award,
  "delivery/completion-schemas": completion,
  "delivery/enrolment": enrolment,
  "delivery/sessions": sessions,
  "demand/schemas": demand,
  "demand/workforce": workforce,
  "evaluation/panel": panel,
  "notification/schemas": notification,
  "organisation/schemas": organisation,
  "targets/targets": targets,
  "tender/schemas": tender,
};

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType; values?: unknown[]; entries?: Record<string, unknown> };
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The fields a schema reads, with the values that steer it (literals and enums), through unions, pipes and wrappers. */
function fieldsOf(schema: z.ZodType, out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const def = defOf(schema);
  if (def.type === "object") {
    for (const [key, field] of Object.entries((schema as z.ZodObject).shape as Record<string, z.ZodType>)) {
      const known = out.get(key) ?? new Set<string>();
      for (const v of steeringValues(field)) known.add(v);
      out.set(key, known);
    }
  } else if (def.type === "union") {
    for (const option of def.options ?? []) fieldsOf(option, out);
  } else if (def.type === "pipe" && def.in) {
    fieldsOf(def.in, out);
  } else if (def.innerType) {
    fieldsOf(def.innerType, out);
  }
  return out;
}

function steeringValues(field: z.ZodType): string[] {
  const def = defOf(field);
  if (def.type === "literal") return (def.values ?? []).map(String);
  if (def.type === "enum") return Object.values(def.entries ?? {}).map(String);
  if (def.innerType) return steeringValues(def.innerType);
  if (def.type === "pipe" && def.in) return steeringValues(def.in);
  return [];
}

const schemas = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${module}.${name}`, schema })),
);

/** Text a form field may carry: anything, and the shapes that reach a parser's corners. */
const fieldText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", " ", "0", "-0", "1e309", "NaN", "Infinity", "-1", "1.005", "１２", "0x10", "99999999999999999999", "2026-02-30", "2026-12-31", "2026-12-31T16:00", "¥1,234.50", "\u0000", "\ud800", "x".repeat(100_000)),
  fc.integer().map(String),
  fc.double().map(String),
  fc.tuple(fc.date({ noInvalidDate: true }), fc.constantFrom(10, 16, 24)).map(([d, n]) => d.toISOString().slice(0, n)),
);

/** A posted form for a schema: each known field missing, once, repeated, or set to a value that steers it. */
function formFor(fields: Map<string, Set<string>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = [...fields.entries()].map(([key, steering]) => {
    const value = steering.size > 0 ? fc.oneof(fc.constantFrom(...steering), fieldText) : fieldText;
    return [key, fc.option(fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { maxLength: 3 }) }), { nil: undefined })] as const;
  });
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }).chain((form) =>
    fc.dictionary(fc.string({ maxLength: 8 }), fieldText, { maxKeys: 2 }).map((extra) => ({ ...extra, ...form })),
  );
}

describe("every form schema", () => {
  it("is found in the modules", () => {
    expect(schemas.length).toBeGreaterThanOrEqual(30);
    expect(schemas.map((s) => s.name)).toEqual(expect.arrayContaining(["tender/schemas.builderSchema", "demand/schemas.demandFormSchema", "organisation/schemas.registrationSchema"]));
  });

  it.each(schemas.map((s) => [s.name, s.schema] as const))("%s never throws on any posted form: a value or field errors", (_name, schema) => {
    const fields = fieldsOf(schema);
    fc.assert(
      fc.property(formFor(fields), (form) => {
        const r = schema.safeParse(form);
        // A refusal is a list of issues conform shows beside their fields, never an exception.
        if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
