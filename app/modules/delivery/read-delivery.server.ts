import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { maskIdNumber } from "~/modules/reference/id-number";
import { now } from "~/utils/clock.server";
import { notFoundResult, ok, type Result } from "~/utils/result";
import { summaryLine, type SummaryLine } from "./attendance-summary";
import { listCohort, listCoveredDemands, listSessions, type CoveredDemand, type EnrolmentRow, type SessionRow } from "./cohort-queries.server";
import { loadForRecord, loadForView, type DeliveryContract } from "./contract-access.server";
import { hasCourseStarted } from "./enrolment";

/** Who reads trainees' identity numbers in full: the contract's own institution (it checks them). */
function seesFullIdNumbers(actor: Actor, contract: DeliveryContract): boolean {
  return actor.orgKind === "institution" && actor.orgId === contract.institution.id;
}

/** Every read of trainees' personal data is audited (DESIGN.md "Audit log"). */
async function auditRead(db: DB, actor: Actor, contractId: string, after: Record<string, unknown>): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, { actorUserId: actor.userId, actorOrgId: actor.orgId, action: "trainee.read", recordType: "contract", recordId: contractId, after }),
  );
}

export type ShownEnrolment = Omit<EnrolmentRow, "idNumber"> & { idNumberShown: string };

export interface TraineesView {
  contract: DeliveryContract;
  demands: (Omit<CoveredDemand, "enrolments"> & { enrolments: ShownEnrolment[]; confirmedCount: number })[];
  /** The first session's start (null while none is scheduled), and whether it has passed. */
  courseStartsAt: string | null;
  courseStarted: boolean;
  fullIdNumbers: boolean;
}

/**
 * A contract's cohort for its trainees page: per covered demand (enterprise, awarded headcount)
 * the offered, confirmed, declined, replaced and dropped trainees. The contract's institution
 * sees full identity numbers, the bureau masked ones; the read is audited (`trainee.read`).
 */
