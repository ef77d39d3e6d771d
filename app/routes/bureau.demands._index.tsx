import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/ui/components/export-links";
import { Pager } from "~/ui/components/pager";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";
import { z } from "zod";
import { forbidden, requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { levelLabel, occupationLabel, statusBadgeClass } from "~/modules/demand/labels";
import { listDemandsForReview, listReviewFilterOptions, type DemandSummary } from "~/modules/demand/queries.server";
import { reviewDemands } from "~/modules/demand/review-demands.server";
import { bulkReviewSchema, needsReason, REVIEW_EVENTS } from "~/modules/demand/schemas";
import { isIsoDate } from "~/modules/reference/working-days";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "需求审核 Demand review · SkillTender" }];

/** Every state but draft: a draft is the enterprise's own until submitted. */
const STATUS_FILTERS = ["submitted", "returned", "rejected", "pooled", "tendered", "contracted", "fulfilled", "withdrawn"] as const;
const dateParam = z.string().trim().max(10).optional().catch(undefined);

/** GET filters; anything unrecognised is ignored rather than refused (a list is never an error). */
const filterSchema = z.object({
  occupation: z.string().trim().max(20).optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  enterprise: z.string().trim().max(40).optional().catch(undefined),
  from: dateParam,
  to: dateParam,
  status: z.enum([...STATUS_FILTERS, "all"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.list");
  const raw = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filter = {
    ...raw,
    // The review queue by default: what awaits a decision.
    status: raw.status ?? "submitted",
    from: raw.from && isIsoDate(raw.from) ? raw.from : undefined,
    to: raw.to && isIsoDate(raw.to) ? raw.to : undefined,
  };
  const invalidDates = (raw.from && !filter.from) || (raw.to && !filter.to);
  const query = {
    occupationCode: filter.occupation || undefined,
    level: filter.level,
    enterpriseId: filter.enterprise || undefined,
    from: filter.from,
    to: filter.to,
    status: filter.status,
  };
  const format = exportAsked(request);
  if (format) {
    const all = await listDemandsForReview(context.db, { ...query, limit: EXPORT_LIMIT });
    throw await listExportResponse(format, chineseT()("demand.review.title"), exportColumns(), all.items, all.total);
  }
  const [page, options] = await Promise.all([listDemandsForReview(context.db, { ...query, page: filter.page }), listReviewFilterOptions(context.db)]);
  return { filter, raw, invalidDates: Boolean(invalidDates), ...page, options, canReview: can(actor, "demand.review") };
}

/** The table's columns in the export: Chinese headers and names, the window as two dates, times in Beijing time; no trainee data. */
function exportColumns(): ExportColumn<DemandSummary>[] {
  const t = chineseT();
  return [
    { header: t("demand.fields.ref"), kind: "text", value: (d) => d.ref },
    { header: t("demand.fields.enterprise"), kind: "text", value: (d) => d.enterpriseName },
    { header: t("demand.fields.occupation"), kind: "text", value: (d) => occupationLabel({ nameZh: d.occupationNameZh, nameEn: d.occupationNameEn }, "zh-CN") },
    { header: t("demand.fields.level"), kind: "text", value: (d) => levelLabel(d.level, "zh-CN") },
    { header: t("demand.fields.headcount"), kind: "number", value: (d) => d.headcount },
    { header: t("demand.fields.earliestStart"), kind: "date", value: (d) => d.earliestStart },
    { header: t("demand.fields.latestEnd"), kind: "date", value: (d) => d.latestEnd },
    { header: t("demand.fields.rosterCount"), kind: "number", value: (d) => d.rosterCount },
    { header: t("demand.fields.status"), kind: "text", value: (d) => t(`demand.status.${d.status}`) },
    { header: t("demand.fields.submittedAt"), kind: "instant", value: (d) => d.submittedAt },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.list");
  const submission = parseWithZod(await request.formData(), { schema: bulkReviewSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await reviewDemands(context.db, actor, submission.value);
  if (result.ok) {
    const back = new URL(request.url).searchParams;
    back.delete("index");
    back.set("notice", "demand.notice.bulkDone");
    return redirect(`/bureau/demands?${back.toString()}`);
  }
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function BureauDemands() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filter, raw, invalidDates, items, total, page, pages, options, canReview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bulkReviewSchema }),
    shouldValidate: "onSubmit",
  });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const tableRef = useRef<HTMLTableElement>(null);
  const ticked = new Set((lastResult?.initialValue?.ids as string[] | undefined) ?? []);
  const selectable = items.filter((d) => canReview && d.status === "submitted");
  const reasonHint = `${fields.reason.id}-hint`;

  return (
    <>
      <h1>{t("demand.review.title")}</h1>
      <p className="lead">{t("demand.review.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("demand.review.filters")}>
        <div className="field">
          <label htmlFor="f-status">{t("demand.fields.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status}>
            <option value="all">{t("demand.review.allStatuses")}</option>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`demand.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-occupation">{t("demand.fields.occupation")}</label>
          <select id="f-occupation" name="occupation" defaultValue={filter.occupation ?? ""}>
            <option value="">{t("demand.review.allOccupations")}</option>
            {options.occupations.map((o) => (
              <option key={o.code} value={o.code}>
                {occupationLabel(o, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-level">{t("demand.fields.level")}</label>
          <select id="f-level" name="level" defaultValue={filter.level ? String(filter.level) : ""}>
            <option value="">{t("demand.review.allLevels")}</option>
            {[5, 4, 3, 2, 1].map((l) => (
              <option key={l} value={String(l)}>
                {levelLabel(l, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-enterprise">{t("demand.fields.enterprise")}</label>
          <select id="f-enterprise" name="enterprise" defaultValue={filter.enterprise ?? ""}>
            <option value="">{t("demand.review.allEnterprises")}</option>
            {options.enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field window-filter" aria-describedby="f-window-hint">
          <legend>{t("demand.fields.window")}</legend>
          <span className="hint" id="f-window-hint">
            {t("demand.review.windowHint")}
          </span>
          <div className="inline-controls">
            <label htmlFor="f-from" className="visually-hidden">
              {t("demand.review.windowFrom")}
            </label>
            <input id="f-from" type="date" name="from" defaultValue={raw.from ?? ""} aria-invalid={raw.from && !filter.from ? true : undefined} />
            <span aria-hidden="true">–</span>
            <label htmlFor="f-to" className="visually-hidden">
              {t("demand.review.windowTo")}
            </label>
            <input id="f-to" type="date" name="to" defaultValue={raw.to ?? ""} aria-invalid={raw.to && !filter.to ? true : undefined} />
          </div>
          {invalidDates ? <p className="field-error">{t("demand.review.invalidDate")}</p> : null}
        </fieldset>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to={location.pathname}>{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <ExportLinks />

      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="table-scroll">
          <table ref={tableRef}>
            <caption className="visually-hidden">{t("demand.review.caption")}</caption>
            <thead>
              <tr>
                {canReview ? (
                  <th scope="col">
                    {hydrated && selectable.length > 0 ? (
                      <input
                        type="checkbox"
                        aria-label={t("demand.review.selectAll")}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          tableRef.current?.querySelectorAll<HTMLInputElement>('input[name="ids"]').forEach((box) => {
                            box.checked = on;
                          });
                        }}
                      />
                    ) : (
                      <span className="visually-hidden">{t("demand.review.select")}</span>
                    )}
                  </th>
                ) : null}
                <th scope="col">{t("demand.fields.ref")}</th>
                <th scope="col">{t("demand.fields.enterprise")}</th>
                <th scope="col">{t("demand.fields.occupation")}</th>
                <th scope="col">{t("demand.fields.level")}</th>
                <th scope="col" className="num">
                  {t("demand.fields.headcount")}
                </th>
                <th scope="col">{t("demand.fields.window")}</th>
                <th scope="col" className="num">
                  {t("demand.fields.rosterCount")}
                </th>
                <th scope="col">{t("demand.fields.status")}</th>
                <th scope="col">{t("demand.fields.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={canReview ? 10 : 9}>{t("demand.review.empty")}</td>
                </tr>
              ) : (
                items.map((d) => (
                  <tr key={d.id}>
                    {canReview ? (
                      <td>
                        {d.status === "submitted" ? (
                          <input
                            type="checkbox"
                            name="ids"
                            value={d.id}
                            defaultChecked={ticked.has(d.id)}
                            aria-label={t("demand.review.selectRow", { ref: d.ref })}
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <th scope="row" className="nowrap">
                      <Link to={`/bureau/demands/${d.id}`} className="mono">
                        {d.ref}
                      </Link>
                    </th>
                    <td>{d.enterpriseName}</td>
                    <td>{occupationLabel({ nameZh: d.occupationNameZh, nameEn: d.occupationNameEn }, lang)}</td>
                    <td className="nowrap">{levelLabel(d.level, lang)}</td>
                    <td className="num">{d.headcount}</td>
                    <td className="nowrap">
                      {d.earliestStart} – {d.latestEnd}
                    </td>
                    <td className="num">{d.rosterCount}</td>
                    <td>
                      <span className={statusBadgeClass(d.status)}>{t(`demand.status.${d.status}`)}</span>
                    </td>
                    <td className="nowrap">{d.submittedAt ? formatInstant(d.submittedAt) : "—"}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <ErrorList id={fields.ids.errorId} errors={fields.ids.errors} />
        {canReview && selectable.length > 0 ? (
          <fieldset className="card bulk-actions">
            <legend>{t("demand.review.bulk")}</legend>
            <p className="hint">{t("demand.review.bulkHint")}</p>
            <div className="field">
              <label htmlFor={fields.reason.id}>{t("demand.review.reason")}</label>
              <span className="hint" id={reasonHint}>
                {t("demand.review.reasonHint")}
              </span>
              <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: reasonHint })} key={fields.reason.key} rows={2} maxLength={500} />
              <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <div className="actions">
              {REVIEW_EVENTS.map((e) => (
                <button key={e} type="submit" name="event" value={e} className={needsReason(e) ? (e === "reject" ? "danger" : "secondary") : undefined}>
                  {t(`demand.events.${e}`)}
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
      </Form>

      <Pager page={page} pages={pages} total={total} />
    </>
  );
}
