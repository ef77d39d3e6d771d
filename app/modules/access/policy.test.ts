import { describe, expect, it } from "vitest";
import type { Actor, OrgKind, OrgStatus, Role } from "./actor";
import { can, POLICY, type Action } from "./policy";

function actor(kind: OrgKind, roles: Role[], status: OrgStatus = "verified", id = "u1", orgId = "o1"): Actor {
  return { userId: id, name: "n", email: "e", orgId, orgName: "org", orgKind: kind, orgStatus: status, roles };
}

const admin = actor("bureau", ["admin"]);
const officer = actor("bureau", ["officer"]);
const evaluator = actor("bureau", ["evaluator"]);
const finance = actor("bureau", ["finance"]);
const enterprise = actor("enterprise", ["member"]);
const institution = actor("institution", ["member"]);
const pendingEnterprise = actor("enterprise", ["member"], "pending");

// Who may do what, as DESIGN.md "Users and roles" says. A row lists the actors allowed.
const TABLE: [Action, Actor[]][] = [
  ["home.view", [admin, officer, evaluator, finance, enterprise, institution, pendingEnterprise]],
  ["account.changePassword", [admin, officer, evaluator, finance, enterprise, institution, pendingEnterprise]],
  ["organisation.list", [admin, officer]],
  ["organisation.verify", [officer]],
  ["organisation.reject", [officer]],
  ["organisation.suspend", [officer]],
  ["organisation.reinstate", [officer]],
  ["bureauUser.list", [admin]],
  ["bureauUser.create", [admin]],
  ["audit.view", [admin]],
  ["reference.manage", [admin]],
  ["targets.manage", [admin]],
  ["progress.view", [admin, officer, finance]],
  ["demand.create", [enterprise]],
  ["demand.list", [admin, officer]],
  ["demand.review", [officer]],
  ["tender.manage", [officer]],
  ["tender.viewDraft", [admin, officer]],
  ["tender.ask", [institution]],
  ["tender.answer", [officer]],
  ["accreditation.apply", [institution]],
  ["accreditation.review", [officer]],
  ["bid.prepare", [institution]],
  ["bid.checkCompliance", [officer]],
  ["lot.open", [officer]],
  ["lot.evaluate", [officer]],
  ["evaluation.viewReport", [admin, officer]],
  ["panel.serve", [evaluator]],
  ["award.manage", [officer]],
  ["objection.lodge", [institution]],
  ["objection.answer", [officer]],
  ["contract.signForBureau", [officer]],
  ["notification.view", [admin, officer, evaluator, finance, enterprise, institution, pendingEnterprise]],
  ["contract.accept", [officer]],
  ["milestone.decide", [finance]],
];
const EVERYONE = [admin, officer, evaluator, finance, enterprise, institution, pendingEnterprise];

