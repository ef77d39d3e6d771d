import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { findCourseStart } from "./cohort-queries.server";
import { auditPerson, checkIdentity, enrolmentTransaction, findEnrolment, isOnRoster, lockPerson, personTaken, Rollback } from "./cohort-store.server";
import { loadForRecord, lockActiveContract } from "./contract-access.server";
import { hasCourseStarted } from "./enrolment";
import { ENROLMENT_LIFECYCLE } from "./lifecycle";
import { lockDemandRow } from "./offer-trainees.server";

/**
 * Before the course starts, the institution replaces a confirmed trainee by an offered one of
 * the same demand, with a reason (issue "Delivery": replacing a trainee before the course starts
 * is allowed and audited): in one transaction the old enrolment is `replaced` and the new one
 * `confirmed`, pointing at the one it replaces. The newcomer passes the same identity checks as
 * any confirmation. After the start, a trainee who leaves drops out instead.
 */
export async function replaceTrainee(
  db: DB,
  actor: Actor,
  input: { contractId: string; enrolmentId: string; replacementId: string; reason: string },
): Promise<Result<{ enrolmentId: string; replacementId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const old = await findEnrolment(db, contract.id, input.enrolmentId);
  if (!old) return notFoundResult;
  const fresh = await findEnrolment(db, contract.id, input.replacementId);
  if (!fresh) return invalid({ replacementId: ["delivery.enrolment.errors.chooseReplacement"] });
  const out = applyEvent(ENROLMENT_LIFECYCLE, old.status, "replace");
  if (!out.ok) return conflict("delivery.enrolment.errors.notConfirmed");
  const into = applyEvent(ENROLMENT_LIFECYCLE, fresh.status, "confirm");
  if (!into.ok || fresh.demandId !== old.demandId) return invalid({ replacementId: ["delivery.enrolment.errors.replacementNotOffered"] });
  const t = now();
  const identity = checkIdentity(fresh.idNumber, t);
  if (identity) return identity;
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contract.id))) throw new Rollback(conflict("delivery.errors.notActive"));
    // Read under the contract's lock: a session added meanwhile may have started the course.
    if (hasCourseStarted(await findCourseStart(trx, contract.id), t)) throw new Rollback(conflict("delivery.enrolment.errors.courseStarted"));
    await lockDemandRow(trx, fresh.demandId);
    await lockPerson(trx, fresh.idNumber);
    if (!(await isOnRoster(trx, fresh.demandId, fresh.traineeId))) throw new Rollback(conflict("delivery.enrolment.errors.notOnRoster"));
    const taken = await personTaken(trx, fresh.idNumber, contract.id);
    if (taken) throw new Rollback(taken);
    const at = t.toISOString();
    const left = await trx
      .updateTable("enrolments")
      .set({ status: out.to, status_reason: input.reason, updated_at: at })
      .where("id", "=", old.id)
      .where("status", "=", old.status)
      .executeTakeFirst();
    if (Number(left.numUpdatedRows) !== 1) throw new Rollback(conflict("delivery.enrolment.errors.notConfirmed"));
    const joined = await trx
      .updateTable("enrolments")
      .set({ status: into.to, replaces_enrolment_id: old.id, confirmed_at: at, confirmed_by: actor.userId, updated_at: at })
      .where("id", "=", fresh.id)
      .where("status", "=", fresh.status)
      .executeTakeFirst();
    if (Number(joined.numUpdatedRows) !== 1) throw new Rollback(conflict("delivery.enrolment.errors.replacementNotOffered"));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "enrolment.replace",
      recordType: "enrolment",
      recordId: old.id,
      before: { status: old.status, ...auditPerson(old), replacement: { id: fresh.id, status: fresh.status } },
      after: { status: out.to, contractId: contract.id, demandId: old.demandId, reason: input.reason, replacement: { id: fresh.id, status: into.to, ...auditPerson(fresh) } },
    });
    return ok({ enrolmentId: old.id, replacementId: fresh.id });
  });
}
