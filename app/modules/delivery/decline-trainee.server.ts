import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, notFoundResult, ok, type Result } from "~/utils/result";
import { auditPerson, enrolmentTransaction, findEnrolment, Rollback } from "./cohort-store.server";
import { loadForRecord, lockActiveContract } from "./contract-access.server";
import { ENROLMENT_LIFECYCLE } from "./lifecycle";

/** The institution declines an offered trainee, with its reason (kept on the enrolment, audited). */
export async function declineTrainee(db: DB, actor: Actor, input: { contractId: string; enrolmentId: string; reason: string }): Promise<Result<{ enrolmentId: string }>> {
  const loaded = await loadForRecord(db, actor, input.contractId);
  if (!loaded.ok) return loaded;
  const contract = loaded.contract;
  const e = await findEnrolment(db, contract.id, input.enrolmentId);
  if (!e) return notFoundResult;
  const step = applyEvent(ENROLMENT_LIFECYCLE, e.status, "decline");
  if (!step.ok) return conflict("delivery.enrolment.errors.notOffered");
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contract.id))) throw new Rollback(conflict("delivery.errors.notActive"));
    const at = nowIso();
    const r = await trx
      .updateTable("enrolments")
      .set({ status: step.to, status_reason: input.reason, updated_at: at })
      .where("id", "=", e.id)
      .where("status", "=", e.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict("delivery.enrolment.errors.notOffered"));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "enrolment.decline",
      recordType: "enrolment",
      recordId: e.id,
      before: { status: e.status },
      after: { status: step.to, contractId: contract.id, demandId: e.demandId, ...auditPerson(e), reason: input.reason },
    });
    return ok({ enrolmentId: e.id });
  });
}
