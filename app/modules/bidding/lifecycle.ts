import type { LifecycleTable } from "~/utils/lifecycle";

export type BidStatus = "draft" | "submitted" | "withdrawn" | "discarded" | "valid" | "rejected" | "awarded" | "not_awarded";
export type BidEvent = "submit" | "replace" | "withdraw" | "discard" | "accept" | "reject" | "award" | "passOver";

/**
 * DESIGN.md "Bid — sealed": draft → submitted → withdrawn; after opening valid | rejected (with
 * reason); then awarded | not awarded. Drafts not submitted by the deadline are discarded.
 * A submitted bid may be replaced until the deadline. `passOver` also ends a bid that an upheld
 * objection removes from the award.
 */
export const BID_LIFECYCLE: LifecycleTable<BidStatus, BidEvent> = {
  draft: { submit: "submitted", replace: "draft", withdraw: "withdrawn", discard: "discarded", accept: null, reject: null, award: null, passOver: null },
  submitted: { submit: null, replace: "submitted", withdraw: "withdrawn", discard: null, accept: "valid", reject: "rejected", award: null, passOver: null },
  withdrawn: { submit: null, replace: null, withdraw: null, discard: null, accept: null, reject: null, award: null, passOver: null },
  discarded: { submit: null, replace: null, withdraw: null, discard: null, accept: null, reject: null, award: null, passOver: null },
  valid: { submit: null, replace: null, withdraw: null, discard: null, accept: null, reject: "rejected", award: "awarded", passOver: "not_awarded" },
  rejected: { submit: null, replace: null, withdraw: null, discard: null, accept: "valid", reject: null, award: null, passOver: null },
  awarded: { submit: null, replace: null, withdraw: null, discard: null, accept: null, reject: null, award: null, passOver: "not_awarded" },
  not_awarded: { submit: null, replace: null, withdraw: null, discard: null, accept: null, reject: null, award: "awarded", passOver: null },
};
