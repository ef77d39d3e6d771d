import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { answerObjection } from "~/modules/award/answer-objection.server";
import { AwardsTable, AwardStatusBadge, PeriodText } from "~/modules/award/award-views";
import { closeObjections, settleDueObjectionWindows } from "~/modules/award/close-objections.server";
import { confirmRanking } from "~/modules/award/confirm-ranking.server";
import { publishResult } from "~/modules/award/publish-result.server";
import { findAwardPage, type ObjectionView } from "~/modules/award/queries.server";
import { awardActionSchema, type answerSchema, type AwardIntent } from "~/modules/award/schemas";
import { lapseOverdueContracts } from "~/modules/contract/lapse-contracts.server";
import { formatFen } from "~/modules/reference/money";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { AWARD_TABLES, awardExport } from "~/ui/export/lot-exports.server";
import { formatInstant } from "~/ui/format";
import { statusOf, type Failure } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "定标 Award · SkillTender" }];

/**
 * The officer's award page of a lot (DESIGN.md "Opening, evaluation, award, objections"):
 * the panel's ranking and the proposed split → confirm; the proposal → publish, with the latest
 * day the rules allow; the published result and its windows; objections and their answers; close
 * the window; the awards and their contracts. Bureau staff who may read the report see it; only
 * officers act. Everyone else: not found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (actor.orgKind !== "bureau") notFound();
  if (!can(actor, "evaluation.viewReport")) throw forbidden();
  const lotId = params.lotId ?? "";
  // Time-triggered changes happen on first access (like the opening at the deadline).
  await lapseOverdueContracts(context.db);
  await settleDueObjectionWindows(context.db, { lotId });
  const page = await findAwardPage(context.db, actor, lotId);
  if (!page.ok) notFound();
  // The awards (with their contracts) and the ranking as files.
  const format = exportAsked(request);
  if (format) throw await awardExport(format, exportTableOf(request, AWARD_TABLES), page.value);
  return page.value;
}

const NOTICE: Record<AwardIntent, string> = {
  confirm: "award.notices.confirmed",
  publish: "award.notices.published",
  close: "award.notices.closed",
  answer: "award.notices.answered",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (actor.orgKind !== "bureau") notFound();
  const lotId = params.lotId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: awardActionSchema });
  const payload = submission.payload as Record<string, unknown>;
  const to = { intent: String(payload.intent ?? ""), target: String(payload.objectionId ?? "") };
  if (submission.status !== "success") return data({ ...to, reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  let result: { ok: true; notice: string } | Failure;
  if (v.intent === "confirm") {
    const r = await confirmRanking(context.db, actor, { lotId, round: v.round });
    result = r.ok ? { ok: true, notice: r.value.outcome === "failed" ? "award.notices.failed" : NOTICE.confirm } : r;
  } else if (v.intent === "publish") {
    const r = await publishResult(context.db, actor, lotId);
    result = r.ok ? { ok: true, notice: r.value.late ? "award.notices.publishedLate" : NOTICE.publish } : r;
  } else if (v.intent === "close") {
    const r = await closeObjections(context.db, actor, lotId);
    result = r.ok ? { ok: true, notice: NOTICE.close } : r;
  } else {
    const r = await answerObjection(context.db, actor, { objectionId: v.objectionId, decision: v.decision, outcome: v.outcome ?? null, answer: v.answer });
    result = r.ok ? { ok: true, notice: `award.notices.effect.${r.value.effect}` } : r;
  }
  if (result.ok) return redirect(`/bureau/lots/${lotId}/award?notice=${result.notice}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (result.formErrors ?? []) : result.kind === "conflict" ? [result.message] : [];
  return data({ ...to, reply: submission.reply({ fieldErrors, formErrors }) }, { status: statusOf(result) });
}

type Reply = SubmissionResult<string[]> | undefined;

function useReply(intent: AwardIntent, target = ""): Reply {
  const a = useActionData<typeof action>();
  return a && a.intent === intent && a.target === target ? (a.reply as Reply) : undefined;
}

/** A one-button form (confirm, publish, close) with its refusal shown beside it. */
function ButtonForm({ intent, label, hidden, danger }: { intent: Exclude<AwardIntent, "answer">; label: string; hidden?: Record<string, string | number>; danger?: boolean }) {
  const reply = useReply(intent);
  const [form] = useForm({ id: `form-${intent}`, lastResult: reply });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="actions">
        <button type="submit" name="intent" value={intent} className={danger ? "danger" : undefined}>
          {label}
        </button>
      </div>
    </Form>
  );
}

