/**
 * The forms of completion, rating and acceptance, shared by the browser (conform) and the server
 * (STYLE.md: one zod schema per form). Messages are dictionary keys. The use cases check the same
 * rules again, and those that need the database or today's date (a certificate dated after today
 * or before the course) only there.
 */
import { z } from "zod";
import { isIsoDate } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import type { Certification } from "./results";
import { CERTIFICATE_NUMBER_PATTERN } from "./results";

const REQUIRED = "common.form.required";

/** DESIGN.md "Contract and delivery": a rating is 1–5 with a comment; the comment says something (5–2000 characters). */
export const RATING_COMMENT_MIN = 5;
export const RATING_COMMENT_MAX = 2000;

/** Optional text as a form sends it: an empty field is absent. */
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().optional());

/**
 * One trainee's result as the institution enters it on /contracts/:id/results. Every field is
 * checked in one pass (a refinement, not the object's own types), so that all faults show at once.
 */
export const resultSchema = z
  .object({
    intent: z.literal("record"),
    enrolmentId: z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }).max(64),
    assessment: optionalText,
    certification: optionalText,
    certificateNumber: optionalText,
    levelReached: optionalText,
    certifiedOn: optionalText,
  })
  .superRefine((v, ctx) => {
    if (v.assessment !== "passed" && v.assessment !== "failed") ctx.addIssue({ code: "custom", path: ["assessment"], message: "completion.errors.assessmentRequired" });
    if (v.certification !== undefined && v.certification !== "passed" && v.certification !== "failed") {
      ctx.addIssue({ code: "custom", path: ["certification"], message: "completion.errors.certificationRequired" });
    }
    if (v.certification !== "passed") return;
    if (!v.certificateNumber) ctx.addIssue({ code: "custom", path: ["certificateNumber"], message: REQUIRED });
    else if (!CERTIFICATE_NUMBER_PATTERN.test(v.certificateNumber)) ctx.addIssue({ code: "custom", path: ["certificateNumber"], message: "completion.errors.numberInvalid" });
    if (!v.levelReached) ctx.addIssue({ code: "custom", path: ["levelReached"], message: REQUIRED });
    else if (!/^[1-5]$/.test(v.levelReached)) ctx.addIssue({ code: "custom", path: ["levelReached"], message: "completion.errors.levelInvalid" });
    if (!v.certifiedOn) ctx.addIssue({ code: "custom", path: ["certifiedOn"], message: REQUIRED });
    else if (!isIsoDate(v.certifiedOn)) ctx.addIssue({ code: "custom", path: ["certifiedOn"], message: "completion.errors.dateInvalid" });
  })
  .transform((v) => ({
    ...v,
    assessment: v.assessment === "passed" ? ("passed" as const) : ("failed" as const),
    certification: v.certification === "passed" || v.certification === "failed" ? v.certification : undefined,
  }));
export type ResultForm = z.infer<typeof resultSchema>;

/** The certification a parsed form describes (null when none was chosen). */
export function certificationOfForm(v: ResultForm): Certification | null {
  if (v.certification === "failed") return { passed: false };
  if (v.certification === "passed") {
    return { passed: true, certificateNumber: v.certificateNumber ?? "", levelReached: Number(v.levelReached), certifiedOn: v.certifiedOn ?? "" };
  }
  return null;
}

/** An enterprise's rating of the training under one contract. */
export const ratingSchema = z.object({
  intent: z.literal("rate"),
  score: z
    .string({ error: "completion.errors.scoreRequired" })
    .trim()
    .refine((s) => /^[1-5]$/.test(s), { error: "completion.errors.scoreRequired" })
    .transform(Number),
  comment: z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED, abort: true })
    .min(RATING_COMMENT_MIN, { error: msg("completion.errors.commentShort", { min: RATING_COMMENT_MIN }) })
    .max(RATING_COMMENT_MAX, { error: msg("common.form.tooLong", { max: RATING_COMMENT_MAX }) }),
});

/** The officer's sign-off on /contracts/:id/acceptance. */
export const acceptSchema = z.object({ intent: z.literal("accept") });
