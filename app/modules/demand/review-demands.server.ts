import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, msg, ok, type Result } from "~/utils/result";
import { DEMAND_LIFECYCLE, type DemandStatus } from "./lifecycle";
import { BULK_MAX, demandRef, needsReason, type ReviewEvent } from "./schemas";
import { inTransaction, Rollback } from "./transaction.server";

/** The status every demand of a bulk review had on the officer's screen: only submitted demand is reviewed. */
const SEEN: DemandStatus = "submitted";

/**
 * The bureau accepts, returns or rejects several submitted demands at once, with one shared
 * reason. All or nothing: each goes through the lifecycle in one transaction; if any is no longer
 * submitted (someone acted first, the enterprise withdrew it), the whole action is refused with a
 * conflict naming those demands, and nothing changes. One audit entry per demand.
 */
export async function reviewDemands(
  db: DB,
  actor: Actor,
  input: { ids: string[]; event: ReviewEvent; reason?: string },
): Promise<Result<{ count: number; status: DemandStatus }>> {
  if (!can(actor, "demand.review")) return forbiddenResult;
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return invalid({ ids: ["demand.review.noneSelected"] });
  if (ids.length > BULK_MAX) return invalid({ ids: [msg("demand.review.tooMany", { max: BULK_MAX })] });
  const reason = needsReason(input.event) ? (input.reason?.trim() ?? "") : "";
  if (needsReason(input.event) && reason === "") return invalid({ reason: ["demand.review.reasonRequired"] });
  const step = applyEvent(DEMAND_LIFECYCLE, SEEN, input.event);
  if (!step.ok) return conflict("demand.errors.notAllowedNow");

  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom("demands")
      .innerJoin("organisations", "organisations.id", "demands.enterprise_id")
      .select(["demands.id", "demands.status", "demands.status_reason", "demands.submitted_at", "organisations.name as enterpriseName"])
      .where("demands.id", "in", ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const stale = ids.filter((id) => {
      const r = byId.get(id);
      return !r || r.submitted_at === null || r.status !== SEEN;
    });
    if (stale.length > 0) {
      const names = stale.map((id) => {
        const r = byId.get(id);
        return r && r.submitted_at !== null ? `${demandRef(id)} ${r.enterpriseName}` : demandRef(id);
      });
      return conflict(msg("demand.review.stale", { rows: names.join(", "), count: stale.length }));
    }
    const t = nowIso();
    const statusReason = needsReason(input.event) ? reason : null;
    for (const id of ids) {
      const before = byId.get(id);
      const updated = await trx
        .updateTable("demands")
        .set({ status: step.to, status_reason: statusReason, updated_at: t })
        .where("id", "=", id)
        .where("status", "=", SEEN)
        .executeTakeFirst();
      // Changed between the read and the write (PostgreSQL, another officer): undo all of it.
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new Rollback(conflict(msg("demand.review.stale", { rows: demandRef(id), count: 1 })));
      }
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: `demand.${input.event}`,
        recordType: "demand",
        recordId: id,
        before: { status: SEEN, reason: before?.status_reason ?? null },
        after: { status: step.to, reason: statusReason },
      });
    }
    return ok({ count: ids.length, status: step.to });
  });
}
