import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { certificationOfForm, ratingSchema, resultSchema } from "./completion-schemas";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("the result form", () => {
  it("needs the assessment, and for a passed certification its number, level and date", () => {
    const s = parseWithZod(form({ intent: "record", enrolmentId: "e1", certification: "passed", certificateNumber: "S 1", levelReached: "6" }), { schema: resultSchema });
    expect(s.status).toBe("error");
    expect(s.reply().error).toEqual({
      assessment: ["completion.errors.assessmentRequired"],
      certificateNumber: ["completion.errors.numberInvalid"],
      levelReached: ["completion.errors.levelInvalid"],
      certifiedOn: ["common.form.required"],
    });
  });

  it("reads a passed certification, a failed one, and none", () => {
    const base = { intent: "record", enrolmentId: "e1", assessment: "passed" };
    const passed = parseWithZod(form({ ...base, certification: "passed", certificateNumber: "S000033000001234", levelReached: "4", certifiedOn: "2027-04-28" }), { schema: resultSchema });
    if (passed.status !== "success") throw new Error("expected success");
    expect(certificationOfForm(passed.value)).toEqual({ passed: true, certificateNumber: "S000033000001234", levelReached: 4, certifiedOn: "2027-04-28" });
    // The certificate fields of a failed certification are ignored, empty or not.
    const failed = parseWithZod(form({ ...base, certification: "failed", certificateNumber: "", levelReached: "" }), { schema: resultSchema });
    if (failed.status !== "success") throw new Error("expected success");
    expect(certificationOfForm(failed.value)).toEqual({ passed: false });
    const none = parseWithZod(form(base), { schema: resultSchema });
    if (none.status !== "success") throw new Error("expected success");
    expect(certificationOfForm(none.value)).toBeNull();
  });
});

describe("the rating form", () => {
  it.each([
    [{ score: "5", comment: "  很好的培训  " }, { intent: "rate", score: 5, comment: "很好的培训" }],
    [{ score: "0", comment: "很好的培训" }, { score: ["completion.errors.scoreRequired"] }],
    [{ comment: "很好" }, { score: ["completion.errors.scoreRequired"], comment: ['completion.errors.commentShort|{"min":5}'] }],
    [{ score: "3", comment: "好".repeat(2001) }, { comment: ['common.form.tooLong|{"max":2000}'] }],
  ])("%j", (fields, expected) => {
    const s = parseWithZod(form({ intent: "rate", ...fields }), { schema: ratingSchema });
    expect(s.status === "success" ? s.value : s.reply().error).toEqual(expected);
  });
});
