import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, notFoundForStranger, requireCan } from "~/auth/guards.server";
import { declareInterest } from "~/modules/evaluation/declare-interest.server";
import { declarationSchema, scoreFormSchema } from "~/modules/evaluation/panel";
import { findPanelWork } from "~/modules/evaluation/queries.server";
import { saveScores } from "~/modules/evaluation/save-scores.server";
import { submitScores } from "~/modules/evaluation/submit-scores.server";
import { formatFen } from "~/modules/reference/money";
import { levelName } from "~/modules/tender/labels";
import { statusOf, type Failure } from "~/utils/result";
import evaluationStyles from "~/ui/components/evaluation-styles.css?url";
import { BidContentFacts, MemberScores, PastPerformanceText, RankingTable } from "~/ui/components/evaluation-views";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: evaluationStyles }];

export const meta: MetaFunction = () => [{ title: "评标 Panel · SkillTender" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "panel.serve");
  const work = await findPanelWork(context.db, actor, params.lotId ?? "");
  if (!work.ok) return notFoundForStranger(context, actor, "panel.serve", { type: "lot", id: params.lotId ?? "" });
  return work.value;
}

function failed(form: "declare" | "scores", reply: SubmissionResult<string[]>, r: Failure) {
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  return data({ form, reply }, { status: statusOf(r) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "panel.serve");
  const lotId = params.lotId ?? "";
  const formData = await request.formData();
  const back = (notice: string) => redirect(`/panel/lots/${lotId}?notice=${notice}`);
  const errorsOf = (r: Failure) => ({
    fieldErrors: r.kind === "validation" ? r.fieldErrors : {},
    formErrors: r.kind === "validation" ? (r.formErrors ?? []) : r.kind === "conflict" ? [r.message] : [],
  });

  if (formData.get("intent") === "declare") {
    const submission = parseWithZod(formData, { schema: declarationSchema });
    if (submission.status !== "success") return data({ form: "declare" as const, reply: submission.reply() }, { status: 400 });
    const v = submission.value;
    const r = await declareInterest(context.db, actor, { lotId, round: v.round, hasConflict: v.decision === "conflict", note: v.note });
    if (!r.ok) return failed("declare", submission.reply(errorsOf(r)), r);
    return back(r.value.conflicted ? "evaluation.notices.conflictDeclared" : "evaluation.notices.declared");
  }

  const work = await findPanelWork(context.db, actor, lotId);
  if (!work.ok) notFound();
  const schema = scoreFormSchema(work.value.criteria, work.value.bids?.map((b) => b.bidId) ?? []);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ form: "scores" as const, reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  const saved = await saveScores(context.db, actor, { lotId, round: v.round, entries: v.entries });
  if (!saved.ok) return failed("scores", submission.reply(errorsOf(saved)), saved);
  if (v.intent === "save") return back("evaluation.notices.saved");
  const submitted = await submitScores(context.db, actor, { lotId, round: v.round });
  if (!submitted.ok) return failed("scores", submission.reply(errorsOf(submitted)), submitted);
  return back(submitted.value.complete ? "evaluation.notices.complete" : "evaluation.notices.submitted");
}

type Work = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = SubmissionResult<string[]> | undefined;

export default function PanelLot() {
  const { t, i18n } = useTranslation();
  const w = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyFor = (form: "declare" | "scores"): Reply => (actionData && actionData.form === form ? (actionData.reply as Reply) : undefined);
  const lang = i18n.language;
  const { lot } = w;
  return (
    <>
      <p className="no-print">
        <Link to="/panel">{t("evaluation.lot.backToPanel")}</Link>
      </p>
      <h1>{t("evaluation.lot.heading", { reference: lot.reference, n: lot.lotNumber })}</h1>
      <p className="tender-meta">
        {lot.tenderTitle} ·{" "}
        {t("evaluation.lot.facts", { occupation: lang === "en" ? lot.occupationEn : lot.occupationZh, level: levelName(lot.level, lang), headcount: lot.headcount })}
        <span className="muted"> · {t("evaluation.lot.round", { round: w.round })}</span>{" "}
        <span className="badge">{t(`evaluation.work.stages.${w.stage}`)}</span>
      </p>
      {w.earlierRounds.length > 0 ? (
        <p>
          {t("evaluation.score.earlier")}:{" "}
          {w.earlierRounds.map((r, i) => (
            <span key={r}>
              {i > 0 ? " · " : null}
              <Link to={`/bureau/lots/${lot.lotId}/report?round=${r}`}>{t("evaluation.report.roundLink", { round: r })}</Link>
            </span>
          ))}
        </p>
      ) : null}

      {w.stage === "conflicted" ? <p className="warning">{t("evaluation.declare.conflictedNotice")}</p> : null}
      {w.stage === "closed" ? <p className="muted">{t("evaluation.declare.closedNotice")}</p> : null}
      {w.stage === "toDeclare" ? <DeclarationSection w={w} reply={replyFor("declare")} /> : null}
      {w.stage === "toScore" ? <ScoringForm w={w} reply={replyFor("scores")} /> : null}
      {w.stage === "submitted" ? <SubmittedScores w={w} /> : null}
      {w.stage === "complete" && w.report ? (
        <section aria-labelledby="complete-heading">
          <h2 id="complete-heading">{t("evaluation.ranking.heading")}</h2>
          <p className="notice">{t("evaluation.score.completeNotice")}</p>
          <RankingTable ranking={w.report.ranking} round={w.report.round} reportLink={`/bureau/lots/${lot.lotId}/report?round=${w.report.round}`} />
          <h2>{t("evaluation.score.allScores")}</h2>
          <MemberScores report={w.report} criteria={w.criteria} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}

function DeclarationSection({ w, reply }: { w: Work; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "declare",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declarationSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section aria-labelledby="declare-heading" className="card">
      <h2 id="declare-heading">{t("evaluation.declare.heading")}</h2>
      <p>{t("evaluation.declare.intro")}</p>
      <table>
        <caption className="visually-hidden">{t("evaluation.declare.biddersCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("evaluation.ranking.bidder")}</th>
          </tr>
        </thead>
        <tbody>
          {w.bidders.map((b) => (
            <tr key={b.bidId}>
              <td>{b.institutionName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="declare" />
        <input type="hidden" name="round" value={w.round} />
        <fieldset className="field">
          <legend>{t("evaluation.declare.decision")}</legend>
          {(["noConflict", "conflict"] as const).map((v) => (
            <label key={v} className="choice-line">
              <input type="radio" name={fields.decision.name} value={v} defaultChecked={fields.decision.initialValue === v} />{" "}
              {t(`evaluation.declare.${v}`)}
            </label>
          ))}
          <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.note.id}>{t("evaluation.declare.note")}</label>
          <textarea {...getTextareaProps(fields.note)} key={fields.note.key} rows={3} maxLength={1000} />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <div className="actions">
          <button type="submit">{t("evaluation.declare.button")}</button>
        </div>
      </Form>
    </section>
  );
}

function BidFacts({ bid }: { bid: NonNullable<Work["bids"]>[number] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <dl className="facts">
        <dt>{t("evaluation.score.price")}</dt>
        <dd>{formatFen(bid.priceFen, i18n.language)}</dd>
        <dt>{t("evaluation.score.priceScore")}</dt>
        <dd>{bid.priceScore.toFixed(2)}</dd>
        <dt>{t("evaluation.score.capacity")}</dt>
        <dd>{bid.capacity}</dd>
        <dt>{t("evaluation.score.submittedAt")}</dt>
        <dd>{formatInstant(bid.submittedAt)}</dd>
        <dt>{t("evaluation.score.past")}</dt>
        <dd>
          <PastPerformanceText record={bid.pastPerformance} />
        </dd>
      </dl>
      <details>
        <summary>{t("evaluation.compliance.content")}</summary>
        <BidContentFacts content={bid.content} />
      </details>
    </>
  );
}

function ScoringForm({ w, reply }: { w: Work; reply: Reply }) {
  const { t } = useTranslation();
  const bids = w.bids ?? [];
  const schema = scoreFormSchema(
    w.criteria,
    bids.map((b) => b.bidId),
  );
  const [form, fields] = useForm({
    id: "scores",
    lastResult: reply,
    defaultValue: {
      round: String(w.round),
      entries: bids.flatMap((b) => b.myScores.map((s) => ({ bidId: b.bidId, criterionId: s.criterionId, score: s.score, comment: s.comment }))),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  const entries = fields.entries.getFieldList();
  const n = w.criteria.length;
  return (
    <section aria-labelledby="scores-heading">
      <h2 id="scores-heading">{t("evaluation.score.heading")}</h2>
      <p className="muted">{t("evaluation.score.intro")}</p>
      <p>
        <strong>{t("evaluation.score.progress", { submitted: w.progress.submitted, active: w.progress.active })}</strong>
      </p>
      <Form method="post" {...getFormProps(form)} className="stack score-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="round" value={w.round} />
        {bids.map((b, bi) => (
          <article key={b.bidId} className="bid-section" aria-labelledby={`bid-${b.bidId}`}>
            <h3 id={`bid-${b.bidId}`}>{t("evaluation.score.bidHeading", { name: b.institutionName })}</h3>
            <BidFacts bid={b} />
            {w.criteria.map((c, ci) => {
              const entry = entries[bi * n + ci];
              if (!entry) return null;
              const e = entry.getFieldset();
              const saved = b.myScores[ci]?.score !== "";
              return (
                <fieldset key={c.id} className="field">
                  <legend>
                    {t("evaluation.score.criterionLegend", { name: c.name, points: c.points })}
                    {!saved ? <span className="badge badge-warn"> {t("evaluation.score.notScored")}</span> : null}
                  </legend>
                  {c.description ? <p className="hint">{c.description}</p> : null}
                  <input type="hidden" name={e.bidId.name} value={b.bidId} />
                  <input type="hidden" name={e.criterionId.name} value={c.id} />
                  <div className="score-row">
                    <div className="field">
                      <label htmlFor={e.score.id}>{t("evaluation.score.scoreLabel", { points: c.points })}</label>
                      <input {...getInputProps(e.score, { type: "text" })} key={e.score.key} inputMode="decimal" size={6} autoComplete="off" />
                      <ErrorList id={e.score.errorId} errors={e.score.errors} />
                    </div>
                    <div className="field">
                      <label htmlFor={e.comment.id}>{t("evaluation.score.commentLabel")}</label>
                      <textarea {...getTextareaProps(e.comment)} key={e.comment.key} rows={2} maxLength={2000} />
                      <ErrorList id={e.comment.errorId} errors={e.comment.errors} />
                    </div>
                  </div>
                </fieldset>
              );
            })}
          </article>
        ))}
        <p className="muted">{t("evaluation.score.submitHint")}</p>
        <div className="actions">
          <button type="submit" name="intent" value="save" className="secondary">
            {t("evaluation.score.save")}
          </button>
          <button type="submit" name="intent" value="submit">
            {t("evaluation.score.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function SubmittedScores({ w }: { w: Work }) {
  const { t } = useTranslation();
  const bids = w.bids ?? [];
  return (
    <section aria-labelledby="submitted-heading">
      <h2 id="submitted-heading">{t("evaluation.score.yourScores")}</h2>
      <p className="notice">{t("evaluation.score.submittedNotice", { at: formatInstant(w.submittedAt) })}</p>
      <p>
        <strong>{t("evaluation.score.progress", { submitted: w.progress.submitted, active: w.progress.active })}</strong>
      </p>
      {bids.map((b) => (
        <article key={b.bidId} className="bid-section" aria-labelledby={`bid-${b.bidId}`}>
          <h3 id={`bid-${b.bidId}`}>{b.institutionName}</h3>
          <BidFacts bid={b} />
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("evaluation.score.yourScores")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("evaluation.report.criterion")}</th>
                  <th scope="col" className="num">
                    {t("evaluation.report.score")}
                  </th>
                  <th scope="col">{t("evaluation.report.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {w.criteria.map((c, ci) => (
                  <tr key={c.id}>
                    <th scope="row">{t("evaluation.score.criterionLegend", { name: c.name, points: c.points })}</th>
                    <td className="num">{b.myScores[ci]?.score ?? ""}</td>
                    <td className="prewrap">{b.myScores[ci]?.comment ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      ))}
    </section>
  );
}
