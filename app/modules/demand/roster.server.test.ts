import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { maskIdNumber } from "~/modules/reference/id-number";
import { addTrainee } from "./add-trainee.server";
import type { DemandStatus } from "./lifecycle";
import { readRoster } from "./read-roster.server";
import { removeTrainee } from "./remove-trainee.server";
import { auditRows, demandOf, idNumber, rosterOf, world } from "./test-fixtures.server";

const trainee = (n: number, extra: Partial<{ name: string; phone: string; currentLevel: number | null }> = {}) => ({
  name: extra.name ?? `学员${n}`,
  idNumber: idNumber(n),
  phone: extra.phone ?? "13800138000",
  currentLevel: extra.currentLevel === undefined ? 4 : extra.currentLevel,
});

describe("addTrainee", () => {
  it("adds a trainee of the enterprise's own, audited with the identity number masked", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft", headcount: 2 });
    expect(await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) })).toEqual({ ok: true, value: { count: 1 } });
    expect(await rosterOf(db, id)).toMatchObject([{ name: "学员1", id_number: idNumber(1), enterprise_id: enterprise.orgId, current_level: 4 }]);
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["roster.add"]);
    expect(rows[0]?.after_json).not.toContain(idNumber(1));
    expect(JSON.parse(rows[0]?.after_json ?? "null")).toEqual({ idNumber: maskIdNumber(idNumber(1)), reused: false });
  });

  it("never takes the same person twice, nor more than the headcount", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted", headcount: 1 });
    await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) });
    expect(await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) })).toMatchObject({
      ok: false,
      kind: "validation",
      fieldErrors: { idNumber: ["demand.roster.alreadyOnRoster"] },
    });
    expect(await addTrainee(db, enterprise, { demandId: id, trainee: trainee(2) })).toMatchObject({
      ok: false,
      kind: "validation",
      formErrors: ['demand.roster.overHeadcount|{"headcount":1}'],
    });
    expect(await rosterOf(db, id)).toHaveLength(1);
    expect((await auditRows(db)).map((e) => e.action)).toEqual(["roster.add"]);
  });

  it("reuses the enterprise's trainee with the same identity number on another demand, with the newest details", async () => {
    const { db, enterprise, other } = await world();
    const a = await demandOf(db, enterprise, { status: "draft" });
    const b = await demandOf(db, enterprise, { status: "draft" });
    const c = await demandOf(db, other, { status: "draft" });
    await addTrainee(db, enterprise, { demandId: a, trainee: trainee(1) });
    await addTrainee(db, enterprise, { demandId: b, trainee: trainee(1, { phone: "13900139000", currentLevel: 3 }) });
    await addTrainee(db, other, { demandId: c, trainee: trainee(1) });
    const [onA] = await rosterOf(db, a);
    const [onB] = await rosterOf(db, b);
    const [onC] = await rosterOf(db, c);
    expect(onB?.id).toBe(onA?.id);
    expect(onB).toMatchObject({ phone: "13900139000", current_level: 3 });
    // Another enterprise's trainee with the same number is that enterprise's own row.
    expect(onC?.id).not.toBe(onA?.id);
    expect(await db.selectFrom("trainees").select("id").execute()).toHaveLength(2);
  });

  it.each<DemandStatus>(["fulfilled", "withdrawn", "rejected"])("refuses to change the roster of a %s demand", async (status) => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status });
    expect(await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) })).toEqual({ ok: false, kind: "conflict", message: "demand.roster.closed" });
  });

  it("answers another enterprise with not found and audits the attempt", async () => {
    const { db, enterprise, other } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    expect(await addTrainee(db, other, { demandId: id, trainee: trainee(1) })).toEqual({ ok: false, kind: "notFound" });
    expect(await rosterOf(db, id)).toEqual([]);
    expect((await auditRows(db)).map((e) => [e.action, e.actor_org_id])).toEqual([["access.denied", other.orgId]]);
  });
});

describe("removeTrainee", () => {
  it("takes a trainee off the roster while the demand is not contracted; the trainee stays the enterprise's", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "pooled" });
    await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) });
    const [row] = await rosterOf(db, id);
    expect(await removeTrainee(db, enterprise, { demandId: id, traineeId: row?.id ?? "" })).toEqual({ ok: true, value: { removed: true } });
    expect(await rosterOf(db, id)).toEqual([]);
    expect(await db.selectFrom("trainees").select("id").execute()).toHaveLength(1);
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["roster.add", "roster.remove"]);
    expect(JSON.parse(rows[1]?.before_json ?? "null")).toEqual({ idNumber: maskIdNumber(idNumber(1)) });
  });

  it("still takes a trainee in no cohort off a contracted demand's roster (a confirmed one stays: delivery's tests)", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "tendered" });
    await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) });
    await db.updateTable("demands").set({ status: "contracted" }).where("id", "=", id).execute();
    const [row] = await rosterOf(db, id);
    expect((await removeTrainee(db, enterprise, { demandId: id, traineeId: row?.id ?? "" })).ok).toBe(true);
    expect(await rosterOf(db, id)).toHaveLength(0);
  });

  it("answers a trainee not on the roster, and another enterprise, with not found", async () => {
    const { db, enterprise, other } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) });
    const [row] = await rosterOf(db, id);
    expect(await removeTrainee(db, enterprise, { demandId: id, traineeId: "nobody" })).toEqual({ ok: false, kind: "notFound" });
    expect(await removeTrainee(db, other, { demandId: id, traineeId: row?.id ?? "" })).toEqual({ ok: false, kind: "notFound" });
    expect(await rosterOf(db, id)).toHaveLength(1);
  });
});

describe("readRoster", () => {
  it("gives identity numbers and phones masked only, and audits each read", async () => {
    const { db, enterprise, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    await addTrainee(db, enterprise, { demandId: id, trainee: trainee(1) });
    for (const reader of [enterprise, officer]) {
      const r = await readRoster(db, reader, id);
      if (!r.ok) throw new Error(JSON.stringify(r));
      expect(r.value.trainees).toEqual([
        {
          traineeId: expect.any(String),
          name: "学员1",
          idNumberMasked: maskIdNumber(idNumber(1)),
          phoneMasked: "138****8000",
          currentLevel: 4,
          addedAt: "2026-11-28T02:00:00.000Z",
        },
      ]);
      expect(JSON.stringify(r.value.trainees)).not.toContain(idNumber(1));
    }
    const reads = (await auditRows(db)).filter((e) => e.action === "trainee.read");
    expect(reads.map((e) => [e.record_type, e.record_id, e.actor_org_id, e.after_json])).toEqual([
      ["demand", id, enterprise.orgId, '{"count":1}'],
      ["demand", id, officer.orgId, '{"count":1}'],
    ]);
  });

  it("answers another enterprise with not found, audits it, and reads nothing; the bureau sees no draft's roster", async () => {
    const { db, enterprise, other, officer } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    expect(await readRoster(db, other, id)).toEqual({ ok: false, kind: "notFound" });
    expect(await readRoster(db, officer, id)).toEqual({ ok: false, kind: "notFound" });
    expect((await auditRows(db)).map((e) => [e.action, e.actor_org_id])).toEqual([["access.denied", other.orgId]]);
  });

  it("forbids an institution", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "submitted" });
    const institution = await makeActor(db, { kind: "institution" });
    expect(await readRoster(db, institution, id)).toEqual({ ok: false, kind: "forbidden" });
  });
});
