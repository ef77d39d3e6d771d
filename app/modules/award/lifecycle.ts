import type { LifecycleTable } from "~/utils/lifecycle";

export type AwardStatus = "proposed" | "published" | "confirmed" | "cancelled" | "lapsed";
export type AwardEvent = "publish" | "confirm" | "cancel" | "lapse";

/**
 * An award (DESIGN.md "Opening, evaluation, award, objections"): proposed when the officer
 * confirms the ranking, published with the result (publicity and objection window), confirmed
 * when the window closes with nothing pending (its contract is then created). An upheld
 * objection cancels it; a contract left unsigned past the rule's time makes it lapse.
 */
export const AWARD_LIFECYCLE: LifecycleTable<AwardStatus, AwardEvent> = {
  proposed: { publish: "published", confirm: null, cancel: "cancelled", lapse: null },
  published: { publish: null, confirm: "confirmed", cancel: "cancelled", lapse: null },
  confirmed: { publish: null, confirm: null, cancel: null, lapse: "lapsed" },
  cancelled: { publish: null, confirm: null, cancel: null, lapse: null },
  lapsed: { publish: null, confirm: null, cancel: null, lapse: null },
};

export type ObjectionStatus = "pending" | "upheld" | "dismissed";
export type ObjectionEvent = "uphold" | "dismiss";

/** An objection (质疑) is answered once: upheld or dismissed, with reasons. */
export const OBJECTION_LIFECYCLE: LifecycleTable<ObjectionStatus, ObjectionEvent> = {
  pending: { uphold: "upheld", dismiss: "dismissed" },
  upheld: { uphold: null, dismiss: null },
  dismissed: { uphold: null, dismiss: null },
};
