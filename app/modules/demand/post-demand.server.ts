import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now, nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { applyEvent } from "~/utils/lifecycle";
import { forbiddenResult, invalid, ok, type Result } from "~/utils/result";
import { findOccupationLevels } from "./demand-access.server";
import { DEMAND_LIFECYCLE, type DemandStatus } from "./lifecycle";
import { occupationErrors, submissionErrors, type DemandInput } from "./schemas";

/**
 * An enterprise posts a demand (DESIGN.md "Demand"): saved as a draft, or at once submitted to
 * the bureau. The content must name an active occupation at a level its standard defines; a
 * submitted demand may not start in the past. One transaction: the row, its audit entry, and —
 * when submitted — the transition and its own audit entry.
 */
export async function postDemand(
  db: DB,
  actor: Actor,
  input: { fields: DemandInput; submit: boolean },
): Promise<Result<{ demandId: string; status: DemandStatus }>> {
  if (!can(actor, "demand.create", { organisationId: actor.orgId })) return forbiddenResult;
  const f = input.fields;
  const occupation = await findOccupationLevels(db, f.occupationCode);
  const errors = {
    ...occupationErrors(f, occupation),
    ...(input.submit ? submissionErrors(f, shanghaiDate(now())) : {}),
  };
  if (Object.keys(errors).length > 0) return invalid(errors);

  return db.transaction().execute(async (trx) => {
    const id = newId();
    const t = nowIso();
    await trx
      .insertInto("demands")
      .values({
        id,
        enterprise_id: actor.orgId,
        occupation_code: f.occupationCode,
        level: f.level,
        headcount: f.headcount,
        earliest_start: f.earliestStart,
        latest_end: f.latestEnd,
        place: f.place,
        notes: f.notes,
        status: "draft",
        status_reason: null,
        tender_id: null,
        lot_id: null,
        created_by: actor.userId,
        created_at: t,
        updated_at: t,
        submitted_at: null,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "demand.create",
      recordType: "demand",
      recordId: id,
      after: { status: "draft", ...f },
    });
    if (!input.submit) return ok({ demandId: id, status: "draft" as DemandStatus });
    const step = applyEvent(DEMAND_LIFECYCLE, "draft", "submit");
    if (!step.ok) throw new Error("the demand lifecycle no longer lets a draft be submitted");
    await trx.updateTable("demands").set({ status: step.to, submitted_at: t }).where("id", "=", id).where("status", "=", "draft").execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "demand.submit",
      recordType: "demand",
      recordId: id,
      before: { status: "draft", reason: null },
      after: { status: step.to, reason: null },
    });
    return ok({ demandId: id, status: step.to });
  });
}
