import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { forbidden, notFound, requireCan } from "~/auth/guards.server";
import { addTrainee } from "~/modules/demand/add-trainee.server";
import { applyRosterImport } from "~/modules/demand/apply-roster-import.server";
import { checkRosterImport } from "~/modules/demand/check-roster-import.server";
import { shanghaiToday } from "~/modules/demand/demand-access.server";
import { levelLabel } from "~/modules/demand/labels";
import { readRoster } from "~/modules/demand/read-roster.server";
import { removeTrainee } from "~/modules/demand/remove-trainee.server";
import { isRosterEditable, ROSTER_FILE_MAX_BYTES, traineeFormSchema, type BadRosterRow, type RosterColumn } from "~/modules/demand/roster";
import { readRosterUpload, uploadedBytes } from "~/modules/demand/roster-upload.server";
import { demandRef } from "~/modules/demand/schemas";
import { ErrorList, FormErrors, TextField, useErrorText } from "~/ui/components/form";
import { msg, statusOf, type Failure } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "学员名单 Roster · SkillTender" }];

/** What an upload or an import of the good rows answers (also the JSON of /demands/:id/roster/import). */
export interface ImportReply {
  intent: "upload";
  error?: string;
  imported?: number;
  report?: { importId: string | null; total: number; goodCount: number; badCount: number; bad: BadRosterRow[] };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  const result = await readRoster(context.db, actor, id);
  if (!result.ok) {
    if (result.kind === "forbidden") throw forbidden();
    notFound();
  }
  const { demand, trainees } = result.value;
  return {
    demand: { id, ref: demandRef(id), status: demand.status, headcount: Number(demand.headcount) },
    trainees,
    today: shanghaiToday(),
    editable: isRosterEditable(demand.status),
  };
}

