import type { DB } from "../client";
import type { Actor } from "~/modules/access/actor";
import { acceptContract } from "~/modules/delivery/accept-contract.server";
import { confirmTrainee } from "~/modules/delivery/confirm-trainee.server";
import { rateTraining } from "~/modules/delivery/rate-training.server";
import { recordAttendance } from "~/modules/delivery/record-attendance.server";
import { recordResult } from "~/modules/delivery/record-result.server";
import { addSession } from "~/modules/delivery/sessions.server";
import { addTrainee } from "~/modules/demand/add-trainee.server";
import { approveMilestone } from "~/modules/payment/decide-milestone.server";
import { offlineGateway } from "~/modules/payment/gateway.server";
import { startOnboarding, syncPayoutStatus } from "~/modules/payment/payout-accounts.server";
import { requestMilestone } from "~/modules/payment/request-milestone.server";
import { makeIdNumber } from "~/modules/reference/id-number";
import { now } from "~/utils/clock.server";
import { actorFor, at, DAY, unwrap } from "./demo-helpers";

const HOUR = 3600 * 1000;
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "丽娟", "文博", "子涵", "浩然", "雨欣", "国庆"];

let serial = 0;

/** A made-up trainee: a plausible name, a valid identity number (check digit and all), a mobile number. */
function trainee(enterprise: number) {
  const n = serial++;
  const name = `${SURNAMES[(n * 7 + enterprise) % SURNAMES.length]}${GIVEN[(n * 11 + 3) % GIVEN.length]}`;
  const birth = new Date(Date.UTC(1986, 0, 1) + ((n * 97) % 5000) * DAY).toISOString().slice(0, 10).replaceAll("-", "");
  return { name, idNumber: makeIdNumber("330106", birth, String(100 + n).padStart(3, "0")), phone: `139${String(10_000_000 + n * 7919).slice(-8)}`, currentLevel: 5 };
}

/** Shanghai 09:00 of the day `days` after a yyyy-MM-dd date. */
function nineOClock(date: string, days: number): Date {
  return new Date(Date.parse(`${date}T01:00:00.000Z`) + days * DAY);
}

interface DemandOfContract {
  demandId: string;
  enterpriseId: string;
}

async function contractsOfLot(db: DB, lotId: string) {
  return db
    .selectFrom("contracts as c")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .select(["c.id", "c.institution_id", "c.award_id", "c.updated_at", "l.window_start", "l.window_end"])
    .where("c.lot_id", "=", lotId)
    .where("c.status", "=", "active")
    .orderBy("c.reference")
    .execute();
}

async function demandsOf(db: DB, awardId: string): Promise<(DemandOfContract & { headcount: number })[]> {
  const rows = await db
    .selectFrom("award_demands as ad")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .select(["d.id", "d.enterprise_id", "ad.headcount"])
    .where("ad.award_id", "=", awardId)
    .orderBy("d.id")
    .execute();
  return rows.map((r) => ({ demandId: r.id, enterpriseId: r.enterprise_id, headcount: Number(r.headcount) }));
}

async function offeredIds(db: DB, contractId: string): Promise<string[]> {
  const rows = await db.selectFrom("enrolments").select("id").where("contract_id", "=", contractId).where("status", "=", "offered").orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => r.id);
}

