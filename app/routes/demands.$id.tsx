import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireCan, requireRecordAccess } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { changeDemandStatus } from "~/modules/demand/change-demand-status.server";
import { DemandHistory, DemandSummaryList } from "~/modules/demand/demand-view";
import { DEMAND_LIFECYCLE, isEditable } from "~/modules/demand/lifecycle";
import { findDemand } from "~/modules/demand/queries.server";
import { isRosterEditable } from "~/modules/demand/roster";
import { ENTERPRISE_EVENTS, statusChangeSchema, type EnterpriseEvent } from "~/modules/demand/schemas";
import { FormErrors } from "~/ui/components/form";
import { allowedEvents } from "~/utils/lifecycle";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "培训需求 Training demand · SkillTender" }];

const NOTICE_OF: Record<EnterpriseEvent, string> = { submit: "submitted", withdraw: "withdrawn" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  const demand = await findDemand(context.db, id);
  if (!demand) notFound();
  await requireRecordAccess(context, actor, "demand.view", { organisationId: demand.enterpriseId }, { type: "demand", id });
  const mayEdit = can(actor, "demand.edit", { organisationId: demand.enterpriseId });
  const events = mayEdit
    ? allowedEvents(DEMAND_LIFECYCLE, demand.status).filter((e): e is EnterpriseEvent => (ENTERPRISE_EVENTS as readonly string[]).includes(e))
    : [];
  return {
    demand,
    events,
    canEdit: mayEdit && isEditable(demand.status),
    canManageRoster: can(actor, "trainee.manage", { organisationId: demand.enterpriseId }),
    rosterEditable: isRosterEditable(demand.status),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: statusChangeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (!(ENTERPRISE_EVENTS as readonly string[]).includes(v.event)) throw forbidden();
  const result = await changeDemandStatus(context.db, actor, { demandId: id, ...v, event: v.event as EnterpriseEvent });
  if (result.ok) return redirect(`/demands/${id}?notice=demand.notice.${NOTICE_OF[v.event as EnterpriseEvent]}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const formErrors = result.kind === "conflict" ? [result.message] : result.kind === "validation" ? (result.formErrors ?? []) : [];
  return data(submission.reply({ formErrors }), { status: statusOf(result) });
}

export default function DemandPage() {
  const { t } = useTranslation();
  const { demand, events, canEdit, canManageRoster } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <p className="no-print">
        <Link to="/demands">{t("demand.detail.backToList")}</Link>
      </p>
      <h1>{t("demand.detail.title", { ref: demand.ref })}</h1>

      <DemandSummaryList demand={demand} />

      <section className="card" aria-labelledby="roster-heading">
        <h2 id="roster-heading">{t("demand.detail.roster")}</h2>
        <p>{t("demand.detail.rosterSummary", { count: demand.rosterCount, headcount: demand.headcount })}</p>
        {canManageRoster ? (
          <p>
            <Link to={`/demands/${demand.id}/roster`}>{t("demand.detail.manageRoster")}</Link>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("demand.detail.actions")}</h2>
        {events.length === 0 && !canEdit ? <p className="muted">{t("demand.detail.noActions")}</p> : null}
        {canEdit ? (
          <p>
            <Link to={`/demands/${demand.id}/edit`} className="button secondary">
              {t("demand.detail.edit")}
            </Link>
          </p>
        ) : null}
        {events.length > 0 ? (
          <Form method="post" {...getFormProps(form)} className="stack" key={demand.status}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="expectedStatus" value={demand.status} />
            {events.includes("withdraw") ? (
              <p className="hint" id="withdraw-hint">
                {t("demand.detail.withdrawHint")}
              </p>
            ) : null}
            <div className="actions">
              {events.map((e) => (
                <button
                  key={e}
                  type="submit"
                  name="event"
                  value={e}
                  className={e === "withdraw" ? "danger" : undefined}
                  aria-describedby={e === "withdraw" ? "withdraw-hint" : undefined}
                >
                  {t(e === "submit" && demand.status === "returned" ? "demand.events.resubmit" : `demand.events.${e}`)}
                </button>
              ))}
            </div>
          </Form>
        ) : null}
      </section>

      <DemandHistory history={demand.history} />
    </>
  );
}