function AnswerForm({ objection }: { objection: ObjectionView }) {
  const { t } = useTranslation();
  const reply = useReply("answer", objection.id);
  const [form, fields] = useForm<z.input<typeof answerSchema>>({ id: `answer-${objection.id}`, lastResult: reply, shouldValidate: "onSubmit" });
  const legend = (id: string) => `${id}-${objection.id}`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby={`answer-heading-${objection.id}`}>
      <h4 id={`answer-heading-${objection.id}`}>{t("award.objections.answerForm.title")}</h4>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="objectionId" value={objection.id} />
      <fieldset aria-describedby={fields.decision.errorId}>
        <legend id={legend("decision")}>{t("award.objections.answerForm.decision")}</legend>
        <div className="choices">
          {(["dismissed", "upheld"] as const).map((d) => (
            <label key={d}>
              <input type="radio" name={fields.decision.name} value={d} defaultChecked={fields.decision.initialValue === d} />
              {t(`award.objections.statuses.${d}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
      </fieldset>
      <fieldset aria-describedby={`${fields.outcome.errorId} outcome-hint-${objection.id}`}>
        <legend>{t("award.objections.answerForm.outcome")}</legend>
        <p className="hint" id={`outcome-hint-${objection.id}`}>
          {t("award.objections.answerForm.outcomeHint")}
        </p>
        <div className="choices choices-column">
          {(["reevaluate", "next_ranked"] as const).map((o) => (
            <label key={o}>
              <input type="radio" name={fields.outcome.name} value={o} defaultChecked={fields.outcome.initialValue === o} disabled={o === "next_ranked" && !objection.awardId} />
              {t(`award.objections.outcomes.${o}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.outcome.errorId} errors={fields.outcome.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.answer.id}>{t("award.objections.answerForm.answer")}</label>
        <textarea {...getTextareaProps(fields.answer)} key={fields.answer.key} rows={5} maxLength={4000} />
        <ErrorList id={fields.answer.errorId} errors={fields.answer.errors} />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="answer">
          {t("award.objections.answerForm.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function AwardPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const d = useLoaderData<typeof loader>();
  const { lot } = d;
  const level = SKILL_LEVELS.find((l) => l.level === lot.level);
  const proposed = d.awards.filter((a) => a.status === "proposed");
  const published = d.awards.filter((a) => a.status === "published");
  const pendingObjections = d.objections.filter((o) => o.status === "pending").length;
  // Inside the lot's frame (/bureau/lots/:lotId) the heading, facts and way back are the frame's.
  const inFrame = useMatches().some((m) => m.id === "routes/bureau.lots.$lotId");

  return (
    <>
      {inFrame ? null : (
        <>
          <p className="no-print">
            <Link to={`/bureau/tenders/${lot.tenderId}`}>{t("award.backToTender")}</Link>
          </p>
          <h1>
            {t("award.title")} · {lot.reference} {t("award.lotNumber", { number: lot.number })}
          </h1>
        </>
      )}
      {inFrame ? null : (
        <dl className="facts card">
          <dt>{t("award.facts.tender")}</dt>
          <dd>{lot.tenderTitle}</dd>
          <dt>{t("award.facts.occupation")}</dt>
          <dd>
            {lot.occupationCode} {en ? lot.occupationEn : lot.occupationZh} · {en ? level?.nameEn : level?.nameZh}
          </dd>
          <dt>{t("award.facts.headcount")}</dt>
          <dd>{lot.headcount}</dd>
          <dt>{t("award.facts.status")}</dt>
          <dd>{t(`tender.lotStatus.${lot.status}`)}</dd>
          <dt>{t("award.facts.round")}</dt>
          <dd>{lot.round}</dd>
        </dl>
      )}

      <section aria-labelledby="rules-heading" className="card">
        <h2 id="rules-heading">{t("award.rules.title")}</h2>
        <dl className="facts">
          <dt>{t("award.rules.publication")}</dt>
          <dd>
            <PeriodText rule={d.rules.publication} />
          </dd>
          <dt>{t("award.rules.publicity")}</dt>
          <dd>
            <PeriodText rule={d.rules.publicity} />
          </dd>
          <dt>{t("award.rules.objection")}</dt>
          <dd>
            <PeriodText rule={d.rules.objection} />
          </dd>
          <dt>{t("award.rules.answer")}</dt>
          <dd>
            <PeriodText rule={d.rules.answer} />
          </dd>
          <dt>{t("award.rules.signing")}</dt>
          <dd>
            <PeriodText rule={d.rules.signing} />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">{t("award.ranking.title", { round: lot.round })}</h2>
        {d.report ? (
          <>
            <p className="muted">
              {t("award.ranking.createdAt", { time: formatInstant(d.report.createdAt) })}
              {d.report.confirmedAt ? ` · ${t("award.ranking.confirmedAt", { time: formatInstant(d.report.confirmedAt) })}` : ""}
            </p>
            <ExportLinks table="ranking" label={t("award.ranking.caption")} />
            <div className="table-scroll">
              <table>
                <caption>{t("award.ranking.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("award.table.rank")}
                    </th>
                    <th scope="col">{t("award.table.institution")}</th>
                    <th scope="col" className="num">
                      {t("award.table.price")}
                    </th>
                    <th scope="col" className="num">
                      {t("award.table.capacity")}
                    </th>
                    <th scope="col">{t("award.ranking.inRunning")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.report.ranking.map((r) => (
                    <tr key={r.bidId}>
                      <td className="num">{r.rank}</td>
                      <th scope="row">{r.institutionName}</th>
                      <td className="num">{formatFen(r.priceFen, i18n.language)}</td>
                      <td className="num">{r.capacity}</td>
                      <td>{r.excluded ? t("award.ranking.excluded") : t("common.yes")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.report.ranking.length === 0 ? <p className="warning">{t("award.ranking.empty")}</p> : null}
          </>
        ) : (
          <p>{t("award.ranking.none")}</p>
        )}
      </section>

      {lot.status === "evaluating" && d.report && !d.report.confirmedAt ? (
        <section aria-labelledby="preview-heading" className="card">
          <h2 id="preview-heading">{t("award.preview.title")}</h2>
          <p>{t("award.preview.intro")}</p>
          {d.preview.length > 0 ? (
            <AwardsTable awards={d.preview.map((a) => ({ ...a, id: a.bidId }))} caption={t("award.preview.caption")} showDemands />
          ) : (
            <p className="warning">{t("award.preview.none")}</p>
          )}
          {d.previewUncovered > 0 ? <p className="warning">{t("award.preview.uncovered", { count: d.previewUncovered })}</p> : null}
          {d.can.manage ? (
            <ButtonForm intent="confirm" label={d.preview.length > 0 ? t("award.preview.confirm") : t("award.preview.confirmFail")} hidden={{ round: lot.round }} danger={d.preview.length === 0} />
          ) : null}
        </section>
      ) : null}

      {lot.status === "award_pending" && proposed.length > 0 ? (
        <section aria-labelledby="proposal-heading" className="card">
          <h2 id="proposal-heading">{t("award.proposal.title")}</h2>
          <AwardsTable awards={proposed} caption={t("award.proposal.caption")} showDemands />
          {d.publication ? (
            <p className={d.publication.late ? "warning" : undefined} role={d.publication.late ? "note" : undefined}>
              {t(d.publication.late ? "award.proposal.late" : "award.proposal.latest", { time: formatInstant(d.publication.latestAt) })}
            </p>
          ) : null}
          {d.can.manage ? <ButtonForm intent="publish" label={t("award.proposal.publish")} /> : null}
        </section>
      ) : null}

      {d.window ? (
        <section aria-labelledby="window-heading" className="card">
          <h2 id="window-heading">{t("award.window.title")}</h2>
          <AwardsTable awards={published} caption={t("award.window.caption")} showDemands />
          <dl className="facts">
            <dt>{t("award.public.publishedAt")}</dt>
            <dd>{formatInstant(published[0]?.publishedAt)}</dd>
            <dt>{t("award.public.publicityEnds")}</dt>
            <dd>{formatInstant(d.window.publicityEndsAt)}</dd>
            <dt>{t("award.public.objectionDeadline")}</dt>
            <dd>{formatInstant(d.window.objectionDeadline)}</dd>
          </dl>
          {d.window.open ? (
            <p>{t("award.window.open")}</p>
          ) : pendingObjections > 0 ? (
            <p className="warning">{t("award.window.blocked", { count: pendingObjections })}</p>
          ) : null}
          {d.can.manage && d.window.closable ? <ButtonForm intent="close" label={t("award.window.close")} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="objections-heading">
        <h2 id="objections-heading">{t("award.objections.title")}</h2>
        {d.objections.length === 0 ? (
          <p>{t("award.objections.none")}</p>
        ) : (
          d.objections.map((o) => (
            <article key={o.id} className="card" aria-labelledby={`objection-${o.id}`}>
              <h3 id={`objection-${o.id}`}>
                {o.institutionName} · <span className={o.status === "pending" ? "badge badge-warn" : "badge"}>{t(`award.objections.statuses.${o.status}`)}</span>
                {o.late ? (
                  <>
                    {" "}
                    <span className="badge badge-bad">{t("award.objections.late")}</span>
                  </>
                ) : null}
              </h3>
              <dl className="facts">
                <dt>{t("award.objections.concerns")}</dt>
                <dd>{o.awardInstitutionName ? t("award.objections.concernsAward", { institution: o.awardInstitutionName }) : t("award.objections.wholeResult")}</dd>
                <dt>{t("award.objections.lodgedAt")}</dt>
                <dd>{formatInstant(o.lodgedAt)}</dd>
                <dt>{t("award.objections.answerDue")}</dt>
                <dd>{formatInstant(o.answerDueAt)}</dd>
              </dl>
              <dl className="facts">
                <dt>{t("award.objections.grounds")}</dt>
                <dd className="prewrap">{o.grounds}</dd>
              </dl>
              {o.answer ? (
                <>
                  <dl className="facts">
                    <dt>{t("award.objections.answer")}</dt>
                    <dd className="prewrap">{o.answer}</dd>
                  </dl>
                  <p className="muted">
                    {t("award.objections.answeredAt", { time: formatInstant(o.answeredAt) })}
                    {o.outcome ? ` · ${t(`award.objections.outcomes.${o.outcome}`)}` : ""}
                  </p>
                </>
              ) : d.can.answer ? (
                <AnswerForm objection={o} />
              ) : null}
            </article>
          ))
        )}
      </section>

      <section aria-labelledby="awards-heading">
        <h2 id="awards-heading">{t("award.all.title")}</h2>
        {d.awards.length === 0 ? (
          <p>{t("award.all.none")}</p>
        ) : (
          <>
          <ExportLinks table="awards" label={t("award.all.caption")} />
          <div className="table-scroll">
            <table>
              <caption>{t("award.all.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("award.table.round")}
                  </th>
                  <th scope="col" className="num">
                    {t("award.table.rank")}
                  </th>
                  <th scope="col">{t("award.table.institution")}</th>
                  <th scope="col" className="num">
                    {t("award.table.headcount")}
                  </th>
                  <th scope="col" className="num">
                    {t("award.table.value")}
                  </th>
                  <th scope="col">{t("award.table.status")}</th>
                  <th scope="col">{t("award.table.contract")}</th>
                </tr>
              </thead>
              <tbody>
                {d.awards.map((a) => (
                  <tr key={a.id}>
                    <td className="num">{a.round}</td>
                    <td className="num">{a.rank}</td>
                    <th scope="row">
                      {a.institutionName}
                      {a.replacesAwardId ? <span className="muted"> · {t("award.all.replacement")}</span> : null}
                    </th>
                    <td className="num">{a.headcount}</td>
                    <td className="num">{formatFen(a.valueFen, i18n.language)}</td>
                    <td>
                      <AwardStatusBadge status={a.status} />
                    </td>
                    <td>
                      {a.contract ? (
                        <>
                          <Link to={`/contracts/${a.contract.id}`} className="mono">
                            {a.contract.reference}
                          </Link>{" "}
                          · {t(`award.contracts.statuses.${a.contract.status}`)}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          </>
        )}
      </section>
    </>
  );
}
