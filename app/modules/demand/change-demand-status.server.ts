import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now, nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, invalid, ok, type Result } from "~/utils/result";
import { findOccupationLevels, loadDemandFor } from "./demand-access.server";
import { DEMAND_LIFECYCLE, type DemandStatus } from "./lifecycle";
import { needsReason, occupationErrors, submissionErrors, type EnterpriseEvent, type ReviewEvent } from "./schemas";

const ACTION_OF = {
  submit: "demand.edit",
  withdraw: "demand.edit",
  accept: "demand.review",
  return: "demand.review",
  reject: "demand.review",
} as const;

/**
 * One status change of one demand: the enterprise submits (or resubmits after a return) or
 * withdraws it (any time before it is tendered); the bureau accepts it into the pool, returns it
 * or rejects it, with a reason the enterprise sees. Load → authorise → lifecycle → one
 * transaction with a compare-and-set on the status the user saw, and one audit entry.
 */
export async function changeDemandStatus(
  db: DB,
  actor: Actor,
  input: { demandId: string; event: EnterpriseEvent | ReviewEvent; expectedStatus: DemandStatus; reason?: string },
): Promise<Result<{ status: DemandStatus }>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, ACTION_OF[input.event]);
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  const reason = needsReason(input.event) ? (input.reason?.trim() ?? "") : "";
  if (needsReason(input.event) && reason === "") return invalid({ reason: ["demand.review.reasonRequired"] });
  if (demand.status !== input.expectedStatus) return conflict("common.errors.body409");
  const step = applyEvent(DEMAND_LIFECYCLE, demand.status, input.event);
  if (!step.ok) return conflict("demand.errors.notAllowedNow");
  if (input.event === "submit") {
    // The content is checked again: the catalogue or the date may have moved since it was saved.
    const occupation = await findOccupationLevels(db, demand.occupation_code);
    const errors = {
      ...occupationErrors({ level: Number(demand.level) }, occupation),
      ...submissionErrors({ earliestStart: demand.earliest_start }, shanghaiDate(now())),
    };
    if (Object.keys(errors).length > 0) return invalid(errors, Object.values(errors).flat());
  }

  return db.transaction().execute(async (trx) => {
    const t = nowIso();
    const statusReason = needsReason(input.event) ? reason : null;
    const updated = await trx
      .updateTable("demands")
      .set({
        status: step.to,
        status_reason: statusReason,
        updated_at: t,
        ...(input.event === "submit" ? { submitted_at: t } : {}),
      })
      .where("id", "=", demand.id)
      .where("status", "=", demand.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `demand.${input.event}`,
      recordType: "demand",
      recordId: demand.id,
      before: { status: demand.status, reason: demand.status_reason },
      after: { status: step.to, reason: statusReason },
    });
    return ok({ status: step.to });
  });
}
