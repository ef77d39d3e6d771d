import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now, nowIso } from "~/utils/clock.server";
import { forbiddenResult, invalid, msg, ok, type Result } from "~/utils/result";
import { editableYears } from "./workforce";

/** The current year on the Shanghai calendar. */
export function currentYear(): number {
  return Number(shanghaiDate(now()).slice(0, 4));
}

/**
 * An enterprise reports (or corrects) its workforce for the current or the previous year:
 * skilled workers and, of them, high-skilled (DESIGN.md "Targets and progress"). Audited with
 * the figures before and after; an unchanged report writes nothing.
 */
export async function reportWorkforce(
  db: DB,
  actor: Actor,
  input: { year: number; skilledWorkers: number; highSkilledWorkers: number },
): Promise<Result<{ changed: boolean }>> {
  if (!can(actor, "workforce.report", { organisationId: actor.orgId })) return forbiddenResult;
  const years = editableYears(currentYear());
  if (!years.includes(input.year)) return invalid({ year: [msg("demand.workforce.yearClosed", { from: Math.min(...years), to: Math.max(...years) })] });
  if (input.highSkilledWorkers > input.skilledWorkers) return invalid({ highSkilledWorkers: ["demand.workforce.highAboveSkilled"] });
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("workforce_reports")
      .select(["skilled_workers", "high_skilled_workers"])
      .where("enterprise_id", "=", actor.orgId)
      .where("year", "=", input.year)
      .executeTakeFirst();
    const previous = before
      ? { skilledWorkers: Number(before.skilled_workers), highSkilledWorkers: Number(before.high_skilled_workers) }
      : null;
    if (previous && previous.skilledWorkers === input.skilledWorkers && previous.highSkilledWorkers === input.highSkilledWorkers) {
      return ok({ changed: false });
    }
    const t = nowIso();
    await trx
      .insertInto("workforce_reports")
      .values({
        enterprise_id: actor.orgId,
        year: input.year,
        skilled_workers: input.skilledWorkers,
        high_skilled_workers: input.highSkilledWorkers,
        updated_at: t,
      })
      .onConflict((oc) =>
        oc.columns(["enterprise_id", "year"]).doUpdateSet({
          skilled_workers: input.skilledWorkers,
          high_skilled_workers: input.highSkilledWorkers,
          updated_at: t,
        }),
      )
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "workforce.report",
      recordType: "workforce_report",
      recordId: `${actor.orgId}:${input.year}`,
      before: previous ? { year: input.year, ...previous } : null,
      after: { year: input.year, skilledWorkers: input.skilledWorkers, highSkilledWorkers: input.highSkilledWorkers },
    });
    return ok({ changed: true });
  });
}
