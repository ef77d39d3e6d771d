import type { LifecycleTable } from "~/utils/lifecycle";

export type TenderStatus =
  | "draft"
  | "published"
  | "opened"
  | "evaluating"
  | "award_pending"
  | "award_published"
  | "awarded"
  | "complete"
  | "cancelled";
export type LotStatus =
  | "open"
  | "opened"
  | "evaluating"
  | "award_pending"
  | "award_published"
  | "awarded"
  | "unsuccessful"
  | "cancelled"
  | "complete";
export type TenderEvent =
  | "publish"
  | "open"
  | "startEvaluation"
  | "confirmRanking"
  | "publishResult"
  | "closeObjections"
  | "complete"
  | "cancel";

/**
 * DESIGN.md "Tender and lots": draft → published (tendering) → opened → evaluating → award
 * pending → award published (publicity and objection window) → awarded → complete, or
 * cancelled with a public reason before the award is published.
 */
export const TENDER_LIFECYCLE: LifecycleTable<TenderStatus, TenderEvent> = {
  draft: { publish: "published", open: null, startEvaluation: null, confirmRanking: null, publishResult: null, closeObjections: null, complete: null, cancel: "cancelled" },
  published: { publish: null, open: "opened", startEvaluation: null, confirmRanking: null, publishResult: null, closeObjections: null, complete: null, cancel: "cancelled" },
  opened: { publish: null, open: null, startEvaluation: "evaluating", confirmRanking: null, publishResult: null, closeObjections: null, complete: null, cancel: "cancelled" },
  evaluating: { publish: null, open: null, startEvaluation: null, confirmRanking: "award_pending", publishResult: null, closeObjections: null, complete: null, cancel: "cancelled" },
  award_pending: { publish: null, open: null, startEvaluation: null, confirmRanking: null, publishResult: "award_published", closeObjections: null, complete: null, cancel: "cancelled" },
  award_published: { publish: null, open: null, startEvaluation: "evaluating", confirmRanking: null, publishResult: null, closeObjections: "awarded", complete: null, cancel: null },
  awarded: { publish: null, open: null, startEvaluation: null, confirmRanking: null, publishResult: null, closeObjections: null, complete: "complete", cancel: null },
  complete: { publish: null, open: null, startEvaluation: null, confirmRanking: null, publishResult: null, closeObjections: null, complete: null, cancel: null },
  cancelled: { publish: null, open: null, startEvaluation: null, confirmRanking: null, publishResult: null, closeObjections: null, complete: null, cancel: null },
};

/** Tender statuses the public may see (everything after publication). */
export const PUBLIC_TENDER_STATUSES: readonly TenderStatus[] = [
  "published",
  "opened",
  "evaluating",
  "award_pending",
  "award_published",
  "awarded",
  "complete",
  "cancelled",
];

/** A published tender's content may change only by amendment, and only before the deadline. */
export function isAmendable(status: TenderStatus): boolean {
  return status === "published";
}
