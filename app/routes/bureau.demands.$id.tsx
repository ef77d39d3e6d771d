import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { forbidden, notFound, requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { changeDemandStatus } from "~/modules/demand/change-demand-status.server";
import { DemandHistory, DemandSummaryList } from "~/modules/demand/demand-view";
import { levelLabel } from "~/modules/demand/labels";
import { DEMAND_LIFECYCLE } from "~/modules/demand/lifecycle";
import { findDemand } from "~/modules/demand/queries.server";
import { readRoster } from "~/modules/demand/read-roster.server";
import { needsReason, REVIEW_EVENTS, statusChangeSchema, type ReviewEvent } from "~/modules/demand/schemas";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { DEMAND_TABLES, demandHistoryExport, rosterExport } from "~/ui/export/demand-exports.server";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { allowedEvents } from "~/utils/lifecycle";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "需求审核 Demand review · SkillTender" }];

const NOTICE_OF: Record<ReviewEvent, string> = { accept: "accepted", return: "returned", reject: "rejected" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.list");
  const id = params.id ?? "";
  const demand = await findDemand(context.db, id);
  // A draft is the enterprise's own until it is first submitted.
  if (!demand || demand.submittedAt === null) notFound();
  const events = can(actor, "demand.review")
    ? allowedEvents(DEMAND_LIFECYCLE, demand.status).filter((e): e is ReviewEvent => (REVIEW_EVENTS as readonly string[]).includes(e))
    : [];
  // The roster is read (and the read audited) only when asked for: data minimisation. Its export
  // is such an ask, read and audited the same way, with identity numbers and phones as shown.
  const format = exportAsked(request);
  const table = format ? exportTableOf(request, DEMAND_TABLES) : null;
  if (format && table === "history") throw await demandHistoryExport(format, demand);
  const showRoster = table === "roster" || new URL(request.url).searchParams.get("roster") === "1";
  let trainees = null;
  if (showRoster) {
    const roster = await readRoster(context.db, actor, id);
    if (!roster.ok) notFound();
    trainees = roster.value.trainees;
    if (format) throw await rosterExport(format, demand, trainees);
  }
  return { demand, events, trainees, canReview: can(actor, "demand.review") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.list");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: statusChangeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (!(REVIEW_EVENTS as readonly string[]).includes(v.event)) throw forbidden();
  const event = v.event as ReviewEvent;
  const result = await changeDemandStatus(context.db, actor, { demandId: id, event, expectedStatus: v.expectedStatus, reason: v.reason });
  if (result.ok) return redirect(`/bureau/demands/${id}?notice=demand.notice.${NOTICE_OF[event]}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function BureauDemandPage() {
  const { t, i18n } = useTranslation();
  const { demand, events, trainees, canReview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
    shouldValidate: "onSubmit",
  });
  const reasonHint = `${fields.reason.id}-hint`;
  return (
    <>
      <p className="no-print">
        <Link to="/bureau/demands">{t("demand.review.backToList")}</Link>
      </p>
      <h1>
        {t("demand.detail.title", { ref: demand.ref })} · {demand.enterpriseName}
      </h1>

      <DemandSummaryList demand={demand} showEnterprise />

      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("demand.review.decision")}</h2>
        {!canReview ? (
          <p className="muted">{t("demand.review.noDecisionRight")}</p>
        ) : events.length === 0 ? (
          <p className="muted">{t("demand.review.notReviewable")}</p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="stack" key={demand.status}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="expectedStatus" value={demand.status} />
            <div className="field">
              <label htmlFor={fields.reason.id}>{t("demand.review.reason")}</label>
              <span className="hint" id={reasonHint}>
                {t("demand.review.reasonHint")}
              </span>
              <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: reasonHint })} key={fields.reason.key} rows={3} maxLength={500} />
              <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <div className="actions">
              {events.map((e) => (
                <button key={e} type="submit" name="event" value={e} className={needsReason(e) ? (e === "reject" ? "danger" : "secondary") : undefined}>
                  {t(`demand.events.${e}`)}
                </button>
              ))}
            </div>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="roster-heading">
        <h2 id="roster-heading">{t("demand.review.roster")}</h2>
        <p>{t("demand.detail.rosterSummary", { count: demand.rosterCount, headcount: demand.headcount })}</p>
        {trainees === null ? (
          demand.rosterCount > 0 ? (
            <p>
              <Link to="?roster=1#roster-heading">{t("demand.detail.roster")}</Link>
            </p>
          ) : null
        ) : (
          <>
            <p className="hint">{t("demand.review.rosterIntro")}</p>
            {trainees.length > 0 ? <ExportLinks table="roster" label={t("demand.review.roster")} /> : null}
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t("demand.roster.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("demand.roster.name")}</th>
                    <th scope="col">{t("demand.roster.idNumber")}</th>
                    <th scope="col">{t("demand.roster.phone")}</th>
                    <th scope="col">{t("demand.roster.currentLevel")}</th>
                    <th scope="col">{t("demand.roster.addedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {trainees.map((r) => (
                    <tr key={r.traineeId}>
                      <th scope="row">{r.name}</th>
                      <td className="mono">{r.idNumberMasked}</td>
                      <td className="mono">{r.phoneMasked}</td>
                      <td>{r.currentLevel === null ? t("demand.roster.currentLevelNone") : levelLabel(r.currentLevel, i18n.language)}</td>
                      <td className="nowrap">{formatInstant(r.addedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <DemandHistory history={demand.history} />
      {demand.history.length > 0 ? <ExportLinks table="history" label={t("demand.detail.history")} /> : null}
    </>
  );
}
