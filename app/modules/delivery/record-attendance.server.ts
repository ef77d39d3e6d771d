import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now } from "~/utils/clock.server";
import { conflict, invalid, msg, notFoundResult, ok, type Failure, type Result } from "~/utils/result";
import { enrolmentTransaction, Rollback } from "./cohort-store.server";
import { loadForRecord, lockActiveContract, type DeliveryContract } from "./contract-access.server";
import { parseAttendedHours } from "./attendance-sheet";
import { minutesToHours } from "./sessions";

export interface AttendanceEntry {
  enrolmentId: string;
  minutes: number;
}

export interface LoadedSession {
  id: string;
  startsAt: string;
  plannedMinutes: number;
  topic: string;
}

/**
 * A session of an active contract that the actor may record on, once it has started: attendance
 * is recorded for what happened, never ahead of it.
 */
export async function loadSessionToRecord(
  db: DB,
  actor: Actor,
  input: { contractId: string; sessionId: string },
): Promise<{ ok: true; contract: DeliveryContract; session: LoadedSession } | Failure> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const s = await db
    .selectFrom("course_sessions")
    .select(["id", "starts_at", "planned_minutes", "topic"])
    .where("id", "=", input.sessionId)
    .where("contract_id", "=", loaded.contract.id)
    .executeTakeFirst();
  if (!s) return notFoundResult;
  if (Date.parse(s.starts_at) > now().getTime()) return conflict("delivery.attendance.errors.notStarted");
  return { ok: true, contract: loaded.contract, session: { id: s.id, startsAt: s.starts_at, plannedMinutes: Number(s.planned_minutes), topic: s.topic } };
}

/**
 * Writes one session's attendance for the given confirmed trainees inside the caller's
 * transaction (a second recording of the same trainee and session replaces the first), after
 * checking, under the contract's lock, that each is still confirmed in this cohort.
 */
export async function writeAttendance(trx: Transaction<Schema>, contractId: string, session: LoadedSession, entries: readonly AttendanceEntry[], by: string): Promise<{ before: number }> {
  if (!(await lockActiveContract(trx, contractId))) throw new Rollback(conflict("delivery.errors.notActive"));
  const ids = entries.map((e) => e.enrolmentId);
  const confirmed = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom("enrolments")
      .select("id")
      .where("contract_id", "=", contractId)
      .where("status", "=", "confirmed")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) confirmed.add(r.id);
  }
  if (ids.some((id) => !confirmed.has(id))) throw new Rollback(conflict("delivery.attendance.errors.cohortChanged"));
  const before = await trx.selectFrom("attendance").select((eb) => eb.fn.countAll<number>().as("n")).where("session_id", "=", session.id).executeTakeFirstOrThrow();
  const at = now().toISOString();
  for (let i = 0; i < entries.length; i += 200) {
    await trx
      .insertInto("attendance")
      .values(entries.slice(i, i + 200).map((e) => ({ session_id: session.id, enrolment_id: e.enrolmentId, attended_minutes: e.minutes, recorded_by: by, recorded_at: at })))
      .onConflict((oc) =>
        oc.columns(["session_id", "enrolment_id"]).doUpdateSet((eb) => ({
          attended_minutes: eb.ref("excluded.attended_minutes"),
          recorded_by: eb.ref("excluded.recorded_by"),
          recorded_at: eb.ref("excluded.recorded_at"),
        })),
      )
      .execute();
  }
  return { before: Number(before.n) };
}

/** Counts for the audit entry: how many were recorded, attended in full, partly, or not at all (no personal data). */
export function attendanceCounts(entries: readonly AttendanceEntry[], plannedMinutes: number) {
  return {
    count: entries.length,
    full: entries.filter((e) => e.minutes === plannedMinutes).length,
    partial: entries.filter((e) => e.minutes > 0 && e.minutes < plannedMinutes).length,
    absent: entries.filter((e) => e.minutes === 0).length,
    minutes: entries.reduce((s, e) => s + e.minutes, 0),
  };
}

