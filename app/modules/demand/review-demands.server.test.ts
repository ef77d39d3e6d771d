import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { changeDemandStatus } from "./change-demand-status.server";
import { reviewDemands } from "./review-demands.server";
import { demandRef } from "./schemas";
import { auditRows, demandOf, demandRow, world } from "./test-fixtures.server";

describe("reviewDemands: the bureau's bulk review", () => {
  it("accepts several submitted demands, one audit entry each", async () => {
    const { db, enterprise, other, officer } = await world();
    const ids = [
      await demandOf(db, enterprise, { status: "submitted" }),
      await demandOf(db, enterprise, { status: "submitted" }),
      await demandOf(db, other, { status: "submitted" }),
    ];
    const r = await reviewDemands(db, officer, { ids, event: "accept" });
    expect(r).toEqual({ ok: true, value: { count: 3, status: "pooled" } });
    for (const id of ids) expect((await demandRow(db, id)).status).toBe("pooled");
    const rows = await auditRows(db);
    expect(rows.map((e) => [e.action, e.record_id])).toEqual(ids.map((id) => ["demand.accept", id]));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 3 });
  });

  it("returns several with one shared reason that each enterprise sees", async () => {
    const { db, enterprise, other, officer } = await world();
    const ids = [await demandOf(db, enterprise, { status: "submitted" }), await demandOf(db, other, { status: "submitted" })];
    const r = await reviewDemands(db, officer, { ids, event: "return", reason: "请注明具体培训地址" });
    expect(r.ok).toBe(true);
    for (const id of ids) expect(await demandRow(db, id)).toMatchObject({ status: "returned", status_reason: "请注明具体培训地址" });
  });

  it("refuses the whole action when one row is no longer in the state the officer saw, naming it, and changes nothing", async () => {
    const { db, enterprise, other, officer } = await world();
    const a = await demandOf(db, enterprise, { status: "submitted" });
    const b = await demandOf(db, other, { status: "submitted" });
    const c = await demandOf(db, enterprise, { status: "submitted" });
    // Between the officer's page and the click, the enterprise withdraws b.
    await changeDemandStatus(db, other, { demandId: b, event: "withdraw", expectedStatus: "submitted" });
    const before = await auditRows(db);
    const r = await reviewDemands(db, officer, { ids: [a, b, c], event: "reject", reason: "不符合补贴范围" });
    expect(r).toEqual({
      ok: false,
      kind: "conflict",
      message: `demand.review.stale|${JSON.stringify({ rows: `${demandRef(b)} 示范新能源汽车零部件有限公司`, count: 1 })}`,
    });
    expect((await demandRow(db, a)).status).toBe("submitted");
    expect((await demandRow(db, b)).status).toBe("withdrawn");
    expect((await demandRow(db, c)).status).toBe("submitted");
    expect(await auditRows(db)).toEqual(before);
  });

  it("counts a demand that does not exist, or a draft, as stale", async () => {
    const { db, enterprise, officer } = await world();
    const a = await demandOf(db, enterprise, { status: "submitted" });
    const draft = await demandOf(db, enterprise, { status: "draft" });
    const r = await reviewDemands(db, officer, { ids: [a, draft, "nosuchdemand0000"], event: "accept" });
    expect(r.ok ? null : r.kind).toBe("conflict");
    expect(r.ok ? "" : r.kind === "conflict" ? r.message : "").toContain(demandRef(draft));
    expect((await demandRow(db, a)).status).toBe("submitted");
    expect(await auditRows(db)).toEqual([]);
  });

  it("needs a reason to return or reject", async () => {
    const { db, enterprise, officer } = await world();
    const a = await demandOf(db, enterprise, { status: "submitted" });
    expect(await reviewDemands(db, officer, { ids: [a], event: "reject" })).toEqual({
      ok: false,
      kind: "validation",
      fieldErrors: { reason: ["demand.review.reasonRequired"] },
      formErrors: undefined,
    });
    expect((await demandRow(db, a)).status).toBe("submitted");
  });

  it("forbids anyone but an officer", async () => {
    const { db, enterprise } = await world();
    const a = await demandOf(db, enterprise, { status: "submitted" });
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    for (const someone of [enterprise, admin]) {
      expect(await reviewDemands(db, someone, { ids: [a], event: "accept" })).toEqual({ ok: false, kind: "forbidden" });
    }
    expect((await demandRow(db, a)).status).toBe("submitted");
  });
});
