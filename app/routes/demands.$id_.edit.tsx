import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireCan, requireRecordAccess } from "~/auth/guards.server";
import { DemandFields, OCCUPATION_FILTER_FORM } from "~/modules/demand/demand-fields";
import { editDemand } from "~/modules/demand/edit-demand.server";
import { isEditable } from "~/modules/demand/lifecycle";
import { findDemand, listActiveOccupations } from "~/modules/demand/queries.server";
import { demandFormSchema, toDemandInput } from "~/modules/demand/schemas";
import { FormErrors } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "修改培训需求 Change demand · SkillTender" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  const demand = await findDemand(context.db, id);
  if (!demand) notFound();
  await requireRecordAccess(context, actor, "demand.edit", { organisationId: demand.enterpriseId }, { type: "demand", id });
  if (!isEditable(demand.status)) throw redirect(`/demands/${id}?notice=demand.errors.notEditable`);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 50);
  return { demand, occupations: await listActiveOccupations(context.db), q };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: demandFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const submit = submission.value.intent === "submit";
  const result = await editDemand(context.db, actor, { demandId: id, fields: toDemandInput(submission.value), submit });
  if (result.ok) return redirect(`/demands/${id}?notice=demand.notice.${submit ? "submitted" : "saved"}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function EditDemand() {
  const { t } = useTranslation();
  const { demand, occupations, q } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      occupationCode: demand.occupationCode,
      level: String(demand.level),
      headcount: String(demand.headcount),
      earliestStart: demand.earliestStart,
      latestEnd: demand.latestEnd,
      place: demand.place,
      notes: demand.notes ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: demandFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p className="no-print">
        <Link to={`/demands/${demand.id}`}>{t("demand.roster.backToDemand")}</Link>
      </p>
      <h1>{t("demand.edit.title", { ref: demand.ref })}</h1>
      <p className="lead">{t("demand.edit.intro")}</p>
      {demand.status === "returned" && demand.statusReason ? (
        <p className="warning reason" role="note">
          {t("demand.detail.reasonLine", { label: t("demand.detail.returnedReason"), reason: demand.statusReason })}
        </p>
      ) : null}
      <form method="get" id={OCCUPATION_FILTER_FORM} onSubmit={(e) => e.preventDefault()} />
      <Form method="post" {...getFormProps(form)} className="stack card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <DemandFields fields={fields} occupations={occupations} query={q} />
        <div className="actions">
          <button type="submit" name="intent" value="submit">
            {t(demand.status === "returned" ? "demand.form.saveAndSubmit" : "demand.form.submit")}
          </button>
          <button type="submit" name="intent" value="save" className="secondary">
            {t(demand.status === "returned" ? "demand.form.save" : "demand.form.saveDraft")}
          </button>
          <Link to={`/demands/${demand.id}`}>{t("demand.form.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}
