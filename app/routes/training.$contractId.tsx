import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { RATING_COMMENT_MAX, RATING_COMMENT_MIN, ratingSchema } from "~/modules/delivery/completion-schemas";
import { CertificateText, OutcomeText } from "~/modules/delivery/completion-views";
import { minutesAsHours, permilleText } from "~/modules/delivery/performance";
import { rateTraining } from "~/modules/delivery/rate-training.server";
import { findTrainingContract } from "~/modules/delivery/training-queries.server";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.contract.reference} · 培训进度 Training · SkillTender` : "培训进度 Training · SkillTender" },
];

/**
 * One contract as a covered enterprise follows it (DESIGN.md "Contract and delivery"): how far
 * its rosters fall short of the award, its own trainees' attendance, outcome and certificate
 * (identity numbers masked; no other enterprise's trainee), and its rating of the training once
 * all its trainees have a result. To any other enterprise the contract does not exist.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findTrainingContract(context.db, actor, params.contractId ?? "");
  if (!r.ok) notFound();
  return r.value;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.contractId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ratingSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = await rateTraining(context.db, actor, { contractId: id, score: submission.value.score, comment: submission.value.comment });
  if (r.ok) return redirect(`/training/${id}?notice=completion.rating.submitted#rating-heading`);
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  const fieldErrors = r.kind === "validation" ? r.fieldErrors : {};
  const formErrors = r.kind === "conflict" ? [r.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(r) });
}

export default function TrainingContract() {
  const { t, i18n } = useTranslation();
  const v = useLoaderData<typeof loader>();
  const en = i18n.language === "en";
  const c = v.contract;
  const level = SKILL_LEVELS.find((l) => l.level === c.lot.level);
  const short = v.demands.reduce((s, d) => s + d.rosterShortfall, 0);
  return (
    <article>
      <p className="no-print">
        <Link to="/training">{t("completion.training.back")}</Link>
      </p>
      <p className="notice-reference mono">{c.reference}</p>
      <h1>{t("completion.training.heading", { reference: c.reference })}</h1>
      <dl className="facts">
        <dt>{t("completion.training.institution")}</dt>
        <dd>{c.institution.name}</dd>
        <dt>{t("completion.training.lot")}</dt>
        <dd>
          <Link to={`/tenders/${c.tender.reference}`} className="mono">
            {c.tender.reference}
          </Link>{" "}
          · {t("award.lotNumber", { number: c.lot.number })} · {c.lot.occupationCode} {en ? c.lot.occupationEn : c.lot.occupationZh} · {en ? level?.nameEn : level?.nameZh}
        </dd>
        <dt>{t("award.contracts.window")}</dt>
        <dd>
          {c.lot.windowStart} – {c.lot.windowEnd}
        </dd>
        <dt>{t("completion.training.status")}</dt>
        <dd>{t(`award.contracts.statuses.${c.status}`)}</dd>
        <dt>{t("completion.training.sessions")}</dt>
        <dd>{t("completion.training.sessionsValue", { held: v.heldSessions, total: v.sessions, hours: minutesAsHours(v.plannedMinutes) })}</dd>
        {v.acceptedAt ? (
          <>
            <dt>{t("completion.training.acceptedOn")}</dt>
            <dd>{formatInstant(v.acceptedAt)}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="demands-heading">
        <h2 id="demands-heading">{t("completion.training.demandsCaption")}</h2>
        {short > 0 && c.status === "active" ? <p className="warning">{t("completion.training.shortNote", { count: short })}</p> : null}
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("completion.training.demandsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("completion.training.demand")}</th>
                <th scope="col" className="num">
                  {t("completion.training.awarded")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.roster")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.confirmed")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.rosterShort")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.cohortShort")}
                </th>
              </tr>
            </thead>
            <tbody>
              {v.demands.map((d, i) => (
                <tr key={d.demandId}>
                  <th scope="row">
                    <Link to={`/demands/${d.demandId}/roster`}>{t("completion.training.demandN", { n: i + 1 })}</Link>
                  </th>
                  <td className="num">{d.headcount}</td>
                  <td className="num">{d.rosterCount}</td>
                  <td className="num">{d.confirmed}</td>
                  <td className="num">{d.rosterShortfall}</td>
                  <td className="num">{d.cohortShortfall}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="trainees-heading">
        <h2 id="trainees-heading">{t("completion.training.traineesCaption")}</h2>
        {v.trainees.length === 0 ? (
          <p>{t("completion.training.noTrainees")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("completion.training.traineesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("completion.results.name")}</th>
                  <th scope="col">{t("completion.results.idNumber")}</th>
                  <th scope="col" className="num">
                    {t("completion.results.attendance")}
                  </th>
                  <th scope="col">{t("completion.results.outcome")}</th>
                  <th scope="col">{t("completion.results.certificate")}</th>
                </tr>
              </thead>
              <tbody>
                {v.trainees.map((r) => (
                  <tr key={r.enrolmentId}>
                    <th scope="row">{r.name}</th>
                    <td className="mono">{r.idNumberMasked}</td>
                    <td className="num">{permilleText(r.attendedPermille)}</td>
                    <td>
                      <OutcomeText status={r.status} progress={r.progress} reason={r.reason} />
                    </td>
                    <td>
                      <CertificateText number={r.certificateNumber} level={r.levelReached} date={r.certifiedOn} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rating-heading">
        <h2 id="rating-heading">{t("completion.rating.heading")}</h2>
        {v.rating ? (
          <dl className="facts">
            <dt>{t("completion.rating.yours")}</dt>
            <dd>{t("completion.rating.value", { score: v.rating.score })}</dd>
            <dt>{t("completion.rating.comment")}</dt>
            <dd className="prewrap">{v.rating.comment}</dd>
            <dt>{t("completion.rating.ratedAt")}</dt>
            <dd>{formatInstant(v.rating.ratedAt)}</dd>
          </dl>
        ) : v.mayRate ? (
          <RatingForm />
        ) : (
          <p className="muted">{v.readiness === "ready" ? t("completion.rating.notVerified") : t(`completion.rating.readiness.${v.readiness}`)}</p>
        )}
      </section>
    </article>
  );
}

function RatingForm() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "rate",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ratingSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack no-print">
      <p>{t("completion.rating.intro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="rate" />
      <fieldset aria-describedby={fields.score.errorId}>
        <legend>{t("completion.rating.score")}</legend>
        <div className="choices choices-column">
          {(["5", "4", "3", "2", "1"] as const).map((s) => (
            <label key={s}>
              <input type="radio" name={fields.score.name} value={s} defaultChecked={fields.score.initialValue === s} />
              {t(`completion.rating.scores.${s}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.score.errorId} errors={fields.score.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.comment.id}>{t("completion.rating.comment")}</label>
        <span className="hint" id={`${fields.comment.id}-hint`}>
          {t("completion.rating.commentHint", { min: RATING_COMMENT_MIN, max: RATING_COMMENT_MAX })}
        </span>
        <textarea {...getTextareaProps(fields.comment, { ariaDescribedBy: `${fields.comment.id}-hint` })} key={fields.comment.key} rows={5} maxLength={RATING_COMMENT_MAX} />
        <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>
      <div className="actions">
        <button type="submit">{t("completion.rating.submit")}</button>
      </div>
    </Form>
  );
}
