import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { BureauRole, OrgKind, OrgStatus } from "~/modules/access/actor";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { changeDemandStatus } from "./change-demand-status.server";
import { DEMAND_LIFECYCLE, type DemandStatus } from "./lifecycle";
import type { EnterpriseEvent, ReviewEvent } from "./schemas";
import { auditRows, demandOf, demandRow, world } from "./test-fixtures.server";

const STATUSES = Object.keys(DEMAND_LIFECYCLE) as DemandStatus[];
const EVENTS: (EnterpriseEvent | ReviewEvent)[] = ["submit", "withdraw", "accept", "return", "reject"];
const BY_ENTERPRISE = new Set(["submit", "withdraw"]);

describe("changeDemandStatus: every status × event, by the party that may take it", () => {
  const cases = STATUSES.flatMap((from) =>
    EVENTS.map((event) => {
      const to = DEMAND_LIFECYCLE[from][event];
      // The bureau never sees a draft: a review of one is "not found".
      const outcome = to ?? (from === "draft" && !BY_ENTERPRISE.has(event) ? "notFound" : "conflict");
      return { from, event, to, outcome };
    }),
  );

  it.each(cases)("$from + $event → $outcome", async ({ from, event, to }) => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: from });
    const actor = BY_ENTERPRISE.has(event) ? enterprise : officer;
    const before = await auditRows(db);
    const reason = "人数与岗位不符，请核实";
    const r = await changeDemandStatus(db, actor, { demandId: id, event, expectedStatus: from, reason });
    const after = await auditRows(db);
    if (to === null) {
      expect(r.ok).toBe(false);
      expect(r.ok ? null : r.kind).toBe(from === "draft" && !BY_ENTERPRISE.has(event) ? "notFound" : "conflict");
      expect((await demandRow(db, id)).status).toBe(from);
      expect(after).toEqual(before);
      return;
    }
    expect(r).toEqual({ ok: true, value: { status: to } });
    const row = await demandRow(db, id);
    const withReason = event === "return" || event === "reject";
    expect(row.status).toBe(to);
    expect(row.status_reason).toBe(withReason ? reason : null);
    // Exactly one audit entry per transition, with the status and reason before and after.
    expect(after).toHaveLength(before.length + 1);
    const entry = after[after.length - 1];
    expect(entry).toMatchObject({ action: `demand.${event}`, record_type: "demand", record_id: id, actor_user_id: actor.userId, actor_org_id: actor.orgId });
    expect(JSON.parse(entry?.before_json ?? "null")).toEqual({ status: from, reason: null });
    expect(JSON.parse(entry?.after_json ?? "null")).toEqual({ status: to, reason: withReason ? reason : null });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("changeDemandStatus: the enterprise's side", () => {
  it("submits a draft and stamps the submission time", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    expect((await demandRow(db, id)).submitted_at).toBeNull();
    await changeDemandStatus(db, enterprise, { demandId: id, event: "submit", expectedStatus: "draft" });
    expect((await demandRow(db, id)).submitted_at).toBe("2026-11-28T02:00:00.000Z");
  });

  it("resubmits after a return, clearing the reason", async () => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    await changeDemandStatus(db, officer, { demandId: id, event: "return", expectedStatus: "submitted", reason: "请补充地点" });
    expect(await demandRow(db, id)).toMatchObject({ status: "returned", status_reason: "请补充地点" });
    const r = await changeDemandStatus(db, enterprise, { demandId: id, event: "submit", expectedStatus: "returned" });
    expect(r).toEqual({ ok: true, value: { status: "submitted" } });
    expect(await demandRow(db, id)).toMatchObject({ status: "submitted", status_reason: null });
  });

  it("refuses to submit a demand whose earliest start has passed, and says so", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft", earliestStart: "2026-11-27", latestEnd: "2027-01-31" });
    const r = await changeDemandStatus(db, enterprise, { demandId: id, event: "submit", expectedStatus: "draft" });
    expect(r).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: { earliestStart: ['demand.form.startInPast|{"today":"2026-11-28"}'] },
      formErrors: ['demand.form.startInPast|{"today":"2026-11-28"}'],
    });
    expect((await demandRow(db, id)).status).toBe("draft");
    expect(await auditRows(db)).toEqual([]);
  });

  it("answers a stale page with a conflict and changes nothing", async () => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    await changeDemandStatus(db, officer, { demandId: id, event: "accept", expectedStatus: "submitted" });
    const rows = await auditRows(db);
    const r = await changeDemandStatus(db, enterprise, { demandId: id, event: "withdraw", expectedStatus: "submitted" });
    expect(r).toEqual({ ok: false, kind: "conflict", message: "common.errors.body409" });
    expect((await demandRow(db, id)).status).toBe("pooled");
    expect(await auditRows(db)).toEqual(rows);
  });

  it("answers another enterprise with not found, and audits the attempt", async () => {
    const { db, enterprise, other } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    for (const event of ["submit", "withdraw"] as const) {
      const r = await changeDemandStatus(db, other, { demandId: id, event, expectedStatus: "draft" });
      expect(r).toEqual({ ok: false, kind: "notFound" });
    }
    expect((await demandRow(db, id)).status).toBe("draft");
    const rows = await auditRows(db);
    expect(rows.map((e) => [e.action, e.record_type, e.record_id, e.actor_org_id])).toEqual([
      ["access.denied", "demand", id, other.orgId],
      ["access.denied", "demand", id, other.orgId],
    ]);
    expect(JSON.parse(rows[0]?.after_json ?? "null")).toEqual({ attempted: "demand.edit" });
  });

  it("answers an unknown demand with not found, without an audit entry", async () => {
    const { db, enterprise } = await world();
    const r = await changeDemandStatus(db, enterprise, { demandId: "no-such-demand", event: "submit", expectedStatus: "draft" });
    expect(r).toEqual({ ok: false, kind: "notFound" });
    expect(await auditRows(db)).toEqual([]);
  });

  it.each<[string, { kind: OrgKind; status?: OrgStatus; roles?: BureauRole[] }]>([
    ["a member of a pending enterprise", { kind: "enterprise", status: "pending" }],
    ["a member of a suspended enterprise", { kind: "enterprise", status: "suspended" }],
    ["an institution member", { kind: "institution" }],
    ["a bureau officer", { kind: "bureau", roles: ["officer"] }],
  ])("forbids %s to submit or withdraw", async (_who, options) => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const someone = await makeActor(db, options);
    for (const event of ["submit", "withdraw"] as const) {
      expect(await changeDemandStatus(db, someone, { demandId: id, event, expectedStatus: "draft" })).toEqual({ ok: false, kind: "forbidden" });
    }
    expect(await auditRows(db)).toEqual([]);
  });
});

