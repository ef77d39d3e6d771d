import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { loadWorkingDayCalendar } from "~/modules/reference/calendar.server";
import { loadRules } from "~/modules/reference/rules.server";
import { now as clockNow } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { allocateTenderReference } from "./allocate-reference.server";
import { TENDER_LIFECYCLE } from "./lifecycle";
import { checkPublication, problemsBySection } from "./publication-check";
import { isDemandAvailable } from "./lot-edits";
import { candidateOf, findRemainingBudget, findTenderState } from "./tender-state.server";
import { Rollback, inTransaction, nextVersion } from "./transaction.server";

/**
 * A bureau officer publishes a draft tender (DESIGN.md "Tender and lots"). Refused with every
 * reason of the publication check, changing nothing. Otherwise, in one transaction: the status
 * moves draft → published by compare-and-set on the status and version the officer saw, the
 * tender draws its reference (ZJ-<year>-NNNN), each lot's headcount is its demand's, every demand
 * moves pooled → tendered (DEMAND_LIFECYCLE) by compare-and-set, and everything is audited.
 */
export async function publishTender(
  db: DB,
  actor: Actor,
  input: { tenderId: string; version: string },
): Promise<Result<{ reference: string }>> {
  if (!can(actor, "tender.manage")) return forbiddenResult;
  const at = clockNow();
  const t = at.toISOString();
  return inTransaction(db, async (trx) => {
    const s = await findTenderState(trx, input.tenderId);
    if (!s) return notFoundResult;
    if (s.updatedAt !== input.version) return conflict("tender.errors.stale");
    const step = applyEvent(TENDER_LIFECYCLE, s.status, "publish");
    if (!step.ok) return conflict("tender.errors.notDraft");
    const rules = await loadRules(trx, s.regime);
    const calendar = await loadWorkingDayCalendar(trx);
    const budget = await findRemainingBudget(trx, s.year, s.id);
    const problems = checkPublication(candidateOf(s, budget?.remainingFen ?? 0), rules, calendar, at);
    if (problems.length > 0) return invalid(problemsBySection(problems) as Record<string, string[]>);

    const updated = await trx
      .updateTable("tenders")
      .set({ status: step.to, published_at: t, updated_at: nextVersion(s.updatedAt, at) })
      .where("id", "=", s.id)
      .where("status", "=", s.status)
      .where("updated_at", "=", s.updatedAt)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("tender.errors.stale");
    const reference = await allocateTenderReference(trx, s.year);
    await trx.updateTable("tenders").set({ reference }).where("id", "=", s.id).execute();

    const tendered: string[] = [];
    for (const lot of s.lots.filter((l) => l.status !== "cancelled")) {
      const demands = lot.demands.filter((d) => isDemandAvailable(d.status, "draft"));
      const headcount = demands.reduce((n, d) => n + d.headcount, 0);
      if (headcount !== lot.headcount) {
        await trx.updateTable("lots").set({ headcount, updated_at: t }).where("id", "=", lot.id).execute();
      }
      for (const d of demands) {
        const move = applyEvent(DEMAND_LIFECYCLE, d.status, "tender");
        if (!move.ok) throw new Rollback(conflict("tender.errors.stale"));
        const r = await trx
          .updateTable("demands")
          .set({ status: move.to, tender_id: s.id, lot_id: lot.id, updated_at: t })
          .where("id", "=", d.id)
          .where("status", "=", d.status)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict("tender.errors.stale"));
        await appendAudit(trx, {
          actorUserId: actor.userId,
          actorOrgId: actor.orgId,
          action: "demand.tender",
          recordType: "demand",
          recordId: d.id,
          before: { status: d.status },
          after: { status: move.to, tenderId: s.id, reference, lot: lot.number },
        });
        tendered.push(d.id);
      }
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "tender.publish",
      recordType: "tender",
      recordId: s.id,
      before: { status: s.status },
      after: {
        status: step.to,
        reference,
        bidDeadline: s.bidDeadline,
        budgetFen: candidateOf(s, 0).budgetFen,
        demands: tendered,
      },
    });
    return ok({ reference });
  });
}
