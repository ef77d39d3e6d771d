import type { ReactNode } from "react";
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { confirmTrainee } from "~/modules/delivery/confirm-trainee.server";
import { declineTrainee } from "~/modules/delivery/decline-trainee.server";
import { dropTrainee } from "~/modules/delivery/drop-trainee.server";
import { enrolmentActionSchema, REMOVED_FROM_ROSTER } from "~/modules/delivery/enrolment";
import { readContractTrainees, type ShownEnrolment } from "~/modules/delivery/read-delivery.server";
import { replaceTrainee } from "~/modules/delivery/replace-trainee.server";
import { demandRef } from "~/modules/demand/schemas";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { traineesExport } from "~/ui/export/contract-exports.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `学员 Trainees · ${data.contract.reference} · SkillTender` : "学员 Trainees · SkillTender" }];

/**
 * A contract's cohort (DESIGN.md "Contract and delivery"): per covered demand, the offered,
 * confirmed and other trainees. The contract's institution confirms, declines, replaces (before
 * the course starts) and records drop-outs, and sees full identity numbers; the bureau reads,
 * masked. Anyone else: not found. Works without JavaScript.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await readContractTrainees(context.db, actor, params.id ?? "");
  if (!r.ok) notFound();
  // The cohort as a file, as this page shows it to its reader (read audited above, ids as shown).
  // The links are offered to the bureau; the contract's institution may export what it sees here too.
  const format = exportAsked(request);
  if (format) throw await traineesExport(format, r.value);
  return { ...r.value, offerExport: actor.orgKind === "bureau" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const contractId = params.id ?? "";
  const form = await request.formData();
  const enrolmentId = String(form.get("enrolmentId") ?? "");
  const submission = parseWithZod(form, { schema: enrolmentActionSchema });
  if (submission.status !== "success") return data({ enrolmentId, reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  const r =
    v.intent === "confirm"
      ? await confirmTrainee(context.db, actor, { contractId, enrolmentId: v.enrolmentId })
      : v.intent === "decline"
        ? await declineTrainee(context.db, actor, { contractId, enrolmentId: v.enrolmentId, reason: v.reason })
        : v.intent === "replace"
          ? await replaceTrainee(context.db, actor, { contractId, enrolmentId: v.enrolmentId, replacementId: v.replacementId, reason: v.reason })
          : await dropTrainee(context.db, actor, { contractId, enrolmentId: v.enrolmentId, reason: v.reason });
  if (r.ok) return redirect(`/contracts/${contractId}/trainees?notice=delivery.notices.${v.intent === "confirm" ? "confirmed" : v.intent === "decline" ? "declined" : v.intent === "replace" ? "replaced" : "dropped"}`);
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  const reply =
    r.kind === "validation" ? submission.reply({ fieldErrors: r.fieldErrors, formErrors: r.formErrors }) : submission.reply({ formErrors: [r.message] });
  return data({ enrolmentId, reply }, { status: statusOf(r) });
}

type Reply = { enrolmentId: string; reply: SubmissionResult<string[]> } | undefined;

export default function TraineesPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply;
  const { contract } = view;
  const canRecord = contract.may.record;
  const total = view.demands.reduce((s, d) => s + d.enrolments.length, 0);
  return (
    <article className="contract">
      <p className="no-print">
        <Link to={`/contracts/${contract.id}`}>{t("delivery.backToContract")}</Link>
      </p>
      <p className="notice-reference mono">{contract.reference}</p>
      <h1>{t("delivery.trainees.heading", { reference: contract.reference })}</h1>
      <ContractTabs contractId={contract.id} delivering />
      {contract.status !== "active" ? <p className="warning">{t("delivery.notActive")}</p> : canRecord ? <p className="lead">{t("delivery.trainees.intro")}</p> : <p>{t("delivery.readOnly")}</p>}
      <p className="muted">{view.fullIdNumbers ? t("delivery.trainees.fullIdNumbers") : t("delivery.trainees.maskedIdNumbers")}</p>
      {canRecord ? <p>{view.courseStarted ? t("delivery.trainees.courseStarted", { start: formatInstant(view.courseStartsAt) }) : t("delivery.trainees.beforeStart")}</p> : null}
      {total === 0 ? <p>{t("delivery.trainees.empty")}</p> : view.offerExport ? <ExportLinks /> : null}
      {view.demands.map((d) => {
        const confirmed = d.enrolments.filter((e) => e.status === "confirmed");
        const offered = d.enrolments.filter((e) => e.status === "offered");
        const others = d.enrolments.filter((e) => e.status !== "confirmed" && e.status !== "offered");
        const nameOf = new Map(d.enrolments.map((e) => [e.id, e.name]));
        const missing = d.headcount - d.rosterCount;
        const headingId = `demand-${d.demandId}`;
        return (
          <section key={d.demandId} aria-labelledby={headingId}>
            <h2 id={headingId}>{t("delivery.trainees.demandHeading", { enterprise: d.enterpriseName, ref: demandRef(d.demandId) })}</h2>
            <p>{t("delivery.trainees.places", { confirmed: d.confirmedCount, headcount: d.headcount, roster: d.rosterCount })}</p>
            {missing > 0 ? <p className="warning">{t("delivery.trainees.rosterShort", { missing })}</p> : null}

            <CohortTable
              caption={t("delivery.trainees.confirmedCaption")}
              dateHeader={t("delivery.trainees.confirmedAt")}
              rows={confirmed}
              withActions={canRecord}
              name={(e) => (
                <>
                  {e.name}
                  {e.replacesEnrolmentId ? <span className="muted"> · {t("delivery.trainees.replacesNote", { name: nameOf.get(e.replacesEnrolmentId) ?? "" })}</span> : null}
                </>
              )}
              at={(e) => e.confirmedAt}
              actions={(e) => (
                <>
                  {!view.courseStarted ? (
                    <ReasonForm intent="replace" enrolment={e} lastResult={actionData} replacements={offered.filter((o) => !o.confirmedElsewhere)} />
                  ) : null}
                  {e.progress === "in_training" ? <ReasonForm intent="drop" enrolment={e} lastResult={actionData} /> : null}
                </>
              )}
            />

            <CohortTable
              caption={t("delivery.trainees.offeredCaption")}
              dateHeader={t("delivery.trainees.offeredAt")}
              rows={offered}
              withActions={canRecord}
              name={(e) => (
                <>
                  {e.name}
                  {e.confirmedElsewhere ? <span className="badge badge-warn"> {t("delivery.trainees.confirmedElsewhere")}</span> : null}
                </>
              )}
              at={(e) => e.createdAt}
              actions={(e) => (
                <>
                  <ConfirmForm enrolment={e} lastResult={actionData} />
                  <ReasonForm intent="decline" enrolment={e} lastResult={actionData} />
                </>
              )}
            />

            {others.length > 0 ? (
              <div className="table-scroll">
                <table>
                  <caption>{t("delivery.trainees.othersCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("delivery.trainees.name")}</th>
                      <th scope="col">{t("delivery.trainees.idNumber")}</th>
                      <th scope="col">{t("delivery.trainees.status")}</th>
                      <th scope="col">{t("delivery.trainees.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {others.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">{e.name}</th>
                        <td className="mono">{e.idNumberShown}</td>
                        <td>{t(`delivery.trainees.statuses.${e.status}`)}</td>
                        <td>{e.statusReason === REMOVED_FROM_ROSTER ? t("delivery.trainees.removedFromRoster") : e.statusReason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        );
      })}
    </article>
  );
}

/** A cohort table of one demand (confirmed, or offered): name, masked identity number, a date, and the institution's actions. */
function CohortTable({
  caption,
  dateHeader,
  rows,
  withActions,
  name,
  at,
  actions,
}: {
  caption: string;
  dateHeader: string;
  rows: ShownEnrolment[];
  withActions: boolean;
  name: (e: ShownEnrolment) => ReactNode;
  at: (e: ShownEnrolment) => string | null;
  actions: (e: ShownEnrolment) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("delivery.trainees.name")}</th>
            <th scope="col">{t("delivery.trainees.idNumber")}</th>
            <th scope="col">{dateHeader}</th>
            {withActions ? <th scope="col">{t("delivery.trainees.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={withActions ? 4 : 3}>{t("delivery.trainees.none")}</td>
            </tr>
          ) : (
            rows.map((e) => (
              <tr key={e.id}>
                <th scope="row">{name(e)}</th>
                <td className="mono">{e.idNumberShown}</td>
                <td className="nowrap">{formatInstant(at(e))}</td>
                {withActions ? <td>{actions(e)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function ConfirmForm({ enrolment, lastResult }: { enrolment: ShownEnrolment; lastResult: Reply }) {
  const { t } = useTranslation();
  const mine = lastResult?.enrolmentId === enrolment.id && lastResult.reply.initialValue?.intent === "confirm";
  const [form] = useForm({ id: `confirm-${enrolment.id}`, lastResult: mine ? lastResult.reply : undefined });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="enrolmentId" value={enrolment.id} />
      <button type="submit" aria-label={t("delivery.trainees.confirmLabel", { name: enrolment.name })}>
        {t("delivery.trainees.confirm")}
      </button>
      <FormErrors id={form.errorId} errors={form.errors} />
    </Form>
  );
}

/** Decline, replace or drop: a reason (and for a replacement, who), folded away until opened. */
function ReasonForm({
  intent,
  enrolment,
  lastResult,
  replacements,
}: {
  intent: "decline" | "replace" | "drop";
  enrolment: ShownEnrolment;
  lastResult: Reply;
  replacements?: ShownEnrolment[];
}) {
  const { t } = useTranslation();
  const mine = lastResult?.enrolmentId === enrolment.id && lastResult.reply.initialValue?.intent === intent;
  const [form, fields] = useForm<{ intent: string; enrolmentId: string; reason: string; replacementId: string }>({ id: `${intent}-${enrolment.id}`, lastResult: mine ? lastResult.reply : undefined });
  const label = intent === "decline" ? t("delivery.trainees.decline") : intent === "replace" ? t("delivery.trainees.replace") : t("delivery.trainees.drop");
  const submit = intent === "decline" ? t("delivery.trainees.declineSubmit") : intent === "replace" ? t("delivery.trainees.replaceSubmit") : t("delivery.trainees.dropSubmit");
  const hintId = `${fields.reason.id}-hint`;
  return (
    <details className="row-action" open={mine || undefined}>
      <summary>
        {label}
        <span className="visually-hidden"> {enrolment.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="enrolmentId" value={enrolment.id} />
        {intent === "replace" ? (
          replacements && replacements.length > 0 ? (
            <div className="field">
              <label htmlFor={fields.replacementId.id}>{t("delivery.trainees.replaceWith")}</label>
              <select {...getSelectProps(fields.replacementId)} key={fields.replacementId.key}>
                <option value="">{t("delivery.trainees.chooseOption")}</option>
                {replacements.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} · {r.idNumberShown}
                  </option>
                ))}
              </select>
              <ErrorList id={fields.replacementId.errorId} errors={fields.replacementId.errors} />
            </div>
          ) : (
            <p>{t("delivery.trainees.noReplacement")}</p>
          )
        ) : null}
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("delivery.trainees.reasonLabel")}</label>
          <span className="hint" id={hintId}>
            {t("delivery.trainees.reasonHint")}
          </span>
          <input {...getInputProps(fields.reason, { type: "text", ariaDescribedBy: hintId })} key={fields.reason.key} maxLength={500} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div className="actions">
          <button type="submit" className={intent === "decline" ? "secondary" : undefined} disabled={intent === "replace" && !replacements?.length}>
            {submit}
          </button>
        </div>
      </Form>
    </details>
  );
}
