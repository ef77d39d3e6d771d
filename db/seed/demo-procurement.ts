import type { DB } from "../client";
import type { Actor, OrgKind, OrgStatus, Role } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { saveBid } from "~/modules/bidding/bids.server";
import { openLot } from "~/modules/bidding/open-lot.server";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import { loadWorkingDayCalendar } from "~/modules/reference/calendar.server";
import { addCalendarDays, isWorkingDay, shanghaiDate } from "~/modules/reference/working-days";
import { cancelTender } from "~/modules/tender/cancel-tender.server";
import { createTenderFromSuggestion } from "~/modules/tender/create-tender.server";
import { editTender, type TenderChange } from "~/modules/tender/edit-tender.server";
import { publishTender } from "~/modules/tender/publish-tender.server";
import { findTenderState } from "~/modules/tender/tender-state.server";
import { now, setClock } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";

const DAY = 24 * 3600 * 1000;
const WELDER = "6-18-02-04";
const ELECTRICIAN = "6-31-01-03";
const CNC = "6-18-01-07";
const ROBOT = "6-31-07-03";
const CHEF = "4-03-02-01";

async function actorFor(db: DB, email: string): Promise<Actor> {
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

function unwrap<T>(r: { ok: true; value: T } | { ok: false }, what: string): T {
  if (!r.ok) throw new Error(`demo seed: ${what} failed: ${JSON.stringify(r)}`);
  return r.value;
}

/** Runs `fn` with the clock set to `at`, so that the demo world has a believable past. */
async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
  setClock(() => when);
  try {
    return await fn();
  } finally {
    setClock(undefined);
  }
}

