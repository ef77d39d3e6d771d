/**
 * Rules of a contract's cohort (DESIGN.md "Contract and delivery"): the forms the institution
 * uses on offered and confirmed trainees, and when the course counts as started.
 */
import { z } from "zod";
import { msg } from "~/utils/result";

export const REASON_MIN = 2;

/** The reason an offer lapses when the enterprise takes the trainee off the roster (shown translated). */
export const REMOVED_FROM_ROSTER = "removedFromRoster";
export const REASON_MAX = 500;

/** A reason as typed: trimmed, 2–500 characters. */
const reason = z
  .string({ error: "delivery.enrolment.errors.reasonRequired" })
  .transform((s) => s.normalize("NFKC").trim())
  .pipe(
    // conform reads an empty string as missing, also after the trim.
    z
      .string({ error: "delivery.enrolment.errors.reasonRequired" })
      .min(REASON_MIN, { error: msg("delivery.enrolment.errors.reasonTooShort", { min: REASON_MIN }) })
      .max(REASON_MAX, { error: msg("common.form.tooLong", { max: REASON_MAX }) }),
  );

const id = z.string({ error: "common.form.invalid" }).min(1, { error: "common.form.invalid" });

/** The institution's decisions on the trainees page, one form each, told apart by `intent`. */
export const enrolmentActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), enrolmentId: id }),
  z.object({ intent: z.literal("decline"), enrolmentId: id, reason }),
  z.object({ intent: z.literal("replace"), enrolmentId: id, replacementId: z.string({ error: "delivery.enrolment.errors.chooseReplacement" }).min(1), reason }),
  z.object({ intent: z.literal("drop"), enrolmentId: id, reason }),
]);

export type EnrolmentAction = z.infer<typeof enrolmentActionSchema>;

/**
 * Has the course started? It starts with its first session; with no session scheduled it has
 * not. Replacing a confirmed trainee is possible only before (issue "Delivery": replacing a
 * trainee before the course starts is allowed and audited); afterwards a trainee drops out.
 */
export function hasCourseStarted(firstSessionStart: string | null, now: Date): boolean {
  return firstSessionStart !== null && Date.parse(firstSessionStart) <= now.getTime();
}
