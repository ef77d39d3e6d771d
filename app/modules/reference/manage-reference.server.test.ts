import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import {
  listCalendarDays,
  listRules,
  listSubsidies,
  removeCalendarDay,
  removeSubsidy,
  setCalendarDay,
  setRule,
  setSubsidy,
} from "./manage-reference.server";

async function lastAudit(db: Awaited<ReturnType<typeof createTestDb>>["db"]) {
  return db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").executeTakeFirstOrThrow();
}

describe("managing reference data", () => {
  it("sets an occupation's own cap beside the general one, changes it, and removes it", async () => {
    const { db } = await createTestDb();
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    const year = 2031;
    const general = await setSubsidy(db, admin, { year, occupationCode: null, level: 4, capFen: 180_000, illustrative: false, note: null });
    const own = await setSubsidy(db, admin, { year, occupationCode: "6-18-02-04", level: 4, capFen: 200_000, illustrative: false, note: "焊工" });
    expect(general.ok && own.ok).toBe(true);
    await setSubsidy(db, admin, { year, occupationCode: "6-18-02-04", level: 4, capFen: 210_050, illustrative: false, note: "焊工" });
    const rows = await listSubsidies(db, year);
    expect(rows.map((r) => [r.occupationCode, r.level, r.capFen])).toEqual([
      [null, 4, 180_000],
      ["6-18-02-04", 4, 210_050],
    ]);
    expect(await lastAudit(db)).toMatchObject({ action: "subsidy.update", before_json: expect.stringContaining("200000") });
    if (!own.ok) return;
    expect((await removeSubsidy(db, admin, own.value.id)).ok).toBe(true);
    expect((await listSubsidies(db, year)).map((r) => r.occupationCode)).toEqual([null]);
    if (!general.ok) return;
    expect(await removeSubsidy(db, admin, general.value.id)).toMatchObject({ ok: false, kind: "conflict" });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses an unknown occupation and a non-admin", async () => {
    const { db } = await createTestDb();
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    expect(await setSubsidy(db, admin, { year: 2031, occupationCode: "9-99-99-99", level: 4, capFen: 1, illustrative: false, note: null })).toMatchObject({
      ok: false,
      kind: "validation",
    });
    expect(await setSubsidy(db, officer, { year: 2031, occupationCode: null, level: 4, capFen: 1, illustrative: false, note: null })).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(await listSubsidies(db, 2031)).toEqual([]);
  });

  it("adds, changes and removes calendar days", async () => {
    const { db } = await createTestDb();
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    await setCalendarDay(db, admin, { date: "2031-10-01", kind: "holiday", nameZh: "国庆节", nameEn: "National Day" });
    await setCalendarDay(db, admin, { date: "2031-10-11", kind: "workday", nameZh: "国庆节调休", nameEn: "National Day make-up" });
    expect((await listCalendarDays(db, 2031)).map((d) => [d.date, d.kind])).toEqual([
      ["2031-10-01", "holiday"],
      ["2031-10-11", "workday"],
    ]);
    expect((await removeCalendarDay(db, admin, "2031-10-11")).ok).toBe(true);
    expect(await removeCalendarDay(db, admin, "2031-10-11")).toMatchObject({ ok: false, kind: "notFound" });
    expect((await listCalendarDays(db, 2031)).map((d) => d.date)).toEqual(["2031-10-01"]);
  });

  it("changes a rule with its source, and refuses rules that contradict each other", async () => {
    const { db } = await createTestDb();
    const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
    expect((await setRule(db, admin, { regime: "GP", key: "min_valid_bids", value: 2, source: "测试依据" })).ok).toBe(true);
    const rules = await listRules(db);
    expect(rules.find((r) => r.regime === "GP" && r.key === "min_valid_bids")).toMatchObject({ value: 2, source: "测试依据" });
    expect(rules.find((r) => r.regime === "TB" && r.key === "min_valid_bids")?.value).toBe(3);
    const bad = await setRule(db, admin, { regime: "GP", key: "panel_expert_share_num", value: 4, source: "x" });
    expect(bad).toMatchObject({ ok: false, kind: "validation" });
    expect((await listRules(db)).find((r) => r.regime === "GP" && r.key === "panel_expert_share_num")?.value).toBe(2);
  });
});
