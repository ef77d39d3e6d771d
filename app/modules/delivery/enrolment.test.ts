import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { enrolmentActionSchema, hasCourseStarted } from "./enrolment";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("the trainees page's forms", () => {
  it("needs a reason to decline, replace or drop", () => {
    for (const intent of ["decline", "replace", "drop"]) {
      const r = parseWithZod(form({ intent, enrolmentId: "e1", replacementId: "e2", reason: " 病 " }), { schema: enrolmentActionSchema });
      expect(r.status === "error" && r.error).toEqual({ reason: ['delivery.enrolment.errors.reasonTooShort|{"min":2}'] });
    }
    for (const reason of [undefined, "", "   "]) {
      const missing = parseWithZod(form({ intent: "decline", enrolmentId: "e1", ...(reason === undefined ? {} : { reason }) }), { schema: enrolmentActionSchema });
      expect(missing.status === "error" && missing.error).toEqual({ reason: ["delivery.enrolment.errors.reasonRequired"] });
    }
    const long = parseWithZod(form({ intent: "drop", enrolmentId: "e1", reason: "长".repeat(501) }), { schema: enrolmentActionSchema });
    expect(long.status === "error" && long.error).toEqual({ reason: ['common.form.tooLong|{"max":500}'] });
  });

  it("needs whom to replace with, and nothing more to confirm", () => {
    const r = parseWithZod(form({ intent: "replace", enrolmentId: "e1", reason: "因病无法参训" }), { schema: enrolmentActionSchema });
    expect(r.status === "error" && r.error).toEqual({ replacementId: ["delivery.enrolment.errors.chooseReplacement"] });
    const c = parseWithZod(form({ intent: "confirm", enrolmentId: "e1" }), { schema: enrolmentActionSchema });
    expect(c.status === "success" && c.value).toEqual({ intent: "confirm", enrolmentId: "e1" });
  });
});

describe("when the course starts", () => {
  it("starts with its first session; with none scheduled it has not started", () => {
    const now = new Date("2027-04-06T01:00:00.000Z");
    expect(hasCourseStarted(null, now)).toBe(false);
    expect(hasCourseStarted("2027-04-06T01:00:00.000Z", now)).toBe(true);
    expect(hasCourseStarted("2027-04-06T01:00:00.001Z", now)).toBe(false);
  });
});
