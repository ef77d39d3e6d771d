/**
 * The writer of the reliability drills (crash-durability and backup-under-load tests): a separate
 * process that opens the SQLite database as the app does (db/client.ts: WAL, synchronous=FULL,
 * write transactions begun IMMEDIATE) and writes in a loop until it is killed:
 *
 * - bids through the app's use cases: `saveBid` (submit) and `withdrawBid`, in turn;
 * - awards as the award use cases write them — there is no use case to call over and over — in
 *   one transaction: the live proposal cancelled, a new one proposed, each with its audit entry;
 * - payments (crash mode) through `payAgain` with a gateway that refuses every transfer, so each
 *   round makes an attempt (one transaction) and records its failure (another); at start-up it
 *   sweeps attempts a crash left pending, as the app's sweep does.
 *
 * Protocol on standard output, one line each: `loaded` (modules ready; waits for a line on
 * standard input before touching the database), `ready`, then after each commit
 * `ack <action> <record id> [<other record id>]`; in load mode also
 * `state <audit seq> <audit hash> <row counts as JSON>` after every write, read right after its
 * commit (this process is the only writer, so they are the counts at that audit entry).
 *
 * Environment: DATABASE_URL, BID_SEAL_KEY, RELIABILITY_WORLD (JSON of tests/reliability/harness),
 * RELIABILITY_MODE (crash | load), RELIABILITY_CLOCK (ISO instant the clock starts from).
 */
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { createDb } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { saveBid, withdrawBid } from "~/modules/bidding/bids.server";
import type { PaymentGateway } from "~/modules/payment/gateway.server";
import { payAgain, sweepPendingPayments } from "~/modules/payment/pay-milestone.server";
import { setClock } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";

export interface WriterWorld {
  bidLotId: string;
  bidder: Actor;
  priceFen: number;
  awardLotId: string;
  awardBidIds: [string, string];
  milestoneId: string;
  finance: Actor;
}

const world = JSON.parse(process.env.RELIABILITY_WORLD ?? "null") as WriterWorld | null;
if (!world || !process.env.DATABASE_URL) throw new Error("write-loop: RELIABILITY_WORLD and DATABASE_URL are required");
const mode = process.env.RELIABILITY_MODE === "load" ? "load" : "crash";
const clockFrom = new Date(process.env.RELIABILITY_CLOCK ?? Date.now()).getTime();
const started = performance.now();
setClock(() => new Date(clockFrom + (performance.now() - started)));

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Refuses every transfer for good: each attempt ends failed and the next one may begin. */
const refusingGateway: PaymentGateway = {
  mode: "offline",
  createAccount: () => Promise.reject(new Error("not used")),
  onboardingLink: () => Promise.reject(new Error("not used")),
  accountStatus: () => Promise.resolve({ canReceive: true, detailsSubmitted: true, requirements: null }),
  transfer: () => Promise.resolve({ kind: "rejected", code: "drill_refused", message: "refused by the drill's gateway" }),
};

say("loaded");
const control = createInterface({ input: process.stdin });
// The drill's process went away without killing this one: stop rather than write forever.
control.on("close", () => process.exit(0));
setTimeout(() => process.exit(3), 10 * 60 * 1000).unref();
await new Promise<void>((resolve) => control.once("line", () => resolve()));

const { db } = createDb(process.env.DATABASE_URL);
const deps = { gateway: refusingGateway };
await sweepPendingPayments(db, deps);

const awardBids = await db
  .selectFrom("bids")
  .select(["id", "institution_id", "price_fen", "capacity"])
  .where("id", "in", world.awardBidIds)
  .execute();
const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map(
  (r) => r.name,
);

function content(round: number) {
  return {
    priceFen: world!.priceFen - (round % 100),
    capacity: 25,
    plannedStart: "2027-04-01",
    plannedEnd: "2027-06-30",
    theoryHours: 40,
    practiceHours: 80,
    trainers: [{ name: "演练讲师", certificate: "高级技师-001" }],
    venue: "实训楼 A",
    plan: `可靠性演练投标方案 ${round}`,
  };
}

async function writeBid(round: number): Promise<void> {
  const live = await db
    .selectFrom("bids")
    .select("id")
    .where("lot_id", "=", world!.bidLotId)
    .where("institution_id", "=", world!.bidder.orgId)
    .where("status", "in", ["draft", "submitted"])
    .executeTakeFirst();
  if (live) {
    const r = await withdrawBid(db, world!.bidder, { bidId: live.id });
    if (!r.ok) throw new Error(`withdraw refused: ${JSON.stringify(r)}`);
    say(`ack bid.withdraw ${live.id}`);
  } else {
    const r = await saveBid(db, world!.bidder, { lotId: world!.bidLotId, intent: "submit", content: content(round) });
    if (!r.ok) throw new Error(`bid refused: ${JSON.stringify(r)}`);
    say(`ack bid.submit ${r.value.bidId}`);
  }
}

async function writeAward(): Promise<void> {
  const made = await db.transaction().execute(async (trx) => {
    const live = await trx.selectFrom("awards").select(["id", "bid_id"]).where("lot_id", "=", world!.awardLotId).where("status", "=", "proposed").executeTakeFirst();
    const at = new Date(clockFrom + (performance.now() - started)).toISOString();
    if (live) {
      const done = await trx.updateTable("awards").set({ status: "cancelled", updated_at: at }).where("id", "=", live.id).where("status", "=", "proposed").executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Error("award changed under the writer");
      await appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "award.cancel", recordType: "award", recordId: live.id, before: { status: "proposed" }, after: { status: "cancelled" } });
    }
    const bid = awardBids.find((b) => b.id !== live?.bid_id)!;
    const id = newId();
    const headcount = Number(bid.capacity);
    await trx
      .insertInto("awards")
      .values({
        id,
        lot_id: world!.awardLotId,
        bid_id: bid.id,
        institution_id: bid.institution_id,
        rank: 2,
        headcount,
        price_fen: Number(bid.price_fen),
        value_fen: Number(bid.price_fen) * headcount,
        status: "proposed",
        published_at: null,
        publicity_ends_at: null,
        objection_deadline: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "award.propose", recordType: "award", recordId: id, after: { status: "proposed", bidId: bid.id } });
    return { id, cancelled: live?.id };
  });
  say(`ack award.propose ${made.id}${made.cancelled ? ` ${made.cancelled}` : ""}`);
}

async function writePayment(): Promise<void> {
  const r = await payAgain(db, world!.finance, { milestoneId: world!.milestoneId }, deps);
  if (!r.ok) throw new Error(`payment refused: ${JSON.stringify(r)}`);
  if (r.value.status !== "failed") throw new Error(`payment ended ${r.value.status}, not failed`);
  say(`ack payment.fail ${r.value.paymentId}`);
}

async function sayState(): Promise<void> {
  const head = await db.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirstOrThrow();
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
  say(`state ${Number(head.seq)} ${head.hash} ${JSON.stringify(counts)}`);
}

say("ready");
if (mode === "load") await sayState();
for (let round = 0; ; round++) {
  await writeBid(round);
  if (mode === "load") await sayState();
  await writeAward();
  if (mode === "load") await sayState();
  // Two transactions a call: only the crash drill, whose checks need no snapshot between them.
  if (mode === "crash") await writePayment();
}
