/**
 * The yearly report for the district leadership (issue "Reports": a yearly report page, printable
 * to PDF from the browser). It is the bureau's progress for the year (progress.server.ts) with the
 * two sets of figures that page does not carry, each aggregated in SQL:
 * - the year's procurement: tenders, lots, awards, objections and contracts of the year's tenders;
 * - the year's outcomes by occupation and by institution, with completion and certification rates.
 *
 * What counts in the outcomes (the same year rule as *trained*, progress.server.ts):
 * - *trained*: completed (certified or not) with the result recorded in the Shanghai year;
 * - *certified*: of those, the ones who passed certification;
 * - *not completed*: a result of "not completed" recorded in the year, or a dropout in the year
 *   (a dropout has no result; the day its enrolment last changed is the day it was dropped);
 * - completion rate = trained ÷ (trained + not completed); certification rate = certified ÷ trained.
 */
import type { DB } from "#db/client";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { TraineeProgress } from "~/modules/delivery/lifecycle";
import { shanghaiYearRange } from "./metrics";
import { getBureauProgress, type BureauProgress } from "./progress.server";
import { outcomeRates, type OutcomeCounts, type OutcomeLine, type YearProcurement } from "./report";

const COMPLETED: TraineeProgress[] = ["completed", "certified", "not_certified"];

/** The year's tenders, lots, awards, objections and contracts (drafts are not procurement yet). */
export async function getYearProcurement(db: DB, year: number): Promise<YearProcurement> {
  const [tenders, lots, awards, objections, contracts] = await Promise.all([
    db
      .selectFrom("tenders")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("year", "=", year)
      .where("status", "!=", "draft")
      .groupBy("status")
      .execute(),
    db
      .selectFrom("lots as l")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select(["l.status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("t.year", "=", year)
      .where("t.status", "!=", "draft")
      .groupBy("l.status")
      .execute(),
    // Awards the public has been told of (published, then confirmed once the objection window closed).
    db
      .selectFrom("awards as a")
      .innerJoin("lots as l", "l.id", "a.lot_id")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("a.value_fen").as("fen")])
      .where("t.year", "=", year)
      .where("a.status", "in", ["published", "confirmed"])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("objections as o")
      .innerJoin("lots as l", "l.id", "o.lot_id")
      .innerJoin("tenders as t", "t.id", "l.tender_id")
      .select(["o.status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("t.year", "=", year)
      .groupBy("o.status")
      .execute(),
    db
      .selectFrom("contracts as c")
      .innerJoin("tenders as t", "t.id", "c.tender_id")
      .select(["c.status", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>("c.value_fen").as("fen"), (eb) => eb.fn.sum<number>("c.headcount").as("trainees")])
      .where("t.year", "=", year)
      .groupBy("c.status")
      .execute(),
  ]);
  const count = <S extends string>(rows: { status: S; n: unknown }[], ...statuses: S[]) =>
    rows.filter((r) => statuses.length === 0 || statuses.includes(r.status)).reduce((s, r) => s + Number(r.n), 0);
  const signed = contracts.filter((c) => (["active", "completed"] as ContractStatus[]).includes(c.status));
  return {
    tenders: { published: count(tenders), cancelled: count(tenders, "cancelled") },
    lots: { total: count(lots), unsuccessful: count(lots, "unsuccessful"), cancelled: count(lots, "cancelled") },
    awards: { count: Number(awards.n), valueFen: Number(awards.fen ?? 0) },
    objections: { lodged: count(objections), upheld: count(objections, "upheld"), dismissed: count(objections, "dismissed"), pending: count(objections, "pending") },
    contracts: {
      signed: signed.reduce((s, c) => s + Number(c.n), 0),
      valueFen: signed.reduce((s, c) => s + Number(c.fen ?? 0), 0),
      trainees: signed.reduce((s, c) => s + Number(c.trainees ?? 0), 0),
      awaitingSignature: count(contracts, "pending_signature"),
      completed: count(contracts, "completed"),
      terminated: count(contracts, "terminated"),
      lapsed: count(contracts, "lapsed"),
    },
  };
}

/** The year's outcomes per institution and occupation: one grouped pass over the year's results and dropouts. */
async function yearOutcomes(db: DB, year: number): Promise<{ institutionId: string; occupationCode: string; counts: OutcomeCounts }[]> {
  const { start, end } = shanghaiYearRange(year);
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("contracts as c", "c.id", "e.contract_id")
    .innerJoin("lots as l", "l.id", "c.lot_id")
    .select((eb) => [
      "c.institution_id",
      "l.occupation_code",
      eb.fn.sum<number>(eb.case().when("e.progress", "in", COMPLETED).then(1).else(0).end()).as("trained"),
      eb.fn.sum<number>(eb.case().when("e.progress", "=", "certified").then(1).else(0).end()).as("certified"),
      eb.fn.sum<number>(eb.case().when("e.progress", "in", COMPLETED).then(0).else(1).end()).as("not_completed"),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb("e.progress", "is not", null), eb("e.result_recorded_at", ">=", start), eb("e.result_recorded_at", "<", end)]),
        eb.and([eb("e.status", "=", "dropped"), eb("e.progress", "is", null), eb("e.updated_at", ">=", start), eb("e.updated_at", "<", end)]),
      ]),
    )
    .groupBy(["c.institution_id", "l.occupation_code"])
    .execute();
  return rows.map((r) => ({
    institutionId: r.institution_id,
    occupationCode: r.occupation_code,
    counts: { trained: Number(r.trained ?? 0), certified: Number(r.certified ?? 0), notCompleted: Number(r.not_completed ?? 0) },
  }));
}

