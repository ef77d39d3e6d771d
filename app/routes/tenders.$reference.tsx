import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findActor, forbidden, notFound, requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { formatFen } from "~/modules/reference/money";
import { listLotOpenings, openDueLots } from "~/modules/bidding/open-lot.server";
import { PublicResults } from "~/modules/award/award-views";
import { settleDueObjectionWindows } from "~/modules/award/close-objections.server";
import { listPublicResults } from "~/modules/award/queries.server";
import { lapseOverdueContracts } from "~/modules/contract/lapse-contracts.server";
import { PublicAcceptances } from "~/modules/delivery/completion-views";
import { askQuestion } from "~/modules/tender/ask-question.server";
import { formatShanghai, timeLeft } from "~/modules/tender/deadline";
import { findPublicTender, listOccupations, listOwnQuestions } from "~/modules/tender/queries.server";
import { isTenderReference } from "~/modules/tender/reference-number";
import { questionSchema } from "~/modules/tender/schemas";
import { DeadlineText, LotsTable, TenderStatusBadge } from "~/modules/tender/tender-views";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { OpeningRecords } from "~/ui/components/opening-record";
import { now as clockNow } from "~/utils/clock.server";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.tender.reference} ${data.tender.title} · SkillTender` : "招标公告 Tender · SkillTender" },
];

/**
 * The public notice of a tender (DESIGN.md "Interfaces": GET /tenders/{reference}). Signed out is
 * fine; a draft does not exist here for anyone. A verified institution's member may ask a question
 * before the deadline.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const reference = params.reference ?? "";
  if (!isTenderReference(reference)) notFound();
  let tender = await findPublicTender(context.db, reference);
  if (!tender) notFound();
  // DESIGN.md "Opening": a lot opens automatically on the first access after its deadline. This
  // is the one GET that writes, on purpose: idempotent, time-triggered, and the same for anyone.
  if (tender.status === "published" && tender.bidDeadline && Date.parse(tender.bidDeadline) <= clockNow().getTime()) {
    if ((await openDueLots(context.db, tender.id)) > 0) tender = (await findPublicTender(context.db, reference)) ?? tender;
  }
  // Likewise the objection window closes, and an unsigned contract lapses, on first access after its time.
  if (tender.status === "award_published" && (await settleDueObjectionWindows(context.db, { tenderId: tender.id })) > 0) {
    tender = (await findPublicTender(context.db, reference)) ?? tender;
  }
  await lapseOverdueContracts(context.db, { tenderId: tender.id });
  const actor = await findActor(request, context);
  const at = clockNow();
  const open = tender.status === "published" && tender.bidDeadline !== null && Date.parse(tender.bidDeadline) > at.getTime();
  const canAsk = can(actor, "tender.ask");
  const { id, ...notice } = tender;
  return {
    tender: notice,
    left: tender.bidDeadline ? timeLeft(at, new Date(tender.bidDeadline)) : null,
    occupations: await listOccupations(context.db),
    askOpen: open && canAsk,
    isSignedOut: actor === null,
    ownQuestions: canAsk && actor ? await listOwnQuestions(context.db, id, actor.orgId) : [],
    bureauLink: can(actor, "tender.viewDraft") ? `/bureau/tenders/${id}` : null,
    openings: await listLotOpenings(context.db, id),
    results: await listPublicResults(context.db, id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "tender.ask");
  const reference = params.reference ?? "";
  if (!isTenderReference(reference)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: questionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await askQuestion(context.db, actor, { reference, question: submission.value.question });
  if (result.ok) return redirect(`/tenders/${reference}?notice=tender.questions.asked#qa-heading`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function TenderNotice() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { tender, left, occupations, askOpen, isSignedOut, ownQuestions, bureauLink, openings, results } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionSchema }),
    shouldValidate: "onSubmit",
  });
  const technical = tender.criteria.reduce((s, c) => s + c.points, 0);

  return (
    <article className="tender-notice">
      <p className="no-print">
        <Link to="/tenders">{t("tender.public.title")}</Link>
        {bureauLink ? (
          <>
            {" · "}
            <Link to={bureauLink}>{t("tender.notice.bureauLink")}</Link>
          </>
        ) : null}
      </p>
      <p className="notice-reference mono">{tender.reference}</p>
      <h1>{tender.title}</h1>
      <p>
        <TenderStatusBadge status={tender.status} />
      </p>
      {tender.status === "cancelled" && tender.cancelReason ? (
        <p className="alert" role="note">
          {t("tender.notice.cancelled", { reason: tender.cancelReason })}
        </p>
      ) : null}

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("tender.notice.facts")}</h2>
        <dl className="facts">
          <dt>{t("tender.notice.reference")}</dt>
          <dd className="mono">{tender.reference}</dd>
          <dt>{t("tender.notice.regime")}</dt>
          <dd>{t(`tender.regime.${tender.regime}`)}</dd>
          <dt>{t("tender.notice.publishedAt")}</dt>
          <dd>{t("tender.notice.beijingTime", { time: formatShanghai(tender.publishedAt) })}</dd>
          <dt>{t("tender.notice.deadline")}</dt>
          <dd>
            <DeadlineText deadline={tender.bidDeadline} left={tender.status === "published" ? left : null} />
          </dd>
          <dt>{t("tender.notice.budget")}</dt>
          <dd>{formatFen(tender.budgetFen, lang)}</dd>
          <dt>{t("tender.notice.minValidBids")}</dt>
          <dd>{tender.minValidBids}</dd>
          <dt>{t("tender.notice.panelSize")}</dt>
          <dd>{t("tender.notice.panelSizeValue", { count: tender.panelSize })}</dd>
        </dl>
        {tender.description ? (
          <>
            <h3>{t("tender.notice.description")}</h3>
            <p className="prewrap">{tender.description}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="lots-heading">
        <h2 id="lots-heading">{t("tender.notice.lots")}</h2>
        <LotsTable lots={tender.lots} occupations={occupations} caption={t("tender.notice.lotsCaption")} />
      </section>

      <OpeningRecords lots={openings} />

      <PublicResults lots={results} />

      <PublicAcceptances lots={results} />

      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{t("tender.notice.criteria")}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("tender.notice.criteriaCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tender.notice.criterion")}</th>
                <th scope="col">{t("tender.notice.criterionDetail")}</th>
                <th scope="col" className="num">
                  {t("tender.notice.points")}
                </th>
              </tr>
            </thead>
            <tbody>
              {tender.criteria.map((c, i) => (
                <tr key={i}>
                  <th scope="row">{c.name}</th>
                  <td className="prewrap">{c.description ?? ""}</td>
                  <td className="num">{c.points}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("tender.notice.priceCriterion")}</th>
                <td>{t("tender.notice.priceFormula")}</td>
                <td className="num">{tender.pricePoints}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("tender.notice.total")}
                </th>
                <td className="num">{technical + tender.pricePoints}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="amendments-heading">
        <h2 id="amendments-heading">{t("tender.notice.amendments")}</h2>
        {tender.amendments.length === 0 ? (
          <p>{t("tender.amend.none")}</p>
        ) : (
          <ol className="amendments">
            {tender.amendments.map((a) => (
              <li key={a.at}>
                <p>
                  <time dateTime={a.at}>{t("tender.notice.beijingTime", { time: formatShanghai(a.at) })}</time> ·{" "}
                  <span className={a.material ? "badge badge-warn" : "badge"}>{t(a.material ? "tender.amend.material" : "tender.amend.nonMaterial")}</span>
                </p>
                <p className="prewrap">{a.summary}</p>
                {a.deadlineBefore && a.deadlineAfter && a.deadlineBefore !== a.deadlineAfter ? (
                  <p>
                    <strong>{t("tender.amend.deadlineMoved", { before: formatShanghai(a.deadlineBefore), after: formatShanghai(a.deadlineAfter) })}</strong>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="qa-heading">
        <h2 id="qa-heading">{t("tender.notice.qa")}</h2>
        {tender.questions.length === 0 ? (
          <p>{t("tender.notice.noQa")}</p>
        ) : (
          <ol className="qa-list">
            {tender.questions.map((q) => (
              <li key={q.id}>
                <p className="prewrap">
                  <strong>{t("tender.questions.questionPrefix")}</strong>
                  {q.question}
                </p>
                <p className="prewrap">
                  <strong>{t("tender.questions.answerPrefix")}</strong>
                  {q.answer}
                </p>
                <p className="muted">
                  {t("tender.questions.answeredAt")}: {formatShanghai(q.answeredAt)}
                </p>
              </li>
            ))}
          </ol>
        )}

        {ownQuestions.length > 0 ? (
          <div className="card no-print">
            <h3>{t("tender.questions.yours")}</h3>
            <ul>
              {ownQuestions.map((q) => (
                <li key={q.id}>
                  <span className={q.answered ? "badge badge-ok" : "badge badge-warn"}>
                    {t(q.answered ? "tender.questions.yourAnswered" : "tender.questions.yourAwaiting")}
                  </span>{" "}
                  {q.question}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {askOpen ? (
          <div className="card no-print">
            <h3 id="ask-heading">{t("tender.questions.askHeading")}</h3>
            <p>{t("tender.questions.askIntro")}</p>
            <Form method="post" action={`/tenders/${tender.reference}`} {...getFormProps(form)} className="stack" aria-labelledby="ask-heading">
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="field">
                <label htmlFor={fields.question.id}>{t("tender.questions.askLabel")}</label>
                <textarea {...getTextareaProps(fields.question)} key={fields.question.key} rows={4} maxLength={2000} />
                <ErrorList id={fields.question.errorId} errors={fields.question.errors} />
              </div>
              <div className="actions">
                <button type="submit">{t("tender.questions.askButton")}</button>
              </div>
            </Form>
          </div>
        ) : isSignedOut && tender.status === "published" && left ? (
          <p className="muted no-print">{t("tender.notice.signInToAsk")}</p>
        ) : null}
      </section>
    </article>
  );
}
