import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { readAttendance, type AttendanceView } from "~/modules/delivery/read-delivery.server";
import { recordAttendanceGrid, recordFullAttendance } from "~/modules/delivery/record-attendance.server";
import { addSessionSchema, attendanceActionSchema, minutesToHours, sessionInputOf } from "~/modules/delivery/sessions";
import { addSession, removeSession } from "~/modules/delivery/sessions.server";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { ATTENDANCE_TABLES, attendanceExport } from "~/ui/export/contract-exports.server";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `课程与考勤 Sessions and attendance · ${data.contract.reference} · SkillTender` : "课程与考勤 Sessions and attendance · SkillTender" },
];

/**
 * A contract's sessions and attendance (DESIGN.md "Contract and delivery"): the schedule (the
 * institution adds sessions inside the lot's window and removes those without attendance), a
 * grid per started session (`?session=<id>`) with "everyone attended in full", and the running
 * attendance of each trainee against the tender's completion share. The bureau reads; anyone
 * else: not found. Works without JavaScript.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const sessionId = new URL(request.url).searchParams.get("session");
  const r = await readAttendance(context.db, actor, { contractId: params.id ?? "", sessionId: sessionId || null });
  if (!r.ok) notFound();
  // The attendance summary or the sessions as a file, as this page shows them (read audited above, ids masked).
  // The links are offered to the bureau; the contract's institution may export what it sees here too.
  const format = exportAsked(request);
  if (format) throw await attendanceExport(format, exportTableOf(request, ATTENDANCE_TABLES), r.value);
  return { ...r.value, offerExport: actor.orgKind === "bureau" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const contractId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: attendanceActionSchema });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  const base = `/contracts/${contractId}/attendance`;
  const r =
    v.intent === "addSession"
      ? await addSession(context.db, actor, { contractId, ...sessionInputOf(v) })
      : v.intent === "removeSession"
        ? await removeSession(context.db, actor, { contractId, sessionId: v.sessionId })
        : v.intent === "record"
          ? await recordAttendanceGrid(context.db, actor, { contractId, sessionId: v.sessionId, hours: v.hours ?? {} })
          : await recordFullAttendance(context.db, actor, { contractId, sessionId: v.sessionId });
  if (r.ok) {
    if (v.intent === "addSession") return redirect(`${base}?notice=delivery.notices.sessionAdded`);
    if (v.intent === "removeSession") return redirect(`${base}?notice=delivery.notices.sessionRemoved`);
    return redirect(`${base}?session=${encodeURIComponent(v.sessionId)}&notice=delivery.notices.attendanceRecorded`);
  }
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  const reply = r.kind === "validation" ? submission.reply({ fieldErrors: r.fieldErrors, formErrors: r.formErrors }) : submission.reply({ formErrors: [r.message] });
  return data({ reply }, { status: statusOf(r) });
}

type Reply = { reply: SubmissionResult<string[]> } | undefined;

const intentOf = (reply: Reply) => reply?.reply.initialValue?.intent;

export default function AttendancePage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply;
  const { contract } = view;
  const canRecord = contract.may.record;
  const pct = contract.tender.completionPct;
  const below = view.summary.filter((s) => s.standing === "below").length;
  const cannot = view.summary.filter((s) => s.standing === "cannotComplete").length;
  const otherErrors = intentOf(actionData) === "removeSession" || intentOf(actionData) === "allFull" ? actionData?.reply.error?.[""] : undefined;
  return (
    <article className="contract">
      <p className="no-print">
        <Link to={`/contracts/${contract.id}`}>{t("delivery.backToContract")}</Link>
      </p>
      <p className="notice-reference mono">{contract.reference}</p>
      <h1>{t("delivery.attendance.heading", { reference: contract.reference })}</h1>
      <ContractTabs contractId={contract.id} delivering />
      {contract.status !== "active" ? <p className="warning">{t("delivery.notActive")}</p> : !canRecord ? <p>{t("delivery.readOnly")}</p> : null}
      <FormErrors errors={otherErrors ?? undefined} />

      <section aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t("delivery.sessions.heading")}</h2>
        {view.offerExport && view.sessions.length > 0 ? <ExportLinks table="sessions" label={t("delivery.sessions.heading")} /> : null}
        <p>
          {t("delivery.sessions.totals", { total: minutesToHours(view.totalPlannedMinutes), held: minutesToHours(view.heldMinutes), pct })}
        </p>
        {canRecord ? (
          <p className="no-print">
            <Link to={`/contracts/${contract.id}/attendance/import`}>{t("delivery.attendance.importSheet")}</Link>
          </p>
        ) : null}
        {view.sessions.length === 0 ? (
          <p>{t("delivery.sessions.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("delivery.sessions.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("delivery.sessions.startsAt")}</th>
                  <th scope="col">{t("delivery.sessions.topic")}</th>
                  <th scope="col" className="num">
                    {t("delivery.sessions.plannedHours")}
                  </th>
                  <th scope="col" className="num">
                    {t("delivery.sessions.recorded")}
                  </th>
                  <th scope="col" className="no-print">
                    {t("delivery.trainees.actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.sessions.map((s) => (
                  <tr key={s.id} aria-current={view.selected?.session.id === s.id ? "true" : undefined}>
                    <th scope="row" className="nowrap">
                      {formatInstant(s.startsAt)}
                    </th>
                    <td>{s.topic}</td>
                    <td className="num">{minutesToHours(s.plannedMinutes)}</td>
                    <td className="num">{s.started ? t("delivery.sessions.recordedCount", { count: s.recordedCount }) : t("delivery.sessions.notStarted")}</td>
                    <td className="no-print">
                      {s.started ? (
                        <Link to={`?session=${s.id}#grid-heading`}>
                          {canRecord ? t("delivery.sessions.record") : t("delivery.sessions.view")}
                          <span className="visually-hidden"> {formatInstant(s.startsAt)}</span>
                        </Link>
                      ) : null}
                      {canRecord && s.recordedCount === 0 ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="removeSession" />
                          <input type="hidden" name="sessionId" value={s.id} />
                          <button type="submit" className="button-link danger-link">
                            {t("delivery.sessions.remove")}
                            <span className="visually-hidden"> {formatInstant(s.startsAt)}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canRecord ? (
          <AddSessionForm window={{ start: contract.lot.windowStart, end: contract.lot.windowEnd }} lastResult={intentOf(actionData) === "addSession" ? actionData?.reply : undefined} />
        ) : null}
      </section>

      {view.selected ? <Grid selected={view.selected} canRecord={canRecord} offerExport={view.offerExport} lastResult={intentOf(actionData) === "record" ? actionData?.reply : undefined} /> : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("delivery.attendance.summaryHeading")}</h2>
        {view.offerExport && view.summary.length > 0 ? <ExportLinks table="summary" label={t("delivery.attendance.summaryHeading")} /> : null}
        {view.unrecordedHeldCount > 0 ? <p className="muted">{t("delivery.attendance.unrecorded", { count: view.unrecordedHeldCount })}</p> : null}
        {cannot > 0 ? (
          <p className="alert" role="note">
            {t("delivery.attendance.warnCannot", { count: cannot, pct })}
          </p>
        ) : null}
        {below > 0 ? (
          <p className="warning" role="note">
            {t("delivery.attendance.warnBelow", { count: below, pct })}
          </p>
        ) : null}
        {view.summary.length === 0 ? (
          <p>{t("delivery.attendance.noCohort")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("delivery.attendance.summaryCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("delivery.attendance.name")}</th>
                  <th scope="col">{t("delivery.attendance.idNumber")}</th>
                  <th scope="col">{t("delivery.attendance.enterprise")}</th>
                  <th scope="col" className="num">
                    {t("delivery.attendance.attended")}
                  </th>
                  <th scope="col" className="num">
                    {t("delivery.attendance.plannedSoFar")}
                  </th>
                  <th scope="col" className="num">
                    {t("delivery.attendance.share")}
                  </th>
                  <th scope="col">{t("delivery.attendance.standing")}</th>
                </tr>
              </thead>
              <tbody>
                {view.summary.map((s) => (
                  <tr key={s.enrolmentId}>
                    <th scope="row">{s.name}</th>
                    <td className="mono">{s.idNumberMasked}</td>
                    <td>{s.enterpriseName}</td>
                    <td className="num">{minutesToHours(s.attendedMinutes)}</td>
                    <td className="num">{minutesToHours(s.heldMinutes)}</td>
                    <td className="num">{s.standing === "notYet" ? "—" : `${(s.permille / 10).toFixed(1)}%`}</td>
                    <td>
                      <span className={s.standing === "cannotComplete" ? "badge badge-bad" : s.standing === "below" ? "badge badge-warn" : s.standing === "onTrack" ? "badge badge-ok" : "badge"}>
                        {t(`delivery.attendance.standings.${s.standing}`, { pct })}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

function AddSessionForm({ window, lastResult }: { window: { start: string; end: string }; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-session",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addSessionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card no-print" aria-labelledby="add-session-heading">
      <h3 id="add-session-heading">{t("delivery.sessions.addHeading")}</h3>
      <p className="hint">{t("delivery.sessions.windowHint", window)}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="addSession" />
        <TextField meta={fields.startsAt} type="datetime-local" label={t("delivery.sessions.startsAtLabel")} />
        <TextField meta={fields.plannedHours} label={t("delivery.sessions.plannedHoursLabel")} hint={t("delivery.sessions.plannedHoursHint")} />
        <TextField meta={fields.topic} label={t("delivery.sessions.topicLabel")} autoComplete="off" />
        <div className="actions">
          <button type="submit">{t("delivery.sessions.add")}</button>
        </div>
      </Form>
    </section>
  );
}

/** One session's grid: an hours input per confirmed trainee, saved together, and "everyone attended in full". */
function Grid({
  selected,
  canRecord,
  offerExport,
  lastResult,
}: {
  selected: NonNullable<AttendanceView["selected"]>;
  canRecord: boolean;
  offerExport: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const { session, rows } = selected;
  const planned = minutesToHours(session.plannedMinutes);
  const typed = (lastResult?.initialValue?.hours ?? {}) as Record<string, string | undefined>;
  const errors = lastResult?.error ?? {};
  const formErrors = errors[""] ?? undefined;
  const editable = canRecord && session.started;
  return (
    <section aria-labelledby="grid-heading">
      <h2 id="grid-heading">{t("delivery.attendance.gridHeading", { start: formatInstant(session.startsAt), topic: session.topic })}</h2>
      {offerExport && rows.length > 0 ? <ExportLinks table="grid" label={t("delivery.attendance.gridCaption")} /> : null}
      {!session.started ? <p className="warning">{t("delivery.attendance.gridNotStarted")}</p> : null}
      {rows.length === 0 ? (
        <p>{t("delivery.attendance.noCohort")}</p>
      ) : (
        <>
          {editable ? (
            <>
              <p>{t("delivery.attendance.gridIntro", { planned })}</p>
              <Form method="post" className="actions no-print">
                <input type="hidden" name="intent" value="allFull" />
                <input type="hidden" name="sessionId" value={session.id} />
                <button type="submit" className="secondary">
                  {t("delivery.attendance.allFull", { planned })}
                </button>
              </Form>
            </>
          ) : null}
          <Form method="post" noValidate>
            <FormErrors errors={formErrors} />
            <input type="hidden" name="intent" value="record" />
            <input type="hidden" name="sessionId" value={session.id} />
            <div className="table-scroll">
              <table>
                <caption>{t("delivery.attendance.gridCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("delivery.attendance.name")}</th>
                    <th scope="col">{t("delivery.attendance.idNumber")}</th>
                    <th scope="col">{t("delivery.attendance.hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const name = `hours.${r.enrolmentId}`;
                    const id = `hours-${r.enrolmentId}`;
                    const fieldErrors = errors[name] ?? undefined;
                    const recorded = r.minutes === null ? "" : minutesToHours(r.minutes);
                    return (
                      <tr key={r.enrolmentId}>
                        <th scope="row">{r.name}</th>
                        <td className="mono">{r.idNumberMasked}</td>
                        <td>
                          {editable ? (
                            <>
                              <input
                                id={id}
                                name={name}
                                type="number"
                                inputMode="decimal"
                                min={0}
                                max={session.plannedMinutes / 60}
                                step={0.25}
                                defaultValue={lastResult ? (typed[r.enrolmentId] ?? "") : recorded}
                                aria-label={t("delivery.attendance.hoursLabel", { name: r.name })}
                                aria-invalid={fieldErrors ? true : undefined}
                                aria-describedby={fieldErrors ? `${id}-error` : undefined}
                                className="input-narrow"
                              />
                              {fieldErrors ? <ErrorList id={`${id}-error`} errors={fieldErrors} /> : null}
                            </>
                          ) : r.minutes === null ? (
                            <span className="muted">{t("delivery.attendance.notRecorded")}</span>
                          ) : (
                            recorded
                          )}
                          {editable && lastResult && r.minutes !== null ? <span className="muted"> {t("delivery.attendance.recordedBefore", { hours: recorded })}</span> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {editable ? (
              <div className="actions no-print">
                <button type="submit">{t("delivery.attendance.save")}</button>
              </div>
            ) : null}
          </Form>
        </>
      )}
    </section>
  );
}
