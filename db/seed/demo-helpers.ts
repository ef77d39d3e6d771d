/**
 * Building blocks of the demo world's seeds (db/seed/demo-procurement.ts, demo-award.ts): who is
 * who, the clock set back, demand, accreditations, tenders and bids made through the real use
 * cases.
 */
import type { DB } from "../client";
import type { Actor, OrgKind, OrgStatus, Role } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import { loadWorkingDayCalendar } from "~/modules/reference/calendar.server";
import { addCalendarDays, isWorkingDay, shanghaiDate } from "~/modules/reference/working-days";
import { createTenderFromSuggestion } from "~/modules/tender/create-tender.server";
import { editTender, type TenderChange } from "~/modules/tender/edit-tender.server";
import { publishTender } from "~/modules/tender/publish-tender.server";
import { findTenderState } from "~/modules/tender/tender-state.server";
import { setClock } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";


export const DAY = 24 * 3600 * 1000;
export const WELDER = "6-18-02-04";
export const ELECTRICIAN = "6-31-01-03";
export const CNC = "6-18-01-07";
export const ROBOT = "6-31-07-03";
export const CHEF = "4-03-02-01";


export async function actorFor(db: DB, email: string): Promise<Actor> {
  const r = await db
    .selectFrom("users as u")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.name", "u.email", "o.id as org_id", "o.name as org_name", "o.kind", "o.status"])
    .where("u.email", "=", email)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", r.id).execute();
  return {
    userId: r.id,
    name: r.name,
    email: r.email,
    orgId: r.org_id,
    orgName: r.org_name,
    orgKind: r.kind as OrgKind,
    orgStatus: r.status as OrgStatus,
    roles: roles.map((x) => x.role as Role),
  };
}

export function unwrap<T>(r: { ok: true; value: T } | { ok: false }, what: string): T {
  if (!r.ok) throw new Error(`demo seed: ${what} failed: ${JSON.stringify(r)}`);
  return r.value;
}

/** Runs `fn` with the clock set to `at`, so that the demo world has a believable past. */
/** An instant's calendar date in Shanghai, yyyy-MM-dd. */
export function shanghaiDay(t: Date): string {
  return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
  setClock(() => when);
  try {
    return await fn();
  } finally {
    setClock(undefined);
  }
}

export async function demand(
  db: DB,
  enterprise: Actor,
  d: { occupation: string; level: number; headcount: number; start: string; end: string; status: DemandStatus; reason?: string; at: Date },
): Promise<string> {
  const id = newId();
  const t = d.at.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("demands")
      .values({
        id,
        enterprise_id: enterprise.orgId,
        occupation_code: d.occupation,
        level: d.level,
        headcount: d.headcount,
        earliest_start: d.start,
        latest_end: d.end,
        place: "示范区职业技能公共实训基地",
        notes: null,
        status: d.status,
        status_reason: d.reason ?? null,
        tender_id: null,
        lot_id: null,
        created_by: enterprise.userId,
        created_at: t,
        updated_at: t,
        submitted_at: d.status === "draft" ? null : t,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "demand.seed",
      recordType: "demand",
      recordId: id,
      after: { status: d.status, demo: true },
    });
  });
  return id;
}

export async function accredit(db: DB, inst: Actor, occupation: string, level: number, status: "approved" | "applied", at: Date) {
  const t = at.toISOString();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("accreditations")
      .values({
        id,
        institution_id: inst.orgId,
        occupation_code: occupation,
        highest_level: level,
        licence_number: `示人社培字〔2025〕${String(Math.floor(at.getTime() / 1000) % 1000).padStart(3, "0")}-${occupation.slice(-2)}`,
        valid_from: "2025-01-01",
        valid_to: "2028-12-31",
        status,
        status_reason: null,
        decided_by: null,
        decided_at: status === "approved" ? t : null,
        created_by: inst.userId,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "accreditation.seed", recordType: "accreditation", recordId: id, after: { status, demo: true } });
  });
}

/** A deadline `days` after `from`, moved to the next working day, at 10:00 in Shanghai. */
export async function deadlineAfter(db: DB, from: Date, days: number): Promise<Date> {
  const cal = await loadWorkingDayCalendar(db);
  let d = addCalendarDays(shanghaiDate(from), days);
  while (!isWorkingDay(d, cal)) d = addCalendarDays(d, 1);
  return new Date(`${d}T10:00:00+08:00`);
}

export async function buildTender(
  db: DB,
  officer: Actor,
  experts: Actor[],
  demandIds: string[],
  title: string,
  deadline: Date | null,
): Promise<string> {
  const { tenderId } = unwrap(await createTenderFromSuggestion(db, officer, { title, demandIds }), "create tender");
  const edit = async (change: TenderChange) => {
    const s = await findTenderState(db, tenderId);
    unwrap(await editTender(db, officer, { tenderId, version: s!.updatedAt, change }), `edit ${change.kind}`);
  };
  await edit({
    kind: "details",
    title,
    description: "面向本区企业急需工种的订单式培训，培训内容以国家职业技能标准为准，结业后参加职业技能等级认定。",
    regime: "GP",
    bidDeadline: deadline,
    minValidBids: 3,
    pricePoints: 30,
  });
  await edit({
    kind: "criteria",
    criteria: [
      { name: "培训方案与课程设置", description: "教学计划、理论与实操安排、考核方式", points: 30 },
      { name: "师资力量", description: "教师资格、技能等级与实训经验", points: 20 },
      { name: "实训条件", description: "场地、设备与工位", points: 15 },
      { name: "服务承诺", description: "就近培训、弹性排课、结业服务", points: 5 },
    ],
  });
  await edit({ kind: "panel", members: experts.map((e) => ({ userId: e.userId, kind: "expert" as const })) });
  return tenderId;
}

export async function publish(db: DB, officer: Actor, tenderId: string): Promise<string> {
  const s = await findTenderState(db, tenderId);
  return unwrap(await publishTender(db, officer, { tenderId, version: s!.updatedAt }), "publish").reference;
}

export function bid(priceFen: number, capacity: number, start: string, end: string, plan: string) {
  return {
    priceFen,
    capacity,
    plannedStart: start,
    plannedEnd: end,
    theoryHours: 40,
    practiceHours: 80,
    trainers: [
      { name: "高级技师 王建国", certificate: "GJ-2019-0312" },
      { name: "技师 刘海燕", certificate: "JS-2021-1187" },
    ],
    venue: "本机构实训楼",
    plan,
  };
}