/**
 * The institution records a started session's attendance (DESIGN.md "Contract and delivery"):
 * minutes 0…the session's planned minutes per confirmed trainee, all in one transaction. Audited
 * (`attendance.record`) with the session and counts, not personal data.
 */
export async function recordAttendance(
  db: DB,
  actor: Actor,
  input: { contractId: string; sessionId: string; entries: readonly AttendanceEntry[] },
): Promise<Result<{ count: number }>> {
  const loaded = await loadSessionToRecord(db, actor, input);
  if (!loaded.ok) return loaded;
  const fieldErrors: Record<string, string[]> = {};
  for (const e of input.entries) {
    if (!Number.isInteger(e.minutes) || e.minutes < 0) fieldErrors[`hours.${e.enrolmentId}`] = ["delivery.attendance.errors.hoursInvalid"];
    else if (e.minutes > loaded.session.plannedMinutes) {
      fieldErrors[`hours.${e.enrolmentId}`] = [msg("delivery.attendance.errors.overPlanned", { planned: minutesToHours(loaded.session.plannedMinutes) })];
    }
  }
  if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
  return save(db, actor, loaded, input.entries);
}

/**
 * The attendance grid as typed: hours per enrolment ("3.5"; empty is an error, 0 is absent),
 * each checked against the session's planned hours; any fault is shown next to its field and
 * nothing is recorded.
 */
export async function recordAttendanceGrid(
  db: DB,
  actor: Actor,
  input: { contractId: string; sessionId: string; hours: Readonly<Record<string, string | undefined>> },
): Promise<Result<{ count: number }>> {
  const loaded = await loadSessionToRecord(db, actor, input);
  if (!loaded.ok) return loaded;
  const fieldErrors: Record<string, string[]> = {};
  const entries: AttendanceEntry[] = [];
  for (const [enrolmentId, text] of Object.entries(input.hours)) {
    const parsed = parseAttendedHours(text, loaded.session.plannedMinutes);
    if (parsed.ok) entries.push({ enrolmentId, minutes: parsed.minutes });
    else fieldErrors[`hours.${enrolmentId}`] = [parsed.message];
  }
  if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
  return save(db, actor, loaded, entries);
}

/** "Everyone attended in full": every confirmed trainee gets the session's planned minutes. */
export async function recordFullAttendance(db: DB, actor: Actor, input: { contractId: string; sessionId: string }): Promise<Result<{ count: number }>> {
  const loaded = await loadSessionToRecord(db, actor, input);
  if (!loaded.ok) return loaded;
  const cohort = await confirmedIds(db, loaded.contract.id);
  return save(
    db,
    actor,
    loaded,
    cohort.map((enrolmentId) => ({ enrolmentId, minutes: loaded.session.plannedMinutes })),
  );
}

async function confirmedIds(db: DB, contractId: string): Promise<string[]> {
  const rows = await db.selectFrom("enrolments").select("id").where("contract_id", "=", contractId).where("status", "=", "confirmed").orderBy("id").execute();
  return rows.map((r) => r.id);
}

async function save(db: DB, actor: Actor, loaded: { contract: DeliveryContract; session: LoadedSession }, entries: readonly AttendanceEntry[]): Promise<Result<{ count: number }>> {
  const { contract, session } = loaded;
  if (entries.length === 0) return invalid({}, ["delivery.attendance.errors.nothingToRecord"]);
  if (new Set(entries.map((e) => e.enrolmentId)).size !== entries.length) return conflict("delivery.attendance.errors.cohortChanged");
  return enrolmentTransaction(db, async (trx) => {
    const { before } = await writeAttendance(trx, contract.id, session, entries, actor.userId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "attendance.record",
      recordType: "course_session",
      recordId: session.id,
      before: { recorded: before },
      after: { contractId: contract.id, plannedMinutes: session.plannedMinutes, ...attendanceCounts(entries, session.plannedMinutes) },
    });
    return ok({ count: entries.length });
  });
}
