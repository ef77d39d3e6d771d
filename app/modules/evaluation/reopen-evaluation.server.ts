import type { Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { applyEvent } from "~/utils/lifecycle";
import { findLotFacts, lotParams } from "./lot-context.server";

/**
 * Sends a lot back to evaluation after an upheld objection (DESIGN.md "Upheld → … the lot goes
 * back to evaluation"): a new round (evaluation_round + 1) with the lot's active panel kept;
 * members declare and score afresh, while earlier rounds' declarations, scores and reports stay
 * as they were. Runs inside the caller's transaction (the objection's answer) and throws when
 * the lot cannot go back (LOT_LIFECYCLE `startEvaluation` from `award_published`), so that the
 * caller's whole transaction rolls back.
 */
export async function reopenEvaluation(
  trx: Transaction<Schema>,
  lotId: string,
  by: { userId: string | null; orgId: string | null },
  at: string,
): Promise<void> {
  const lot = await findLotFacts(trx, lotId);
  if (!lot) throw new Error(`reopenEvaluation: lot ${lotId} not found`);
  const step = applyEvent(LOT_LIFECYCLE, lot.status, "startEvaluation");
  if (!step.ok || lot.round < 1) throw new Error(`reopenEvaluation: lot ${lotId} cannot go back to evaluation from ${lot.status}`);
  const round = lot.round + 1;
  const r = await trx
    .updateTable("lots")
    .set({ status: step.to, evaluation_round: round, updated_at: at })
    .where("id", "=", lotId)
    .where("status", "=", lot.status)
    .where("evaluation_round", "=", lot.round)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error(`reopenEvaluation: lot ${lotId} changed under us`);
  await appendAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "lot.reopenEvaluation",
    recordType: "lot",
    recordId: lotId,
    before: { status: lot.status, round: lot.round },
    after: { status: step.to, round },
  });
  await notify(trx, {
    organisationId: await bureauOrganisationId(trx),
    kind: "evaluationReopened",
    params: { ...lotParams(lot), round },
    link: `/panel/lots/${lotId}`,
    at,
  });
  await syncTenderStatus(trx, lot.tenderId, by, at);
}
