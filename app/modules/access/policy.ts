import type { Actor, Role } from "./actor";

/**
 * Every action a user can take, named once. Each loader, action and piece of UI asks `can`
 * with one of these; later bounded contexts add their own.
 */
export type Action =
  | "home.view"
  | "account.changePassword"
  | "organisation.viewOwn"
  | "organisation.view"
  | "organisation.list"
  | "organisation.verify"
  | "organisation.reject"
  | "organisation.suspend"
  | "organisation.reinstate"
  | "bureauUser.list"
  | "bureauUser.create"
  | "bureauUser.changeRoles"
  | "bureauUser.disable"
  | "audit.view"
  | "reference.manage"
  | "targets.manage"
  // Progress toward the yearly targets (the public's is the statistics page, which needs none)
  | "progress.view"
  | "progress.viewOwn"
  // Demand (enterprises) and its review (bureau)
  | "demand.create"
  | "demand.view"
  | "demand.edit"
  | "demand.list"
  | "demand.review"
  | "trainee.manage"
  | "workforce.report"
  // Tenders
  | "tender.manage"
  | "tender.viewDraft"
  | "tender.ask"
  | "tender.answer"
  // Accreditation, bidding and award
  | "accreditation.apply"
  | "accreditation.review"
  | "bid.prepare"
  | "bid.checkCompliance"
  | "lot.open"
  // Evaluation, award, objections and contracts
  | "lot.evaluate"
  | "evaluation.viewReport"
  | "panel.serve"
  | "award.manage"
  | "objection.lodge"
  | "objection.answer"
  | "contract.view"
  | "contract.signForBureau"
  | "contract.signForInstitution"
  | "notification.view"
  // Delivery and payment
  | "delivery.view"
  | "delivery.record"
  | "delivery.follow"
  | "delivery.rate"
  | "contract.accept"
  | "payout.connect"
  | "milestone.request"
  | "milestone.decide"
  | "payment.view";

