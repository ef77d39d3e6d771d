import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import type { BureauRole, OrgKind, OrgStatus } from "~/modules/access/actor";
import { postDemand } from "./post-demand.server";
import type { DemandInput } from "./schemas";
import { auditRows, demandRow, world } from "./test-fixtures.server";

const FIELDS: DemandInput = {
  occupationCode: "6-18-02-04",
  level: 4,
  headcount: 20,
  earliestStart: "2027-03-01",
  latestEnd: "2027-06-30",
  place: "示范区实训基地",
  notes: null,
};

describe("postDemand", () => {
  it("saves a draft of the enterprise's own, audited with its content", async () => {
    const { db, enterprise } = await world();
    const r = await postDemand(db, enterprise, { fields: FIELDS, submit: false });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.status).toBe("draft");
    expect(await demandRow(db, r.value.demandId)).toMatchObject({
      enterprise_id: enterprise.orgId,
      created_by: enterprise.userId,
      occupation_code: "6-18-02-04",
      level: 4,
      headcount: 20,
      status: "draft",
      submitted_at: null,
    });
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["demand.create"]);
    expect(JSON.parse(rows[0]?.after_json ?? "null")).toEqual({ status: "draft", ...FIELDS });
  });

  it("submits at once: the content and the transition, one audit entry each", async () => {
    const { db, enterprise } = await world();
    const r = await postDemand(db, enterprise, { fields: FIELDS, submit: true });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(await demandRow(db, r.value.demandId)).toMatchObject({ status: "submitted", submitted_at: "2026-11-28T02:00:00.000Z" });
    const rows = await auditRows(db);
    expect(rows.map((e) => e.action)).toEqual(["demand.create", "demand.submit"]);
    expect(JSON.parse(rows[1]?.after_json ?? "null")).toEqual({ status: "submitted", reason: null });
  });

  it("saves a draft that starts in the past, but refuses to submit it", async () => {
    const { db, enterprise } = await world();
    const past = { ...FIELDS, earliestStart: "2026-11-27" };
    expect((await postDemand(db, enterprise, { fields: past, submit: false })).ok).toBe(true);
    const r = await postDemand(db, enterprise, { fields: past, submit: true });
    expect(r).toEqual({ ok: false, kind: "validation", fieldErrors: { earliestStart: ['demand.form.startInPast|{"today":"2026-11-28"}'] }, formErrors: undefined });
    expect(await db.selectFrom("demands").select("id").execute()).toHaveLength(1);
  });

  it("refuses an occupation not in the catalogue, or no longer active", async () => {
    const { db, enterprise } = await world();
    const unknown = await postDemand(db, enterprise, { fields: { ...FIELDS, occupationCode: "9-99-99-99" }, submit: false });
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { occupationCode: ["demand.form.occupationUnknown"] } });
    await db.updateTable("occupations").set({ active: 0 }).where("code", "=", "6-18-02-04").execute();
    const inactive = await postDemand(db, enterprise, { fields: FIELDS, submit: false });
    expect(inactive).toMatchObject({ ok: false, fieldErrors: { occupationCode: ["demand.form.occupationUnknown"] } });
    expect(await auditRows(db)).toEqual([]);
  });

  it("refuses a level the occupation's standard does not define", async () => {
    const { db, enterprise } = await world();
    await db.updateTable("occupations").set({ level_lowest: 5, level_highest: 3 }).where("code", "=", "6-18-01-01").execute();
    const r = await postDemand(db, enterprise, { fields: { ...FIELDS, occupationCode: "6-18-01-01", level: 2 }, submit: false });
    expect(r).toMatchObject({ ok: false, kind: "validation", fieldErrors: { level: ['demand.form.levelNotDefined|{"occupation":"车工","lowest":5,"highest":3}'] } });
    expect((await postDemand(db, enterprise, { fields: { ...FIELDS, occupationCode: "6-18-01-01", level: 3 }, submit: false })).ok).toBe(true);
  });

  it.each<[string, { kind: OrgKind; status?: OrgStatus; roles?: BureauRole[] }]>([
    ["a member of a pending enterprise", { kind: "enterprise", status: "pending" }],
    ["an institution member", { kind: "institution" }],
    ["a bureau officer", { kind: "bureau", roles: ["officer"] }],
  ])("forbids %s", async (_who, options) => {
    const { db } = await world();
    const someone = await makeActor(db, options);
    expect(await postDemand(db, someone, { fields: FIELDS, submit: false })).toEqual({ ok: false, kind: "forbidden" });
    expect(await db.selectFrom("demands").select("id").execute()).toEqual([]);
  });
});