function failureReply(result: Failure) {
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const error = result.kind === "validation" ? (Object.values(result.fieldErrors).flat()[0] ?? result.formErrors?.[0]) : result.message;
  return data({ intent: "upload", error } satisfies ImportReply, { status: statusOf(result) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  // A file comes as multipart/form-data, read with a size limit; everything else is a plain form.
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readRosterUpload(request);
    if (!upload.ok) return data({ intent: "upload", error: upload.message } satisfies ImportReply, { status: 400 });
    const bytes = await uploadedBytes(upload.form);
    if (!bytes) return data({ intent: "upload", error: "demand.import.chooseFile" } satisfies ImportReply, { status: 400 });
    const result = await checkRosterImport(context.db, actor, { demandId: id, bytes });
    if (!result.ok) return failureReply(result);
    if (result.value.kind === "imported") return redirect(`/demands/${id}/roster?notice=demand.notice.imported`);
    const { kind: _kind, ...report } = result.value;
    return data({ intent: "upload", report } satisfies ImportReply, { status: 400 });
  }
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "commit") {
    const result = await applyRosterImport(context.db, actor, { demandId: id, importId: String(form.get("importId") ?? "") });
    if (result.ok) return redirect(`/demands/${id}/roster?notice=demand.notice.imported`);
    return failureReply(result);
  }
  if (intent === "remove") {
    const result = await removeTrainee(context.db, actor, { demandId: id, traineeId: String(form.get("traineeId") ?? "") });
    if (result.ok) return redirect(`/demands/${id}/roster?notice=demand.notice.traineeRemoved`);
    if (result.kind === "notFound") notFound();
    if (result.kind === "forbidden") throw forbidden();
    return data({ intent: "remove" as const, error: result.kind === "conflict" ? result.message : "common.form.invalid" }, { status: statusOf(result) });
  }
  const submission = parseWithZod(form, { schema: traineeFormSchema(shanghaiToday()) });
  if (submission.status !== "success") return data({ intent: "add" as const, reply: submission.reply() }, { status: 400 });
  const result = await addTrainee(context.db, actor, { demandId: id, trainee: submission.value });
  if (result.ok) return redirect(`/demands/${id}/roster?notice=demand.notice.traineeAdded`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (result.formErrors ?? []) : [result.message];
  return data({ intent: "add" as const, reply: submission.reply({ fieldErrors, formErrors }) }, { status: statusOf(result) });
}

export default function RosterPage() {
  const { t, i18n } = useTranslation();
  const { demand, trainees, today, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [clientReply, setClientReply] = useState<ImportReply | null>(null);
  const location = useLocation();
  // A report shown after an upload with JavaScript belongs to that moment: any navigation
  // (importing the good rows, adding or removing a trainee) clears it.
  useEffect(() => setClientReply(null), [location.key]);
  const importReplyShown = clientReply ?? (actionData?.intent === "upload" ? (actionData as ImportReply) : null);
  const full = trainees.length >= demand.headcount;
  const errorText = useErrorText();

  return (
    <>
      <p className="no-print">
        <Link to={`/demands/${demand.id}`}>{t("demand.roster.backToDemand")}</Link>
      </p>
      <h1>{t("demand.roster.title", { ref: demand.ref })}</h1>
      <p className="lead">{t("demand.roster.intro")}</p>
      <p>
        <strong>{t("demand.roster.count", { count: trainees.length, headcount: demand.headcount })}</strong>
      </p>
      {!editable ? (
        <p className="warning" role="note">
          {t("demand.roster.closed")}
        </p>
      ) : full ? (
        <p className="warning" role="note">
          {t("demand.roster.full", { headcount: demand.headcount })}
        </p>
      ) : null}
      {actionData?.intent === "remove" && actionData.error ? (
        <div className="alert" role="alert">
          <p>{errorText(actionData.error)}</p>
        </div>
      ) : null}

      {editable ? (
        <div className="roster-tools">
          <AddTraineeForm
            key={trainees.length}
            today={today}
            lastResult={actionData?.intent === "add" ? actionData.reply : undefined}
            disabled={full}
          />
          <section className="card" aria-labelledby="import-heading">
            <h2 id="import-heading">{t("demand.import.title")}</h2>
            <p>{t("demand.import.intro")}</p>
            <p>
              {t("demand.import.templates")}{" "}
              <a href={`/demands/${demand.id}/roster/template.csv`} download>
                {t("demand.import.templateCsv")}
              </a>
              {" · "}
              <a href={`/demands/${demand.id}/roster/template.xlsx`} download>
                {t("demand.import.templateXlsx")}
              </a>
            </p>
            <UploadForm demandId={demand.id} onReply={setClientReply} />
            {importReplyShown ? <ImportResult reply={importReplyShown} /> : null}
          </section>
        </div>
      ) : null}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("demand.detail.roster")}</h2>
        {trainees.length === 0 ? (
          <p>{t("demand.roster.empty")}</p>
        ) : (
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
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("demand.roster.remove")}</span>
                    </th>
                  ) : null}
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
                    {editable ? (
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="traineeId" value={r.traineeId} />
                          <button type="submit" className="button-link danger-link" aria-label={t("demand.roster.removeLabel", { name: r.name })}>
                            {t("demand.roster.remove")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
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

function AddTraineeForm({
  today,
  lastResult,
  disabled,
}: {
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation();
  const schema = traineeFormSchema(today);
  const [form, fields] = useForm({
    id: "add-trainee",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const levelHint = `${fields.currentLevel.id}-hint`;
  return (
    <section className="card" aria-labelledby="add-heading">
      <h2 id="add-heading">{t("demand.roster.add")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add" />
        <TextField meta={fields.name} label={t("demand.roster.name")} autoComplete="off" />
        <TextField meta={fields.idNumber} label={t("demand.roster.idNumber")} hint={t("demand.roster.idNumberHint")} autoComplete="off" />
        <TextField meta={fields.phone} label={t("demand.roster.phone")} type="tel" hint={t("demand.roster.phoneHint")} autoComplete="off" />
        <div className="field">
          <label htmlFor={fields.currentLevel.id}>{t("demand.roster.currentLevel")}</label>
          <span className="hint" id={levelHint}>
            {t("demand.roster.currentLevelHint")}
          </span>
          <select {...getSelectProps(fields.currentLevel, { ariaDescribedBy: levelHint })} key={fields.currentLevel.key}>
            <option value="">{t("demand.roster.currentLevelNone")}</option>
            {[5, 4, 3, 2, 1].map((l) => (
              <option key={l} value={String(l)}>
                {levelLabel(l, i18n.language)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.currentLevel.errorId} errors={fields.currentLevel.errors} />
        </div>
        <div className="actions">
          <button type="submit" disabled={disabled}>
            {t("demand.roster.addButton")}
          </button>
        </div>
      </Form>
    </section>
  );
}

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "checking"; rows: number | null };

/** Rows of a CSV file counted in the browser, for "checking N rows"; null for a spreadsheet (not text). */
async function countCsvRows(file: File): Promise<number | null> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b) return null;
  const text = await file.text();
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.replace(/[,;\t\s]/g, "") !== "");
  return Math.max(0, lines.length - 1);
}

/**
 * The upload form. Without JavaScript it posts the file to this page. With JavaScript it sends
 * the file with XMLHttpRequest to /demands/:id/roster/import, showing the upload's progress and
 * then a "checking N rows" state, and shows the answer here.
 */
function UploadForm({ demandId, onReply }: { demandId: string; onReply: (r: ImportReply | null) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const errorText = useErrorText();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const input = formElement.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    onReply(null);
    if (!file) return setFileError("demand.import.chooseFile");
    if (file.size > ROSTER_FILE_MAX_BYTES) {
      return setFileError(msg("demand.import.tooLarge", { max: `${ROSTER_FILE_MAX_BYTES / 1024 / 1024} MB` }));
    }
    setFileError(null);
    const rows = await countCsvRows(file).catch(() => null);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/demands/${demandId}/roster/import`);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    setPhase({ kind: "uploading", percent: 0 });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ kind: "uploading", percent: Math.round((e.loaded * 100) / e.total) });
    };
    xhr.upload.onload = () => setPhase({ kind: "checking", rows });
    xhr.onload = () => {
      setPhase({ kind: "idle" });
      const body = xhr.response as ImportReply | null;
      if (!body || typeof body !== "object") return onReply({ intent: "upload", error: "demand.import.failed" });
      if (body.imported !== undefined) {
        formElement.reset();
        return navigate(`/demands/${demandId}/roster?notice=demand.notice.imported`);
      }
      onReply(body);
    };
    xhr.onerror = () => {
      setPhase({ kind: "idle" });
      onReply({ intent: "upload", error: "demand.import.failed" });
    };
    xhr.send(new FormData(formElement));
  }

  const busy = phase.kind !== "idle";
  return (
    <form method="post" encType="multipart/form-data" className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="roster-file">{t("demand.import.file")}</label>
        <span className="hint" id="roster-file-hint">
          {t("demand.import.fileHint")}
        </span>
        <input
          id="roster-file"
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="roster-file-hint"
          aria-invalid={fileError ? true : undefined}
          onChange={() => setFileError(null)}
        />
        {fileError ? <p className="field-error">{errorText(fileError)}</p> : null}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("demand.import.upload")}
        </button>
      </div>
      <div role="status" aria-live="polite" className="upload-status">
        {phase.kind === "uploading" ? (
          <>
            <progress value={phase.percent} max={100} aria-label={t("demand.import.uploadingLabel")} />{" "}
            {t("demand.import.uploading", { percent: phase.percent })}
          </>
        ) : phase.kind === "checking" ? (
          <>
            <progress aria-label={t("demand.import.checkingLabel")} />{" "}
            {phase.rows === null ? t("demand.import.checkingUnknown") : t("demand.import.checking", { count: phase.rows })}
          </>
        ) : null}
      </div>
    </form>
  );
}

const COLUMN_LABEL: Record<RosterColumn, string> = {
  name: "demand.roster.name",
  idNumber: "demand.roster.idNumber",
  phone: "demand.roster.phone",
  currentLevel: "demand.roster.currentLevel",
};

/** A refused upload's message, or the report of a checked file with the choice to import its good rows. */
function ImportResult({ reply }: { reply: ImportReply }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (reply.error) {
    return (
      <div className="alert" role="alert">
        <p>{errorText(reply.error)}</p>
      </div>
    );
  }
  const report = reply.report;
  if (!report) return null;
  const more = report.badCount - report.bad.length;
  return (
    <div className="import-report" role="alert" aria-labelledby="report-heading">
      <h3 id="report-heading">{t("demand.import.reportTitle")}</h3>
      <p>{t("demand.import.reportSummary", { total: report.total, good: report.goodCount, bad: report.badCount })}</p>
      <div className="table-scroll">
        <table>
          <caption>{t("demand.import.reportCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("demand.import.line")}</th>
              <th scope="col">{t("demand.roster.name")}</th>
              <th scope="col">{t("demand.import.reasons")}</th>
            </tr>
          </thead>
          <tbody>
            {report.bad.map((b) => (
              <tr key={b.line}>
                <th scope="row" className="nowrap">
                  {t("demand.import.lineN", { line: b.line })}
                </th>
                <td className="nowrap">{b.name.slice(0, 50)}</td>
                <td>
                  <ul className="reasons">
                    {b.reasons.map((r, i) => (
                      <li key={i}>
                        {r.column
                          ? t("demand.import.columnReason", { column: t(COLUMN_LABEL[r.column] as never), message: errorText(r.message) })
                          : errorText(r.message)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="muted">{t("demand.import.reportMore", { shown: report.bad.length, more })}</p> : null}
      {report.importId && report.goodCount > 0 ? (
        <Form method="post" className="actions">
          <span>{t("demand.import.fixAndRetry")}</span>
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="importId" value={report.importId} />
          <button type="submit" className="secondary">
            {t("demand.import.importGood", { count: report.goodCount })}
          </button>
        </Form>
      ) : (
        <p>{t("demand.import.noGoodRows")}</p>
      )}
    </div>
  );
}
