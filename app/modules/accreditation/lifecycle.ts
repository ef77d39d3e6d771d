import type { LifecycleTable } from "~/utils/lifecycle";

export type AccreditationStatus = "applied" | "approved" | "refused" | "suspended" | "revoked" | "withdrawn";
export type AccreditationEvent = "approve" | "refuse" | "suspend" | "reinstate" | "revoke" | "withdraw";

/**
 * An institution applies for accreditation per occupation and highest level; the bureau
 * approves, refuses with a reason, suspends or revokes (issue "Sealed bids … contracts",
 * Accreditation). A suspended accreditation may be reinstated; a revoked one is final.
 */
export const ACCREDITATION_LIFECYCLE: LifecycleTable<AccreditationStatus, AccreditationEvent> = {
  applied: { approve: "approved", refuse: "refused", suspend: null, reinstate: null, revoke: null, withdraw: "withdrawn" },
  approved: { approve: null, refuse: null, suspend: "suspended", reinstate: null, revoke: "revoked", withdraw: null },
  suspended: { approve: null, refuse: null, suspend: null, reinstate: "approved", revoke: "revoked", withdraw: null },
  refused: { approve: null, refuse: null, suspend: null, reinstate: null, revoke: null, withdraw: null },
  revoked: { approve: null, refuse: null, suspend: null, reinstate: null, revoke: null, withdraw: null },
  withdrawn: { approve: null, refuse: null, suspend: null, reinstate: null, revoke: null, withdraw: null },
};

export const EVENTS_NEEDING_REASON: readonly AccreditationEvent[] = ["refuse", "suspend", "revoke"];

export interface AccreditationFacts {
  status: AccreditationStatus;
  occupationCode: string;
  highestLevel: number;
  validFrom: string;
  validTo: string;
}

export interface LotFacts {
  occupationCode: string;
  level: number;
  windowStart: string;
  windowEnd: string;
}

export type EligibilityReason = "noAccreditation" | "levelTooLow" | "notValidOverWindow" | "notApproved";

/**
 * May an institution with these accreditations bid on this lot? Only an approved accreditation
 * for the lot's occupation at or above the lot's level (level 1 is the highest), valid over the
 * whole delivery window (DESIGN.md "Bid — sealed"). Returns the reason when not.
 */
export function eligibility(accreditations: readonly AccreditationFacts[], lot: LotFacts): { ok: true } | { ok: false; reason: EligibilityReason } {
  const forOccupation = accreditations.filter((a) => a.occupationCode === lot.occupationCode);
  if (forOccupation.length === 0) return { ok: false, reason: "noAccreditation" };
  const approved = forOccupation.filter((a) => a.status === "approved");
  if (approved.length === 0) return { ok: false, reason: "notApproved" };
  const level = approved.filter((a) => a.highestLevel <= lot.level);
  if (level.length === 0) return { ok: false, reason: "levelTooLow" };
  const valid = level.filter((a) => a.validFrom <= lot.windowStart && a.validTo >= lot.windowEnd);
  if (valid.length === 0) return { ok: false, reason: "notValidOverWindow" };
  return { ok: true };
}
