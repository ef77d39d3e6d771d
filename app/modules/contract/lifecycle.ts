import type { LifecycleTable } from "~/utils/lifecycle";

export type ContractStatus = "pending_signature" | "active" | "completed" | "terminated" | "lapsed";
export type ContractEvent = "activate" | "lapse" | "complete" | "terminate";

/**
 * A contract (DESIGN.md "Contract and delivery"): pending signature → active once both sides have
 * signed → completed | terminated. Unsigned by both sides within the rule's time, it lapses (and
 * its award goes to the next-ranked bid).
 */
export const CONTRACT_LIFECYCLE: LifecycleTable<ContractStatus, ContractEvent> = {
  pending_signature: { activate: "active", lapse: "lapsed", complete: null, terminate: "terminated" },
  active: { activate: null, lapse: null, complete: "completed", terminate: "terminated" },
  completed: { activate: null, lapse: null, complete: null, terminate: null },
  terminated: { activate: null, lapse: null, complete: null, terminate: null },
  lapsed: { activate: null, lapse: null, complete: null, terminate: null },
};

/** Every contract status, in the lifecycle's order (for filters). */
export const CONTRACT_STATUSES = Object.keys(CONTRACT_LIFECYCLE) as ContractStatus[];
