import type { DB } from "../client";
import { saveBid } from "~/modules/bidding/bids.server";
import { openLot } from "~/modules/bidding/open-lot.server";
import { cancelTender } from "~/modules/tender/cancel-tender.server";
import { createTenderFromSuggestion } from "~/modules/tender/create-tender.server";
import { findTenderState } from "~/modules/tender/tender-state.server";
import { now } from "~/utils/clock.server";
import type { Actor } from "~/modules/access/actor";
import { allCompliant, award, contractAndSign, evaluate, object, objectionDeadline, type Appraisal } from "./demo-award";
import { accredit, actorFor, at, bid, buildTender, CHEF, CNC, DAY, deadlineAfter, demand, ELECTRICIAN, publish, ROBOT, shanghaiDay, unwrap, WELDER } from "./demo-helpers";

const HOUR = 3600 * 1000;

/** A whole lot's bidding: each institution's sealed bid on the days given, then the opening 30 minutes after the deadline. */
async function bidAndOpen(
  db: DB,
  officer: Actor,
  tenderId: string,
  bids: readonly (readonly [Actor, number, number, Date])[],
  plan: (inst: Actor) => string,
): Promise<{ lotId: string; deadline: Date }> {
  const lot = await db.selectFrom("lots").select(["id", "window_start", "window_end"]).where("tender_id", "=", tenderId).executeTakeFirstOrThrow();
  const deadline = new Date((await db.selectFrom("tenders").select("bid_deadline").where("id", "=", tenderId).executeTakeFirstOrThrow()).bid_deadline!);
  for (const [inst, price, cap, when] of bids) {
    await at(when, async () => unwrap(await saveBid(db, inst, { lotId: lot.id, intent: "submit", content: bid(price, cap, lot.window_start, lot.window_end, plan(inst)) }), "bid"));
  }
  await at(new Date(deadline.getTime() + 30 * 60 * 1000), async () => unwrap(await openLot(db, officer, lot.id), "open lot"));
  return { lotId: lot.id, deadline };
}

/** The panel's view of the bidders: a share of each criterion's points, a little different per member. */
function appraisal(shares: ReadonlyMap<string, number>): Appraisal {
  return (name, member) => (shares.get(name) ?? 0.7) + [0, 0.03, -0.02, 0.01, -0.01][member % 5]!;
}

/**
 * The plaintext of the demo world's sealed bid (institution 1) and draft (institution 2) on the
 * welder lot of the tender open for bids: the secrecy sweep (tests/e2e) searches every page for
 * them, so they are stated once, here.
 */
export const DEMO_SEALED_BID = { priceFen: 172_000, capacity: 20, plan: "焊工（中级工）培训方案：小班教学，实操为主。" } as const;
export const DEMO_DRAFT_BID = { priceFen: 175_000, capacity: 10, plan: "草稿：焊工培训方案待完善。" } as const;

/**
 * The procurement part of the demo world (DESIGN.md "The demo world"): accreditations, demand in
 * every state, a tender open for bids with sealed bids, a draft, a cancelled tender and an opened
 * one with its public opening record. Built through the real use cases with the clock set back,
 * so every record, status and audit entry is what the app itself would have written.
 */
