import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import type { BadSheetRow, SheetColumn } from "~/modules/delivery/attendance-sheet";
import { importAttendance } from "~/modules/delivery/import-attendance.server";
import { readSessions } from "~/modules/delivery/read-delivery.server";
import { minutesToHours } from "~/modules/delivery/sessions";
import { ROSTER_FILE_MAX_BYTES } from "~/modules/demand/roster";
import { readRosterUpload, uploadedBytes } from "~/modules/demand/roster-upload.server";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { FormErrors, useErrorText } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `导入签到表 Import a sign-in sheet · ${data.contract.reference} · SkillTender` : "导入签到表 Import a sign-in sheet · SkillTender" },
];

/** What an import answers when it records nothing: a message, or the report of the sheet's bad rows. */
interface ImportReply {
  sessionId: string;
  error?: string;
  /** Why the file itself was refused (too large, unreadable, none chosen): shown beside the file field. */
  fileError?: string;
  report?: { total: number; badCount: number; bad: BadSheetRow[] };
}

/**
 * Importing one session's sign-in sheet (CSV or XLSX) for a contract's cohort (issue "Delivery"):
 * templates pre-filled with the cohort, per-row errors shown with their row numbers, and all or
 * nothing. The contract's institution imports; the bureau reads; anyone else: not found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await readSessions(context.db, actor, params.id ?? "");
  if (!r.ok) notFound();
  return { contract: r.value.contract, sessions: r.value.sessions.filter((s) => s.started) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const contractId = params.id ?? "";
  const upload = await readRosterUpload(request);
  if (!upload.ok) return data({ sessionId: "", fileError: upload.message } satisfies ImportReply, { status: 400 });
  const sessionId = String(upload.form.get("sessionId") ?? "");
  if (!sessionId) return data({ sessionId, error: "delivery.import.chooseFirst" } satisfies ImportReply, { status: 400 });
  const bytes = await uploadedBytes(upload.form);
  if (!bytes) return data({ sessionId, fileError: "demand.import.chooseFile" } satisfies ImportReply, { status: 400 });
  const r = await importAttendance(context.db, actor, { contractId, sessionId, bytes });
  if (r.ok && r.value.kind === "imported") {
    return redirect(`/contracts/${contractId}/attendance?session=${encodeURIComponent(sessionId)}&notice=delivery.notices.attendanceImported`);
  }
  if (r.ok && r.value.kind === "report") {
    const { kind: _kind, ...report } = r.value;
    return data({ sessionId, report } satisfies ImportReply, { status: 400 });
  }
  if (r.ok) return data({ sessionId } satisfies ImportReply);
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  const error = r.kind === "validation" ? (Object.values(r.fieldErrors).flat()[0] ?? r.formErrors?.[0] ?? "common.form.invalid") : r.message;
  return data({ sessionId, error } satisfies ImportReply, { status: statusOf(r) });
}

const COLUMN_LABEL: Record<SheetColumn, string> = {
  idNumber: "delivery.import.columns.idNumber",
  name: "delivery.import.columns.name",
  hours: "delivery.import.columns.hours",
};

export default function ImportAttendancePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { contract, sessions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ImportReply | undefined;
  const [params] = useSearchParams();
  const chosen = reply?.sessionId || params.get("session") || (sessions.length === 1 ? sessions[0]!.id : "");
  const base = `/contracts/${contract.id}/attendance`;
  return (
    <article className="contract">
      <p className="no-print">
        <Link to={base}>{t("delivery.import.back")}</Link>
      </p>
      <p className="notice-reference mono">{contract.reference}</p>
      <h1>{t("delivery.import.heading")}</h1>
      <ContractTabs contractId={contract.id} delivering />
      {contract.status !== "active" ? <p className="warning">{t("delivery.notActive")}</p> : !contract.may.record ? <p>{t("delivery.readOnly")}</p> : null}
      <p className="lead">{t("delivery.import.intro")}</p>
      {sessions.length === 0 ? (
        <p>{t("delivery.import.noStartedSessions")}</p>
      ) : contract.may.record ? (
        <>
          {chosen ? (
            <p className="no-print">
              {t("delivery.import.templates")}{" "}
              <a href={`${base}/template.csv?session=${encodeURIComponent(chosen)}`} download>
                {t("delivery.import.templateCsv")}
              </a>
              {" · "}
              <a href={`${base}/template.xlsx?session=${encodeURIComponent(chosen)}`} download>
                {t("delivery.import.templateXlsx")}
              </a>
              <br />
              <span className="hint">{t("delivery.import.templateHint")}</span>
            </p>
          ) : null}
          <form method="post" encType="multipart/form-data" className="stack">
            <FormErrors errors={reply?.error ? [reply.error] : undefined} />
            <div className="field">
              <label htmlFor="import-session">{t("delivery.import.session")}</label>
              <select id="import-session" name="sessionId" defaultValue={chosen} key={chosen}>
                <option value="">{t("delivery.import.chooseSession")}</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("delivery.import.sessionOption", { start: formatInstant(s.startsAt), topic: s.topic, hours: minutesToHours(s.plannedMinutes) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-file">{t("delivery.import.file")}</label>
              <span className="hint" id="import-file-hint">
                {t("delivery.import.fileHint", { max: `${ROSTER_FILE_MAX_BYTES / 1024 / 1024} MB` })}
              </span>
              <input
                id="import-file"
                type="file"
                name="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={reply?.fileError ? "import-file-hint import-file-error" : "import-file-hint"}
                aria-invalid={reply?.fileError ? true : undefined}
              />
              {reply?.fileError ? (
                <p className="field-error" id="import-file-error">
                  {errorText(reply.fileError)}
                </p>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit">{t("delivery.import.upload")}</button>
            </div>
          </form>
        </>
      ) : null}

      {reply?.report ? (
        <div className="import-report" role="alert" aria-labelledby="report-heading">
          <h2 id="report-heading">{t("delivery.import.reportTitle")}</h2>
          <p>{t("delivery.import.reportSummary", { total: reply.report.total, bad: reply.report.badCount })}</p>
          <div className="table-scroll">
            <table>
              <caption>{t("delivery.import.reportCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("delivery.import.line")}</th>
                  <th scope="col">{t("delivery.import.columns.name")}</th>
                  <th scope="col">{t("delivery.import.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {reply.report.bad.map((b) => (
                  <tr key={b.line}>
                    <th scope="row" className="nowrap">
                      {t("delivery.import.lineN", { line: b.line })}
                    </th>
                    <td className="nowrap">{b.name}</td>
                    <td>
                      <ul className="reasons">
                        {b.reasons.map((r, i) => (
                          <li key={i}>
                            {r.column ? t("delivery.import.columnReason", { column: t(COLUMN_LABEL[r.column] as never), message: errorText(r.message) }) : errorText(r.message)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reply.report.badCount > reply.report.bad.length ? (
            <p className="muted">{t("delivery.import.reportMore", { shown: reply.report.bad.length, more: reply.report.badCount - reply.report.bad.length })}</p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
