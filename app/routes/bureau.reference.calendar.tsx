import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { listCalendarDays, removeCalendarDay, setCalendarDay, type CalendarEntry } from "~/modules/reference/manage-reference.server";
import { isIsoDate } from "~/modules/reference/working-days";
import { now } from "~/utils/clock.server";
import { msg, statusOf } from "~/utils/result";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { type ExportColumn } from "~/ui/export/table-export";
import { exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";

export const meta: MetaFunction = () => [{ title: "工作日历 Working-day calendar · SkillTender" }];

const dateField = z
  .string({ error: "common.form.required" })
  .trim()
  .refine(isIsoDate, { error: "reference.calendar.invalidDate" });
const name = z
  .string({ error: "common.form.required" })
  .trim()
  .min(1, { error: "common.form.required" })
  .max(50, { error: msg("common.form.tooLong", { max: 50 }) });
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("set"), date: dateField, kind: z.enum(["holiday", "workday"]), nameZh: name, nameEn: name }),
  z.object({ intent: z.literal("remove"), date: dateField }),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "reference.manage");
  const thisYear = now().getUTCFullYear();
  const year = yearFromUrl(new URL(request.url), thisYear);
  const days = await listCalendarDays(context.db, year);
  const format = exportAsked(request);
  if (format) throw await listExportResponse(format, `${chineseT()("reference.calendar.title")} ${year}`, exportColumns(), days);
  return { year, years: [thisYear - 1, thisYear, thisYear + 1], days };
}

/** The year's holidays and make-up working days in the export. */
function exportColumns(): ExportColumn<CalendarEntry>[] {
  const t = chineseT();
  return [
    { header: t("reference.calendar.date"), kind: "date", value: (d) => d.date },
    { header: t("reference.calendar.kind"), kind: "text", value: (d) => t(d.kind === "holiday" ? "reference.calendar.holiday" : "reference.calendar.workday") },
    { header: t("reference.calendar.nameZh"), kind: "text", value: (d) => d.nameZh },
    { header: t("reference.calendar.nameEn"), kind: "text", value: (d) => d.nameEn },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "reference.manage");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result =
    v.intent === "set"
      ? await setCalendarDay(context.db, actor, { date: v.date, kind: v.kind, nameZh: v.nameZh, nameEn: v.nameEn })
      : await removeCalendarDay(context.db, actor, v.date);
  if (!result.ok) return data(submission.reply({ formErrors: ["common.errors.body404"] }), { status: statusOf(result) });
  const notice = v.intent === "set" ? "reference.calendar.saved" : "reference.calendar.removed";
  return redirect(`/bureau/reference/calendar?year=${v.date.slice(0, 4)}&notice=${notice}`);
}

export default function Calendar() {
  const { t, i18n } = useTranslation();
  const { year, years, days } = useLoaderData<typeof loader>();
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
      <h1>{t("reference.calendar.title")}</h1>
      <p className="lead">{t("reference.calendar.intro")}</p>
      <YearPicker year={year} years={years} />
      {days.length === 0 ? <p className="warning">{t("reference.calendar.notSeeded", { year })}</p> : <ExportLinks />}
      {days.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t("reference.calendar.title")} {year}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("reference.calendar.date")}</th>
                <th scope="col">{t("reference.calendar.kind")}</th>
                <th scope="col">{t("reference.calendar.nameZh")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("reference.calendar.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td className="mono">{d.date}</td>
                  <td>
                    <span className={d.kind === "holiday" ? "badge badge-ok" : "badge badge-warn"}>
                      {t(d.kind === "holiday" ? "reference.calendar.holiday" : "reference.calendar.workday")}
                    </span>
                  </td>
                  <td>{en ? d.nameEn : d.nameZh}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="date" value={d.date} />
                      <button type="submit" className="secondary">
                        {t("reference.calendar.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">{t("reference.calendar.add")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="set" />
          <TextField meta={fields.date} label={t("reference.calendar.date")} type="date" />
          <div className="field">
            <label htmlFor={fields.kind.id}>{t("reference.calendar.kind")}</label>
            <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
              <option value="holiday">{t("reference.calendar.holiday")}</option>
              <option value="workday">{t("reference.calendar.workday")}</option>
            </select>
            <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <TextField meta={fields.nameZh} label={t("reference.calendar.nameZh")} />
          <TextField meta={fields.nameEn} label={t("reference.calendar.nameEn")} />
          <div className="actions">
            <button type="submit">{t("reference.calendar.add")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
