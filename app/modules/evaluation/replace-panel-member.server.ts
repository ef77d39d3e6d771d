import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { rulesFromRows } from "~/modules/reference/procurement-rules";
import { problemMessage } from "~/modules/tender/publication-check";
import { inTransaction, Rollback } from "~/modules/tender/transaction.server";
import { now } from "~/utils/clock.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Failure, type Result } from "~/utils/result";
import { findLotFacts, listLotPanel, lockEvaluatingLot, lotParams } from "./lot-context.server";
import { panelAfterReplacement, panelCompositionProblems, type PanelKind } from "./panel";

/**
 * The officer names a replacement for a member who declared a conflict of interest (87号令
 * art. 47: the panel must stay lawfully constituted). The newcomer is an active bureau user with
 * the evaluator role who has never sat on this lot's panel; the panel it leaves must satisfy the
 * rules (size, odd number, share of experts) — members with a conflict not yet replaced count as
 * their own kind, each to be replaced in turn. The newcomer declares and scores the current round.
 */
export async function replacePanelMember(
  db: DB,
  actor: Actor,
  input: { lotId: string; replacesUserId: string; userId: string; kind: PanelKind },
): Promise<Result<null>> {
  if (!can(actor, "lot.evaluate")) return forbiddenResult;
  return inTransaction(db, async (trx) => {
    const before = await findLotFacts(trx, input.lotId);
    if (!before) return notFoundResult;
    const at = now().toISOString();
    const locked = await lockEvaluatingLot(trx, input.lotId, before.round, at);
    if (locked) return locked;
    const fail = (f: Failure): never => {
      throw new Rollback(f);
    };
    const lot = (await findLotFacts(trx, input.lotId)) ?? fail(notFoundResult);
    const report = await trx.selectFrom("evaluation_reports").select("round").where("lot_id", "=", lot.lotId).where("round", "=", lot.round).executeTakeFirst();
    if (report) fail(conflict("evaluation.errors.roundComplete"));

    const panel = await listLotPanel(trx, lot.lotId);
    const replaced = panel.find((m) => m.userId === input.replacesUserId);
    if (!replaced || replaced.status !== "conflicted" || replaced.replaced) fail(conflict("evaluation.errors.notReplaceable"));
    if (panel.some((m) => m.userId === input.userId)) fail(invalid({ userId: ["evaluation.errors.alreadyOnPanel"] }));
    const candidate = await trx
      .selectFrom("users as u")
      .innerJoin("organisations as o", "o.id", "u.organisation_id")
      .innerJoin("user_roles as r", (j) => j.onRef("r.user_id", "=", "u.id").on("r.role", "=", "evaluator"))
      .select(["u.id", "u.name"])
      .where("u.id", "=", input.userId)
      .where("u.status", "=", "active")
      .where("o.kind", "=", "bureau")
      .executeTakeFirst();
    if (!candidate) fail(invalid({ userId: ["evaluation.errors.notEvaluator"] }));

    const rules = rulesFromRows(await trx.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", lot.regime).execute());
    const after = panelAfterReplacement(panel, input.replacesUserId, { userId: input.userId, kind: input.kind });
    const problems = panelCompositionProblems(after, rules);
    if (problems.length > 0) fail(invalid({ kind: problems.map(problemMessage) }));

    await trx
      .insertInto("lot_panel_members")
      .values({
        lot_id: lot.lotId,
        user_id: input.userId,
        kind: input.kind,
        status: "active",
        replaces_user_id: input.replacesUserId,
        added_by: actor.userId,
        added_at: at,
        updated_at: at,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "panel.replace",
      recordType: "lot",
      recordId: lot.lotId,
      before: { userId: input.replacesUserId, kind: replaced!.kind, seat: "conflicted" },
      after: { round: lot.round, userId: input.userId, kind: input.kind },
    });
    await notify(trx, { organisationId: await bureauOrganisationId(trx), kind: "panelInvited", params: lotParams(lot), link: `/panel/lots/${lot.lotId}`, at });
    return ok(null);
  });
}
