import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { certificationOfForm, resultSchema } from "~/modules/delivery/completion-schemas";
import { CertificateText, OutcomeText } from "~/modules/delivery/completion-views";
import { minutesAsHours, permilleText } from "~/modules/delivery/performance";
import { recordResult } from "~/modules/delivery/record-result.server";
import { findResultsBoard, type ResultRow } from "~/modules/delivery/results-queries.server";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { shanghaiDate } from "~/modules/reference/working-days";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { resultsExport } from "~/ui/export/contract-exports.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { now } from "~/utils/clock.server";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.contract.reference} · 结业与鉴定 Completion · SkillTender` : "结业与鉴定 Completion · SkillTender" },
];

/**
 * A contract's completion and certification results (DESIGN.md "Contract and delivery"): each
 * confirmed trainee's attendance share and result, and those who dropped out. The contract's
 * institution records each result once the course's last session has started (`?record=<id>`
 * opens the form for one trainee); the bureau reads. Identity numbers are masked.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findResultsBoard(context.db, actor, params.id ?? "");
  if (!r.ok) notFound();
  const board = r.value;
  // The results as a file, as this page shows them (read audited above, ids masked).
  // The links are offered to the bureau; the contract's institution may export what it sees here too.
  const format = exportAsked(request);
  if (format) throw await resultsExport(format, board);
  const wanted = new URL(request.url).searchParams.get("record");
  const selected = board.mayRecord && wanted ? (board.rows.find((x) => x.enrolmentId === wanted && x.status === "confirmed" && x.progress === "in_training") ?? null) : null;
  return {
    ...board,
    offerExport: actor.orgKind === "bureau",
    selected,
    today: shanghaiDate(now()),
    firstDate: board.firstStartsAt ? shanghaiDate(new Date(board.firstStartsAt)) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: resultSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const r = await recordResult(context.db, actor, { contractId: id, enrolmentId: v.enrolmentId, assessmentPassed: v.assessment === "passed", certification: certificationOfForm(v) });
  if (r.ok) return redirect(`/contracts/${id}/results?notice=completion.results.recorded#row-${v.enrolmentId}`);
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  const fieldErrors = r.kind === "validation" ? r.fieldErrors : {};
  const formErrors = r.kind === "conflict" ? [r.message] : r.kind === "validation" ? (r.formErrors ?? []) : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(r) });
}

export default function ContractResults() {
  const { t } = useTranslation();
  const b = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const pct = b.contract.tender.completionPct;
  return (
    <article className="contract">
      <p className="no-print">
        <Link to={`/contracts/${b.contract.id}`}>{b.contract.reference}</Link>
      </p>
      <p className="notice-reference mono">{b.contract.reference}</p>
      <h1>{t("completion.results.heading")}</h1>
      <ContractTabs contractId={b.contract.id} delivering={b.contract.status === "active" || b.contract.status === "completed"} />
      <p>{t("completion.results.rule", { pct })}</p>
      {b.sessions === 0 ? (
        <p className="warning">{t("completion.results.noSessions")}</p>
      ) : (
        <p>
          {t("completion.results.schedule", { sessions: b.sessions, hours: minutesAsHours(b.plannedMinutes), first: formatInstant(b.firstStartsAt), last: formatInstant(b.lastStartsAt) })}
        </p>
      )}
      {b.sessions > 0 && !b.courseOver && b.contract.may.record ? <p className="warning">{t("completion.results.notOver", { time: formatInstant(b.lastStartsAt) })}</p> : null}
      <p>{t("completion.results.counts", b.counts)}</p>
      {!b.contract.may.record && b.contract.status === "active" ? <p className="muted">{t("completion.results.readOnly")}</p> : null}
      {/* A refusal for a trainee whose form is gone (a result recorded meanwhile) is shown here. */}
      {!b.selected ? <FormErrors errors={reply?.error?.[""] ?? undefined} /> : null}

      {b.selected ? <RecordForm key={b.selected.enrolmentId} row={b.selected} plannedMinutes={b.plannedMinutes} pct={pct} today={b.today} firstDate={b.firstDate} /> : null}

      {b.offerExport && b.rows.length > 0 ? <ExportLinks /> : null}
      {b.rows.length === 0 ? (
        <p>{t("completion.results.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("completion.results.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("completion.results.name")}</th>
                <th scope="col">{t("completion.results.idNumber")}</th>
                <th scope="col">{t("completion.results.enterprise")}</th>
                <th scope="col" className="num">
                  {t("completion.results.attendance")}
                </th>
                <th scope="col">{t("completion.results.outcome")}</th>
                <th scope="col">{t("completion.results.certificate")}</th>
                {b.mayRecord ? (
                  <th scope="col" className="no-print">
                    {t("completion.results.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.enrolmentId} id={`row-${r.enrolmentId}`}>
                  <th scope="row">{r.name}</th>
                  <td className="mono">{r.idNumberMasked}</td>
                  <td>{r.enterpriseName}</td>
                  <td className="num">
                    {permilleText(r.attendedPermille)}
                    {r.status === "confirmed" && !r.meetsShare && b.courseOver ? (
                      <>
                        <br />
                        <span className="badge badge-warn">{t("completion.results.belowShare")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <OutcomeText status={r.status} progress={r.progress} reason={r.reason} />
                  </td>
                  <td>
                    <CertificateText number={r.certificateNumber} level={r.levelReached} date={r.certifiedOn} />
                  </td>
                  {b.mayRecord ? (
                    <td className="no-print">
                      {r.status === "confirmed" && r.progress === "in_training" ? (
                        <Link to={`?record=${r.enrolmentId}#record-heading`} aria-label={t("completion.results.recordFor", { name: r.name })}>
                          {t("completion.results.record")}
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

/** One trainee's result form: the final assessment, then (for a completed trainee) the certification. */
function RecordForm({ row, plannedMinutes, pct, today, firstDate }: { row: ResultRow; plannedMinutes: number; pct: number; today: string; firstDate: string | null }) {
  const { t, i18n } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "record-result",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resultSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const en = i18n.language === "en";
  return (
    <section className="card no-print" aria-labelledby="record-heading">
      <h2 id="record-heading">{t("completion.results.form.heading", { name: row.name })}</h2>
      <p>
        {t("completion.results.form.attendanceLine", {
          share: permilleText(row.attendedPermille),
          attended: minutesAsHours(row.attendedMinutes),
          planned: minutesAsHours(plannedMinutes),
          pct,
        })}
      </p>
      {!row.meetsShare ? <p className="warning">{t("completion.results.form.willNotComplete")}</p> : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="record" />
        <input type="hidden" name="enrolmentId" value={row.enrolmentId} />
        <fieldset aria-describedby={fields.assessment.errorId}>
          <legend>{t("completion.results.form.assessment")}</legend>
          <div className="choices">
            {(["passed", "failed"] as const).map((v) => (
              <label key={v}>
                <input type="radio" name={fields.assessment.name} value={v} defaultChecked={fields.assessment.initialValue === v} />
                {t(`completion.results.form.${v}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.assessment.errorId} errors={fields.assessment.errors} />
        </fieldset>
        <fieldset aria-describedby={`certification-hint ${fields.certification.errorId}`}>
          <legend>{t("completion.results.form.certification")}</legend>
          <p className="hint" id="certification-hint">
            {t("completion.results.form.certificationHint")}
          </p>
          <div className="choices">
            {(["passed", "failed"] as const).map((v) => (
              <label key={v}>
                <input type="radio" name={fields.certification.name} value={v} defaultChecked={fields.certification.initialValue === v} />
                {t(v === "passed" ? "completion.results.form.certPassed" : "completion.results.form.certFailed")}
              </label>
            ))}
          </div>
          <ErrorList id={fields.certification.errorId} errors={fields.certification.errors} />
          <div className="field">
            <label htmlFor={fields.certificateNumber.id}>{t("completion.results.form.certificateNumber")}</label>
            <span className="hint" id={`${fields.certificateNumber.id}-hint`}>
              {t("completion.results.form.certificateNumberHint")}
            </span>
            <input
              {...getInputProps(fields.certificateNumber, { type: "text", ariaDescribedBy: `${fields.certificateNumber.id}-hint` })}
              key={fields.certificateNumber.key}
              maxLength={40}
              autoComplete="off"
              className="mono"
            />
            <ErrorList id={fields.certificateNumber.errorId} errors={fields.certificateNumber.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.levelReached.id}>{t("completion.results.form.levelReached")}</label>
            <select {...getSelectProps(fields.levelReached)} key={fields.levelReached.key}>
              <option value="">{t("completion.results.form.chooseLevel")}</option>
              {SKILL_LEVELS.map((l) => (
                <option key={l.level} value={l.level}>
                  {en ? l.nameEn : l.nameZh}
                </option>
              ))}
            </select>
            <ErrorList id={fields.levelReached.errorId} errors={fields.levelReached.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.certifiedOn.id}>{t("completion.results.form.certifiedOn")}</label>
            {firstDate ? (
              <span className="hint" id={`${fields.certifiedOn.id}-hint`}>
                {t("completion.results.form.certifiedOnHint", { date: firstDate })}
              </span>
            ) : null}
            <input
              {...getInputProps(fields.certifiedOn, { type: "date", ariaDescribedBy: firstDate ? `${fields.certifiedOn.id}-hint` : undefined })}
              key={fields.certifiedOn.key}
              min={firstDate ?? undefined}
              max={today}
            />
            <ErrorList id={fields.certifiedOn.errorId} errors={fields.certifiedOn.errors} />
          </div>
        </fieldset>
        <p className="hint">{t("completion.results.form.final")}</p>
        <div className="actions">
          <button type="submit">{t("completion.results.form.submit")}</button>
          <Link to=".">{t("completion.results.form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
