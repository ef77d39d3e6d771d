import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";

/**
 * A member of a verified institution asks a question on a published tender, before its deadline
 * (DESIGN.md "Tender and lots"). The asker is kept for the bureau and the audit log, never shown
 * publicly.
 */
export async function askQuestion(
  db: DB,
  actor: Actor,
  input: { reference: string; question: string },
): Promise<Result<{ questionId: string }>> {
  if (!can(actor, "tender.ask")) return forbiddenResult;
  const question = input.question.trim();
  if (!question) return invalid({ question: ["common.form.required"] });
  const at = clockNow();
  return db.transaction().execute(async (trx) => {
    const tender = await trx
      .selectFrom("tenders")
      .select(["id", "status", "bid_deadline"])
      .where("reference", "=", input.reference)
      .executeTakeFirst();
    if (!tender) return notFoundResult;
    // Checked against the server's clock inside the transaction that writes.
    if (tender.status !== "published" || !tender.bid_deadline || Date.parse(tender.bid_deadline) <= at.getTime()) {
      return conflict("tender.questions.closed");
    }
    const id = newId();
    await trx
      .insertInto("tender_questions")
      .values({
        id,
        tender_id: tender.id,
        asked_by_org_id: actor.orgId,
        asked_by_user_id: actor.userId,
        question,
        asked_at: at.toISOString(),
        answer: null,
        answered_at: null,
        answered_by: null,
      })
      .execute();
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "tender.question.ask",
      recordType: "tender_question",
      recordId: id,
      after: { tenderId: tender.id, question },
    });
    return ok({ questionId: id });
  });
}
