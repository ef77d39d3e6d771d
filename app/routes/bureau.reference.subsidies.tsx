import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { listOccupations } from "~/modules/reference/occupations.server";
import { listSubsidies, removeSubsidy, setSubsidy, type SubsidyRow } from "~/modules/reference/manage-reference.server";
import { formatFen, parseYuan } from "~/modules/reference/money";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { now } from "~/utils/clock.server";
import { msg, statusOf } from "~/utils/result";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { type ExportColumn } from "~/ui/export/table-export";
import { exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";

export const meta: MetaFunction = () => [{ title: "补贴标准 Subsidy standards · SkillTender" }];

const setSchema = z.object({
  intent: z.literal("set"),
  year: z.coerce.number({ error: "common.form.required" }).int().min(2000).max(2100),
  occupationCode: z.string().trim().max(20).optional(),
  level: z.coerce.number({ error: "common.form.required" }).int().min(1).max(5),
  cap: z.string({ error: "common.form.required" }).transform((v, ctx) => {
    const r = parseYuan(v);
    if (r.ok && r.value > 0) return r.value;
    ctx.addIssue({ code: "custom", message: r.ok ? "common.form.invalid" : msg(`reference.money.${r.error.code}`) });
    return z.NEVER;
  }),
  illustrative: z.literal("on").optional(),
  note: z.string().trim().max(200, { error: msg("common.form.tooLong", { max: 200 }) }).optional(),
});
const removeSchema = z.object({ intent: z.literal("remove"), id: z.string().min(1), year: z.coerce.number().int() });
const schema = z.discriminatedUnion("intent", [setSchema, removeSchema]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "reference.manage");
  const thisYear = now().getUTCFullYear();
  const year = yearFromUrl(new URL(request.url), thisYear);
  const format = exportAsked(request);
  if (format) {
    const t = chineseT();
    throw await listExportResponse(format, `${t("reference.subsidy.title")} ${year}`, exportColumns(), await listSubsidies(context.db, year));
  }
  const [rows, occupations] = await Promise.all([listSubsidies(context.db, year), listOccupations(context.db)]);
  return { year, years: [thisYear - 1, thisYear, thisYear + 1], rows, occupations };
}

/** The year's caps in the export: amounts in yuan per trainee, illustrative figures marked. */
function exportColumns(): ExportColumn<SubsidyRow>[] {
  const t = chineseT();
  return [
    { header: t("reference.year"), kind: "number", value: (r) => r.year },
    { header: t("reference.subsidy.occupation"), kind: "text", value: (r) => (r.occupationCode ? `${r.occupationCode} ${r.occupationZh ?? ""}`.trim() : t("reference.subsidy.allOccupations")) },
    { header: t("reference.subsidy.level"), kind: "text", value: (r) => SKILL_LEVELS.find((l) => l.level === r.level)?.nameZh ?? r.level },
    { header: t("reference.subsidy.cap"), kind: "money", value: (r) => r.capFen },
    { header: t("reference.subsidy.illustrative"), kind: "text", value: (r) => t(r.illustrative ? "common.yes" : "common.no") },
    { header: t("reference.subsidy.note"), kind: "text", value: (r) => r.note },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "reference.manage");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result =
    v.intent === "set"
      ? await setSubsidy(context.db, actor, {
          year: v.year,
          occupationCode: v.occupationCode || null,
          level: v.level,
          capFen: v.cap,
          illustrative: v.illustrative === "on",
          note: v.note || null,
        })
      : await removeSubsidy(context.db, actor, v.id);
  if (!result.ok) {
    const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
    const formErrors = result.kind === "conflict" ? [result.message] : [];
    return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
  }
  const notice = v.intent === "set" ? "reference.subsidy.saved" : "reference.subsidy.removed";
  return redirect(`/bureau/reference/subsidies?year=${v.year}&notice=${notice}`);
}

export default function Subsidies() {
  const { t, i18n } = useTranslation();
  const { year, years, rows, occupations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  const en = i18n.language === "en";
  return (
    <>
      <h1>{t("reference.subsidy.title")}</h1>
      <p className="lead">{t("reference.subsidy.intro")}</p>
      <YearPicker year={year} years={years} />
      <ExportLinks />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            {t("reference.subsidy.title")} {year}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("reference.subsidy.occupation")}</th>
              <th scope="col">{t("reference.subsidy.level")}</th>
              <th scope="col" className="num">
                {t("reference.subsidy.cap")}
              </th>
              <th scope="col">{t("reference.subsidy.note")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("reference.subsidy.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5}>{t("reference.subsidy.none")}</td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.occupationCode ? `${r.occupationCode} ${en ? r.occupationEn : r.occupationZh}` : t("reference.subsidy.allOccupations")}</td>
                <td>{en ? SKILL_LEVELS.find((l) => l.level === r.level)?.nameEn : SKILL_LEVELS.find((l) => l.level === r.level)?.nameZh}</td>
                <td className="num">
                  {formatFen(r.capFen, i18n.language)}
                  {r.illustrative ? (
                    <>
                      {" "}
                      <span className="badge badge-warn" title={t("reference.subsidy.illustrativeHint")}>
                        {t("reference.subsidy.illustrative")}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{r.note}</td>
                <td>
                  {r.occupationCode ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="year" value={year} />
                      <button type="submit" className="secondary">
                        {t("reference.subsidy.remove")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="set-heading">
        <h2 id="set-heading">{t("reference.subsidy.set")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="year" value={year} />
          <div className="field">
            <label htmlFor={fields.occupationCode.id}>{t("reference.subsidy.occupation")}</label>
            <select {...getSelectProps(fields.occupationCode)} key={fields.occupationCode.key}>
              <option value="">{t("reference.subsidy.allOccupations")}</option>
              {occupations.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} {en ? o.nameEn : o.nameZh}
                </option>
              ))}
            </select>
            <ErrorList id={fields.occupationCode.errorId} errors={fields.occupationCode.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.level.id}>{t("reference.subsidy.level")}</label>
            <select {...getSelectProps(fields.level)} key={fields.level.key}>
              {SKILL_LEVELS.map((l) => (
                <option key={l.level} value={l.level}>
                  {en ? l.nameEn : l.nameZh}
                </option>
              ))}
            </select>
            <ErrorList id={fields.level.errorId} errors={fields.level.errors} />
          </div>
          <TextField meta={fields.cap} label={t("reference.subsidy.cap")} />
          <div className="field">
            <label>
              <input type="checkbox" name={fields.illustrative.name} /> {t("reference.subsidy.illustrative")}
            </label>
            <span className="hint">{t("reference.subsidy.illustrativeHint")}</span>
          </div>
          <TextField meta={fields.note} label={t("reference.subsidy.note")} />
          <div className="actions">
            <button type="submit">{t("reference.subsidy.set")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
