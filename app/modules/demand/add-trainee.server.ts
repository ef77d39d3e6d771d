import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { conflict, invalid, msg, ok, type Result } from "~/utils/result";
import { loadDemandFor } from "./demand-access.server";
import { isRosterEditable, type GoodRosterRow } from "./roster";
import { addRowsToRoster, auditTrainee, lockDemand, rosterIdNumbers } from "./roster-store.server";
import { inTransaction, Rollback } from "./transaction.server";

/**
 * The enterprise adds one checked trainee to a demand's roster (contracted demand included: the
 * newcomer is then offered to the active contracts covering it), never beyond its headcount and
 * never twice. Audited with the identity number masked.
 */
export async function addTrainee(
  db: DB,
  actor: Actor,
  input: { demandId: string; trainee: Omit<GoodRosterRow, "line"> },
): Promise<Result<{ count: number }>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, "trainee.manage");
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  if (!isRosterEditable(demand.status)) return conflict("demand.roster.closed");
  return inTransaction(db, async (trx) => {
    await lockDemand(trx, demand);
    const onRoster = await rosterIdNumbers(trx, demand.id);
    if (onRoster.has(input.trainee.idNumber)) throw new Rollback(invalid({ idNumber: ["demand.roster.alreadyOnRoster"] }));
    if (onRoster.size >= Number(demand.headcount)) {
      throw new Rollback(invalid({}, [msg("demand.roster.overHeadcount", { headcount: Number(demand.headcount) })]));
    }
    const { reused } = await addRowsToRoster(trx, demand, [input.trainee], { userId: actor.userId, orgId: actor.orgId });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "roster.add",
      recordType: "demand",
      recordId: demand.id,
      after: { ...auditTrainee(input.trainee), reused: reused > 0 },
    });
    return ok({ count: onRoster.size + 1 });
  });
}
