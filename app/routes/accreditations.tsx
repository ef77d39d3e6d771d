import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { applyForAccreditation, decideAccreditation, listOwnAccreditations } from "~/modules/accreditation/accreditations.server";
import { applicationSchema, decisionSchema } from "~/modules/accreditation/schemas";
import { listOccupations } from "~/modules/reference/occupations.server";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { statusOf } from "~/utils/result";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { AccreditationTable } from "~/ui/components/accreditation-table";

export const meta: MetaFunction = () => [{ title: "资质认定 Accreditation · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "accreditation.apply", {});
  const [own, occupations] = await Promise.all([listOwnAccreditations(context.db, actor.orgId), listOccupations(context.db)]);
  return { own, occupations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "accreditation.apply", {});
  const form = await request.formData();
  if (form.get("intent") === "withdraw") {
    const parsed = decisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data(null, { status: 400 });
    const result = await decideAccreditation(context.db, actor, parsed.data);
    if (!result.ok) throw data(null, { status: statusOf(result) });
    return redirect("/accreditations?notice=accreditation.done.withdraw");
  }
  const submission = parseWithZod(form, { schema: applicationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await applyForAccreditation(context.db, actor, submission.value);
  if (!result.ok) {
    const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
    return data(submission.reply({ fieldErrors }), { status: statusOf(result) });
  }
  return redirect("/accreditations?notice=accreditation.applied");
}

export default function Accreditations() {
  const { t, i18n } = useTranslation();
  const { own, occupations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: lastResult ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationSchema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  const en = i18n.language === "en";
  return (
    <>
      <h1>{t("accreditation.title")}</h1>
      <p className="lead">{t("accreditation.intro")}</p>
      <AccreditationTable
        rows={own}
        actions={(a) =>
          a.status === "applied" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="id" value={a.id} />
              <input type="hidden" name="event" value="withdraw" />
              <input type="hidden" name="expectedStatus" value={a.status} />
              <button type="submit" className="secondary">
                {t("accreditation.withdraw")}
              </button>
            </Form>
          ) : null
        }
      />
      <section className="card" aria-labelledby="apply-heading">
        <h2 id="apply-heading">{t("accreditation.apply")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.occupationCode.id}>{t("accreditation.occupation")}</label>
            <select {...getSelectProps(fields.occupationCode)} key={fields.occupationCode.key}>
              <option value="">—</option>
              {occupations.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} {en ? o.nameEn : o.nameZh}
                </option>
              ))}
            </select>
            <ErrorList id={fields.occupationCode.errorId} errors={fields.occupationCode.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.highestLevel.id}>{t("accreditation.highestLevel")}</label>
            <select {...getSelectProps(fields.highestLevel)} key={fields.highestLevel.key}>
              {SKILL_LEVELS.map((l) => (
                <option key={l.level} value={l.level}>
                  {en ? l.nameEn : l.nameZh}
                </option>
              ))}
            </select>
            <ErrorList id={fields.highestLevel.errorId} errors={fields.highestLevel.errors} />
          </div>
          <TextField meta={fields.licenceNumber} label={t("accreditation.licenceNumber")} />
          <TextField meta={fields.validFrom} label={t("accreditation.validFrom")} type="date" />
          <TextField meta={fields.validTo} label={t("accreditation.validTo")} type="date" />
          <div className="actions">
            <button type="submit">{t("accreditation.apply")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
