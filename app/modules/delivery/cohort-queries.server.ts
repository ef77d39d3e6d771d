import type { DB } from "#db/client";
import { now } from "~/utils/clock.server";
import type { EnrolmentStatus, ProgressStatus } from "./lifecycle";

/** A confirmed trainee of a contract's cohort, with the attendance and results recorded so far. */
export interface CohortMember {
  enrolmentId: string;
  traineeId: string;
  demandId: string;
  enterpriseId: string;
  enterpriseName: string;
  name: string;
  /** The full identity number: callers mask it for anyone but the contract's institution. */
  idNumber: string;
  confirmedAt: string | null;
  attendedMinutes: number;
  progress: ProgressStatus;
  progressReason: string | null;
  assessmentPassed: boolean | null;
  certificateNumber: string | null;
  levelReached: number | null;
  certifiedOn: string | null;
}

export interface Cohort {
  contractId: string;
  /** Planned minutes of every session scheduled, held or not. */
  totalPlannedMinutes: number;
  /** Planned minutes of the sessions that have started by `at`. */
  heldMinutes: number;
  /**
   * Planned minutes of the sessions whose attendance is recorded (any row): what a running share
   * is measured against, so that a session held but not yet recorded does not count as missed.
   */
  recordedMinutes: number;
  sessionCount: number;
  heldSessionCount: number;
  /** Sessions that have started and have no attendance recorded yet. */
  unrecordedHeldCount: number;
  /** The first session's start: the course's start (null while nothing is scheduled). */
  startsAt: string | null;
  members: CohortMember[];
}

/**
 * A contract's cohort: each confirmed enrolment with the minutes it attended, and the contract's
 * planned and held minutes (DESIGN.md "Contract and delivery": completion is measured against
 * planned hours). Ordered by enterprise, then name.
 */
export async function listCohort(db: DB, contractId: string, at: Date = now()): Promise<Cohort> {
  const sessions = await listSessionTimes(db, contractId);
  const atIso = at.toISOString();
  const held = sessions.filter((s) => s.startsAt <= atIso);
  const recordedIds = new Set(
    (
      await db
        .selectFrom("attendance as a")
        .innerJoin("course_sessions as s", "s.id", "a.session_id")
        .select("a.session_id")
        .distinct()
        .where("s.contract_id", "=", contractId)
        .execute()
    ).map((r) => r.session_id),
  );
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainees as tr", "tr.id", "e.trainee_id")
    .innerJoin("demands as d", "d.id", "e.demand_id")
    .innerJoin("organisations as o", "o.id", "d.enterprise_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("attendance")
          .select((x) => ["enrolment_id", x.fn.sum<number>("attended_minutes").as("minutes")])
          .groupBy("enrolment_id")
          .as("a"),
      (j) => j.onRef("a.enrolment_id", "=", "e.id"),
    )
    .select([
      "e.id",
      "e.trainee_id",
      "e.demand_id",
      "d.enterprise_id",
      "o.name as enterprise_name",
      "tr.name",
      "tr.id_number",
      "e.confirmed_at",
      "a.minutes",
      "e.progress",
      "e.progress_reason",
      "e.assessment_passed",
      "e.certificate_number",
      "e.level_reached",
      "e.certified_on",
    ])
    .where("e.contract_id", "=", contractId)
    .where("e.status", "=", "confirmed")
    .orderBy("o.name")
    .orderBy("tr.name")
    .orderBy("e.id")
    .execute();
  return {
    contractId,
    totalPlannedMinutes: sessions.reduce((s, x) => s + x.plannedMinutes, 0),
    heldMinutes: held.reduce((s, x) => s + x.plannedMinutes, 0),
    recordedMinutes: sessions.filter((x) => recordedIds.has(x.id)).reduce((s, x) => s + x.plannedMinutes, 0),
    sessionCount: sessions.length,
    heldSessionCount: held.length,
    unrecordedHeldCount: held.filter((x) => !recordedIds.has(x.id)).length,
    startsAt: sessions[0]?.startsAt ?? null,
    members: rows.map((r) => ({
      enrolmentId: r.id,
      traineeId: r.trainee_id,
      demandId: r.demand_id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      name: r.name,
      idNumber: r.id_number,
      confirmedAt: r.confirmed_at,
      attendedMinutes: Number(r.minutes ?? 0),
      progress: r.progress ?? "in_training",
      progressReason: r.progress_reason,
      assessmentPassed: r.assessment_passed === null ? null : Number(r.assessment_passed) === 1,
      certificateNumber: r.certificate_number,
      levelReached: r.level_reached === null ? null : Number(r.level_reached),
      certifiedOn: r.certified_on,
    })),
  };
}

/** A contract's sessions' starts and planned minutes, earliest first. */
export async function listSessionTimes(db: DB, contractId: string): Promise<{ id: string; startsAt: string; plannedMinutes: number }[]> {
  const rows = await db
    .selectFrom("course_sessions")
    .select(["id", "starts_at", "planned_minutes"])
    .where("contract_id", "=", contractId)
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, plannedMinutes: Number(r.planned_minutes) }));
}

