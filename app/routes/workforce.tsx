import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { forbidden, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { listWorkforceReports } from "~/modules/demand/queries.server";
import { currentYear, reportWorkforce } from "~/modules/demand/report-workforce.server";
import { editableYears, highSkilledSharePct, workforceFormSchema } from "~/modules/demand/workforce";
import { DEFAULT_TARGETS } from "~/modules/reference/skill-levels";
import { FormErrors, TextField } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "职工队伍 Workforce · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "workforce.report", { organisationId: actor.orgId })) throw forbidden();
  const reports = await listWorkforceReports(context.db, actor.orgId);
  return { reports, years: editableYears(currentYear()), target: DEFAULT_TARGETS.highSkilledSharePct };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "workforce.report", { organisationId: actor.orgId })) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: workforceFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await reportWorkforce(context.db, actor, submission.value);
  if (result.ok) return redirect(`/workforce?notice=demand.notice.${result.value.changed ? "workforceSaved" : "workforceUnchanged"}`);
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (fieldErrors.year ?? []) : result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

function Share({ skilled, high, target }: { skilled: number; high: number; target: number }) {
  const { t } = useTranslation();
  const share = highSkilledSharePct(skilled, high);
  if (share === null) return <>{t("demand.workforce.shareNone")}</>;
  const meets = share >= target;
  return (
    <>
      {t("demand.workforce.shareValue", { share: share.toFixed(1) })}{" "}
      <span className={meets ? "badge badge-ok" : "badge badge-warn"}>
        {t(meets ? "demand.workforce.meetsTarget" : "demand.workforce.belowTarget", { target })}
      </span>
    </>
  );
}

export default function Workforce() {
  const { t } = useTranslation();
  const { reports, years, target } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>{t("demand.workforce.title")}</h1>
      <p className="lead">{t("demand.workforce.intro", { target })}</p>
      <p className="hint">{t("demand.workforce.editableHint")}</p>
      <div className="grid">
        {years.map((year) => {
          const report = reports.find((r) => r.year === year);
          const reply = lastResult?.initialValue?.year === String(year) ? lastResult : undefined;
          return <YearForm key={`${year}-${report?.updatedAt ?? ""}`} year={year} report={report} lastResult={reply} target={target} />;
        })}
      </div>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("demand.workforce.history")}</h2>
        {reports.length === 0 ? (
          <p>{t("demand.workforce.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("demand.workforce.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("demand.workforce.yearColumn")}</th>
                  <th scope="col" className="num">
                    {t("demand.workforce.skilledWorkers")}
                  </th>
                  <th scope="col" className="num">
                    {t("demand.workforce.highSkilledWorkers")}
                  </th>
                  <th scope="col">{t("demand.workforce.share")}</th>
                  <th scope="col">{t("demand.workforce.updatedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.year}>
                    <th scope="row">{t("demand.workforce.year", { year: r.year })}</th>
                    <td className="num">{r.skilledWorkers}</td>
                    <td className="num">{r.highSkilledWorkers}</td>
                    <td>
                      <Share skilled={r.skilledWorkers} high={r.highSkilledWorkers} target={target} />
                    </td>
                    <td className="nowrap">{formatInstant(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function YearForm({
  year,
  report,
  lastResult,
  target,
}: {
  year: number;
  report: { skilledWorkers: number; highSkilledWorkers: number } | undefined;
  lastResult: SubmissionResult<string[]> | undefined;
  target: number;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `workforce-${year}`,
    lastResult,
    defaultValue: report
      ? { year: String(year), skilledWorkers: String(report.skilledWorkers), highSkilledWorkers: String(report.highSkilledWorkers) }
      : { year: String(year) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: workforceFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card" aria-labelledby={`${form.id}-heading`}>
      <h2 id={`${form.id}-heading`}>{t("demand.workforce.editTitle", { year })}</h2>
      <dl className="pairs">
        <dt>{t("demand.workforce.share")}</dt>
        <dd>{report ? <Share skilled={report.skilledWorkers} high={report.highSkilledWorkers} target={target} /> : t("demand.workforce.notReported")}</dd>
      </dl>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="year" value={String(year)} />
        <TextField meta={fields.skilledWorkers} label={t("demand.workforce.skilledWorkers")} hint={t("demand.workforce.skilledHint")} />
        <TextField meta={fields.highSkilledWorkers} label={t("demand.workforce.highSkilledWorkers")} hint={t("demand.workforce.highSkilledHint")} />
        <div className="actions">
          <button type="submit">{t("demand.workforce.save")}</button>
        </div>
      </Form>
    </section>
  );
}
