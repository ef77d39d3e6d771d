import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireCan } from "~/auth/guards.server";
import { DemandFields, OCCUPATION_FILTER_FORM } from "~/modules/demand/demand-fields";
import { postDemand } from "~/modules/demand/post-demand.server";
import { listActiveOccupations } from "~/modules/demand/queries.server";
import { demandFormSchema, toDemandInput } from "~/modules/demand/schemas";
import { FormErrors } from "~/ui/components/form";

export const meta: MetaFunction = () => [{ title: "新建培训需求 New demand · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "demand.create");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 50);
  return { occupations: await listActiveOccupations(context.db), q };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const submission = parseWithZod(await request.formData(), { schema: demandFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const submit = submission.value.intent === "submit";
  const result = await postDemand(context.db, actor, { fields: toDemandInput(submission.value), submit });
  if (result.ok) return redirect(`/demands/${result.value.demandId}?notice=demand.notice.${submit ? "submitted" : "saved"}`);
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  return data(submission.reply({ fieldErrors }), { status: 400 });
}

export default function NewDemand() {
  const { t } = useTranslation();
  const { occupations, q } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: demandFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p className="no-print">
        <Link to="/demands">{t("demand.detail.backToList")}</Link>
      </p>
      <h1>{t("demand.new.title")}</h1>
      <p className="lead">{t("demand.new.intro")}</p>
      {/* The occupation filter's own GET form; its input sits in the demand form below (form attribute). */}
      <form method="get" id={OCCUPATION_FILTER_FORM} onSubmit={(e) => e.preventDefault()} />
      <Form method="post" {...getFormProps(form)} className="stack card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <DemandFields fields={fields} occupations={occupations} query={q} />
        <div className="actions">
          <button type="submit" name="intent" value="submit">
            {t("demand.form.submit")}
          </button>
          <button type="submit" name="intent" value="save" className="secondary">
            {t("demand.form.saveDraft")}
          </button>
          <Link to="/demands">{t("demand.form.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}
