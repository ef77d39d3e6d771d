import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { fenToYuanString, formatFen } from "~/modules/reference/money";
import { shanghaiYearMonth } from "~/modules/targets/metrics";
import { listProgressYears } from "~/modules/targets/progress.server";
import { targetsFormSchema } from "~/modules/targets/targets";
import { findTargets, setTargets } from "~/modules/targets/targets.server";
import { FormErrors, TextField } from "~/ui/components/form";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";
import { formatInstant } from "~/ui/format";
import { now } from "~/utils/clock.server";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "年度目标 Yearly targets · SkillTender" }];

/** A bureau admin sets a year's targets (DESIGN.md "Users and roles"). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "targets.manage");
  const at = now();
  const year = yearFromUrl(new URL(request.url), shanghaiYearMonth(at).year);
  const [targets, years] = await Promise.all([findTargets(context.db, year), listProgressYears(context.db, at)]);
  return { targets, years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "targets.manage");
  const submission = parseWithZod(await request.formData(), { schema: targetsFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await setTargets(context.db, actor, submission.value);
  if (!result.ok) return data(submission.reply({ formErrors: result.kind === "conflict" ? [result.message] : [] }), { status: statusOf(result) });
  return redirect(`/bureau/targets?year=${submission.value.year}&notice=progress.targetsPage.${result.value.changed ? "saved" : "unchanged"}`);
}

export default function Targets() {
  const { t, i18n } = useTranslation();
  const { targets, years } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetsFormSchema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected (a vanishing line would move the button).
    shouldRevalidate: "onInput",
    defaultValue: {
      trainedMin: String(targets.trainedMin),
      highSkilledMin: String(targets.highSkilledMin),
      highSkilledSharePct: String(targets.highSkilledSharePct),
      budget: targets.budgetFen === null ? "" : fenToYuanString(targets.budgetFen),
    },
  });
  return (
    <>
      <h1>{t("progress.targetsPage.title")}</h1>
      <p className="lead">{t("progress.targetsPage.intro")}</p>
      <YearPicker year={targets.year} years={years} />
      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">
          {t("progress.targetsPage.current")} · {targets.year}
        </h2>
        {targets.isDefault ? <p className="warning">{t("progress.targetsPage.usingDefaults")}</p> : null}
        <dl className="facts">
          <dt>{t("progress.targetsPage.trainedMin")}</dt>
          <dd>{targets.trainedMin}</dd>
          <dt>{t("progress.targetsPage.highSkilledMin")}</dt>
          <dd>{targets.highSkilledMin}</dd>
          <dt>{t("progress.targetsPage.highSkilledSharePct")}</dt>
          <dd>{targets.highSkilledSharePct}</dd>
          <dt>{t("progress.targetsPage.budget")}</dt>
          <dd>{targets.budgetFen === null ? t("progress.targets.budgetNotSet") : formatFen(targets.budgetFen, i18n.language)}</dd>
        </dl>
        {targets.updatedAt ? <p className="muted">{t("progress.targetsPage.updatedAt", { time: formatInstant(targets.updatedAt) })}</p> : null}
        <p>
          <Link to={`/bureau/progress?year=${targets.year}`}>{t("progress.nav.bureau")}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="set-heading">
        <h2 id="set-heading">{t("progress.targets.edit")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="year" value={targets.year} />
          <TextField meta={fields.trainedMin} label={t("progress.targetsPage.trainedMin")} />
          <TextField meta={fields.highSkilledMin} label={t("progress.targetsPage.highSkilledMin")} />
          <TextField meta={fields.highSkilledSharePct} label={t("progress.targetsPage.highSkilledSharePct")} />
          <TextField meta={fields.budget} label={t("progress.targetsPage.budget")} />
          <div className="actions">
            <button type="submit">{t("progress.targetsPage.save")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
