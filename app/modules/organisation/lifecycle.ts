import type { LifecycleTable } from "~/utils/lifecycle";

export type OrganisationStatus = "pending" | "verified" | "rejected" | "suspended";
export type OrganisationEvent = "verify" | "reject" | "suspend" | "reinstate";

/**
 * DESIGN.md "Users and roles": enterprises and institutions stay pending until a bureau officer
 * verifies them. A rejected organisation may be verified later (after correcting its papers);
 * a verified one may be suspended and reinstated.
 */
export const ORGANISATION_LIFECYCLE: LifecycleTable<OrganisationStatus, OrganisationEvent> = {
  pending: { verify: "verified", reject: "rejected", suspend: null, reinstate: null },
  verified: { verify: null, reject: null, suspend: "suspended", reinstate: null },
  rejected: { verify: "verified", reject: null, suspend: null, reinstate: null },
  suspended: { verify: null, reject: null, suspend: null, reinstate: "verified" },
};

/** Events that must carry a reason, shown to the organisation. */
export const EVENTS_NEEDING_REASON: readonly OrganisationEvent[] = ["reject", "suspend"];

const STATUSES: readonly string[] = ["pending", "verified", "rejected", "suspended"] satisfies OrganisationStatus[];

/** The status and reason an audit entry's before/after carries, if any (the status history's cells). */
export function statusPart(v: unknown): { status?: OrganisationStatus; reason?: string } {
  if (!v || typeof v !== "object") return {};
  const o = v as Record<string, unknown>;
  return {
    status: typeof o.status === "string" && STATUSES.includes(o.status) ? (o.status as OrganisationStatus) : undefined,
    reason: typeof o.reason === "string" && o.reason ? o.reason : undefined,
  };
}
