import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { recordDeniedAccess } from "~/modules/audit/record-denied-access.server";
import { now, nowIso } from "~/utils/clock.server";
import { conflict, notFoundResult, ok, type Result } from "~/utils/result";
import { ROSTER_IMPORT_TTL_MS } from "./check-roster-import.server";
import { loadDemandFor } from "./demand-access.server";
import { isRosterEditable, type GoodRosterRow } from "./roster";
import { addRowsToRoster } from "./roster-store.server";
import { inTransaction, Rollback } from "./transaction.server";

/**
 * Step two of a roster import, on the enterprise's explicit choice: import the good rows kept
 * from a checked file, once. An import of another demand or enterprise, one already used, or one
 * older than an hour is "not found". The rows are cleared once used.
 */
export async function applyRosterImport(
  db: DB,
  actor: Actor,
  input: { demandId: string; importId: string },
): Promise<Result<{ count: number }>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, "trainee.manage");
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  const staged = await db.selectFrom("roster_imports").selectAll().where("id", "=", input.importId).executeTakeFirst();
  if (!staged) return notFoundResult;
  if (staged.enterprise_id !== actor.orgId || staged.demand_id !== demand.id) {
    if (staged.enterprise_id !== actor.orgId) await recordDeniedAccess(db, actor, "trainee.manage", { type: "roster_import", id: staged.id });
    return notFoundResult;
  }
  const expired = Date.parse(staged.created_at) < now().getTime() - ROSTER_IMPORT_TTL_MS;
  if (staged.consumed_at !== null || expired) return notFoundResult;
  if (!isRosterEditable(demand.status)) return conflict("demand.roster.closed");
  const rows = JSON.parse(staged.rows_json) as GoodRosterRow[];

  return inTransaction(db, async (trx) => {
    const used = await trx
      .updateTable("roster_imports")
      .set({ consumed_at: nowIso(), rows_json: "[]" })
      .where("id", "=", staged.id)
      .where("consumed_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new Rollback(notFoundResult);
    const { reused } = await addRowsToRoster(trx, demand, rows, { userId: actor.userId, orgId: actor.orgId });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "roster.import",
      recordType: "demand",
      recordId: demand.id,
      after: { count: rows.length, reused, rows: Number(staged.total_count), badRows: Number(staged.bad_count), goodRowsOnly: true },
    });
    return ok({ count: rows.length });
  });
}