export interface YearReport {
  progress: Omit<BureauProgress, "trainedGroups">;
  procurement: YearProcurement;
  outcomes: { byOccupation: OutcomeLine[]; byInstitution: OutcomeLine[]; total: OutcomeLine };
}

/** Everything the yearly report shows: the bureau's progress, the year's procurement and its outcomes. */
export async function getYearReport(db: DB, year: number, now: Date): Promise<YearReport> {
  const [bureau, procurement, outcomes] = await Promise.all([getBureauProgress(db, year, now), getYearProcurement(db, year), yearOutcomes(db, year)]);
  const { trainedGroups: _groups, ...progress } = bureau;
  const sum = (key: (o: (typeof outcomes)[number]) => string) => {
    const m = new Map<string, OutcomeCounts>();
    for (const o of outcomes) {
      const c = m.get(key(o)) ?? { trained: 0, certified: 0, notCompleted: 0 };
      c.trained += o.counts.trained;
      c.certified += o.counts.certified;
      c.notCompleted += o.counts.notCompleted;
      m.set(key(o), c);
    }
    return m;
  };
  const perOccupation = sum((o) => o.occupationCode);
  const perInstitution = sum((o) => o.institutionId);
  const [occupations, institutions] = await Promise.all([
    perOccupation.size === 0 ? [] : db.selectFrom("occupations").select(["code", "name_zh", "name_en"]).where("code", "in", [...perOccupation.keys()]).execute(),
    perInstitution.size === 0 ? [] : db.selectFrom("organisations").select(["id", "name"]).where("id", "in", [...perInstitution.keys()]).execute(),
  ]);
  const occName = new Map(occupations.map((o) => [o.code, o]));
  const orgName = new Map(institutions.map((o) => [o.id, o.name]));
  const lines = (m: Map<string, OutcomeCounts>, name: (key: string) => { zh: string; en: string }) =>
    [...m.entries()]
      .map(([key, c]) => ({ key, nameZh: name(key).zh, nameEn: name(key).en, ...outcomeRates(c) }))
      .sort((a, b) => b.trained - a.trained || a.key.localeCompare(b.key));
  const total = outcomes.reduce((t, o) => ({ trained: t.trained + o.counts.trained, certified: t.certified + o.counts.certified, notCompleted: t.notCompleted + o.counts.notCompleted }), {
    trained: 0,
    certified: 0,
    notCompleted: 0,
  });
  return {
    progress,
    procurement,
    outcomes: {
      byOccupation: lines(perOccupation, (code) => ({ zh: occName.get(code)?.name_zh ?? code, en: occName.get(code)?.name_en ?? code })),
      byInstitution: lines(perInstitution, (id) => ({ zh: orgName.get(id) ?? "", en: orgName.get(id) ?? "" })),
      total: { key: "total", nameZh: "", nameEn: "", ...outcomeRates(total) },
    },
  };
}
