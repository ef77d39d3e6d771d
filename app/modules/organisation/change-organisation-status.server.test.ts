import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import type { Actor, BureauRole, OrgKind } from "~/modules/access/actor";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { changeOrganisationStatus } from "./change-organisation-status.server";
import { ORGANISATION_LIFECYCLE, type OrganisationEvent, type OrganisationStatus } from "./lifecycle";

const STATUSES: OrganisationStatus[] = ["pending", "verified", "rejected", "suspended"];
const EVENTS: OrganisationEvent[] = ["verify", "reject", "suspend", "reinstate"];

async function world(status: OrganisationStatus = "pending", kind: OrgKind = "enterprise") {
  const { db } = await createTestDb();
  const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
  const member = await makeActor(db, { kind, status });
  return { db, officer, member, orgId: member.orgId };
}

async function auditRows(db: DB) {
  return db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
}

async function statusOf(db: DB, id: string) {
  return db.selectFrom("organisations").select(["status", "status_reason"]).where("id", "=", id).executeTakeFirstOrThrow();
}

describe("changeOrganisationStatus: an officer's decisions", () => {
  it("verifies a pending enterprise", async () => {
    const { db, officer, orgId } = await world("pending");
    const r = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "verify", expectedStatus: "pending" });
    expect(r).toEqual({ ok: true, value: { status: "verified" } });
    expect(await statusOf(db, orgId)).toEqual({ status: "verified", status_reason: null });
  });

  it("rejects a pending institution with the reason the organisation will see", async () => {
    const { db, officer, orgId } = await world("pending", "institution");
    const r = await changeOrganisationStatus(db, officer, {
      organisationId: orgId,
      event: "reject",
      reason: "营业执照与信用代码不一致",
      expectedStatus: "pending",
    });
    expect(r).toEqual({ ok: true, value: { status: "rejected" } });
    expect(await statusOf(db, orgId)).toEqual({ status: "rejected", status_reason: "营业执照与信用代码不一致" });
  });

  it("suspends a verified organisation with a reason and reinstates it, clearing the reason", async () => {
    const { db, officer, orgId } = await world("verified");
    const s = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "suspend", reason: "资质核查中", expectedStatus: "verified" });
    expect(s).toEqual({ ok: true, value: { status: "suspended" } });
    expect(await statusOf(db, orgId)).toEqual({ status: "suspended", status_reason: "资质核查中" });
    const r = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "reinstate", expectedStatus: "suspended" });
    expect(r).toEqual({ ok: true, value: { status: "verified" } });
    expect(await statusOf(db, orgId)).toEqual({ status: "verified", status_reason: null });
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["organisation.suspend", "organisation.reinstate"]);
    expect(JSON.parse(rows[1]?.before_json ?? "null")).toEqual({ status: "suspended", reason: "资质核查中" });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 2 });
  });
});

describe("changeOrganisationStatus: every status × event of the lifecycle", () => {
  const pairs = STATUSES.flatMap((from) =>
    EVENTS.map((event) => {
      const to = ORGANISATION_LIFECYCLE[from][event];
      return { from, event, to, outcome: to ?? "refused" };
    }),
  );

  it.each(pairs)("$from + $event → $outcome", async ({ from, event, to }) => {
    const { db, officer, orgId } = await world(from);
    const reason = "理由 reason";
    const before = await auditRows(db);
    const r = await changeOrganisationStatus(db, officer, { organisationId: orgId, event, reason, expectedStatus: from });
    const after = await auditRows(db);
    if (to === null) {
      expect(r).toEqual({ ok: false, kind: "conflict", message: "common.errors.body409" });
      expect((await statusOf(db, orgId)).status).toBe(from);
      expect(after).toEqual(before);
    } else {
      expect(r).toEqual({ ok: true, value: { status: to } });
      const stored = await statusOf(db, orgId);
      const needsReason = event === "reject" || event === "suspend";
      expect(stored).toEqual({ status: to, status_reason: needsReason ? reason : null });
      expect(after).toHaveLength(before.length + 1);
      const entry = after[after.length - 1];
      expect(entry).toMatchObject({
        action: `organisation.${event}`,
        record_type: "organisation",
        record_id: orgId,
        actor_user_id: officer.userId,
        actor_org_id: officer.orgId,
      });
      expect(JSON.parse(entry?.before_json ?? "null")).toEqual({ status: from, reason: null });
      expect(JSON.parse(entry?.after_json ?? "null")).toEqual({ status: to, reason: needsReason ? reason : null });
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: after.length });
  });
});

describe("changeOrganisationStatus: refusals write nothing", () => {
  it("answers a stale page (expected status no longer current) with a conflict", async () => {
    const { db, officer, orgId } = await world("pending");
    const first = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "verify", expectedStatus: "pending" });
    expect(first.ok).toBe(true);
    const rows = await auditRows(db);
    // A second officer, still looking at the pending page, rejects.
    const stale = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "reject", reason: "x", expectedStatus: "pending" });
    expect(stale).toEqual({ ok: false, kind: "conflict", message: "common.errors.body409" });
    expect((await statusOf(db, orgId)).status).toBe("verified");
    expect(await auditRows(db)).toEqual(rows);
  });

  it.each<[string, { kind: OrgKind; roles?: BureauRole[] }]>([
    ["an enterprise member", { kind: "enterprise" }],
    ["an institution member", { kind: "institution" }],
    ["bureau finance", { kind: "bureau", roles: ["finance"] }],
    ["a bureau evaluator", { kind: "bureau", roles: ["evaluator"] }],
    ["a bureau admin (not an officer)", { kind: "bureau", roles: ["admin"] }],
  ])("forbids %s", async (_who, options) => {
    const { db, orgId } = await world("pending");
    const someone = await makeActor(db, options);
    for (const event of EVENTS) {
      const r = await changeOrganisationStatus(db, someone, { organisationId: orgId, event, reason: "x", expectedStatus: "pending" });
      expect(r).toEqual({ ok: false, kind: "forbidden" });
    }
    expect((await statusOf(db, orgId)).status).toBe("pending");
    expect(await auditRows(db)).toEqual([]);
  });

  it("forbids an enterprise member even on their own organisation", async () => {
    const { db, member, orgId } = await world("pending");
    const r = await changeOrganisationStatus(db, member, { organisationId: orgId, event: "verify", expectedStatus: "pending" });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
    expect((await statusOf(db, orgId)).status).toBe("pending");
  });

  it("answers an unknown organisation with not found", async () => {
    const { db, officer } = await world("pending");
    const r = await changeOrganisationStatus(db, officer, { organisationId: "no-such-org", event: "verify", expectedStatus: "pending" });
    expect(r).toEqual({ ok: false, kind: "notFound" });
    expect(await auditRows(db)).toEqual([]);
  });

  it("answers the bureau itself with not found", async () => {
    const { db, officer } = await world("pending");
    const r = await changeOrganisationStatus(db, officer, { organisationId: officer.orgId, event: "suspend", reason: "x", expectedStatus: "verified" });
    expect(r).toEqual({ ok: false, kind: "notFound" });
    expect(await auditRows(db)).toEqual([]);
  });

  it("forbids an officer whose own bureau is not verified (policy: bureau roles need a verified bureau)", async () => {
    const { db, orgId } = await world("pending");
    const officer: Actor = { ...(await makeActor(db, { kind: "bureau", roles: ["officer"] })), orgStatus: "suspended" };
    const r = await changeOrganisationStatus(db, officer, { organisationId: orgId, event: "verify", expectedStatus: "pending" });
    expect(r).toEqual({ ok: false, kind: "forbidden" });
  });
});
