/**
 * A trainee's final result (DESIGN.md "Contract and delivery": completion is attendance of at
 * least the tender's share of planned hours plus a passed final assessment; a completed trainee
 * then passes or fails certification). Pure: the use case brings the minutes, the threshold, the
 * dates and today.
 */
import { isExists } from "date-fns";
import { attendancePermille, meetsCompletionShare } from "./attendance";
import type { ProgressEvent, TraineeProgress } from "./lifecycle";

/** Why a trainee did not complete; stored as JSON in `enrolments.progress_reason`, never free text. */
export type NotCompletedReason =
  | { kind: "attendance"; attendedPermille: number; completionPct: number }
  | { kind: "assessment" }
  | { kind: "dropped" };

/** Completion: either completed, or not completed for a reason. */
export type Completion = { completed: true } | { completed: false; reason: NotCompletedReason };

/**
 * The completion rule, in its order: attendance below the tender's share of planned hours → not
 * completed (with the share and the threshold); else a failed final assessment → not completed;
 * else completed. Exactly the threshold is enough (meetsCompletionShare).
 */
export function completionOf(input: { attendedMinutes: number; plannedMinutes: number; completionPct: number; assessmentPassed: boolean }): Completion {
  if (!meetsCompletionShare(input.attendedMinutes, input.plannedMinutes, input.completionPct)) {
    return {
      completed: false,
      reason: { kind: "attendance", attendedPermille: attendancePermille(input.attendedMinutes, input.plannedMinutes), completionPct: input.completionPct },
    };
  }
  if (!input.assessmentPassed) return { completed: false, reason: { kind: "assessment" } };
  return { completed: true };
}

/** A certification result as entered: passed with its certificate, or failed. */
export type Certification = { passed: true; certificateNumber: string; levelReached: number; certifiedOn: string } | { passed: false };

/** The final progress a result leads to, and the lifecycle events that take a trainee there from in training. */
export type Outcome =
  | { progress: "not_completed"; reason: NotCompletedReason; events: ProgressEvent[] }
  | { progress: "certified"; certification: Extract<Certification, { passed: true }>; events: ProgressEvent[] }
  | { progress: "not_certified"; events: ProgressEvent[] };

/** The outcome of a completion and (for a completed trainee) a certification. */
export function outcomeOf(completion: Completion, certification: Certification | null): Outcome | null {
  if (!completion.completed) return { progress: "not_completed", reason: completion.reason, events: ["fail"] };
  if (!certification) return null;
  return certification.passed
    ? { progress: "certified", certification, events: ["complete", "certify"] }
    : { progress: "not_certified", events: ["complete", "failCertification"] };
}

export const CERTIFICATE_NUMBER_MAX = 40;
/** Certificate numbers as printed: letters, digits and hyphens (e.g. S000033000001234). */
export const CERTIFICATE_NUMBER_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

export type CertificationError = "certificationRequired" | "notApplicable" | "dateInvalid" | "dateInFuture" | "dateBeforeCourse" | "levelInvalid" | "numberInvalid";

/**
 * Checks a certification against the rule: required for a completed trainee and refused for one
 * who did not complete (no certificate can count for them); a passed one needs a certificate
 * number, a level 1–5 and a date (yyyy-MM-dd, Shanghai) neither after today nor before the
 * course's first session. Returns the field and the reason of each fault.
 */
export function certificationErrors(
  completion: Completion,
  certification: Certification | null,
  dates: { today: string; firstSessionDate: string },
): { field: "certification" | "certificateNumber" | "levelReached" | "certifiedOn"; error: CertificationError }[] {
  if (!completion.completed) return certification?.passed ? [{ field: "certification", error: "notApplicable" }] : [];
  if (!certification) return [{ field: "certification", error: "certificationRequired" }];
  if (!certification.passed) return [];
  const out: ReturnType<typeof certificationErrors> = [];
  if (!CERTIFICATE_NUMBER_PATTERN.test(certification.certificateNumber)) out.push({ field: "certificateNumber", error: "numberInvalid" });
  if (!Number.isInteger(certification.levelReached) || certification.levelReached < 1 || certification.levelReached > 5) out.push({ field: "levelReached", error: "levelInvalid" });
  const d = certification.certifiedOn;
  if (!isIsoDay(d)) out.push({ field: "certifiedOn", error: "dateInvalid" });
  else if (d > dates.today) out.push({ field: "certifiedOn", error: "dateInFuture" });
  else if (d < dates.firstSessionDate) out.push({ field: "certifiedOn", error: "dateBeforeCourse" });
  return out;
}

function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isExists(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The stored form of a reason (a small JSON object, no personal data). */
export function encodeReason(reason: NotCompletedReason): string {
  return JSON.stringify(reason);
}

/** Reads a stored reason back; anything unreadable is treated as unknown (null). */
export function decodeReason(text: string | null): NotCompletedReason | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<NotCompletedReason> & Record<string, unknown>;
    if (v.kind === "assessment" || v.kind === "dropped") return { kind: v.kind };
    if (v.kind === "attendance" && typeof v.attendedPermille === "number" && typeof v.completionPct === "number") {
      return { kind: "attendance", attendedPermille: v.attendedPermille, completionPct: v.completionPct };
    }
  } catch {
    // Not ours: shown as no reason.
  }
  return null;
}

/** A trainee's outcome for counting and display: dropped trainees count as not completed; null while in training. */
export function finalProgressOf(status: string, progress: TraineeProgress | null): TraineeProgress | null {
  if (status === "dropped") return "not_completed";
  return progress;
}

/** Did this final progress complete the course (certified or not)? */
export function isCompleted(progress: TraineeProgress | null): boolean {
  return progress === "completed" || progress === "certified" || progress === "not_certified";
}
