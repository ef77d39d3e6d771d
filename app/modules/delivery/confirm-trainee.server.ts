import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { lockDemandRow } from "./offer-trainees.server";
import { auditPerson, checkIdentity, demandPlaces, enrolmentTransaction, findEnrolment, isOnRoster, lockPerson, personTaken, Rollback } from "./cohort-store.server";
import { loadForRecord, lockActiveContract } from "./contract-access.server";
import { ENROLMENT_LIFECYCLE } from "./lifecycle";

/**
 * The institution confirms an offered trainee into its cohort (DESIGN.md "Contract and
 * delivery"): the identity number must pass its check (GB 11643-1999), the person may be
 * confirmed in no other cohort (one active cohort per trainee; the partial unique index is the
 * last line of defence), and no more of a demand's trainees are confirmed than the award's
 * headcount for that demand. Audited with the identity number masked.
 */
export async function confirmTrainee(db: DB, actor: Actor, input: { contractId: string; enrolmentId: string }): Promise<Result<{ enrolmentId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const e = await findEnrolment(db, contract.id, input.enrolmentId);
  if (!e) return notFoundResult;
  const step = applyEvent(ENROLMENT_LIFECYCLE, e.status, "confirm");
  if (!step.ok) return conflict(e.status === "confirmed" ? "delivery.enrolment.errors.alreadyConfirmed" : "delivery.enrolment.errors.notOffered");
  const t = now();
  const identity = checkIdentity(e.idNumber, t);
  if (identity) return identity;
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contract.id))) throw new Rollback(conflict("delivery.errors.notActive"));
    await lockDemandRow(trx, e.demandId);
    await lockPerson(trx, e.idNumber);
    if (!(await isOnRoster(trx, e.demandId, e.traineeId))) throw new Rollback(conflict("delivery.enrolment.errors.notOnRoster"));
    const taken = await personTaken(trx, e.idNumber, contract.id);
    if (taken) throw new Rollback(taken);
    const places = await demandPlaces(trx, contract, e.demandId);
    if (places.confirmed >= places.headcount) throw new Rollback(conflict(msg("delivery.enrolment.errors.headcountFull", { headcount: places.headcount })));
    const at = t.toISOString();
    const r = await trx
      .updateTable("enrolments")
      .set({ status: step.to, confirmed_at: at, confirmed_by: actor.userId, updated_at: at })
      .where("id", "=", e.id)
      .where("status", "=", e.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict("delivery.enrolment.errors.alreadyConfirmed"));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "enrolment.confirm",
      recordType: "enrolment",
      recordId: e.id,
      before: { status: e.status },
      after: { status: step.to, contractId: contract.id, demandId: e.demandId, ...auditPerson(e), confirmedOfDemand: places.confirmed + 1, headcount: places.headcount },
    });
    return ok({ enrolmentId: e.id });
  });
}
