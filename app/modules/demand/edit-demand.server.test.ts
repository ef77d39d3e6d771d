import { describe, expect, it } from "vitest";
import { makeIdNumber } from "~/modules/reference/id-number";
import { addTrainee } from "./add-trainee.server";
import { editDemand } from "./edit-demand.server";
import type { DemandStatus } from "./lifecycle";
import type { DemandInput } from "./schemas";
import { auditRows, demandOf, demandRow, world } from "./test-fixtures.server";

const FIELDS: DemandInput = {
  occupationCode: "6-18-02-04",
  level: 4,
  headcount: 10,
  earliestStart: "2027-03-01",
  latestEnd: "2027-06-30",
  place: "测试区",
  notes: null,
};

describe("editDemand", () => {
  it("changes a draft and audits only the fields that changed, before and after", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const r = await editDemand(db, enterprise, { demandId: id, fields: { ...FIELDS, headcount: 12, place: "示范区实训基地" }, submit: false });
    expect(r).toEqual({ ok: true, value: { status: "draft" } });
    expect(await demandRow(db, id)).toMatchObject({ headcount: 12, place: "示范区实训基地", status: "draft" });
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["demand.edit"]);
    expect(JSON.parse(rows[0]?.before_json ?? "null")).toEqual({ headcount: 10, place: "测试区" });
    expect(JSON.parse(rows[0]?.after_json ?? "null")).toEqual({ headcount: 12, place: "示范区实训基地" });
  });

  it("writes nothing when nothing changed", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    expect(await editDemand(db, enterprise, { demandId: id, fields: FIELDS, submit: false })).toEqual({ ok: true, value: { status: "draft" } });
    expect(await auditRows(db)).toEqual([]);
  });

  it("changes a returned demand and resubmits it in one step", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "returned" });
    const r = await editDemand(db, enterprise, { demandId: id, fields: { ...FIELDS, place: "示范区创新大道 100 号" }, submit: true });
    expect(r).toEqual({ ok: true, value: { status: "submitted" } });
    expect((await auditRows(db)).map((e) => e.action)).toEqual(["demand.edit", "demand.submit"]);
  });

  it.each<DemandStatus>(["submitted", "pooled", "tendered", "contracted", "fulfilled", "rejected", "withdrawn"])(
    "refuses to change a %s demand and changes nothing",
    async (status) => {
      const { db, enterprise } = await world();
      const id = await demandOf(db, enterprise, { status });
      const before = await demandRow(db, id);
      const r = await editDemand(db, enterprise, { demandId: id, fields: { ...FIELDS, headcount: 99 }, submit: false });
      expect(r).toEqual({ ok: false, kind: "conflict", message: "demand.errors.notEditable" });
      expect(await demandRow(db, id)).toEqual(before);
      expect(await auditRows(db)).toEqual([]);
    },
  );

  it("refuses a headcount below the roster's size", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    for (const [i, birth] of ["19900101", "19910101", "19920101"].entries()) {
      const r = await addTrainee(db, enterprise, {
        demandId: id,
        trainee: { name: `学员${i}`, idNumber: makeIdNumber("330106", birth, "001"), phone: "13800138000", currentLevel: null },
      });
      expect(r.ok).toBe(true);
    }
    const r = await editDemand(db, enterprise, { demandId: id, fields: { ...FIELDS, headcount: 2 }, submit: false });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { headcount: ['demand.form.headcountBelowRoster|{"count":3}'] } });
    expect((await demandRow(db, id)).headcount).toBe(10);
  });

  it("answers another enterprise with not found, audits the attempt, and changes nothing", async () => {
    const { db, enterprise, other } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const before = await demandRow(db, id);
    const r = await editDemand(db, other, { demandId: id, fields: { ...FIELDS, headcount: 99 }, submit: true });
    expect(r).toEqual({ ok: false, kind: "notFound" });
    expect(await demandRow(db, id)).toEqual(before);
    const rows = await auditRows(db);
    expect(rows.map((e) => [e.action, e.record_id, e.actor_org_id])).toEqual([["access.denied", id, other.orgId]]);
  });
});