/** The course's start: its first session's start, or null while none is scheduled (not started). */
export async function findCourseStart(db: DB, contractId: string): Promise<string | null> {
  const first = await db.selectFrom("course_sessions").select("starts_at").where("contract_id", "=", contractId).orderBy("starts_at").executeTakeFirst();
  return first?.starts_at ?? null;
}

/** A session of the contract, with how many trainees have attendance recorded for it. */
export interface SessionRow {
  id: string;
  startsAt: string;
  plannedMinutes: number;
  topic: string;
  recordedCount: number;
}

/** A contract's sessions, earliest first, each with its count of attendance rows. */
export async function listSessions(db: DB, contractId: string): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom("course_sessions as s")
    .leftJoin("attendance as a", "a.session_id", "s.id")
    .select((eb) => ["s.id", "s.starts_at", "s.planned_minutes", "s.topic", eb.fn.count<number>("a.enrolment_id").as("recorded")])
    .where("s.contract_id", "=", contractId)
    .groupBy(["s.id", "s.starts_at", "s.planned_minutes", "s.topic"])
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, plannedMinutes: Number(r.planned_minutes), topic: r.topic, recordedCount: Number(r.recorded) }));
}

/** One enrolment of a contract, any status, as the trainees page lists it. */
export interface EnrolmentRow {
  id: string;
  demandId: string;
  traineeId: string;
  name: string;
  idNumber: string;
  status: EnrolmentStatus;
  statusReason: string | null;
  replacesEnrolmentId: string | null;
  confirmedAt: string | null;
  progress: ProgressStatus;
  /** The same person (identity number) is confirmed in another contract's cohort. */
  confirmedElsewhere: boolean;
  createdAt: string;
}

/** A demand the contract covers, with its enterprise, the award's headcount for it, and its enrolments. */
export interface CoveredDemand {
  demandId: string;
  enterpriseId: string;
  enterpriseName: string;
  /** The award's headcount for this demand: at most this many of its trainees are confirmed. */
  headcount: number;
  rosterCount: number;
  enrolments: EnrolmentRow[];
}

/**
 * Every enrolment of a contract (offered, confirmed, declined, replaced, dropped), grouped by the
 * covered demand, with each demand's enterprise and awarded headcount. Full identity numbers:
 * the caller masks them for readers who must not see them.
 */
export async function listCoveredDemands(db: DB, contractId: string): Promise<CoveredDemand[]> {
  const contract = await db.selectFrom("contracts").select("award_id").where("id", "=", contractId).executeTakeFirst();
  if (!contract) return [];
  const demands = await db
    .selectFrom("award_demands as ad")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .innerJoin("organisations as o", "o.id", "d.enterprise_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("demand_trainees")
          .select((x) => ["demand_id", x.fn.countAll<number>().as("n")])
          .groupBy("demand_id")
          .as("r"),
      (j) => j.onRef("r.demand_id", "=", "d.id"),
    )
    .select(["d.id", "d.enterprise_id", "o.name", "ad.headcount", "r.n"])
    .where("ad.award_id", "=", contract.award_id)
    .orderBy("o.name")
    .orderBy("d.id")
    .execute();
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainees as tr", "tr.id", "e.trainee_id")
    .select((eb) => [
      "e.id",
      "e.demand_id",
      "e.trainee_id",
      "tr.name",
      "tr.id_number",
      "e.status",
      "e.status_reason",
      "e.replaces_enrolment_id",
      "e.confirmed_at",
      "e.progress",
      "e.created_at",
      eb
        .exists(
          eb
            .selectFrom("enrolments as o2")
            .innerJoin("trainees as t2", "t2.id", "o2.trainee_id")
            .select("o2.id")
            .whereRef("t2.id_number", "=", "tr.id_number")
            .where("o2.status", "=", "confirmed")
            .whereRef("o2.contract_id", "!=", "e.contract_id"),
        )
        .as("elsewhere"),
    ])
    .where("e.contract_id", "=", contractId)
    .orderBy("tr.name")
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
  return demands.map((d) => ({
    demandId: d.id,
    enterpriseId: d.enterprise_id,
    enterpriseName: d.name,
    headcount: Number(d.headcount),
    rosterCount: Number(d.n ?? 0),
    enrolments: rows
      .filter((r) => r.demand_id === d.id)
      .map((r) => ({
        id: r.id,
        demandId: r.demand_id,
        traineeId: r.trainee_id,
        name: r.name,
        idNumber: r.id_number,
        status: r.status,
        statusReason: r.status_reason,
        replacesEnrolmentId: r.replaces_enrolment_id,
        confirmedAt: r.confirmed_at,
        progress: r.progress ?? "in_training",
        confirmedElsewhere: Boolean(Number(r.elsewhere)),
        createdAt: r.created_at,
      })),
  }));
}
