import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { newId } from "~/utils/id.server";
import { loadWorkingDayCalendar } from "./calendar.server";
import { findSubsidyCap, loadRules } from "./rules.server";
import { isWorkingDay } from "./working-days";

describe("loadRules", () => {
  it("reads a regime's rules from the table, as the admin edited them", async () => {
    const { db } = await createTestDb();
    const gp = await loadRules(db, "GP");
    expect(gp.publication_to_deadline_min).toEqual({ value: 20, unit: "D" });
    expect(gp.price_weight_default).toEqual({ value: 30, unit: "percent" });
    await db.updateTable("procurement_rules").set({ value: 25 }).where("regime", "=", "TB").where("key", "=", "publication_to_deadline_min").execute();
    expect((await loadRules(db, "TB")).publication_to_deadline_min.value).toBe(25);
    expect((await loadRules(db, "GP")).publication_to_deadline_min.value).toBe(20);
  });

  it("fails loudly when a rule is missing, never defaulting silently", async () => {
    const { db } = await createTestDb();
    await db.deleteFrom("procurement_rules").where("regime", "=", "GP").where("key", "=", "panel_min_size").execute();
    await expect(loadRules(db, "GP")).rejects.toThrow(/panel_min_size/);
  });
});

describe("findSubsidyCap", () => {
  it("prefers the occupation's own standard over the all-occupations one, per year and level", async () => {
    const { db } = await createTestDb();
    await db.deleteFrom("subsidy_standards").execute();
    const row = (year: number, occupation_code: string | null, level: number, cap_fen: number) => ({
      id: newId(),
      year,
      occupation_code,
      level,
      cap_fen,
      illustrative: 0,
      note: null,
    });
    await db
      .insertInto("subsidy_standards")
      .values([row(2027, null, 4, 180_000), row(2027, "6-18-02-04", 4, 220_000), row(2028, null, 4, 190_000), row(2027, null, 3, 280_000)])
      .execute();
    expect(await findSubsidyCap(db, { year: 2027, occupationCode: "6-18-02-04", level: 4 })).toEqual({
      capFen: 220_000,
      illustrative: false,
      occupationSpecific: true,
    });
    expect(await findSubsidyCap(db, { year: 2027, occupationCode: "6-31-01-03", level: 4 })).toMatchObject({ capFen: 180_000, occupationSpecific: false });
    expect(await findSubsidyCap(db, { year: 2027, occupationCode: "6-18-02-04", level: 3 })).toMatchObject({ capFen: 280_000 });
    expect(await findSubsidyCap(db, { year: 2028, occupationCode: "6-18-02-04", level: 4 })).toMatchObject({ capFen: 190_000 });
    expect(await findSubsidyCap(db, { year: 2027, occupationCode: "6-18-02-04", level: 1 })).toBeUndefined();
    expect(await findSubsidyCap(db, { year: 2029, occupationCode: "6-18-02-04", level: 4 })).toBeUndefined();
  });

  it("finds the seeded illustrative caps", async () => {
    const { db } = await createTestDb();
    const year = (await db.selectFrom("subsidy_standards").select("year").orderBy("year").executeTakeFirstOrThrow()).year;
    expect(await findSubsidyCap(db, { year, occupationCode: "6-18-02-04", level: 4 })).toEqual({ capFen: 180_000, illustrative: true, occupationSpecific: false });
  });
});

describe("loadWorkingDayCalendar", () => {
  it("reads holidays and make-up working days from calendar_days", async () => {
    const { db } = await createTestDb();
    const cal = await loadWorkingDayCalendar(db);
    expect(isWorkingDay("2026-10-01", cal)).toBe(false); // National Day
    expect(isWorkingDay("2026-10-10", cal)).toBe(true); // a Saturday worked for it
    expect(isWorkingDay("2026-12-21", cal)).toBe(true);
    await db.insertInto("calendar_days").values({ date: "2026-12-21", kind: "holiday", name_zh: "测试", name_en: "Test" }).execute();
    expect(isWorkingDay("2026-12-21", await loadWorkingDayCalendar(db))).toBe(false);
  });
});
