import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now, nowIso } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, invalid, msg, ok, type Result } from "~/utils/result";
import { contentOf, findOccupationLevels, loadDemandFor } from "./demand-access.server";
import { DEMAND_LIFECYCLE, isEditable, type DemandStatus } from "./lifecycle";
import { inTransaction, Rollback } from "./transaction.server";
import { occupationErrors, submissionErrors, type DemandInput } from "./schemas";

type Content = ReturnType<typeof contentOf>;

/** The fields whose value changed, before and after (an audit entry records only those). */
function changes(before: Content, after: Content): { before: Partial<Content>; after: Partial<Content> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof Content)[]) {
    if (before[k] !== after[k]) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b as Partial<Content>, after: a as Partial<Content> };
}

/**
 * The enterprise changes its demand's content, only while it is a draft or returned
 * (`isEditable`), and may submit it (again) in the same step. Compare-and-set on the status it
 * had when loaded; every change audited with the fields before and after.
 */
export async function editDemand(
  db: DB,
  actor: Actor,
  input: { demandId: string; fields: DemandInput; submit: boolean },
): Promise<Result<{ status: DemandStatus }>> {
  const loaded = await loadDemandFor(db, actor, input.demandId, "demand.edit");
  if (!loaded.ok) return loaded;
  const demand = loaded.demand;
  if (!isEditable(demand.status)) return conflict("demand.errors.notEditable");
  const f = input.fields;
  const occupation = await findOccupationLevels(db, f.occupationCode);
  const errors = {
    ...occupationErrors(f, occupation),
    ...(input.submit ? submissionErrors(f, shanghaiDate(now())) : {}),
  };
  if (Object.keys(errors).length > 0) return invalid(errors);

  const diff = changes(contentOf(demand), {
    occupationCode: f.occupationCode,
    level: f.level,
    headcount: f.headcount,
    earliestStart: f.earliestStart,
    latestEnd: f.latestEnd,
    place: f.place,
    notes: f.notes,
  });
  return inTransaction(db, async (trx) => {
    const t = nowIso();
    if (f.headcount < Number(demand.headcount)) {
      const { n } = await trx
        .selectFrom("demand_trainees")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("demand_id", "=", demand.id)
        .executeTakeFirstOrThrow();
      if (Number(n) > f.headcount) return invalid({ headcount: [msg("demand.form.headcountBelowRoster", { count: Number(n) })] });
    }
    if (Object.keys(diff.after).length > 0) {
      const updated = await trx
        .updateTable("demands")
        .set({
          occupation_code: f.occupationCode,
          level: f.level,
          headcount: f.headcount,
          earliest_start: f.earliestStart,
          latest_end: f.latestEnd,
          place: f.place,
          notes: f.notes,
          updated_at: t,
        })
        .where("id", "=", demand.id)
        .where("status", "=", demand.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return conflict("common.errors.body409");
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "demand.edit",
        recordType: "demand",
        recordId: demand.id,
        before: diff.before,
        after: diff.after,
      });
    }
    if (!input.submit) return ok({ status: demand.status });
    const step = applyEvent(DEMAND_LIFECYCLE, demand.status, "submit");
    if (!step.ok) throw new Rollback(conflict("demand.errors.notAllowedNow"));
    const moved = await trx
      .updateTable("demands")
      .set({ status: step.to, status_reason: null, submitted_at: t, updated_at: t })
      .where("id", "=", demand.id)
      .where("status", "=", demand.status)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new Rollback(conflict("common.errors.body409"));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "demand.submit",
      recordType: "demand",
      recordId: demand.id,
      before: { status: demand.status, reason: demand.status_reason },
      after: { status: step.to, reason: null },
    });
    return ok({ status: step.to });
  });
}
