/**
 * `npm run bench:data -- --scale district|city|country|tiny --out <file.db> [--seed n]`
 *
 * Builds a consistent synthetic district for the benchmarks: verified enterprises and
 * institutions with valid unified social credit codes, accreditations, trainees with valid
 * identity numbers, demand, tenders of lots with sealed and opened bids (about 2.4 per lot),
 * awards and contracts, workforce reports and yearly targets — over several years, the last
 * one part-way through. Without --out it writes to DATABASE_URL when that is a postgres URL.
 *
 * Rows go in by batched multi-row inserts, committed batch by batch, with progress on stderr.
 * The data is not audited (nobody did these things); the audit log holds only the seeding.
 */
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { sql, type Insertable } from "kysely";
import { createDb, type DB } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import type { DB as Schema } from "#db/schema";
import { seedReference } from "#db/seed/reference";
import { OCCUPATIONS } from "#db/seed/occupations";
import { hashPassword } from "~/auth/password.server";
import { canonicalJson } from "~/modules/bidding/canonical";
import type { BidContent } from "~/modules/bidding/content";
import type { OpeningRecord } from "~/modules/bidding/open-lot.server";
import { receiptHash, sealContent } from "~/modules/bidding/seal.server";
import { makeCreditCode, CREDIT_CODE_CHARSET } from "~/modules/organisation/credit-code";
import { makeIdNumber } from "~/modules/reference/id-number";
import { formatTenderReference, referenceScope } from "~/modules/tender/reference-number";
import { newId } from "~/utils/id.server";
import { BIDS_PER_LOT, CERTIFICATION_RATE, COMPLETION_RATE, isScale, LEVEL_WEIGHTS, randomSource, SCALES, splitHeadcount, type Random, type Scale } from "./world";

/** The benchmarks' sealing key: fixed so the app under test can open what the generator sealed. Bench data only. */
export const BENCH_SEAL_KEY = createHash("sha256").update("skilltender-bench-seal-key").digest("base64");
export const BENCH_PASSWORD = "bench-2026";
export const BENCH_OFFICER = "officer@bureau.bench";
/** The tender with one opened lot of many bids (scenario tender-detail). */
export const BENCH_BIG_TENDER_TITLE = "基准测试：多家投标的已开标项目";

const CAPS_FEN: Record<number, number> = { 5: 120_000, 4: 180_000, 3: 280_000, 2: 380_000, 1: 480_000 };
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志宏海波宁亮辉晨晓斌鑫浩宇欣怡佳琪子轩梓涵";
const ENTERPRISE_WORDS = ["精密", "智能", "新能源", "汽车零部件", "电子", "物流", "机械", "材料", "医疗器械", "食品", "化工", "装备", "光电", "数控", "纺织"];
const INSTITUTION_WORDS = ["职业技能培训学校", "高级技工学校", "实训中心", "培训学院", "职业学校"];
const AREAS = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112"];

interface Progress {
  label: string;
  done: number;
  total: number;
  last: number;
}

function report(p: Progress, force = false): void {
  const t = Date.now();
  if (!force && t - p.last < 500) return;
  p.last = t;
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  process.stderr.write(`\r${p.label.padEnd(22)} ${String(p.done).padStart(9)} / ${p.total} (${pct}%)   `);
  if (force) process.stderr.write("\n");
}

/** Buffers rows of one table and writes them in multi-row inserts, each batch its own transaction. */
class Sink<T extends keyof Schema & string> {
  private rows: Insertable<Schema[T]>[] = [];
  private readonly batch: number;
  count = 0;
  constructor(
    private readonly db: DB,
    private readonly table: T,
    columns: number,
    /** Tables this one refers to: flushed first, so foreign keys always hold. */
    private readonly deps: readonly { flush(): Promise<void> }[] = [],
  ) {
    // SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535.
    this.batch = Math.max(1, Math.floor(30_000 / columns));
  }
  async push(row: Insertable<Schema[T]>): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batch) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    for (const d of this.deps) await d.flush();
    const rows = this.rows;
    this.rows = [];
    // Kysely's typing of a generic table name is too wide to express here; the rows are typed above.
    await (this.db.insertInto(this.table) as unknown as { values(r: unknown[]): { execute(): Promise<unknown> } }).values(rows).execute();
    this.count += rows.length;
  }
}

function creditCode(prefix: "91" | "52", n: number): string {
  let body = "";
  let x = n;
  for (let i = 0; i < 9; i++) {
    body = CREDIT_CODE_CHARSET[x % CREDIT_CODE_CHARSET.length]! + body;
    x = Math.floor(x / CREDIT_CODE_CHARSET.length);
  }
  return makeCreditCode(`${prefix}330100${body}`);
}

