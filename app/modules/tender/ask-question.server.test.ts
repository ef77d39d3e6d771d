import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { answerQuestion } from "./answer-question.server";
import { askQuestion } from "./ask-question.server";
import { publishTender } from "./publish-tender.server";
import { findPublicTender, listOwnQuestions, listPublicQuestions } from "./queries.server";
import { DEADLINE, makeWorld, readyDraft, setNow, versionOf, type World } from "./test-fixtures.server";

async function publishedTender(w: World) {
  const id = await readyDraft(w);
  const r = await publishTender(w.db, w.officer, { tenderId: id, version: await versionOf(w.db, id) });
  if (!r.ok) throw new Error("setup");
  return { id, reference: r.value.reference };
}

describe("questions and answers", () => {
  it("an institution asks, the bureau answers, and the public sees both but never who asked", async () => {
    const w = await makeWorld();
    const { id, reference } = await publishedTender(w);
    const asked = await askQuestion(w.db, w.institution, { reference, question: "第1标段是否允许联合体投标？" });
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    // Not public until answered; the asker sees its own question.
    expect(await listPublicQuestions(w.db, id)).toEqual([]);
    expect(await listOwnQuestions(w.db, id, w.institution.orgId)).toMatchObject([{ question: "第1标段是否允许联合体投标？", answered: false }]);
    const other = await makeActor(w.db, { kind: "institution" });
    expect(await listOwnQuestions(w.db, id, other.orgId)).toEqual([]);

    expect(await answerQuestion(w.db, w.officer, { tenderId: id, questionId: asked.value.questionId, answer: "不接受联合体投标。" })).toEqual({
      ok: true,
      value: { questionId: asked.value.questionId },
    });
    const pub = await listPublicQuestions(w.db, id);
    expect(pub).toEqual([
      { id: asked.value.questionId, question: "第1标段是否允许联合体投标？", askedAt: "2026-12-01T02:00:00.000Z", answer: "不接受联合体投标。", answeredAt: "2026-12-01T02:00:00.000Z" },
    ]);
    const notice = JSON.stringify(await findPublicTender(w.db, reference));
    for (const secret of [w.institution.userId, w.institution.orgId, w.institution.orgName, w.institution.email, "测试用户"]) {
      expect(notice).not.toContain(secret);
    }
    expect(notice).toContain("不接受联合体投标。");
  });

  it("answers once: a second answer is a conflict", async () => {
    const w = await makeWorld();
    const { id, reference } = await publishedTender(w);
    const asked = await askQuestion(w.db, w.institution, { reference, question: "问题？" });
    if (!asked.ok) throw new Error("setup");
    expect((await answerQuestion(w.db, w.officer, { tenderId: id, questionId: asked.value.questionId, answer: "答复一" })).ok).toBe(true);
    expect(await answerQuestion(w.db, w.officer, { tenderId: id, questionId: asked.value.questionId, answer: "答复二" })).toEqual({
      ok: false,
      kind: "conflict",
      message: "tender.questions.alreadyAnswered",
    });
  });

  it("only verified institutions ask, only before the deadline, only on a published tender", async () => {
    const w = await makeWorld();
    const { reference } = await publishedTender(w);
    const pending = await makeActor(w.db, { kind: "institution", status: "pending" });
    for (const actor of [w.enterprise, pending, w.officer]) {
      expect(await askQuestion(w.db, actor, { reference, question: "问题？" })).toEqual({ ok: false, kind: "forbidden" });
    }
    expect(await askQuestion(w.db, w.institution, { reference: "ZJ-2026-0099", question: "问题？" })).toEqual({ ok: false, kind: "notFound" });
    setNow(DEADLINE);
    expect(await askQuestion(w.db, w.institution, { reference, question: "迟到的问题？" })).toEqual({ ok: false, kind: "conflict", message: "tender.questions.closed" });
    expect(await w.db.selectFrom("tender_questions").select("id").execute()).toEqual([]);
  });

  it("only the bureau's officers answer", async () => {
    const w = await makeWorld();
    const { id, reference } = await publishedTender(w);
    const asked = await askQuestion(w.db, w.institution, { reference, question: "问题？" });
    if (!asked.ok) throw new Error("setup");
    for (const actor of [w.institution, w.admin, w.evaluators[0]!]) {
      expect(await answerQuestion(w.db, actor, { tenderId: id, questionId: asked.value.questionId, answer: "答复" })).toEqual({ ok: false, kind: "forbidden" });
    }
  });
});
