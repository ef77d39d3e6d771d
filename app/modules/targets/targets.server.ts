import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { nowIso } from "~/utils/clock.server";
import { forbiddenResult, ok, type Result } from "~/utils/result";
import { targetsFor, type TargetsInput, type YearTargets } from "./targets";

/** A year's targets: the bureau's, or the policy's defaults when it set none. */
export async function findTargets(db: DB, year: number): Promise<YearTargets> {
  const row = await db
    .selectFrom("yearly_targets")
    .select(["trained_min", "high_skilled_min", "high_skilled_share_pct", "budget_fen", "updated_at"])
    .where("year", "=", year)
    .executeTakeFirst();
  return targetsFor(year, row);
}

/**
 * A bureau admin sets a year's targets (DESIGN.md "Users and roles": admins manage targets):
 * the year's row is written or replaced, with the audit entry in the same transaction. Saving
 * what is already there changes nothing and writes no entry.
 */
export async function setTargets(db: DB, actor: Actor, input: TargetsInput): Promise<Result<{ changed: boolean }>> {
  if (!can(actor, "targets.manage")) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("yearly_targets").selectAll().where("year", "=", input.year).executeTakeFirst();
    const values = {
      trained_min: input.trainedMin,
      high_skilled_min: input.highSkilledMin,
      high_skilled_share_pct: input.highSkilledSharePct,
      budget_fen: input.budget,
    };
    const same =
      before &&
      Number(before.trained_min) === values.trained_min &&
      Number(before.high_skilled_min) === values.high_skilled_min &&
      Number(before.high_skilled_share_pct) === values.high_skilled_share_pct &&
      Number(before.budget_fen) === values.budget_fen;
    if (same) return ok({ changed: false });
    const at = nowIso();
    if (before) {
      await trx.updateTable("yearly_targets").set({ ...values, updated_at: at }).where("year", "=", input.year).execute();
    } else {
      await trx.insertInto("yearly_targets").values({ year: input.year, ...values, updated_at: at }).execute();
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "targets.update",
      recordType: "yearly_target",
      recordId: String(input.year),
      before: before
        ? { trainedMin: Number(before.trained_min), highSkilledMin: Number(before.high_skilled_min), highSkilledSharePct: Number(before.high_skilled_share_pct), budgetFen: Number(before.budget_fen) }
        : undefined,
      after: { trainedMin: values.trained_min, highSkilledMin: values.high_skilled_min, highSkilledSharePct: values.high_skilled_share_pct, budgetFen: values.budget_fen },
    });
    return ok({ changed: true });
  });
}
