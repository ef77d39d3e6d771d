import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { now } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { lockLot, lotParams, OPENED_BID_STATUSES, rulesAndCalendar } from "./lot-context.server";
import { groundsProblem, isObjectionWindowOpen, periodEnd } from "./periods";

/**
 * A bidder of the lot lodges an objection (质疑) to its published result (政府采购法 art. 52;
 * DESIGN.md "Opening, evaluation, award, objections"): only an institution whose bid was opened
 * on the lot, only while the result is published and up to the objection deadline — checked
 * against the clock inside the write transaction, so one millisecond late is refused — with
 * grounds of 10–4000 characters, one pending objection per institution per lot. The answer is
 * due within the rules' objection_answer_max; the bureau is told.
 */
export async function lodgeObjection(
  db: DB,
  actor: Actor,
  input: { lotId: string; awardId?: string | null; grounds: string },
): Promise<Result<{ objectionId: string; answerDueAt: string }>> {
  if (!can(actor, "objection.lodge", { organisationId: actor.orgId })) return forbiddenResult;
  const problem = groundsProblem(input.grounds);
  if (problem) return invalid({ grounds: [problem] });
  const grounds = input.grounds.trim();
  const awardId = input.awardId?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, input.lotId);
    if (!lot) return notFoundResult;
    // Only a bidder of the lot may object; to anyone else the lot's objections do not exist.
    const bid = await trx
      .selectFrom("bids")
      .select("id")
      .where("lot_id", "=", lot.id)
      .where("institution_id", "=", actor.orgId)
      .where("status", "in", [...OPENED_BID_STATUSES])
      .executeTakeFirst();
    if (!bid) return notFoundResult;
    if (lot.status !== "award_published") return conflict("award.objections.errors.notPublished");
    const published = await trx
      .selectFrom("awards")
      .select(["id", "objection_deadline"])
      .where("lot_id", "=", lot.id)
      .where("status", "=", "published")
      .execute();
    const deadline = published.map((a) => a.objection_deadline).filter((d): d is string => d !== null).sort().at(-1);
    if (!deadline) return conflict("award.objections.errors.notPublished");
    const t = now();
    if (!isObjectionWindowOpen(t, deadline)) return conflict("award.objections.errors.windowClosed");
    if (awardId && !published.some((a) => a.id === awardId)) return invalid({ awardId: ["award.objections.errors.unknownAward"] });
    const pending = await trx
      .selectFrom("objections")
      .select("id")
      .where("lot_id", "=", lot.id)
      .where("institution_id", "=", actor.orgId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (pending) return conflict("award.objections.errors.alreadyPending");

    const at = t.toISOString();
    const { rules, calendar } = await rulesAndCalendar(trx, lot.regime);
    const answerDueAt = periodEnd(t, rules.objection_answer_max, calendar).toISOString();
    const id = newId();
    await trx
      .insertInto("objections")
      .values({
        id,
        lot_id: lot.id,
        award_id: awardId,
        institution_id: actor.orgId,
        lodged_by: actor.userId,
        grounds,
        lodged_at: at,
        answer_due_at: answerDueAt,
        status: "pending",
        outcome: null,
        answer: null,
        answered_at: null,
        answered_by: null,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "objection.lodge",
      recordType: "objection",
      recordId: id,
      before: null,
      after: { status: "pending", lotId: lot.id, awardId, answerDueAt, objectionDeadline: deadline },
    });
    await notify(trx, {
      organisationId: await bureauOrganisationId(trx),
      kind: "objectionLodged",
      params: lotParams(lot),
      link: `/bureau/lots/${lot.id}/award`,
      at,
    });
    return ok({ objectionId: id, answerDueAt });
  });
}
