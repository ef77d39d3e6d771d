import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { applyForAccreditation, decideAccreditation, listOwnAccreditations, listPublicRegister } from "./accreditations.server";

const application = { occupationCode: "6-18-02-04", highestLevel: 3, licenceNumber: "职培-2026-001", validFrom: "2026-01-01", validTo: "2027-12-31" };

describe("accreditation", () => {
  it("goes from application to the public register and out again when revoked", async () => {
    const { db } = await createTestDb();
    const inst = await makeActor(db, { kind: "institution", orgName: "示范技工学校" });
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const applied = await applyForAccreditation(db, inst, application);
    if (!applied.ok) throw new Error("apply failed");
    expect(await listPublicRegister(db, "2026-06-01")).toEqual([]);
    expect(await decideAccreditation(db, officer, { id: applied.value.id, event: "approve", expectedStatus: "applied" })).toEqual({
      ok: true,
      value: { status: "approved" },
    });
    expect((await listPublicRegister(db, "2026-06-01")).map((a) => a.institutionName)).toEqual(["示范技工学校"]);
    expect(await listPublicRegister(db, "2028-01-01")).toEqual([]);
    await decideAccreditation(db, officer, { id: applied.value.id, event: "revoke", reason: "证照失效", expectedStatus: "approved" });
    expect(await listPublicRegister(db, "2026-06-01")).toEqual([]);
    expect((await listOwnAccreditations(db, inst.orgId))[0]).toMatchObject({ status: "revoked", statusReason: "证照失效" });
    const actions = (await db.selectFrom("audit_log").select("action").where("record_type", "=", "accreditation").orderBy("seq").execute()).map((a) => a.action);
    expect(actions).toEqual(["accreditation.apply", "accreditation.approve", "accreditation.revoke"]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses a second open application for the same occupation, a level the standard lacks, and unverified institutions", async () => {
    const { db } = await createTestDb();
    const inst = await makeActor(db, { kind: "institution" });
    expect((await applyForAccreditation(db, inst, application)).ok).toBe(true);
    expect(await applyForAccreditation(db, inst, application)).toMatchObject({ ok: false, kind: "validation", fieldErrors: { occupationCode: ["accreditation.errors.alreadyOpen"] } });
    // 工业机器人系统操作员 defines levels 4 to 1 only as far as level 1; 多工序数控机床 defines none: any level is accepted.
    const pending = await makeActor(db, { kind: "institution", status: "pending" });
    expect(await applyForAccreditation(db, pending, application)).toMatchObject({ ok: false, kind: "forbidden" });
    const enterprise = await makeActor(db, { kind: "enterprise" });
    expect(await applyForAccreditation(db, enterprise, application)).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("lets only the bureau decide, and only the institution withdraw its own application", async () => {
    const { db } = await createTestDb();
    const inst = await makeActor(db, { kind: "institution" });
    const other = await makeActor(db, { kind: "institution" });
    const finance = await makeActor(db, { kind: "bureau", roles: ["finance"] });
    const applied = await applyForAccreditation(db, inst, application);
    if (!applied.ok) throw new Error("apply failed");
    const id = applied.value.id;
    expect(await decideAccreditation(db, inst, { id, event: "approve", expectedStatus: "applied" })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await decideAccreditation(db, other, { id, event: "withdraw", expectedStatus: "applied" })).toMatchObject({ ok: false, kind: "notFound" });
    expect(await decideAccreditation(db, finance, { id, event: "approve", expectedStatus: "applied" })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await decideAccreditation(db, inst, { id, event: "withdraw", expectedStatus: "approved" })).toMatchObject({ ok: false, kind: "conflict" });
    expect(await decideAccreditation(db, inst, { id, event: "withdraw", expectedStatus: "applied" })).toMatchObject({ ok: true });
  });
});