function personName(rnd: Random): string {
  return rnd.pick([...SURNAMES]) + rnd.pick([...GIVEN]) + (rnd.chance(0.6) ? rnd.pick([...GIVEN]) : "");
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function at(year: number, month: number, day: number, hour = 2): string {
  return new Date(Date.UTC(year, month - 1, day, hour)).toISOString();
}

/** An instant kept within a year (its first or last moment when outside it). */
function clampToYear(instant: Date, year: number): Date {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year, 11, 31, 15, 59, 59);
  return new Date(Math.min(end, Math.max(start, instant.getTime())));
}

export interface GenerateOptions {
  url: string;
  scale: Scale;
  seed?: number;
  /** The current year: the last generated year, part-way through (default: this year). */
  year?: number;
  /**
   * How far the current year has got: courses of the current year ending before this instant have
   * their results (default: now, kept within the current year).
   */
  asOf?: Date;
  quiet?: boolean;
}

export interface GenerateSummary {
  enterprises: number;
  institutions: number;
  trainees: number;
  demands: number;
  tenders: number;
  lots: number;
  bids: number;
  contracts: number;
  enrolments: number;
  seconds: number;
  bigTenderReference: string;
}

interface LotPlan {
  id: string;
  tenderId: string;
  number: number;
  occupation: string;
  level: number;
  demands: { id: string; headcount: number; enterpriseId: string }[];
  windowStart: string;
  windowEnd: string;
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const rnd = randomSource(options.seed ?? 2026);
  const scale = options.scale;
  const currentYear = options.year ?? new Date().getUTCFullYear();
  const firstYear = currentYear - scale.years + 1;
  const asOf = clampToYear(options.asOf ?? new Date(), currentYear);
  process.env.BID_SEAL_KEY = BENCH_SEAL_KEY;
  const master = Buffer.from(BENCH_SEAL_KEY, "base64");
  const handle = createDb(options.url, { poolSize: 2 });
  const db = handle.db;
  const say = (p: Progress, force = false) => {
    if (!options.quiet) report(p, force);
  };
  try {
    if (handle.kind === "sqlite") {
      // Bulk loading only: the app itself always runs with synchronous=FULL.
      await sql`PRAGMA synchronous=OFF`.execute(db);
    }
    await migrateToLatest(db);
    await seedReference(db, { nameZh: "基准测试区人力资源和社会保障局" });
    const bureau = await db.selectFrom("organisations").select("id").where("kind", "=", "bureau").executeTakeFirstOrThrow();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const t0 = at(firstYear - 1, 12, 1);

    const officerId = newId();
    await db.insertInto("users").values({ id: officerId, organisation_id: bureau.id, email: BENCH_OFFICER, name: "基准 经办人", password_hash: passwordHash, status: "active", created_at: t0, password_changed_at: t0 }).execute();
    await db.insertInto("user_roles").values([{ user_id: officerId, role: "officer" }, { user_id: officerId, role: "admin" }]).execute();

    // Targets near what the scale delivers (about 92 % of its trainees complete, 45 % of demand is
    // level 3 and above), so that the progress page has a verdict worth reading.
    const targets = { trained_min: Math.round(scale.traineesPerYear * 0.9), high_skilled_min: Math.round(scale.traineesPerYear * 0.18), budget_fen: scale.traineesPerYear * 250_000 };
    for (let y = firstYear; y <= currentYear + 1; y++) {
      await db
        .insertInto("yearly_targets")
        .values({ year: y, ...targets, high_skilled_share_pct: 25, updated_at: t0 })
        // The reference seed set the policy's 500 / 100 for this year and the next: the scale's own replace them.
        .onConflict((oc) => oc.column("year").doUpdateSet(targets))
        .execute();
    }

    // Organisations and their users.
    const orgs = new Sink(db, "organisations", 11);
    const users = new Sink(db, "users", 8, [orgs]);
    const roles = new Sink(db, "user_roles", 2, [users]);
    const enterprises: string[] = [];
    const institutions: string[] = [];
    const p: Progress = { label: "organisations", done: 0, total: scale.enterprises + scale.institutions, last: 0 };
    for (let i = 0; i < scale.enterprises + scale.institutions; i++) {
      const isEnterprise = i < scale.enterprises;
      const id = newId();
      const n = isEnterprise ? i : i - scale.enterprises;
      (isEnterprise ? enterprises : institutions).push(id);
      await orgs.push({
        id,
        kind: isEnterprise ? "enterprise" : "institution",
        name: isEnterprise ? `基准${rnd.pick(ENTERPRISE_WORDS)}有限公司${n + 1}` : `基准${rnd.pick(INSTITUTION_WORDS)}${n + 1}`,
        credit_code: creditCode(isEnterprise ? "91" : "52", i + 1),
        status: "verified",
        contact_name: personName(rnd),
        contact_phone: `13${String(rnd.int(0, 999_999_999)).padStart(9, "0")}`,
        address: "基准测试区",
        status_reason: null,
        created_at: t0,
        updated_at: t0,
      });
      const userId = newId();
      await users.push({
        id: userId,
        organisation_id: id,
        email: isEnterprise ? `hr@e${n + 1}.bench` : `office@i${n + 1}.bench`,
        name: personName(rnd),
        password_hash: passwordHash,
        status: "active",
        created_at: t0,
        password_changed_at: t0,
      });
      await roles.push({ user_id: userId, role: "member" });
      p.done++;
      say(p);
    }
    await orgs.flush();
    await users.flush();
    await roles.flush();
    say(p, true);
    const memberOf = new Map<string, string>();
    for (const u of await db.selectFrom("users").select(["id", "organisation_id"]).execute()) memberOf.set(u.organisation_id, u.id);

    // Accreditations: each institution covers 3–6 occupations up to a high level.
    const popular = OCCUPATIONS.slice(0, 20).map((o) => o.code);
    const accredited = new Map<string, string[]>(); // occupation → institutions
    const acc = new Sink(db, "accreditations", 14);
    for (const inst of institutions) {
      const codes = new Set<string>();
      const k = rnd.int(3, 6);
      while (codes.size < k) codes.add(rnd.pick(popular));
      for (const code of codes) {
        accredited.set(code, [...(accredited.get(code) ?? []), inst]);
        await acc.push({
          id: newId(),
          institution_id: inst,
          occupation_code: code,
          highest_level: 1,
          licence_number: `BENCH-${inst.slice(0, 6)}-${code}`,
          valid_from: isoDate(firstYear - 1, 1, 1),
          valid_to: isoDate(currentYear + 3, 12, 31),
          status: "approved",
          status_reason: null,
          decided_by: officerId,
          decided_at: t0,
          created_by: memberOf.get(inst)!,
          created_at: t0,
          updated_at: t0,
        });
      }
    }
    await acc.flush();

    const trainees = new Sink(db, "trainees", 8);
    const demands = new Sink(db, "demands", 17);
    const demandTrainees = new Sink(db, "demand_trainees", 3, [demands, trainees]);
    const workforce = new Sink(db, "workforce_reports", 5);
    const tenders = new Sink(db, "tenders", 17);
    const criteria = new Sink(db, "tender_criteria", 6, [tenders]);
    const lots = new Sink(db, "lots", 14, [tenders]);
    const bids = new Sink(db, "bids", 24, [lots]);
    const openings = new Sink(db, "lot_openings", 6, [lots]);
    const awards = new Sink(db, "awards", 16, [bids]);
    const awardDemands = new Sink(db, "award_demands", 3, [awards, demands]);
    const contracts = new Sink(db, "contracts", 20, [awards]);
    // Delivery and payment (migration 202611281200): cohorts, schedules, results and transfers.
    const enrolments = new Sink(db, "enrolments", 18, [contracts, demandTrainees]);
    const sessions = new Sink(db, "course_sessions", 7, [contracts]);
    const attendance = new Sink(db, "attendance", 5, [sessions, enrolments]);
    const milestones = new Sink(db, "milestones", 15, [contracts]);
    const payments = new Sink(db, "payments", 16, [milestones]);
    const traineesOf = new Map<string, string[]>(); // demand → its trainees, for the year in hand
    let demandCount = 0;
    let tenderCount = 0;
    let lotCount = 0;
    let contractCount = 0;
    let traineeSeq = 0;
    let bigTenderReference = "";

    /**
     * A contract's delivery: a course of eight weekly sessions ending in May–November (past years)
     * or May–December (the current year); every trainee confirmed, a few dropping out; results
     * recorded 1–14 days after the last session for courses over by `asOf` — completion and
     * certification at the rates of world.ts; attendance for the current year's sessions held;
     * the advance paid on every contract, the balance on completed ones.
     */
    let enrolmentCount = 0;
    const deliver = async (c: {
      contractId: string;
      year: number;
      done: boolean;
      level: number;
      priceFen: number;
      headcount: number;
      advancePct: number;
      institutionUser: string;
      demands: { id: string; trainees: string[] }[];
    }): Promise<void> => {
      const endMonth = rnd.int(5, c.done ? 11 : 12);
      const end = Date.UTC(c.year, endMonth - 1, rnd.int(1, 28), 1);
      const week = 7 * 86_400_000;
      const sessionIds: string[] = [];
      for (let k = 7; k >= 0; k--) {
        const startsAt = new Date(end - k * week).toISOString();
        const id = newId();
        sessionIds.push(id);
        await sessions.push({ id, contract_id: c.contractId, starts_at: startsAt, planned_minutes: 240, topic: `第${8 - k}次课`, created_by: c.institutionUser, created_at: at(c.year, 3, 26) });
      }
      const recordedAt = end + rnd.int(1, 14) * 86_400_000;
      const hasResults = recordedAt < asOf.getTime();
      const held = sessionIds.filter((_, i) => end - (7 - i) * week < asOf.getTime());
      const confirmedAt = at(c.year, 3, 28);
      let enrolled = 0;
      let certified = 0;
      for (const d of c.demands) {
        for (const traineeId of d.trainees) {
          const id = newId();
          enrolmentCount++;
          enrolled++;
          const r = rnd.next();
          const dropped = r < 0.02;
          let progress: "certified" | "not_certified" | "not_completed" | null = null;
          if (hasResults && !dropped) progress = r < 1 - COMPLETION_RATE ? "not_completed" : r < 1 - COMPLETION_RATE + CERTIFICATION_RATE ? "certified" : "not_certified";
          if (progress === "certified") certified++;
          const recorded = progress ? new Date(recordedAt).toISOString() : null;
          await enrolments.push({
            id,
            contract_id: c.contractId,
            demand_id: d.id,
            trainee_id: traineeId,
            status: dropped ? "dropped" : "confirmed",
            status_reason: dropped ? "个人原因退班" : null,
            replaces_enrolment_id: null,
            confirmed_at: confirmedAt,
            confirmed_by: c.institutionUser,
            progress,
            progress_reason: progress === "not_completed" ? JSON.stringify({ kind: "assessment" }) : null,
            assessment_passed: progress === null ? null : progress === "not_completed" ? 0 : 1,
            certificate_number: progress === "certified" ? `BENCH${String(enrolmentCount).padStart(10, "0")}` : null,
            level_reached: progress === "certified" ? c.level : null,
            certified_on: progress === "certified" ? new Date(recordedAt - rnd.int(0, 3) * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10) : null,
            result_recorded_at: recorded,
            result_recorded_by: recorded ? c.institutionUser : null,
            created_at: confirmedAt,
            updated_at: recorded ?? confirmedAt,
          });
          // Attendance only where a delivery page of the current year would show it.
          if (!c.done && !dropped) {
            for (const sessionId of held) {
              await attendance.push({ session_id: sessionId, enrolment_id: id, attended_minutes: rnd.chance(0.9) ? 240 : rnd.int(0, 239), recorded_by: c.institutionUser, recorded_at: confirmedAt });
            }
          }
        }
      }
      const pay = async (kind: "advance" | "balance", number: number, traineeCount: number, amountFen: number) => {
        if (traineeCount <= 0 || amountFen <= 0) return;
        const milestoneId = newId();
        const when = kind === "advance" ? at(c.year, 4, 10) : new Date(recordedAt + 20 * 86_400_000).toISOString();
        await milestones.push({
          id: milestoneId,
          contract_id: c.contractId,
          kind,
          number,
          trainee_count: traineeCount,
          amount_fen: amountFen,
          basis_json: "{}",
          status: "paid",
          requested_at: when,
          requested_by: c.institutionUser,
          decided_at: when,
          decided_by: officerId,
          refusal_reason: null,
          updated_at: when,
        });
        await payments.push({
          id: newId(),
          milestone_id: milestoneId,
          attempt: 1,
          idempotency_key: milestoneId,
          mode: "offline",
          destination: "offline",
          amount_fen: amountFen,
          status: "paid",
          transfer_id: null,
          failure_reason: null,
          created_by: officerId,
          created_at: when,
          sent_at: when,
          settled_at: when,
          updated_at: when,
        });
      };
      const advance = Math.round((c.priceFen * enrolled * c.advancePct) / 100);
      await pay("advance", 1, enrolled, advance);
      if (c.done) await pay("balance", 2, certified, c.priceFen * certified - Math.round((advance * certified) / Math.max(1, enrolled)));
    };

    for (let year = firstYear; year <= currentYear; year++) {
      const current = year === currentYear;
      traineesOf.clear();
      const tp: Progress = { label: `trainees ${year}`, done: 0, total: scale.traineesPerYear, last: 0 };
      // The year's demand, per enterprise, grouped afterwards into lots.
      const groups = new Map<string, LotPlan["demands"]>();
      const perEnterprise = scale.traineesPerYear / scale.enterprises;
      let left = scale.traineesPerYear;
      for (const [ei, enterprise] of enterprises.entries()) {
        const remainingEnterprises = enterprises.length - ei;
        const n = ei === enterprises.length - 1 ? left : Math.min(left, Math.max(0, Math.round(perEnterprise * (0.5 + rnd.next()))));
        left -= n;
        const skilled = rnd.int(20, 400);
        await workforce.push({
          enterprise_id: enterprise,
          year,
          skilled_workers: skilled,
          high_skilled_workers: rnd.int(2, Math.floor(skilled / 4)),
          updated_at: at(year, 1, 15),
        });
        if (n <= 0 || remainingEnterprises <= 0) continue;
        for (const headcount of splitHeadcount(n, rnd)) {
          const occupation = rnd.pick(popular);
          const level = rnd.weighted(LEVEL_WEIGHTS);
          const startMonth = rnd.int(3, 8);
          const demandId = newId();
          demandCount++;
          const key = `${occupation}|${level}`;
          groups.set(key, [...(groups.get(key) ?? []), { id: demandId, headcount, enterpriseId: enterprise }]);
          await demands.push({
            id: demandId,
            enterprise_id: enterprise,
            occupation_code: occupation,
            level,
            headcount,
            earliest_start: isoDate(year, startMonth, 1),
            latest_end: isoDate(year, startMonth + 4, 28),
            place: "基准测试区",
            notes: null,
            status: "pooled",
            status_reason: null,
            tender_id: null,
            lot_id: null,
            created_by: memberOf.get(enterprise)!,
            created_at: at(year, 1, 20),
            updated_at: at(year, 1, 20),
            submitted_at: at(year, 1, 20),
          });
          for (let k = 0; k < headcount; k++) {
            const traineeId = newId();
            traineeSeq++;
            const birth = isoDate(rnd.int(1970, 2004), rnd.int(1, 12), rnd.int(1, 28)).replaceAll("-", "");
            await trainees.push({
              id: traineeId,
              enterprise_id: enterprise,
              name: personName(rnd),
              id_number: makeIdNumber(rnd.pick(AREAS), birth, String(traineeSeq % 1000).padStart(3, "0")),
              phone: `13${String(rnd.int(0, 999_999_999)).padStart(9, "0")}`,
              current_level: level + 1 <= 5 ? level + 1 : null,
              created_at: at(year, 1, 20),
              updated_at: at(year, 1, 20),
            });
            await demandTrainees.push({ demand_id: demandId, trainee_id: traineeId, added_at: at(year, 1, 20) });
            traineesOf.set(demandId, [...(traineesOf.get(demandId) ?? []), traineeId]);
            tp.done++;
          }
          say(tp);
        }
      }
      say(tp, true);

      // Lots: one per occupation and level (split above 120 trainees); tenders of up to 6 lots.
      const plans: LotPlan[] = [];
      for (const [key, ds] of groups) {
        const [occupation, levelText] = key.split("|") as [string, string];
        let chunk: LotPlan["demands"] = [];
        let size = 0;
        const close = () => {
          if (chunk.length === 0) return;
          plans.push({ id: newId(), tenderId: "", number: 0, occupation, level: Number(levelText), demands: chunk, windowStart: isoDate(year, 3, 1), windowEnd: isoDate(year, 12, 28) });
          chunk = [];
          size = 0;
        };
        for (const d of ds) {
          if (size + d.headcount > 120) close();
          chunk.push(d);
          size += d.headcount;
        }
        close();
      }
      const lp: Progress = { label: `tenders ${year}`, done: 0, total: plans.length, last: 0 };
      for (let i = 0; i < plans.length; i += 6) {
        const tenderLots = plans.slice(i, i + 6);
        const tenderIndex = i / 6;
        const tenderTotal = Math.ceil(plans.length / 6);
        // The current year: the first half awarded and in delivery, then some in evaluation, the rest open for bids.
        const stage: "complete" | "awarded" | "evaluating" | "published" = !current
          ? "complete"
          : tenderIndex < tenderTotal * 0.5
            ? "awarded"
            : tenderIndex < tenderTotal * 0.7
              ? "evaluating"
              : "published";
        const tenderId = newId();
        tenderCount++;
        const publishedAt = stage === "published" ? at(year, 11, 20) : at(year, 2, 1 + (tenderIndex % 20));
        const deadline = stage === "published" ? at(year + 1, 1, 15) : at(year, 2, 25 + (tenderIndex % 3));
        await tenders.push({
          id: tenderId,
          reference: formatTenderReference(year, tenderIndex + 1),
          year,
          title: `${year}年度高技能人才订单式培训项目（第${tenderIndex + 1}批）`,
          description: "基准测试数据",
          regime: "GP",
          status: stage,
          bid_deadline: deadline,
          published_at: publishedAt,
          min_valid_bids: 1,
          price_points: 30,
          advance_pct: 30,
          cancel_reason: null,
          last_material_amendment_at: null,
          created_by: officerId,
          created_at: publishedAt,
          updated_at: publishedAt,
        });
        for (const [position, [name, points]] of ([
          ["培训方案", 30],
          ["师资力量", 25],
          ["实训条件", 15],
        ] as const).entries()) {
          await criteria.push({ id: newId(), tender_id: tenderId, position: position + 1, name, description: null, points });
        }
        for (const [li, lot] of tenderLots.entries()) {
          lot.tenderId = tenderId;
          lot.number = li + 1;
          lotCount++;
          const headcount = lot.demands.reduce((s, d) => s + d.headcount, 0);
          const cap = CAPS_FEN[lot.level]!;
          const lotStatus = stage === "published" ? "open" : stage;
          await lots.push({
            id: lot.id,
            tender_id: tenderId,
            number: lot.number,
            occupation_code: lot.occupation,
            level: lot.level,
            headcount,
            window_start: lot.windowStart,
            window_end: lot.windowEnd,
            max_price_fen: cap,
            cap_fen: cap,
            status: lotStatus,
            created_at: publishedAt,
            updated_at: publishedAt,
          });
          // Bidders: institutions accredited for the occupation.
          const eligible = accredited.get(lot.occupation) ?? institutions;
          const wanted = Math.min(eligible.length, rnd.weighted(BIDS_PER_LOT));
          const bidders = new Set<string>();
          while (bidders.size < wanted) bidders.add(rnd.pick(eligible));
          const lines: OpeningRecord["lines"] = [];
          let winner: { bidId: string; institutionId: string; priceFen: number } | undefined;
          for (const [bi, inst] of [...bidders].entries()) {
            const bidId = newId();
            const priceFen = Math.round((cap * rnd.int(80, 100)) / 100 / 100) * 100;
            const content: BidContent = {
              priceFen,
              capacity: Math.max(headcount, rnd.int(1, headcount * 2)),
              plannedStart: lot.windowStart,
              plannedEnd: lot.windowEnd,
              theoryHours: rnd.int(30, 60),
              practiceHours: rnd.int(60, 120),
              trainers: [{ name: personName(rnd), certificate: `T-${rnd.int(10000, 99999)}` }],
              venue: "基准实训基地",
              plan: `${lot.occupation} 第${lot.level}级培训方案（基准数据）`,
            };
            const submittedAt = new Date(Date.parse(deadline) - rnd.int(1, 10) * 86_400_000).toISOString();
            const sealed = sealContent(canonicalJson(content), { bidId, lotId: lot.id, institutionId: inst }, master);
            const opened = stage !== "published";
            const isWinner = opened && bi === 0;
            if (isWinner) winner = { bidId, institutionId: inst, priceFen };
            await bids.push({
              id: bidId,
              lot_id: lot.id,
              institution_id: inst,
              status: !opened ? "submitted" : stage === "evaluating" ? "valid" : isWinner ? "awarded" : "not_awarded",
              ciphertext: sealed.ciphertext,
              iv: sealed.iv,
              tag: sealed.tag,
              key_id: sealed.keyId,
              receipt_hash: receiptHash(content, submittedAt),
              submitted_at: submittedAt,
              confirmed_at: submittedAt,
              price_fen: opened ? priceFen : null,
              capacity: opened ? content.capacity : null,
              opened_content_json: opened ? JSON.stringify(content) : null,
              receipt_ok: opened ? 1 : null,
              rejection_reason: null,
              compliance_by: opened ? officerId : null,
              compliance_at: opened ? deadline : null,
              excluded_reason: null,
              created_by: memberOf.get(inst)!,
              created_at: submittedAt,
              updated_at: submittedAt,
            });
            lines.push({ bidId, institutionId: inst, institutionName: inst, priceFen, capacity: content.capacity, submittedAt, receiptOk: true, counted: true, reason: null });
          }
          if (stage !== "published") {
            const record: OpeningRecord = { lotId: lot.id, openedAt: deadline, deadline, minValidBids: 1, lines, discardedDrafts: 0, outcome: "proceed" };
            await openings.push({ lot_id: lot.id, opened_at: deadline, opened_by: officerId, valid_bid_count: lines.length, outcome: "proceed", record_json: JSON.stringify(record) });
          }
          if (winner && (stage === "complete" || stage === "awarded")) {
            const awardId = newId();
            await awards.push({
              id: awardId,
              lot_id: lot.id,
              bid_id: winner.bidId,
              institution_id: winner.institutionId,
              rank: 1,
              headcount,
              price_fen: winner.priceFen,
              value_fen: winner.priceFen * headcount,
              status: "confirmed",
              published_at: at(year, 3, 10),
              publicity_ends_at: at(year, 3, 11),
              objection_deadline: at(year, 3, 20),
              created_at: at(year, 3, 9),
              updated_at: at(year, 3, 21),
            });
            for (const d of lot.demands) await awardDemands.push({ award_id: awardId, demand_id: d.id, headcount: d.headcount });
            contractCount++;
            const done = stage === "complete";
            const contractId = newId();
            await contracts.push({
              id: contractId,
              reference: `HT-${year}-${String(contractCount).padStart(5, "0")}`,
              award_id: awardId,
              tender_id: tenderId,
              lot_id: lot.id,
              institution_id: winner.institutionId,
              status: done ? "completed" : "active",
              headcount,
              price_fen: winner.priceFen,
              value_fen: winner.priceFen * headcount,
              sign_due_at: at(year, 4, 20),
              bureau_signed_at: at(year, 3, 25),
              bureau_signed_by: officerId,
              institution_signed_at: at(year, 3, 24),
              institution_signed_by: memberOf.get(winner.institutionId)!,
              status_reason: done ? `completion ${Math.round(COMPLETION_RATE * 100)}%, certification ${Math.round(CERTIFICATION_RATE * 100)}%` : null,
              created_at: at(year, 3, 21),
              updated_at: at(year, done ? 12 : 3, done ? 20 : 25),
              completed_at: done ? at(year, 12, 20) : null,
            });
            await deliver({
              contractId,
              year,
              done,
              level: lot.level,
              priceFen: winner.priceFen,
              headcount,
              advancePct: 30,
              institutionUser: memberOf.get(winner.institutionId)!,
              demands: lot.demands.map((d) => ({ id: d.id, trainees: traineesOf.get(d.id) ?? [] })),
            });
          }
          // The lot's demands follow it.
          const demandStatus = stage === "complete" ? "fulfilled" : stage === "awarded" ? "contracted" : "tendered";
          await demands.flush();
          await lots.flush();
          await db
            .updateTable("demands")
            .set({ status: demandStatus, tender_id: tenderId, lot_id: lot.id })
            .where("id", "in", lot.demands.map((d) => d.id))
            .execute();
          lp.done++;
          say(lp);
        }
      }
      say(lp, true);
      await db
        .insertInto("reference_counters")
        .values({ scope: referenceScope(year), last: Math.ceil(plans.length / 6) })
        .onConflict((oc) => oc.column("scope").doUpdateSet({ last: Math.ceil(plans.length / 6) }))
        .execute();
    }

    // One tender with an opened lot of many bids (scenario tender-detail): every institution bids.
    {
      const year = currentYear;
      const tenderId = newId();
      const lotId = newId();
      const counter = await db.selectFrom("reference_counters").select("last").where("scope", "=", referenceScope(year)).executeTakeFirst();
      const number = Number(counter?.last ?? 0) + 1;
      bigTenderReference = formatTenderReference(year, number);
      await db.updateTable("reference_counters").set({ last: number }).where("scope", "=", referenceScope(year)).execute();
      const deadline = at(year, 6, 30);
      await tenders.push({
        id: tenderId,
        reference: bigTenderReference,
        year,
        title: BENCH_BIG_TENDER_TITLE,
        description: "基准测试数据",
        regime: "GP",
        status: "evaluating",
        bid_deadline: deadline,
        published_at: at(year, 6, 1),
        min_valid_bids: 1,
        price_points: 30,
        advance_pct: 30,
        cancel_reason: null,
        last_material_amendment_at: null,
        created_by: officerId,
        created_at: at(year, 6, 1),
        updated_at: deadline,
      });
      await criteria.push({ id: newId(), tender_id: tenderId, position: 1, name: "培训方案", description: null, points: 70 });
      await lots.push({
        id: lotId,
        tender_id: tenderId,
        number: 1,
        occupation_code: popular[0]!,
        level: 4,
        headcount: 200,
        window_start: isoDate(year, 8, 1),
        window_end: isoDate(year, 12, 20),
        max_price_fen: CAPS_FEN[4]!,
        cap_fen: CAPS_FEN[4]!,
        status: "evaluating",
        created_at: at(year, 6, 1),
        updated_at: deadline,
      });
      const lines: OpeningRecord["lines"] = [];
      for (const inst of institutions.slice(0, 200)) {
        const bidId = newId();
        const priceFen = Math.round((CAPS_FEN[4]! * rnd.int(80, 100)) / 100 / 100) * 100;
        const content: BidContent = {
          priceFen,
          capacity: rnd.int(20, 200),
          plannedStart: isoDate(year, 8, 1),
          plannedEnd: isoDate(year, 12, 20),
          theoryHours: 40,
          practiceHours: 80,
          trainers: [{ name: personName(rnd), certificate: `T-${rnd.int(10000, 99999)}` }],
          venue: "基准实训基地",
          plan: "基准数据培训方案",
        };
        const submittedAt = new Date(Date.parse(deadline) - rnd.int(60, 86_400) * 1000).toISOString();
        const sealed = sealContent(canonicalJson(content), { bidId, lotId, institutionId: inst }, master);
        await bids.push({
          id: bidId,
          lot_id: lotId,
          institution_id: inst,
          status: "valid",
          ciphertext: sealed.ciphertext,
          iv: sealed.iv,
          tag: sealed.tag,
          key_id: sealed.keyId,
          receipt_hash: receiptHash(content, submittedAt),
          submitted_at: submittedAt,
          confirmed_at: submittedAt,
          price_fen: priceFen,
          capacity: content.capacity,
          opened_content_json: JSON.stringify(content),
          receipt_ok: 1,
          rejection_reason: null,
          compliance_by: officerId,
          compliance_at: deadline,
          excluded_reason: null,
          created_by: memberOf.get(inst)!,
          created_at: submittedAt,
          updated_at: submittedAt,
        });
        lines.push({ bidId, institutionId: inst, institutionName: inst, priceFen, capacity: content.capacity, submittedAt, receiptOk: true, counted: true, reason: null });
      }
      const record: OpeningRecord = { lotId, openedAt: deadline, deadline, minValidBids: 1, lines, discardedDrafts: 0, outcome: "proceed" };
      await openings.push({ lot_id: lotId, opened_at: deadline, opened_by: officerId, valid_bid_count: lines.length, outcome: "proceed", record_json: JSON.stringify(record) });
    }

    for (const s of [trainees, demandTrainees, demands, workforce, tenders, criteria, lots, bids, openings, awards, awardDemands, contracts, enrolments, sessions, attendance, milestones, payments] as const) await s.flush();
    // Opening records name institutions by id above; give them their names.
    const names = new Map((await db.selectFrom("organisations").select(["id", "name"]).where("kind", "=", "institution").execute()).map((o) => [o.id, o.name]));
    const recs = await db.selectFrom("lot_openings").select(["lot_id", "record_json"]).execute();
    for (const r of recs) {
      const rec = JSON.parse(r.record_json) as OpeningRecord;
      for (const l of rec.lines) l.institutionName = names.get(l.institutionId) ?? l.institutionName;
      await db.updateTable("lot_openings").set({ record_json: JSON.stringify(rec) }).where("lot_id", "=", r.lot_id).execute();
    }
    if (handle.kind === "sqlite") await sql`PRAGMA optimize`.execute(db);
    else await sql`ANALYZE`.execute(db);
    return {
      enterprises: enterprises.length,
      institutions: institutions.length,
      trainees: trainees.count,
      demands: demandCount,
      tenders: tenderCount + 1,
      lots: lotCount + 1,
      bids: bids.count,
      contracts: contractCount,
      enrolments: enrolments.count,
      seconds: (Date.now() - started) / 1000,
      bigTenderReference,
    };
  } finally {
    await handle.destroy();
  }
}

function arg(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const scaleName = arg(args, "--scale") ?? "district";
  if (!isScale(scaleName)) {
    process.stderr.write(`bench:data: unknown scale "${scaleName}"; use one of ${Object.keys(SCALES).join(", ")}\n`);
    return 2;
  }
  const out = arg(args, "--out");
  let url: string;
  if (out) {
    if (existsSync(out)) {
      if (!args.includes("--force")) {
        process.stderr.write(`bench:data: ${out} exists; add --force to replace it\n`);
        return 2;
      }
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${out}${suffix}`, { force: true });
    }
    url = `file:${out}`;
  } else if (process.env.DATABASE_URL?.startsWith("postgres")) {
    url = process.env.DATABASE_URL;
  } else {
    process.stderr.write("bench:data: give --out <file.db>, or set DATABASE_URL to an empty postgres database\n");
    return 2;
  }
  const seed = Number(arg(args, "--seed") ?? 2026);
  const summary = await generate({ url, scale: SCALES[scaleName], seed });
  process.stdout.write(`${JSON.stringify({ scale: scaleName, ...summary })}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench:data: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
