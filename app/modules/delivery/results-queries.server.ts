import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { now } from "~/utils/clock.server";
import { ok, type Result } from "~/utils/result";
import { attendancePermille, meetsCompletionShare } from "./attendance";
import { listCohort } from "./cohort-queries.server";
import { loadForView, type DeliveryContract } from "./contract-access.server";
import type { ProgressStatus } from "./lifecycle";
import { decodeReason, type NotCompletedReason } from "./results";

/** A trainee as the results page lists them: identity number masked, attendance, result. */
export interface ResultRow {
  enrolmentId: string;
  name: string;
  idNumberMasked: string;
  enterpriseName: string;
  status: "confirmed" | "dropped";
  attendedMinutes: number;
  attendedPermille: number;
  meetsShare: boolean;
  progress: ProgressStatus;
  reason: NotCompletedReason | null;
  assessmentPassed: boolean | null;
  certificateNumber: string | null;
  levelReached: number | null;
  certifiedOn: string | null;
}

export interface ResultsBoard {
  contract: DeliveryContract;
  plannedMinutes: number;
  sessions: number;
  firstStartsAt: string | null;
  lastStartsAt: string | null;
  /** The course's last session has started: results may be recorded. */
  courseOver: boolean;
  /** This reader records results now (the institution, on an active contract, after the course). */
  mayRecord: boolean;
  rows: ResultRow[];
  counts: { confirmed: number; recorded: number; dropped: number };
}

/**
 * A contract's results page (DESIGN.md "Contract and delivery"), for the bureau and the
 * contract's institution: each confirmed trainee with attendance and result, and those who
 * dropped out (not completed). Identity numbers leave masked; the read is audited (trainee.read).
 */
export async function findResultsBoard(db: DB, actor: Actor, contractId: string): Promise<Result<ResultsBoard>> {
  const loaded = await loadForView(db, actor, contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.value;
  const at = now();
  const cohort = await listCohort(db, contract.id, at);
  const sessions = await db
    .selectFrom("course_sessions")
    .select((eb) => [eb.fn.max<string>("starts_at").as("last")])
    .where("contract_id", "=", contract.id)
    .executeTakeFirstOrThrow();
  const dropped = await db
    .selectFrom("enrolments as en")
    .innerJoin("trainees as tr", "tr.id", "en.trainee_id")
    .innerJoin("demands as d", "d.id", "en.demand_id")
    .innerJoin("organisations as e", "e.id", "d.enterprise_id")
    .select(["en.id", "tr.name", "tr.id_number", "e.name as enterprise_name"])
    .where("en.contract_id", "=", contract.id)
    .where("en.status", "=", "dropped")
    .orderBy("e.name")
    .orderBy("tr.name")
    .orderBy("en.id")
    .execute();
  const planned = cohort.totalPlannedMinutes;
  const pct = contract.tender.completionPct;
  const droppedMinutes = new Map<string, number>();
  if (dropped.length) {
    const rows = await db
      .selectFrom("attendance")
      .select(["enrolment_id", (eb) => eb.fn.sum<number>("attended_minutes").as("m")])
      .where(
        "enrolment_id",
        "in",
        dropped.map((d) => d.id),
      )
      .groupBy("enrolment_id")
      .execute();
    for (const r of rows) droppedMinutes.set(r.enrolment_id, Number(r.m ?? 0));
  }
  const rows: ResultRow[] = [
    ...cohort.members.map((m) => ({
      enrolmentId: m.enrolmentId,
      name: m.name,
      idNumberMasked: maskIdNumber(m.idNumber),
      enterpriseName: m.enterpriseName,
      status: "confirmed" as const,
      attendedMinutes: m.attendedMinutes,
      attendedPermille: attendancePermille(m.attendedMinutes, planned),
      meetsShare: meetsCompletionShare(m.attendedMinutes, planned, pct),
      progress: m.progress,
      reason: decodeReason(m.progressReason),
      assessmentPassed: m.assessmentPassed,
      certificateNumber: m.certificateNumber,
      levelReached: m.levelReached,
      certifiedOn: m.certifiedOn,
    })),
    ...dropped.map((d) => {
      const minutes = droppedMinutes.get(d.id) ?? 0;
      return {
        enrolmentId: d.id,
        name: d.name,
        idNumberMasked: maskIdNumber(d.id_number),
        enterpriseName: d.enterprise_name,
        status: "dropped" as const,
        attendedMinutes: minutes,
        attendedPermille: attendancePermille(minutes, planned),
        meetsShare: false,
        progress: "not_completed" as const,
        reason: { kind: "dropped" } as const,
        assessmentPassed: null,
        certificateNumber: null,
        levelReached: null,
        certifiedOn: null,
      };
    }),
  ];
  if (rows.length > 0) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, { actorUserId: actor.userId, actorOrgId: actor.orgId, action: "trainee.read", recordType: "contract", recordId: contract.id, after: { page: "results", count: rows.length } }),
    );
  }
  const last = sessions.last ?? null;
  const courseOver = last !== null && Date.parse(last) <= at.getTime();
  return ok({
    contract,
    plannedMinutes: planned,
    sessions: cohort.sessionCount,
    firstStartsAt: cohort.startsAt,
    lastStartsAt: last,
    courseOver,
    mayRecord: contract.may.record && courseOver,
    rows,
    counts: {
      confirmed: cohort.members.length,
      recorded: cohort.members.filter((m) => m.progress !== "in_training").length,
      dropped: dropped.length,
    },
  });
}