export async function readContractTrainees(db: DB, actor: Actor, contractId: string): Promise<Result<TraineesView>> {
  const loaded = await loadForView(db, actor, contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.value;
  const full = seesFullIdNumbers(actor, contract);
  const demands = await listCoveredDemands(db, contract.id);
  const sessions = await listSessions(db, contract.id);
  const count = demands.reduce((s, d) => s + d.enrolments.length, 0);
  if (count > 0) await auditRead(db, actor, contract.id, { count, masked: !full });
  return ok({
    contract,
    fullIdNumbers: full,
    courseStartsAt: sessions[0]?.startsAt ?? null,
    courseStarted: hasCourseStarted(sessions[0]?.startsAt ?? null, now()),
    demands: demands.map((d) => ({
      ...d,
      confirmedCount: d.enrolments.filter((e) => e.status === "confirmed").length,
      enrolments: d.enrolments.map(({ idNumber, ...e }) => ({ ...e, idNumberShown: full ? idNumber : maskIdNumber(idNumber) })),
    })),
  });
}

export interface AttendanceView {
  contract: DeliveryContract;
  sessions: (SessionRow & { started: boolean })[];
  totalPlannedMinutes: number;
  heldMinutes: number;
  /** Planned minutes of the sessions with attendance recorded: the running share's base. */
  recordedMinutes: number;
  /** Sessions started without any attendance recorded yet (not counted in the shares). */
  unrecordedHeldCount: number;
  /** One line per confirmed trainee: attended, planned so far, running share, standing. */
  summary: ({ enrolmentId: string; name: string; idNumberMasked: string; enterpriseName: string } & SummaryLine)[];
  /** The session chosen for the grid, with each confirmed trainee's recorded minutes (null: not recorded). */
  selected: { session: SessionRow & { started: boolean }; rows: { enrolmentId: string; name: string; idNumberMasked: string; minutes: number | null }[] } | null;
}

/**
 * A contract's sessions and attendance (DESIGN.md "Contract and delivery"): the schedule, the
 * running attendance of each confirmed trainee against the tender's completion share, and, for
 * a chosen session, its grid. Identity numbers are masked here; the read is audited.
 */
export async function readAttendance(db: DB, actor: Actor, input: { contractId: string; sessionId: string | null }): Promise<Result<AttendanceView>> {
  const loaded = await loadForView(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.value;
  const at = now();
  const sessions = (await listSessions(db, contract.id)).map((s) => ({ ...s, started: Date.parse(s.startsAt) <= at.getTime() }));
  const chosen = input.sessionId ? sessions.find((s) => s.id === input.sessionId) : undefined;
  if (input.sessionId && !chosen) return notFoundResult;
  const cohort = await listCohort(db, contract.id, at);
  let selected: AttendanceView["selected"] = null;
  if (chosen) {
    const recorded = await db.selectFrom("attendance").select(["enrolment_id", "attended_minutes"]).where("session_id", "=", chosen.id).execute();
    const minutesOf = new Map(recorded.map((r) => [r.enrolment_id, Number(r.attended_minutes)]));
    selected = {
      session: chosen,
      rows: cohort.members.map((m) => ({ enrolmentId: m.enrolmentId, name: m.name, idNumberMasked: maskIdNumber(m.idNumber), minutes: minutesOf.get(m.enrolmentId) ?? null })),
    };
  }
  if (cohort.members.length > 0) await auditRead(db, actor, contract.id, { count: cohort.members.length, masked: true, sessionId: chosen?.id ?? null });
  return ok({
    contract,
    sessions,
    totalPlannedMinutes: cohort.totalPlannedMinutes,
    heldMinutes: cohort.heldMinutes,
    recordedMinutes: cohort.recordedMinutes,
    unrecordedHeldCount: cohort.unrecordedHeldCount,
    summary: cohort.members.map((m) => ({
      enrolmentId: m.enrolmentId,
      name: m.name,
      idNumberMasked: maskIdNumber(m.idNumber),
      enterpriseName: m.enterpriseName,
      ...summaryLine(m.attendedMinutes, cohort, contract.tender.completionPct),
    })),
    selected,
  });
}

/**
 * A session's sign-in sheet for the institution to print or fill in (any time, before the
 * session too): the session, and the cohort with full identity numbers and names, audited
 * (`trainee.read`). Only the contract's institution, while the contract is active.
 */
export async function readSignInSheet(
  db: DB,
  actor: Actor,
  input: { contractId: string; sessionId: string },
): Promise<Result<{ contract: DeliveryContract; session: { id: string; startsAt: string; plannedMinutes: number; topic: string }; people: { idNumber: string; name: string }[] }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const s = await db
    .selectFrom("course_sessions")
    .select(["id", "starts_at", "planned_minutes", "topic"])
    .where("id", "=", input.sessionId)
    .where("contract_id", "=", loaded.contract.id)
    .executeTakeFirst();
  if (!s) return notFoundResult;
  const cohort = await listCohort(db, loaded.contract.id);
  if (cohort.members.length > 0) await auditRead(db, actor, loaded.contract.id, { count: cohort.members.length, masked: false, sessionId: s.id, purpose: "signInSheet" });
  return ok({
    contract: loaded.contract,
    session: { id: s.id, startsAt: s.starts_at, plannedMinutes: Number(s.planned_minutes), topic: s.topic },
    people: cohort.members.map((m) => ({ idNumber: m.idNumber, name: m.name })),
  });
}

/** A contract's sessions, for the sign-in sheet import page (no personal data, so no audit). */
export async function readSessions(db: DB, actor: Actor, contractId: string): Promise<Result<{ contract: DeliveryContract; sessions: (SessionRow & { started: boolean })[] }>> {
  const loaded = await loadForView(db, actor, contractId);
  if (!loaded.ok) return loaded;
  const at = now().getTime();
  const sessions = (await listSessions(db, loaded.value.id)).map((s) => ({ ...s, started: Date.parse(s.startsAt) <= at }));
  return ok({ contract: loaded.value, sessions });
}
