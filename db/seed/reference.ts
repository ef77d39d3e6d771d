import type { DB } from "../client";
import { CALENDAR } from "./calendar-data";
import { OCCUPATIONS } from "./occupations";
import { RULE_SEEDS } from "~/modules/reference/procurement-rules";
import { DEFAULT_TARGETS, SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { newId } from "~/utils/id.server";
import { now, nowIso } from "~/utils/clock.server";

/**
 * Illustrative subsidy caps per trainee by level, in fen, for all occupations. Labelled as such
 * on every screen: the district's published standard replaces them (DESIGN.md "Reference data").
 */
export const ILLUSTRATIVE_CAPS_FEN: Record<number, number> = {
  5: 120_000,
  4: 180_000,
  3: 280_000,
  2: 380_000,
  1: 480_000,
};
/** Illustrative yearly training budget, fen. */
export const ILLUSTRATIVE_BUDGET_FEN = 150_000_000;

export interface BureauSettings {
  nameZh: string;
}

/**
 * Loads the reference data, idempotently: rows that exist are left as the bureau edited them.
 * Also makes sure the deployment's one bureau organisation exists.
 */
export async function seedReference(db: DB, bureau: BureauSettings): Promise<void> {
  const year = now().getUTCFullYear();
  await db.transaction().execute(async (trx) => {
    for (const l of SKILL_LEVELS) {
      await trx
        .insertInto("skill_levels")
        .values({ level: l.level, name_zh: l.nameZh, name_en: l.nameEn, is_high_skilled: l.level <= 3 ? 1 : 0 })
        .onConflict((oc) => oc.column("level").doNothing())
        .execute();
    }
    for (const o of OCCUPATIONS) {
      await trx
        .insertInto("occupations")
        .values({
          code: o.code,
          name_zh: o.nameZh,
          name_en: o.nameEn,
          category_zh: o.categoryZh,
          level_lowest: o.levels ? o.levels[0] : null,
          level_highest: o.levels ? o.levels[1] : null,
          source: "国家职业分类大典（2022年版）",
          active: 1,
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .execute();
    }
    for (const r of RULE_SEEDS) {
      await trx
        .insertInto("procurement_rules")
        .values({ regime: r.regime, key: r.key, value: r.value, unit: r.unit, source: r.source })
        .onConflict((oc) => oc.columns(["regime", "key"]).doNothing())
        .execute();
    }
    for (const [, days] of Object.entries(CALENDAR)) {
      for (const d of days.holidays) {
        await trx
          .insertInto("calendar_days")
          .values({ date: d.date, kind: "holiday", name_zh: d.name_zh, name_en: d.name_en })
          .onConflict((oc) => oc.column("date").doNothing())
          .execute();
      }
      for (const d of days.makeupWorkdays) {
        await trx
          .insertInto("calendar_days")
          .values({ date: d.date, kind: "workday", name_zh: d.name_zh, name_en: d.name_en })
          .onConflict((oc) => oc.column("date").doNothing())
          .execute();
      }
    }
    for (const y of [year, year + 1]) {
      const existing = await trx.selectFrom("subsidy_standards").select("id").where("year", "=", y).executeTakeFirst();
      if (!existing) {
        for (const [level, cap] of Object.entries(ILLUSTRATIVE_CAPS_FEN)) {
          await trx
            .insertInto("subsidy_standards")
            .values({
              id: newId(),
              year: y,
              occupation_code: null,
              level: Number(level),
              cap_fen: cap,
              illustrative: 1,
              note: "示例数值 illustrative",
            })
            .execute();
        }
      }
      await trx
        .insertInto("yearly_targets")
        .values({
          year: y,
          trained_min: DEFAULT_TARGETS.trainedMin,
          high_skilled_min: DEFAULT_TARGETS.highSkilledMin,
          high_skilled_share_pct: DEFAULT_TARGETS.highSkilledSharePct,
          budget_fen: ILLUSTRATIVE_BUDGET_FEN,
          updated_at: nowIso(),
        })
        .onConflict((oc) => oc.column("year").doNothing())
        .execute();
    }
    const bureauOrg = await trx.selectFrom("organisations").select("id").where("kind", "=", "bureau").executeTakeFirst();
    if (!bureauOrg) {
      const t = nowIso();
      await trx
        .insertInto("organisations")
        .values({
          id: newId(),
          kind: "bureau",
          name: bureau.nameZh,
          credit_code: null,
          status: "verified",
          contact_name: null,
          contact_phone: null,
          address: null,
          status_reason: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
  });
}