/** The resource an action applies to, where it matters who owns it. */
export interface Resource {
  organisationId?: string;
  userId?: string;
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const signedIn: Rule = () => true;
const bureauWith =
  (...roles: Role[]): Rule =>
  (a) =>
    a.orgKind === "bureau" && a.orgStatus === "verified" && roles.some((r) => a.roles.includes(r));
const bureauAny: Rule = (a) => a.orgKind === "bureau" && a.orgStatus === "verified";
const verifiedMemberOf =
  (kind: "enterprise" | "institution"): Rule =>
  (a) =>
    a.orgKind === kind && a.orgStatus === "verified";
const ownOrganisation: Rule = (a, r) => r.organisationId !== undefined && r.organisationId === a.orgId;

/**
 * The policy table (DESIGN.md "Users and roles"). The public (actor null) may do none of these;
 * public pages need no action. A pending or suspended organisation's members may sign in, see
 * their home and their own organisation, and change their password, but not act.
 */
export const POLICY: Record<Action, Rule> = {
  "home.view": signedIn,
  "account.changePassword": signedIn,
  "organisation.viewOwn": signedIn,
  "organisation.view": (a, r) => bureauAny(a, r) || ownOrganisation(a, r),
  "organisation.list": bureauWith("officer", "admin"),
  "organisation.verify": bureauWith("officer"),
  "organisation.reject": bureauWith("officer"),
  "organisation.suspend": bureauWith("officer"),
  "organisation.reinstate": bureauWith("officer"),
  "bureauUser.list": bureauWith("admin"),
  "bureauUser.create": bureauWith("admin"),
  "bureauUser.changeRoles": (a, r) => bureauWith("admin")(a, r) && r.userId !== a.userId,
  "bureauUser.disable": (a, r) => bureauWith("admin")(a, r) && r.userId !== a.userId,
  "audit.view": bureauWith("admin"),
  "reference.manage": bureauWith("admin"),
  "targets.manage": bureauWith("admin"),
  // The bureau's progress page: the staff who steer the programme and its money.
  "progress.view": bureauWith("officer", "admin", "finance"),
  // An enterprise's or institution's own progress (its demand and trainees, its contracts), to look at only.
  "progress.viewOwn": (a, r) => (a.orgKind === "enterprise" || a.orgKind === "institution") && ownOrganisation(a, r),
  "demand.create": verifiedMemberOf("enterprise"),
  // An enterprise sees only its own demand; the bureau sees all of it.
  "demand.view": (a, r) => bureauWith("officer", "admin")(a, r) || (a.orgKind === "enterprise" && ownOrganisation(a, r)),
  "demand.edit": (a, r) => verifiedMemberOf("enterprise")(a, r) && ownOrganisation(a, r),
  "demand.list": bureauWith("officer", "admin"),
  "demand.review": bureauWith("officer"),
  "trainee.manage": (a, r) => verifiedMemberOf("enterprise")(a, r) && ownOrganisation(a, r),
  "workforce.report": (a, r) => verifiedMemberOf("enterprise")(a, r) && ownOrganisation(a, r),
  "tender.manage": bureauWith("officer"),
  "tender.viewDraft": bureauWith("officer", "admin"),
  "tender.ask": verifiedMemberOf("institution"),
  "tender.answer": bureauWith("officer"),
  // An institution applies for, and withdraws, only its own accreditations.
  "accreditation.apply": (a, r) => verifiedMemberOf("institution")(a, r) && (r.organisationId === undefined || ownOrganisation(a, r)),
  "accreditation.review": bureauWith("officer"),
  // A bid is its institution's alone; nobody else, the bureau included, may touch it.
  "bid.prepare": (a, r) => verifiedMemberOf("institution")(a, r) && (r.organisationId === undefined || ownOrganisation(a, r)),
  "bid.checkCompliance": bureauWith("officer"),
  "lot.open": bureauWith("officer"),
  // The officer runs the evaluation (compliance, panel replacements) and the award.
  "lot.evaluate": bureauWith("officer"),
  "evaluation.viewReport": bureauWith("officer", "admin"),
  // An evaluator scores only the lots on whose panel they sit (checked against the lot's panel).
  "panel.serve": bureauWith("evaluator"),
  "award.manage": bureauWith("officer"),
  // Only a bidder of the lot may object (checked against the lot's bids), for its own organisation.
  "objection.lodge": (a, r) => verifiedMemberOf("institution")(a, r) && (r.organisationId === undefined || ownOrganisation(a, r)),
  "objection.answer": bureauWith("officer"),
  // A contract is the bureau's and its institution's; nobody else's.
  "contract.view": (a, r) => bureauAny(a, r) || (a.orgKind === "institution" && r.organisationId !== undefined && ownOrganisation(a, r)),
  "contract.signForBureau": bureauWith("officer"),
  "contract.signForInstitution": (a, r) => verifiedMemberOf("institution")(a, r) && ownOrganisation(a, r),
  "notification.view": signedIn,
  // A contract's delivery is the bureau's and its institution's to see; the institution records it.
  "delivery.view": (a, r) => bureauAny(a, r) || (a.orgKind === "institution" && ownOrganisation(a, r)),
  "delivery.record": (a, r) => verifiedMemberOf("institution")(a, r) && ownOrganisation(a, r),
  // An enterprise follows only its own trainees (checked against the contract's demands) and rates for itself.
  "delivery.follow": (a, r) => a.orgKind === "enterprise" && ownOrganisation(a, r),
  "delivery.rate": (a, r) => verifiedMemberOf("enterprise")(a, r) && ownOrganisation(a, r),
  "contract.accept": bureauWith("officer"),
  "payout.connect": (a, r) => verifiedMemberOf("institution")(a, r) && ownOrganisation(a, r),
  "milestone.request": (a, r) => verifiedMemberOf("institution")(a, r) && ownOrganisation(a, r),
  // Only bureau finance releases money (DESIGN.md "Users and roles").
  "milestone.decide": bureauWith("finance"),
  "payment.view": (a, r) => bureauAny(a, r) || (a.orgKind === "institution" && ownOrganisation(a, r)),
};

/** May this actor take this action on this resource? Pure; used by routes, use cases and UI. */
export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  return POLICY[action](actor, resource);
}
