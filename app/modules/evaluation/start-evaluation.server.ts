import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { rulesFromRows } from "~/modules/reference/procurement-rules";
import { LOT_LIFECYCLE } from "~/modules/tender/lifecycle";
import { problemMessage } from "~/modules/tender/publication-check";
import { releaseLotDemand } from "~/modules/tender/release-lot-demand.server";
import { syncTenderStatus } from "~/modules/tender/sync-tender-status.server";
import { inTransaction, Rollback } from "~/modules/tender/transaction.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, msg, notFoundResult, ok, type Result } from "~/utils/result";
import { findLotFacts, lotParams } from "./lot-context.server";
import { panelCompositionProblems } from "./panel";

export type StartOutcome = { outcome: "evaluating"; round: number; panelSize: number } | { outcome: "unsuccessful"; validBids: number; minValidBids: number };

/**
 * Starts a lot's evaluation once compliance is done (DESIGN.md "Opening, evaluation, award"):
 * every bid that counted at opening must be decided valid or rejected. With fewer valid bids than
 * the tender's and the rules' minimum (政府采购法 art. 36) the lot fails and its demand returns
 * to the pool; otherwise the lot goes to evaluation, round 1, with the tender's active panel
 * copied onto the lot (87号令 art. 47) and the panel told.
 */
export async function startEvaluation(db: DB, actor: Actor, lotId: string): Promise<Result<StartOutcome>> {
  if (!can(actor, "lot.evaluate")) return forbiddenResult;
  return inTransaction<StartOutcome>(db, async (trx) => {
    const lot = await findLotFacts(trx, lotId);
    if (!lot) return notFoundResult;
    if (lot.status !== "opened") return conflict("evaluation.errors.notOpened");
    const at = now().toISOString();
    const by = { userId: actor.userId, orgId: actor.orgId };

    const bids = await trx.selectFrom("bids").select(["status", "rejection_reason"]).where("lot_id", "=", lotId).execute();
    // Bids that counted at opening: those not rejected by the opening itself.
    const counted = bids.filter((b) => ["submitted", "valid", "rejected"].includes(b.status) && !b.rejection_reason?.startsWith("opening."));
    const undecided = counted.filter((b) => b.status === "submitted").length;
    if (undecided > 0) return conflict(msg("evaluation.errors.undecided", { count: undecided }));
    const valid = counted.filter((b) => b.status === "valid").length;

    const rules = rulesFromRows(await trx.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", lot.regime).execute());
    const minValidBids = Math.max(lot.minValidBids, rules.min_valid_bids.value);

    if (valid < minValidBids) {
      const step = applyEvent(LOT_LIFECYCLE, lot.status, "fail");
      if (!step.ok) return conflict("common.errors.body409");
      const r = await trx.updateTable("lots").set({ status: step.to, updated_at: at }).where("id", "=", lotId).where("status", "=", lot.status).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return conflict("common.errors.body409");
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "lot.fail",
        recordType: "lot",
        recordId: lotId,
        before: { status: lot.status },
        after: { status: step.to, reason: "tooFewValidBids", validBids: valid, minValidBids },
      });
      await releaseLotDemand(trx, lotId, by, at);
      await syncTenderStatus(trx, lot.tenderId, by, at);
      return ok({ outcome: "unsuccessful" as const, validBids: valid, minValidBids });
    }

    const panel = await trx
      .selectFrom("tender_panel_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("user_roles as r", (j) => j.onRef("r.user_id", "=", "u.id").on("r.role", "=", "evaluator"))
      .select(["m.user_id", "m.kind"])
      .where("m.tender_id", "=", lot.tenderId)
      .where("m.status", "=", "active")
      .where("u.status", "=", "active")
      .execute();
    const problems = panelCompositionProblems(panel, rules);
    if (problems.length > 0) return conflict(problemMessage(problems[0]!));

    const step = applyEvent(LOT_LIFECYCLE, lot.status, "startEvaluation");
    if (!step.ok) return conflict("common.errors.body409");
    const round = 1;
    const claimed = await trx
      .updateTable("lots")
      .set({ status: step.to, evaluation_round: round, updated_at: at })
      .where("id", "=", lotId)
      .where("status", "=", lot.status)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return conflict("common.errors.body409");
    const existing = await trx.selectFrom("lot_panel_members").select("user_id").where("lot_id", "=", lotId).executeTakeFirst();
    if (existing) throw new Rollback(conflict("common.errors.body409"));
    await trx
      .insertInto("lot_panel_members")
      .values(
        panel.map((m) => ({
          lot_id: lotId,
          user_id: m.user_id,
          kind: m.kind,
          status: "active" as const,
          replaces_user_id: null,
          added_by: actor.userId,
          added_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "lot.startEvaluation",
      recordType: "lot",
      recordId: lotId,
      before: { status: lot.status, round: lot.round },
      after: { status: step.to, round, panel: panel.map((m) => ({ userId: m.user_id, kind: m.kind })) },
    });
    await notify(trx, { organisationId: await bureauOrganisationId(trx), kind: "panelInvited", params: lotParams(lot), link: `/panel/lots/${lotId}`, at });
    await syncTenderStatus(trx, lot.tenderId, by, at);
    return ok({ outcome: "evaluating" as const, round, panelSize: panel.length });
  });
}