describe("policy table", () => {
  it("covers every action in the table above", () => {
    const listed = new Set([...TABLE.map(([a]) => a), "organisation.view", "organisation.viewOwn", "bureauUser.changeRoles", "bureauUser.disable", "demand.view", "demand.edit", "trainee.manage", "workforce.report", "contract.view", "contract.signForInstitution", "delivery.view", "delivery.record", "delivery.follow", "delivery.rate", "payout.connect", "milestone.request", "payment.view", "progress.viewOwn"]);
    expect(Object.keys(POLICY).sort()).toEqual([...listed].sort());
  });

  it.each(TABLE)("%s is allowed exactly for its roles", (action, allowed) => {
    for (const a of EVERYONE) expect(can(a, action), `${a.orgKind}/${a.roles.join()}`).toBe(allowed.includes(a));
  });

  it("lets the public do none of the actions", () => {
    for (const action of Object.keys(POLICY) as Action[]) expect(can(null, action)).toBe(false);
  });

  it("shows an organisation to its own members and to the bureau, not to other organisations", () => {
    expect(can(enterprise, "organisation.view", { organisationId: "o1" })).toBe(true);
    expect(can(enterprise, "organisation.view", { organisationId: "o2" })).toBe(false);
    expect(can(institution, "organisation.view", { organisationId: "o2" })).toBe(false);
    expect(can(officer, "organisation.view", { organisationId: "o2" })).toBe(true);
  });

  it("keeps an enterprise's demand, trainees and workforce to itself (and the bureau for demand)", () => {
    for (const action of ["demand.edit", "trainee.manage", "workforce.report"] as const) {
      expect(can(enterprise, action, { organisationId: "o1" })).toBe(true);
      expect(can(enterprise, action, { organisationId: "o2" })).toBe(false);
      expect(can(pendingEnterprise, action, { organisationId: "o1" })).toBe(false);
      expect(can(officer, action, { organisationId: "o1" })).toBe(false);
    }
    expect(can(enterprise, "demand.view", { organisationId: "o1" })).toBe(true);
    expect(can(enterprise, "demand.view", { organisationId: "o2" })).toBe(false);
    expect(can(institution, "demand.view", { organisationId: "o1" })).toBe(false);
    expect(can(officer, "demand.view", { organisationId: "o2" })).toBe(true);
  });

  it("shows a contract to the bureau and its own institution only, and lets only that institution sign it", () => {
    expect(can(institution, "contract.view", { organisationId: "o1" })).toBe(true);
    expect(can(institution, "contract.view", { organisationId: "o2" })).toBe(false);
    expect(can(enterprise, "contract.view", { organisationId: "o1" })).toBe(false);
    expect(can(finance, "contract.view", { organisationId: "o2" })).toBe(true);
    expect(can(institution, "contract.signForInstitution", { organisationId: "o1" })).toBe(true);
    expect(can(institution, "contract.signForInstitution", { organisationId: "o2" })).toBe(false);
    expect(can(officer, "contract.signForInstitution", { organisationId: "o1" })).toBe(false);
    expect(can(institution, "objection.lodge", { organisationId: "o2" })).toBe(false);
  });

  it("lets an institution record delivery, connect its payout account and request payment for itself only", () => {
    for (const action of ["delivery.record", "payout.connect", "milestone.request"] as const) {
      expect(can(institution, action, { organisationId: "o1" })).toBe(true);
      expect(can(institution, action, { organisationId: "o2" })).toBe(false);
      expect(can(actor("institution", ["member"], "suspended"), action, { organisationId: "o1" })).toBe(false);
      expect(can(officer, action, { organisationId: "o1" })).toBe(false);
      expect(can(enterprise, action, { organisationId: "o1" })).toBe(false);
    }
    for (const action of ["delivery.view", "payment.view"] as const) {
      expect(can(institution, action, { organisationId: "o1" })).toBe(true);
      expect(can(institution, action, { organisationId: "o2" })).toBe(false);
      expect(can(finance, action, { organisationId: "o2" })).toBe(true);
      expect(can(enterprise, action, { organisationId: "o1" })).toBe(false);
    }
    expect(can(enterprise, "delivery.follow", { organisationId: "o1" })).toBe(true);
    expect(can(enterprise, "delivery.follow", { organisationId: "o2" })).toBe(false);
    expect(can(institution, "delivery.follow", { organisationId: "o1" })).toBe(false);
    expect(can(enterprise, "delivery.rate", { organisationId: "o1" })).toBe(true);
    expect(can(pendingEnterprise, "delivery.rate", { organisationId: "o1" })).toBe(false);
    expect(can(enterprise, "delivery.rate", { organisationId: "o2" })).toBe(false);
  });

  it("shows an enterprise or institution its own progress only, pending or not, and the bureau none of theirs this way", () => {
    for (const who of [enterprise, institution, pendingEnterprise]) {
      expect(can(who, "progress.viewOwn", { organisationId: "o1" })).toBe(true);
      expect(can(who, "progress.viewOwn", { organisationId: "o2" })).toBe(false);
    }
    for (const who of [admin, officer, finance, evaluator]) expect(can(who, "progress.viewOwn", { organisationId: "o1" })).toBe(false);
  });

  it("never lets an admin change their own roles or disable themselves", () => {
    expect(can(admin, "bureauUser.changeRoles", { userId: "u1" })).toBe(false);
    expect(can(admin, "bureauUser.changeRoles", { userId: "u2" })).toBe(true);
    expect(can(admin, "bureauUser.disable", { userId: "u1" })).toBe(false);
    expect(can(officer, "bureauUser.disable", { userId: "u2" })).toBe(false);
  });

  it("gives a bureau role nothing when the bureau organisation is not verified", () => {
    expect(can(actor("bureau", ["admin"], "suspended"), "audit.view")).toBe(false);
  });
});