async function confirmedIds(db: DB, contractId: string): Promise<string[]> {
  const rows = await db.selectFrom("enrolments").select("id").where("contract_id", "=", contractId).where("status", "=", "confirmed").orderBy("confirmed_at").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** Each covered demand's enterprise fills its roster (the trainees are offered to the cohort). */
async function fillRosters(db: DB, enterprises: Map<string, Actor>, demands: readonly (DemandOfContract & { headcount: number })[], when: Date): Promise<void> {
  await at(when, async () => {
    for (const [i, d] of demands.entries()) {
      const hr = enterprises.get(d.enterpriseId);
      if (!hr) throw new Error("demo delivery: enterprise of a covered demand missing");
      const have = Number((await db.selectFrom("demand_trainees").select((eb) => eb.fn.countAll<number>().as("n")).where("demand_id", "=", d.demandId).executeTakeFirstOrThrow()).n);
      for (let k = have; k < d.headcount; k++) unwrap(await addTrainee(db, hr, { demandId: d.demandId, trainee: trainee(i + 1) }), "roster trainee");
    }
  });
}

/** Weekly sessions of `hours` from the window's start, `count` of them, all scheduled on one day. */
async function schedule(db: DB, inst: Actor, contractId: string, windowStart: string, count: number, hours: number, topics: readonly string[], when: Date): Promise<{ id: string; startsAt: Date }[]> {
  const sessions: { id: string; startsAt: Date }[] = [];
  await at(when, async () => {
    for (let k = 0; k < count; k++) {
      const startsAt = nineOClock(windowStart, 2 + 7 * k);
      const { sessionId } = unwrap(await addSession(db, inst, { contractId, startsAt, plannedMinutes: hours * 60, topic: topics[k % topics.length]! }), "session");
      sessions.push({ id: sessionId, startsAt });
    }
  });
  return sessions;
}

/** Attendance of every session that has ended before `until`: full, but for the absentees' pattern. */
async function attend(db: DB, inst: Actor, contractId: string, sessions: readonly { id: string; startsAt: Date }[], minutes: number, absent: (enrolmentIndex: number, sessionIndex: number) => boolean, until: Date): Promise<void> {
  const enrolments = await confirmedIds(db, contractId);
  for (const [s, session] of sessions.entries()) {
    const recordAt = new Date(session.startsAt.getTime() + 9 * HOUR);
    if (recordAt >= until) break;
    await at(recordAt, async () =>
      unwrap(await recordAttendance(db, inst, { contractId, sessionId: session.id, entries: enrolments.map((enrolmentId, e) => ({ enrolmentId, minutes: absent(e, s) ? 0 : minutes })) }), "attendance"),
    );
  }
}

/**
 * The delivery and payment part of the demo world (DESIGN.md "The demo world": contracts in
 * delivery and completed, payments made), through the real use cases with the clock set back.
 * The spring electrician contract ran its course and was accepted, both milestones paid; of the
 * two CNC contracts one is half-way with its advance paid, the other has trainees still to confirm
 * and its advance waiting for finance. Payments run on the offline ledger (no Stripe in the demo).
 */
export async function seedDemoDelivery(db: DB, lots: { springLotId: string; deliveryLotId: string }): Promise<void> {
  const T = now();
  const gateway = offlineGateway();
  const officer = await actorFor(db, "officer@bureau.demo");
  const finance = await actorFor(db, "finance@bureau.demo");
  const enterprises = new Map<string, Actor>();
  for (const i of [1, 2, 3]) {
    const a = await actorFor(db, `hr@enterprise${i}.demo`);
    enterprises.set(a.orgId, a);
  }
  const institutions = new Map<string, Actor>();
  for (const i of [1, 2, 3, 4]) {
    const a = await actorFor(db, `office@institution${i}.demo`);
    institutions.set(a.orgId, a);
  }
  const institutionOf = (orgId: string) => {
    const a = institutions.get(orgId);
    if (!a) throw new Error("demo delivery: institution missing");
    return a;
  };
  const pay = async (inst: Actor, contractId: string, kind: "advance" | "balance", requestAt: Date, approveAt: Date | null) => {
    const { milestoneId } = await at(requestAt, async () => unwrap(await requestMilestone(db, inst, { contractId, kind }), `${kind} request`));
    if (approveAt) await at(approveAt, async () => unwrap(await approveMilestone(db, finance, { milestoneId }, { gateway }), `${kind} approval`));
  };
  // Onboarding, then the return page's status check (offline: the account can receive at once).
  const connect = async (inst: Actor, when: Date) =>
    at(when, async () => {
      unwrap(await startOnboarding(db, inst, { returnUrl: "http://localhost/payouts/return", refreshUrl: "http://localhost/payouts/refresh" }, { gateway }), "payout account");
      unwrap(await syncPayoutStatus(db, inst, { gateway }), "payout status");
    });

  // The spring course: 12 trainees, ten 8-hour sessions; one trainee missed half of them.
  const [spring] = await contractsOfLot(db, lots.springLotId);
  if (!spring) throw new Error("demo delivery: the spring contract is missing");
  const springInst = institutionOf(spring.institution_id);
  const signedAt = new Date(spring.updated_at);
  await fillRosters(db, enterprises, await demandsOf(db, spring.award_id), new Date(signedAt.getTime() + DAY));
  await at(new Date(signedAt.getTime() + 2 * DAY), async () => {
    for (const enrolmentId of await offeredIds(db, spring.id)) unwrap(await confirmTrainee(db, springInst, { contractId: spring.id, enrolmentId }), "confirm");
  });
  await connect(springInst, new Date(signedAt.getTime() + 2 * DAY));
  const springSessions = await schedule(db, springInst, spring.id, spring.window_start, 10, 8, ["安全用电规范", "低压配电线路", "电气识图", "照明与动力线路安装", "电动机控制线路", "故障排查实训", "PLC 基础", "综合实训", "理论复习", "结业考核"], new Date(signedAt.getTime() + 2 * DAY));
  await pay(springInst, spring.id, "advance", new Date(signedAt.getTime() + 3 * DAY), new Date(signedAt.getTime() + 4 * DAY));
  await attend(db, springInst, spring.id, springSessions, 480, (e, s) => e === 11 && s % 2 === 1, T);
  const last = springSessions[springSessions.length - 1]!.startsAt;
  const resultsAt = new Date(last.getTime() + 2 * DAY);
  const springEnrolments = await confirmedIds(db, spring.id);
  await at(resultsAt, async () => {
    for (const [e, enrolmentId] of springEnrolments.entries()) {
      // Trainee 12 fell below the attendance share: not completed, so no certification to record.
      const certification =
        e === 11
          ? null
          : e === 10
          ? { passed: false as const }
          : { passed: true as const, certificateNumber: `S${resultsAt.getUTCFullYear()}330100${String(4_000 + e).padStart(6, "0")}`, levelReached: 4, certifiedOn: new Date(resultsAt.getTime() - DAY).toISOString().slice(0, 10) };
      unwrap(await recordResult(db, springInst, { contractId: spring.id, enrolmentId, assessmentPassed: true, certification }), "result");
    }
  });
  for (const hr of enterprises.values()) {
    const has = await db.selectFrom("enrolments as e").innerJoin("demands as d", "d.id", "e.demand_id").select("e.id").where("e.contract_id", "=", spring.id).where("d.enterprise_id", "=", hr.orgId).executeTakeFirst();
    if (has) await at(new Date(resultsAt.getTime() + 3 * DAY), async () => unwrap(await rateTraining(db, hr, { contractId: spring.id, score: 5, comment: "课程贴合岗位需要，实训设备充足，学员反映收获大。" }), "rating"));
  }
  await pay(springInst, spring.id, "balance", new Date(resultsAt.getTime() + 4 * DAY), new Date(resultsAt.getTime() + 6 * DAY));
  await at(new Date(resultsAt.getTime() + 10 * DAY), async () => unwrap(await acceptContract(db, officer, { contractId: spring.id }), "acceptance"));

  // The CNC course under way: the first contract's cohort is confirmed, its weekly sessions are
  // scheduled to the window's end and attended so far, its advance paid; the second has three
  // trainees still to confirm and its advance waiting for finance.
  const cnc = await contractsOfLot(db, lots.deliveryLotId);
  for (const [k, c] of cnc.entries()) {
    const inst = institutionOf(c.institution_id);
    const active = new Date(c.updated_at);
    await fillRosters(db, enterprises, await demandsOf(db, c.award_id), new Date(active.getTime() + DAY));
    const offered = await offeredIds(db, c.id);
    const toConfirm = k === 0 ? offered : offered.slice(0, Math.max(0, offered.length - 3));
    await at(new Date(active.getTime() + 2 * DAY), async () => {
      for (const enrolmentId of toConfirm) unwrap(await confirmTrainee(db, inst, { contractId: c.id, enrolmentId }), "confirm");
    });
    await connect(inst, new Date(active.getTime() + 2 * DAY));
    const weeks = Math.floor((Date.parse(c.window_end) - Date.parse(c.window_start)) / (7 * DAY));
    const sessions = await schedule(db, inst, c.id, c.window_start, k === 0 ? weeks : 4, 4, ["数控编程基础", "机床操作规程", "零件加工实训", "刀具与夹具", "精度检测", "综合加工"], new Date(active.getTime() + 2 * DAY));
    await pay(inst, c.id, "advance", new Date(active.getTime() + 3 * DAY), k === 0 ? new Date(active.getTime() + 4 * DAY) : null);
    await attend(db, inst, c.id, sessions, 240, (e, s) => e === 2 && s % 3 !== 0, T);
  }
}
