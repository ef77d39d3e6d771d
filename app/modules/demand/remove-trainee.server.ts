import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { withdrawOffersOfRemovedTrainee } from "~/modules/delivery/offer-trainees.server";
import { nowIso } from "~/utils/clock.server";
import { conflict, notFoundResult, ok, type Result } from "~/utils/result";
import { loadDemandFor } from "./demand-access.server";
import { isRosterEditable } from "./roster";
import { auditTrainee, lockDemand } from "./roster-store.server";
import { inTransaction, Rollback } from "./transaction.server";

/**
 * The enterprise takes a trainee off a demand's roster while it may change. A trainee confirmed
 * in a cohort from this demand stays (DESIGN.md "Contract and delivery"); an open offer of them
 * lapses. The trainee stays the enterprise's own (other demands may name them).
 */
export async function removeTrainee(db: DB, actor: Actor, input: { demandId: string; traineeId: string }): Promise<Result<{ removed: true }>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, "trainee.manage");
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  if (!isRosterEditable(demand.status)) return conflict("demand.roster.closed");
  return inTransaction(db, async (trx) => {
    await lockDemand(trx, demand);
    const trainee = await trx
      .selectFrom("demand_trainees")
      .innerJoin("trainees", "trainees.id", "demand_trainees.trainee_id")
      .select(["trainees.id", "trainees.id_number"])
      .where("demand_trainees.demand_id", "=", demand.id)
      .where("demand_trainees.trainee_id", "=", input.traineeId)
      .executeTakeFirst();
    if (!trainee) throw new Rollback(notFoundResult);
    const by = { userId: actor.userId, orgId: actor.orgId };
    if (!(await withdrawOffersOfRemovedTrainee(trx, demand.id, trainee.id, { by, at: nowIso() }))) {
      throw new Rollback(conflict("delivery.enrolment.errors.confirmedOnRoster"));
    }
    await trx.deleteFrom("demand_trainees").where("demand_id", "=", demand.id).where("trainee_id", "=", trainee.id).execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "roster.remove",
      recordType: "demand",
      recordId: demand.id,
      before: auditTrainee({ idNumber: trainee.id_number }),
    });
    return ok({ removed: true as const });
  });
}
