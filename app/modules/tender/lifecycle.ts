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

export type LotEvent =
  | "open"
  | "fail"
  | "startEvaluation"
  | "confirmRanking"
  | "publishResult"
  | "reassign"
  | "closeObjections"
  | "complete"
  | "cancel";

/**
 * A lot's own course (DESIGN.md "Tender and lots", "Opening, evaluation, award"): open for bids →
 * opened → evaluating → award pending (ranking confirmed) → award published (publicity and
 * objection window) → awarded → complete. `fail` ends a lot with too few valid bids or no
 * acceptable bid (its demand returns to the pool). An upheld objection sends a published result
 * back to evaluation (`startEvaluation`) or to the next-ranked bids (`reassign`, a new proposal
 * to publish). A lot may be cancelled until its result is published.
 */
export const LOT_LIFECYCLE: LifecycleTable<LotStatus, LotEvent> = {
  open: { open: "opened", fail: "unsuccessful", startEvaluation: null, confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: "cancelled" },
  opened: { open: null, fail: "unsuccessful", startEvaluation: "evaluating", confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: "cancelled" },
  evaluating: { open: null, fail: "unsuccessful", startEvaluation: null, confirmRanking: "award_pending", publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: "cancelled" },
  award_pending: { open: null, fail: null, startEvaluation: null, confirmRanking: null, publishResult: "award_published", reassign: null, closeObjections: null, complete: null, cancel: "cancelled" },
  award_published: { open: null, fail: "unsuccessful", startEvaluation: "evaluating", confirmRanking: null, publishResult: null, reassign: "award_pending", closeObjections: "awarded", complete: null, cancel: null },
  awarded: { open: null, fail: null, startEvaluation: null, confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: "complete", cancel: null },
  unsuccessful: { open: null, fail: null, startEvaluation: null, confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: null },
  cancelled: { open: null, fail: null, startEvaluation: null, confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: null },
  complete: { open: null, fail: null, startEvaluation: null, confirmRanking: null, publishResult: null, reassign: null, closeObjections: null, complete: null, cancel: null },
};

const STAGE: Record<LotStatus, TenderStatus | null> = {
  open: "published",
  opened: "opened",
  evaluating: "evaluating",
  award_pending: "award_pending",
  award_published: "award_published",
  awarded: "awarded",
  complete: "complete",
  unsuccessful: null,
  cancelled: null,
};
const ORDER: readonly TenderStatus[] = ["published", "opened", "evaluating", "award_pending", "award_published", "awarded", "complete"];

/**
 * A published tender's status follows its lots: the least advanced lot still in play sets it.
 * When every lot has ended unsuccessful (or cancelled), the tender's procurement is over:
 * `complete`. A draft or cancelled tender keeps its own status.
 */
export function tenderStatusOfLots(current: TenderStatus, lots: readonly LotStatus[]): TenderStatus {
  if (current === "draft" || current === "cancelled") return current;
  const stages = lots.map((l) => STAGE[l]).filter((s): s is TenderStatus => s !== null);
  if (stages.length === 0) return "complete";
  return ORDER[Math.min(...stages.map((s) => ORDER.indexOf(s)))]!;
}
