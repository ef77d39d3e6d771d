import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { inconsistentRules, RULE_KEYS, rulesFromRows, type Regime, type RuleKey, type RuleUnit } from "./procurement-rules";

export interface SubsidyRow {
  id: string;
  year: number;
  occupationCode: string | null;
  occupationZh: string | null;
  occupationEn: string | null;
  level: number;
  capFen: number;
  illustrative: boolean;
  note: string | null;
}

/** The subsidy standard of a year: all-occupation caps first, then occupation-specific ones. */
export async function listSubsidies(db: DB, year: number): Promise<SubsidyRow[]> {
  const rows = await db
    .selectFrom("subsidy_standards as s")
    .leftJoin("occupations as o", "o.code", "s.occupation_code")
    .select(["s.id", "s.year", "s.occupation_code", "o.name_zh", "o.name_en", "s.level", "s.cap_fen", "s.illustrative", "s.note"])
    .where("s.year", "=", year)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      year: r.year,
      occupationCode: r.occupation_code,
      occupationZh: r.name_zh,
      occupationEn: r.name_en,
      level: r.level,
      capFen: Number(r.cap_fen),
      illustrative: r.illustrative === 1,
      note: r.note,
    }))
    .sort((a, b) => (a.occupationCode ?? "").localeCompare(b.occupationCode ?? "") || b.level - a.level);
}

/**
 * Sets the cap per trainee for (year, occupation or all occupations, level): updates the row
 * that exists or adds one. Lots keep the cap they were built with.
 */
export async function setSubsidy(
  db: DB,
  actor: Actor,
  input: { year: number; occupationCode: string | null; level: number; capFen: number; illustrative: boolean; note: string | null },
): Promise<Result<{ id: string }>> {
  if (!can(actor, "reference.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    if (input.occupationCode) {
      const occ = await trx.selectFrom("occupations").select("code").where("code", "=", input.occupationCode).executeTakeFirst();
      if (!occ) return invalid({ occupationCode: ["reference.subsidy.unknownOccupation"] });
    }
    let q = trx.selectFrom("subsidy_standards").selectAll().where("year", "=", input.year).where("level", "=", input.level);
    q = input.occupationCode ? q.where("occupation_code", "=", input.occupationCode) : q.where("occupation_code", "is", null);
    const existing = await q.executeTakeFirst();
    const values = { cap_fen: input.capFen, illustrative: input.illustrative ? 1 : 0, note: input.note };
    let id: string;
    if (existing) {
      id = existing.id;
      await trx.updateTable("subsidy_standards").set(values).where("id", "=", id).execute();
    } else {
      id = newId();
      await trx
        .insertInto("subsidy_standards")
        .values({ id, year: input.year, occupation_code: input.occupationCode, level: input.level, ...values })
        .execute();
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: existing ? "subsidy.update" : "subsidy.create",
      recordType: "subsidy_standard",
      recordId: id,
      before: existing ? { capFen: Number(existing.cap_fen), illustrative: existing.illustrative, note: existing.note } : undefined,
      after: { year: input.year, occupationCode: input.occupationCode, level: input.level, capFen: input.capFen, illustrative: values.illustrative, note: input.note },
    });
    return ok({ id });
  });
}

/** Removes an occupation-specific cap (the all-occupation cap then applies again). */
export async function removeSubsidy(db: DB, actor: Actor, id: string): Promise<Result<null>> {
  if (!can(actor, "reference.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("subsidy_standards").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return notFoundResult;
    if (row.occupation_code === null) return conflict("reference.subsidy.cannotRemoveGeneral");
    await trx.deleteFrom("subsidy_standards").where("id", "=", id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "subsidy.remove",
      recordType: "subsidy_standard",
      recordId: id,
      before: { year: row.year, occupationCode: row.occupation_code, level: row.level, capFen: Number(row.cap_fen) },
    });
    return ok(null);
  });
}

export interface CalendarEntry {
  date: string;
  kind: "holiday" | "workday";
  nameZh: string;
  nameEn: string;
}

/** Statutory holidays and make-up working days of a year, in date order. */
export async function listCalendarDays(db: DB, year: number): Promise<CalendarEntry[]> {
  const rows = await db
    .selectFrom("calendar_days")
    .selectAll()
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .orderBy("date")
    .execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en }));
}

/** Adds or replaces one day of the working-day calendar. */
export async function setCalendarDay(db: DB, actor: Actor, input: CalendarEntry): Promise<Result<null>> {
  if (!can(actor, "reference.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("calendar_days").selectAll().where("date", "=", input.date).executeTakeFirst();
    const values = { kind: input.kind, name_zh: input.nameZh, name_en: input.nameEn };
    if (existing) await trx.updateTable("calendar_days").set(values).where("date", "=", input.date).execute();
    else await trx.insertInto("calendar_days").values({ date: input.date, ...values }).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: existing ? "calendar.update" : "calendar.add",
      recordType: "calendar_day",
      recordId: input.date,
      before: existing ? { kind: existing.kind, nameZh: existing.name_zh } : undefined,
      after: { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn },
    });
    return ok(null);
  });
}

/** Removes one day from the calendar (it becomes an ordinary weekday or weekend day). */
export async function removeCalendarDay(db: DB, actor: Actor, date: string): Promise<Result<null>> {
  if (!can(actor, "reference.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("calendar_days").selectAll().where("date", "=", date).executeTakeFirst();
    if (!existing) return notFoundResult;
    await trx.deleteFrom("calendar_days").where("date", "=", date).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "calendar.remove",
      recordType: "calendar_day",
      recordId: date,
      before: { kind: existing.kind, nameZh: existing.name_zh },
    });
    return ok(null);
  });
}

export interface RuleRow {
  regime: Regime;
  key: RuleKey;
  value: number;
  unit: RuleUnit;
  source: string;
}

/** The procurement rules table of both regimes. */
export async function listRules(db: DB): Promise<RuleRow[]> {
  const rows = await db.selectFrom("procurement_rules").selectAll().orderBy("regime").execute();
  const order = new Map(RULE_KEYS.map((k, i) => [k as string, i]));
  return rows
    .map((r) => ({ regime: r.regime, key: r.key as RuleKey, value: Number(r.value), unit: r.unit, source: r.source }))
    .sort((a, b) => a.regime.localeCompare(b.regime) || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}

/** Changes one rule's value; refused when the regime's rules would contradict each other. */
export async function setRule(
  db: DB,
  actor: Actor,
  input: { regime: Regime; key: RuleKey; value: number; source: string },
): Promise<Result<null>> {
  if (!can(actor, "reference.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("procurement_rules").selectAll().where("regime", "=", input.regime).execute();
    const current = rows.find((r) => r.key === input.key);
    if (!current) return notFoundResult;
    const next = rulesFromRows(rows.map((r) => (r.key === input.key ? { ...r, value: input.value } : r)));
    const bad = inconsistentRules(next);
    if (bad.length > 0) return invalid({ value: ["reference.rules.inconsistent"] });
    await trx
      .updateTable("procurement_rules")
      .set({ value: input.value, source: input.source })
      .where("regime", "=", input.regime)
      .where("key", "=", input.key)
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "rule.update",
      recordType: "procurement_rule",
      recordId: `${input.regime}:${input.key}`,
      before: { value: Number(current.value), source: current.source },
      after: { value: input.value, source: input.source },
    });
    return ok(null);
  });
}