export async function seedDemoProcurement(db: DB): Promise<{ springLotId: string; deliveryLotId: string }> {
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
    [i1, CNC, 3],
    [i3, CNC, 3],
    [i4, CHEF, 3],
  ] as const) {
    await accredit(db, inst, occ, level, "approved", ago(200));
  }
  await accredit(db, i4, ROBOT, 4, "applied", ago(2));

  // A spring tender, awarded whole to institution 1; its course ran from spring to summer and
  // was accepted (the demo's delivery seed): the year's first trainees trained. Windows are
  // relative to today, so the demo reads the same whenever it is loaded.
  const springDemand = [
    await demand(db, e3, { occupation: ELECTRICIAN, level: 4, headcount: 12, start: shanghaiDay(ago(225)), end: shanghaiDay(ago(140)), status: "pooled", at: ago(300) }),
  ];
  const springId = await at(ago(290), async () => {
    const id = await buildTender(db, officer, experts, springDemand, "2026 年第一批电工（四级）订单式培训", await deadlineAfter(db, ago(290), 24));
    await publish(db, officer, id);
    return id;
  });
  const spring = await bidAndOpen(
    db,
    officer,
    springId,
    [
      [i1, 168_000, 15, ago(275)],
      [i2, 171_000, 12, ago(272)],
      [i3, 176_000, 20, ago(270)],
    ],
    (inst) => `${inst.orgName}电工（中级工）培训方案：安全规范、低压配电与故障排查，结业参加等级认定。`,
  );
  const sd = spring.deadline.getTime();
  await allCompliant(db, officer, spring.lotId, new Date(sd + DAY));
  await evaluate(db, officer, experts, spring.lotId, new Date(sd + DAY + 2 * HOUR), appraisal(new Map([[i1.orgName, 0.9], [i2.orgName, 0.8], [i3.orgName, 0.74]])));
  await award(db, officer, spring.lotId, new Date(sd + 3 * DAY), new Date(sd + 4 * DAY));
  const springClose = new Date((await objectionDeadline(db, spring.lotId)).getTime() + HOUR);
  await contractAndSign(db, officer, spring.lotId, springClose, [i1], new Date(springClose.getTime() + DAY));

  // Contracts in delivery: a CNC tender of the summer, evaluated, awarded to two institutions
  // (the lot's headcount split down the ranking), the window closed, both contracts signed.
  const deliveryDemand = [
    await demand(db, e2, { occupation: CNC, level: 3, headcount: 10, start: "2026-10-08", end: "2027-01-29", status: "pooled", at: ago(140) }),
    await demand(db, e1, { occupation: CNC, level: 3, headcount: 6, start: "2026-10-12", end: "2027-01-29", status: "pooled", at: ago(138) }),
  ];
  const deliveryId = await at(ago(125), async () => {
    const id = await buildTender(db, officer, experts, deliveryDemand, "2026 年第三批数控机床操作调整工（三级）订单式培训", await deadlineAfter(db, ago(125), 24));
    await publish(db, officer, id);
    return id;
  });
  const delivery = await bidAndOpen(
    db,
    officer,
    deliveryId,
    [
      [i1, 236_000, 10, ago(108)],
      [i2, 228_000, 8, ago(106)],
      [i3, 240_000, 16, ago(104)],
    ],
    (inst) => `${inst.orgName}数控机床操作调整工（高级工）培训方案：编程与加工实训并重，结业参加等级认定。`,
  );
  const dd = delivery.deadline.getTime();
  await allCompliant(db, officer, delivery.lotId, new Date(dd + DAY));
  await evaluate(db, officer, experts, delivery.lotId, new Date(dd + DAY + 2 * HOUR), appraisal(new Map([[i2.orgName, 0.9], [i1.orgName, 0.84], [i3.orgName, 0.72]])));
  await award(db, officer, delivery.lotId, new Date(dd + 4 * DAY), new Date(dd + 5 * DAY));
  const deliveryClose = new Date((await objectionDeadline(db, delivery.lotId)).getTime() + HOUR);
  await contractAndSign(db, officer, delivery.lotId, deliveryClose, [i1, i2, i3], new Date(deliveryClose.getTime() + 2 * DAY));

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
  // In evaluation: compliance done, three experts have submitted, one is part-way, one has not started.
  await allCompliant(db, officer, openedLot.id, new Date(Date.parse(openedDeadline) + DAY));
  await evaluate(db, officer, experts, openedLot.id, new Date(Date.parse(openedDeadline) + DAY + 2 * HOUR), appraisal(new Map([[i1.orgName, 0.86], [i2.orgName, 0.8], [i3.orgName, 0.83]])), {
    submitters: 3,
    drafting: 1,
  });

  // Awarded and in objection: a welder tender whose result is published and whose objection
  // window is open, with a losing bidder's objection waiting for the bureau's answer.
  const objectionDemand = [
    await demand(db, e2, { occupation: WELDER, level: 3, headcount: 10, start: "2027-02-01", end: "2027-05-31", status: "pooled", at: ago(45) }),
    await demand(db, e3, { occupation: WELDER, level: 3, headcount: 8, start: "2027-02-15", end: "2027-06-30", status: "pooled", at: ago(44) }),
  ];
  const objectionId = await at(ago(33), async () => {
    const id = await buildTender(db, officer, experts, objectionDemand, "2027 年第二批焊工（三级/高级工）订单式培训", await deadlineAfter(db, ago(33), 24));
    await publish(db, officer, id);
    return id;
  });
  const inObjection = await bidAndOpen(
    db,
    officer,
    objectionId,
    [
      [i1, 258_000, 10, ago(14)],
      [i2, 262_000, 18, ago(13)],
      [i3, 250_000, 8, ago(12)],
    ],
    (inst) => `${inst.orgName}焊工（高级工）培训方案：分班授课，实操工位一人一位。`,
  );
  const od = inObjection.deadline.getTime();
  await allCompliant(db, officer, inObjection.lotId, new Date(od + 2 * HOUR));
  await evaluate(db, officer, experts, inObjection.lotId, new Date(od + 4 * HOUR), appraisal(new Map([[i1.orgName, 0.9], [i2.orgName, 0.85], [i3.orgName, 0.7]])));
  await award(db, officer, inObjection.lotId, new Date(od + DAY), new Date(od + DAY + 2 * HOUR));
  await object(db, i3, inObjection.lotId, new Date(Math.min(T.getTime() - HOUR, od + 2 * DAY)), "本机构报价最低，评分中对实训条件的扣分与我方提交的场地设备材料不符，请复核技术评分。");

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
    unwrap(await saveBid(db, i1, { lotId: welderLot.id, intent: "submit", content: bid(DEMO_SEALED_BID.priceFen, DEMO_SEALED_BID.capacity, welderLot.window_start, welderLot.window_end, DEMO_SEALED_BID.plan) }), "open bid"),
  );
  await at(ago(1), async () =>
    unwrap(await saveBid(db, i2, { lotId: welderLot.id, intent: "draft", content: bid(DEMO_DRAFT_BID.priceFen, DEMO_DRAFT_BID.capacity, welderLot.window_start, welderLot.window_end, DEMO_DRAFT_BID.plan) }), "draft bid"),
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
  return { springLotId: spring.lotId, deliveryLotId: delivery.lotId };
}
