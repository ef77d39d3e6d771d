import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, invalid, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { listSessionTimes } from "./cohort-queries.server";
import { Rollback, enrolmentTransaction } from "./cohort-store.server";
import { loadForRecord, lockActiveContract } from "./contract-access.server";
import { isWithinWindow, overlappingSession, type SessionInput } from "./sessions";
import { formatShanghai } from "~/modules/tender/deadline";

/**
 * The institution schedules a course session (课次): its start (Shanghai time), planned hours in
 * quarter hours and topic, inside the lot's delivery window and clear of the cohort's other
 * sessions. Audited (`lesson.create`).
 */
export async function addSession(db: DB, actor: Actor, input: { contractId: string } & SessionInput): Promise<Result<{ sessionId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const window = { start: contract.lot.windowStart, end: contract.lot.windowEnd };
  if (!isWithinWindow(input.startsAt, input.plannedMinutes, window)) {
    return invalid({ startsAt: [msg("delivery.sessions.errors.outsideWindow", { start: window.start, end: window.end })] });
  }
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contract.id))) throw new Rollback(conflict("delivery.errors.notActive"));
    const clash = overlappingSession(await listSessionTimes(trx, contract.id), input.startsAt, input.plannedMinutes);
    if (clash) throw new Rollback(invalid({ startsAt: [msg("delivery.sessions.errors.overlaps", { start: formatShanghai(clash.startsAt) })] }));
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto("course_sessions")
      .values({
        id,
        contract_id: contract.id,
        starts_at: input.startsAt.toISOString(),
        planned_minutes: input.plannedMinutes,
        topic: input.topic,
        created_by: actor.userId,
        created_at: at,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "lesson.create",
      recordType: "course_session",
      recordId: id,
      after: { contractId: contract.id, startsAt: input.startsAt.toISOString(), plannedMinutes: input.plannedMinutes, topic: input.topic },
    });
    return ok({ sessionId: id });
  });
}

/** The institution removes a session on which no attendance is recorded. Audited (`lesson.remove`). */
export async function removeSession(db: DB, actor: Actor, input: { contractId: string; sessionId: string }): Promise<Result<{ removed: true }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contract.id))) throw new Rollback(conflict("delivery.errors.notActive"));
    const s = await trx.selectFrom("course_sessions").selectAll().where("id", "=", input.sessionId).where("contract_id", "=", contract.id).executeTakeFirst();
    if (!s) throw new Rollback(notFoundResult);
    const recorded = await trx.selectFrom("attendance").select("enrolment_id").where("session_id", "=", s.id).executeTakeFirst();
    if (recorded) throw new Rollback(conflict("delivery.sessions.errors.hasAttendance"));
    await trx.deleteFrom("course_sessions").where("id", "=", s.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "lesson.remove",
      recordType: "course_session",
      recordId: s.id,
      before: { contractId: contract.id, startsAt: s.starts_at, plannedMinutes: Number(s.planned_minutes), topic: s.topic },
    });
    return ok({ removed: true as const });
  });
}
