import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { forbidden, notFound, requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { changeOrganisationStatus } from "~/modules/organisation/change-organisation-status.server";
import {
  EVENTS_NEEDING_REASON,
  ORGANISATION_LIFECYCLE,
  statusPart,
  type OrganisationEvent,
  type OrganisationStatus,
} from "~/modules/organisation/lifecycle";
import { PerformanceRecord } from "~/modules/delivery/completion-views";
import { findPerformance } from "~/modules/delivery/performance.server";
import { findOrganisation } from "~/modules/organisation/queries.server";
import { statusChangeSchema } from "~/modules/organisation/schemas";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { ORGANISATION_TABLES, organisationExport } from "~/ui/export/organisation-exports.server";
import { allowedEvents } from "~/utils/lifecycle";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "单位详情 Organisation · SkillTender" }];

const NOTICE_OF: Record<OrganisationEvent, string> = {
  verify: "bureau.organisations.verified",
  reject: "bureau.organisations.rejected",
  suspend: "bureau.organisations.suspended",
  reinstate: "bureau.organisations.reinstated",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "organisation.list");
  const org = await findOrganisation(context.db, params.id ?? "");
  if (!org || org.kind === "bureau") notFound();
  // Only what the lifecycle allows from here and this actor may do (STYLE.md: the UI asks `can`).
  const events = allowedEvents(ORGANISATION_LIFECYCLE, org.status).filter((e) =>
    can(actor, `organisation.${e}`, { organisationId: org.id }),
  );
  // An institution's delivery record (issue 5), as evaluators see it in past performance.
  const performance = org.kind === "institution" ? await findPerformance(context.db, actor, org.id) : null;
  // The page's tables as files (members, status history, delivery record), for the bureau that reads it.
  const format = exportAsked(request);
  if (format) throw await organisationExport(format, exportTableOf(request, ORGANISATION_TABLES), org, performance?.ok ? performance.value : null);
  return { org, events, performance: performance?.ok ? performance.value : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "organisation.list");
  const submission = parseWithZod(await request.formData(), { schema: statusChangeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = params.id ?? "";
  const result = await changeOrganisationStatus(context.db, actor, { organisationId: id, ...submission.value });
  if (result.ok) return redirect(`/bureau/organisations/${id}?notice=${NOTICE_OF[submission.value.event]}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  // A stale page (someone else changed the status first) is a 409 with a message, never a crash.
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ formErrors }), { status: statusOf(result) });
}

/** After a conflict, reload the record so the page shows what someone else changed (Remix skips 4xx by default). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { org, events, performance } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const status = t(`common.orgStatus.${org.status}`);

  return (
    <>
      <p className="no-print">
        <Link to="/bureau/organisations">{t("bureau.organisations.backToList")}</Link>
      </p>
      <h1>{org.name}</h1>

      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">{t("bureau.organisations.details")}</h2>
        <dl>
          <dt>{t("bureau.organisations.kind")}</dt>
          <dd>{t(`common.orgKinds.${org.kind}`)}</dd>
          <dt>{t("bureau.organisations.creditCode")}</dt>
          <dd className="mono">{org.creditCode}</dd>
          <dt>{t("bureau.organisations.status")}</dt>
          <dd>{status}</dd>
          {org.statusReason ? (
            <>
              <dt>{t("bureau.organisations.statusReason")}</dt>
              <dd>{org.statusReason}</dd>
            </>
          ) : null}
          <dt>{t("bureau.organisations.registeredAt")}</dt>
          <dd>{formatInstant(org.createdAt)}</dd>
          <dt>{t("bureau.organisations.contactName")}</dt>
          <dd>{org.contactName ?? "—"}</dd>
          <dt>{t("bureau.organisations.contactPhone")}</dt>
          <dd>{org.contactPhone ?? "—"}</dd>
          <dt>{t("bureau.organisations.address")}</dt>
          <dd>{org.address ?? "—"}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("bureau.organisations.decision")}</h2>
        <p>{t("bureau.organisations.decisionIntro", { status })}</p>
        {events.length === 0 ? (
          <p className="muted">{t("bureau.organisations.noDecisionRight")}</p>
        ) : (
          // Keyed by status: once it changes (here or elsewhere) the form starts afresh from the new one.
          <DecisionForm key={org.status} orgId={org.id} status={org.status} events={events} lastResult={lastResult} />
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("bureau.organisations.members")}</h2>
        {org.members.length > 0 ? <ExportLinks table="members" label={t("bureau.organisations.members")} /> : null}
        {org.members.length === 0 ? (
          <p>{t("bureau.organisations.noMembers")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("bureau.organisations.members")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("bureau.organisations.memberName")}</th>
                  <th scope="col">{t("bureau.organisations.memberEmail")}</th>
                  <th scope="col">{t("bureau.organisations.memberStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {org.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{m.email}</td>
                    <td>{m.status === "active" || m.status === "disabled" ? t(`common.userStatus.${m.status}`) : m.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {performance ? (
        <section aria-labelledby="performance-heading">
          <h2 id="performance-heading">{t("completion.performance.bureauHeading")}</h2>
          {performance.contracts.length > 0 ? <ExportLinks table="performanceSummary" label={t("completion.performance.summary")} /> : null}
          {performance.contracts.length > 0 ? <ExportLinks table="performance" label={t("completion.performance.perContract")} /> : null}
          <PerformanceRecord record={performance} headingLevel={3} />
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("bureau.organisations.history")}</h2>
        {org.history.length > 0 ? <ExportLinks table="history" label={t("bureau.organisations.history")} /> : null}
        {org.history.length === 0 ? (
          <p>{t("bureau.organisations.noHistory")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("bureau.organisations.historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("bureau.audit.at")}</th>
                  <th scope="col">{t("bureau.audit.action")}</th>
                  <th scope="col">{t("bureau.audit.change")}</th>
                </tr>
              </thead>
              <tbody>
                {org.history.map((h) => {
                  const before = statusPart(h.before);
                  const after = statusPart(h.after);
                  return (
                    <tr key={h.seq}>
                      <td>{formatInstant(h.at)}</td>
                      <td>{t(`bureau.audit.actions.${h.action}` as never, { defaultValue: h.action })}</td>
                      <td>
                        {before.status ? `${t(`common.orgStatus.${before.status}`)} → ` : after.status ? "→ " : null}
                        {after.status ? t(`common.orgStatus.${after.status}`) : null}
                        {after.reason ? (
                          <>
                            <br />
                            {t("bureau.organisations.reasonIs", { reason: after.reason })}
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function DecisionForm({
  orgId,
  status,
  events,
  lastResult,
}: {
  orgId: string;
  status: OrganisationStatus;
  events: OrganisationEvent[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
    shouldValidate: "onSubmit",
  });
  const needsReason = events.some((e) => EVENTS_NEEDING_REASON.includes(e));
  const reasonHintId = `${fields.reason.id}-hint`;
  return (
    <Form method="post" action={`/bureau/organisations/${orgId}`} {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name={fields.expectedStatus.name} value={status} />
      {needsReason ? (
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("bureau.organisations.reason")}</label>
          <span className="hint" id={reasonHintId}>
            {t("bureau.organisations.reasonHint")}
          </span>
          <textarea
            {...getTextareaProps(fields.reason, { ariaDescribedBy: reasonHintId })}
            key={fields.reason.key}
            rows={3}
            maxLength={500}
          />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
      ) : null}
      <div className="actions">
        {events.map((e) => (
          <button
            key={e}
            type="submit"
            name={fields.event.name}
            value={e}
            className={EVENTS_NEEDING_REASON.includes(e) ? "danger" : undefined}
          >
            {t(`bureau.organisations.${e}`)}
          </button>
        ))}
      </div>
    </Form>
  );
}
