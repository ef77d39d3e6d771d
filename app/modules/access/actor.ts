export const BUREAU_ROLES = ["admin", "officer", "evaluator", "finance"] as const;
export type BureauRole = (typeof BUREAU_ROLES)[number];
export type Role = "member" | BureauRole;
export type OrgKind = "enterprise" | "institution" | "bureau";
export type OrgStatus = "pending" | "verified" | "rejected" | "suspended";

/** Who is asking: a signed-in user with their organisation, or null for the public. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  orgStatus: OrgStatus;
  roles: readonly Role[];
}

export function isBureau(actor: Actor | null): actor is Actor {
  return actor?.orgKind === "bureau";
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  return Boolean(actor && actor.roles.includes(role));
}
