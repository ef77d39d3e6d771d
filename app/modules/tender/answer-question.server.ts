import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";

/**
 * A bureau officer answers an institution's question; the answer is public, without the asker
 * (DESIGN.md "Tender and lots"). A question is answered once: compare-and-set on "not yet
 * answered", so two officers answering at once get a conflict, not two answers.
 */
export async function answerQuestion(
  db: DB,
  actor: Actor,
  input: { tenderId: string; questionId: string; answer: string },
): Promise<Result<{ questionId: string }>> {
  if (!can(actor, "tender.answer")) return forbiddenResult;
  const answer = input.answer.trim();
  if (!answer) return invalid({ answer: ["common.form.required"] });
  const t = clockNow().toISOString();
  return db.transaction().execute(async (trx) => {
    const q = await trx
      .selectFrom("tender_questions as q")
      .innerJoin("tenders as t", "t.id", "q.tender_id")
      .select(["q.id", "q.answered_at", "t.status"])
      .where("q.id", "=", input.questionId)
      .where("q.tender_id", "=", input.tenderId)
      .executeTakeFirst();
    if (!q) return notFoundResult;
    if (q.answered_at !== null) return conflict("tender.questions.alreadyAnswered");
    if (q.status === "draft" || q.status === "cancelled") return conflict("tender.errors.notEditable");
    const r = await trx
      .updateTable("tender_questions")
      .set({ answer, answered_at: t, answered_by: actor.userId })
      .where("id", "=", q.id)
      .where("answered_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return conflict("tender.questions.alreadyAnswered");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "tender.question.answer",
      recordType: "tender_question",
      recordId: q.id,
      before: { answered: false },
      after: { answered: true, answer },
    });
    return ok({ questionId: q.id });
  });
}