describe("changeDemandStatus: the bureau's side", () => {
  it.each(["return", "reject"] as const)("needs a reason to %s", async (event) => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    const r = await changeDemandStatus(db, officer, { demandId: id, event, expectedStatus: "submitted", reason: "   " });
    expect(r).toEqual({ ok: false, kind: "validation", fieldErrors: { reason: ["demand.review.reasonRequired"] }, formErrors: undefined });
    expect((await demandRow(db, id)).status).toBe("submitted");
    expect(await auditRows(db)).toEqual([]);
  });

  it.each<[string, BureauRole[]]>([
    ["an admin", ["admin"]],
    ["finance", ["finance"]],
    ["an evaluator", ["evaluator"]],
  ])("forbids %s to review", async (_who, roles) => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    const someone = await makeActor(db, { kind: "bureau", roles });
    for (const event of ["accept", "return", "reject"] as const) {
      expect(await changeDemandStatus(db, someone, { demandId: id, event, expectedStatus: "submitted", reason: "x" })).toEqual({
        ok: false,
        kind: "forbidden",
      });
    }
  });

  it("forbids an enterprise to review its own demand", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    expect(await changeDemandStatus(db, enterprise, { demandId: id, event: "accept", expectedStatus: "submitted" })).toEqual({
      ok: false,
      kind: "forbidden",
    });
  });
});