async function demand(
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

async function accredit(db: DB, inst: Actor, occupation: string, level: number, status: "approved" | "applied", at: Date) {
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
async function deadlineAfter(db: DB, from: Date, days: number): Promise<Date> {
  const cal = await loadWorkingDayCalendar(db);
  let d = addCalendarDays(shanghaiDate(from), days);
  while (!isWorkingDay(d, cal)) d = addCalendarDays(d, 1);
  return new Date(`${d}T10:00:00+08:00`);
}

async function buildTender(
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

async function publish(db: DB, officer: Actor, tenderId: string): Promise<string> {
  const s = await findTenderState(db, tenderId);
  return unwrap(await publishTender(db, officer, { tenderId, version: s!.updatedAt }), "publish").reference;
}

function bid(priceFen: number, capacity: number, start: string, end: string, plan: string) {
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

/**
 * The procurement part of the demo world (DESIGN.md "The demo world"): accreditations, demand in
 * every state, a tender open for bids with sealed bids, a draft, a cancelled tender and an opened
 * one with its public opening record. Built through the real use cases with the clock set back,
 * so every record, status and audit entry is what the app itself would have written.
 */
export async function seedDemoProcurement(db: DB): Promise<void> {
  const T = now();
  const ago = (days: number) => new Date(T.getTime() - days * DAY);
  const officer = await actorFor(db, "officer@bureau.demo");
  const experts = await Promise.all([1, 2, 3, 4, 5].map((i) => actorFor(db, `expert${i}@bureau.demo`)));
  const [e1, e2, e3] = await Promise.all([1, 2, 3].map((i) => actorFor(db, `hr@enterprise${i}.demo`)));
  const [i1, i2, i3, i4] = await Promise.all([1, 2, 3, 4].map((i) => actorFor(db, `office@institution${i}.demo`)));
  if (!e1 || !e2 || !e3 || !i1 || !i2 || !i3 || !i4) throw new Error("demo seed: demo organisations missing");

  for (const [inst, occ, level] of [
    [i1, WELDER, 2],
    [i1, ELECTRICIAN, 3],
    [i2, WELDER, 3],
    [i2, CNC, 3],
    [i2, ELECTRICIAN, 4],
    [i3, WELDER, 3],
    [i3, ROBOT, 3],
    [i3, ELECTRICIAN, 3],
    [i4, CHEF, 3],
  ] as const) {
    await accredit(db, inst, occ, level, "approved", ago(200));
  }
  await accredit(db, i4, ROBOT, 4, "applied", ago(2));

  // An opened tender: published 40 days ago, deadline passed 5 days ago, three sealed bids.
  const openedDemand = [
    await demand(db, e1, { occupation: WELDER, level: 3, headcount: 12, start: "2027-01-04", end: "2027-04-30", status: "pooled", at: ago(50) }),
    await demand(db, e3, { occupation: WELDER, level: 3, headcount: 8, start: "2027-01-11", end: "2027-05-31", status: "pooled", at: ago(48) }),
  ];
  const openedId = await at(ago(40), async () => {
    const id = await buildTender(db, officer, experts, openedDemand, "2026 年第四季度焊工（三级/高级工）订单式培训", await deadlineAfter(db, ago(40), 35));
    await publish(db, officer, id);
    return id;
  });
  const openedLot = await db.selectFrom("lots").select(["id", "window_start", "window_end"]).where("tender_id", "=", openedId).executeTakeFirstOrThrow();
  const openedDeadline = (await db.selectFrom("tenders").select("bid_deadline").where("id", "=", openedId).executeTakeFirstOrThrow()).bid_deadline!;
  for (const [inst, price, cap, day] of [
    [i1, 265_000, 20, 12],
    [i2, 248_000, 12, 10],
    [i3, 272_000, 25, 8],
  ] as const) {
    await at(ago(day), async () =>
      unwrap(
        await saveBid(db, inst, {
          lotId: openedLot.id,
          intent: "submit",
          content: bid(price, cap, openedLot.window_start, openedLot.window_end, `${inst.orgName}焊工（高级工）培训方案：理论 40 学时，实操 80 学时，结业参加等级认定。`),
        }),
        "bid",
      ),
    );
  }
  await at(new Date(Date.parse(openedDeadline) + 30 * 60 * 1000), async () => unwrap(await openLot(db, officer, openedLot.id), "open lot"));

  // A cancelled tender: its demand went back to the pool, where it still is.
  const cncDemand = await demand(db, e2, { occupation: CNC, level: 4, headcount: 9, start: "2027-03-01", end: "2027-06-30", status: "pooled", at: ago(35) });
  await at(ago(30), async () => {
    const id = await buildTender(db, officer, experts, [cncDemand], "数控机床操作调整工（四级）订单式培训", await deadlineAfter(db, ago(30), 25));
    await publish(db, officer, id);
    const s = await findTenderState(db, id);
    await at(ago(25), async () => unwrap(await cancelTender(db, officer, { tenderId: id, version: s!.updatedAt, reason: "采购需求调整，企业培训时间推迟，本项目终止，需求退回需求池。" }), "cancel"));
  });

  // A tender open for bids now, with one sealed bid submitted and one draft.
  const openNow = [
    await demand(db, e1, { occupation: WELDER, level: 4, headcount: 12, start: "2027-03-01", end: "2027-06-30", status: "pooled", at: ago(20) }),
    await demand(db, e2, { occupation: WELDER, level: 4, headcount: 8, start: "2027-03-15", end: "2027-07-31", status: "pooled", at: ago(18) }),
    await demand(db, e3, { occupation: ELECTRICIAN, level: 3, headcount: 10, start: "2027-04-01", end: "2027-08-31", status: "pooled", at: ago(15) }),
  ];
  const openId = await at(ago(3), async () => {
    const id = await buildTender(db, officer, experts, openNow, "2027 年第一批焊工、电工订单式培训", await deadlineAfter(db, T, 25));
    await publish(db, officer, id);
    return id;
  });
  const openLots = await db.selectFrom("lots").select(["id", "occupation_code", "window_start", "window_end"]).where("tender_id", "=", openId).orderBy("number").execute();
  const welderLot = openLots.find((l) => l.occupation_code === WELDER)!;
  await at(ago(1), async () =>
    unwrap(await saveBid(db, i1, { lotId: welderLot.id, intent: "submit", content: bid(172_000, 20, welderLot.window_start, welderLot.window_end, "焊工（中级工）培训方案：小班教学，实操为主。") }), "open bid"),
  );
  await at(ago(1), async () =>
    unwrap(await saveBid(db, i2, { lotId: welderLot.id, intent: "draft", content: bid(175_000, 10, welderLot.window_start, welderLot.window_end, "草稿：焊工培训方案待完善。") }), "draft bid"),
  );

  // A draft tender the officer is still building.
  const robotDemand = await demand(db, e3, { occupation: ROBOT, level: 4, headcount: 6, start: "2027-05-01", end: "2027-09-30", status: "pooled", at: ago(6) });
  await at(ago(1), async () => {
    const { tenderId } = unwrap(await createTenderFromSuggestion(db, officer, { title: "工业机器人系统操作员（四级）订单式培训", demandIds: [robotDemand] }), "draft tender");
    return tenderId;
  });

  // Demand in every other state.
  await demand(db, e1, { occupation: CNC, level: 4, headcount: 6, start: "2027-04-01", end: "2027-07-31", status: "submitted", at: ago(2) });
  await demand(db, e3, { occupation: ELECTRICIAN, level: 4, headcount: 15, start: "2027-05-01", end: "2027-08-31", status: "submitted", at: ago(1) });
  await demand(db, e2, { occupation: ELECTRICIAN, level: 4, headcount: 4, start: "2027-03-01", end: "2027-05-31", status: "returned", reason: "请补充培训地点并确认学员名单。", at: ago(9) });
  await demand(db, e1, { occupation: CHEF, level: 5, headcount: 3, start: "2027-02-01", end: "2027-03-31", status: "rejected", reason: "企业内部食堂岗位，不属于本年度急需紧缺工种目录。", at: ago(12) });
  await demand(db, e3, { occupation: WELDER, level: 2, headcount: 2, start: "2027-06-01", end: "2027-10-31", status: "draft", at: ago(1) });
  await demand(db, e2, { occupation: ROBOT, level: 4, headcount: 5, start: "2027-02-01", end: "2027-05-31", status: "withdrawn", at: ago(16) });
}
