import type { LifecycleTable } from "~/utils/lifecycle";

export type EnrolmentStatus = "offered" | "confirmed" | "declined" | "replaced" | "dropped";
export type TraineeProgress = "completed" | "not_completed" | "certified" | "not_certified";
export type EnrolmentEvent = "confirm" | "decline" | "replace" | "drop";

/**
 * A trainee's place in a contract's cohort (DESIGN.md "Contract and delivery"): the trainees of
 * the covered demands are offered; the institution confirms each one (one confirmed cohort per
 * trainee at a time) or declines the offer with a reason. A confirmed trainee may be replaced by
 * another of the same demand before the course starts, or drop out after it has started.
 */
export const ENROLMENT_LIFECYCLE: LifecycleTable<EnrolmentStatus, EnrolmentEvent> = {
  offered: { confirm: "confirmed", decline: "declined", replace: null, drop: null },
  confirmed: { confirm: null, decline: null, replace: "replaced", drop: "dropped" },
  declined: { confirm: null, decline: null, replace: null, drop: null },
  replaced: { confirm: null, decline: null, replace: null, drop: null },
  dropped: { confirm: null, decline: null, replace: null, drop: null },
};

/** A confirmed trainee's progress; `in_training` is stored as null. */
export type ProgressStatus = "in_training" | TraineeProgress;
export type ProgressEvent = "complete" | "fail" | "certify" | "failCertification";

/**
 * A confirmed trainee's progress: in training → completed (attended at least the tender's share
 * of planned hours and passed the final assessment) | not completed (with the reason); a
 * completed trainee → certified (certificate number, level, date) | not certified. Results are
 * final once recorded: the balance payment is computed from them.
 */
export const PROGRESS_LIFECYCLE: LifecycleTable<ProgressStatus, ProgressEvent> = {
  in_training: { complete: "completed", fail: "not_completed", certify: null, failCertification: null },
  completed: { complete: null, fail: null, certify: "certified", failCertification: "not_certified" },
  not_completed: { complete: null, fail: null, certify: null, failCertification: null },
  certified: { complete: null, fail: null, certify: null, failCertification: null },
  not_certified: { complete: null, fail: null, certify: null, failCertification: null },
};
