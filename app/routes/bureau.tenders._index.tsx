import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/ui/components/export-links";
import { Pager } from "~/ui/components/pager";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { formatShanghai } from "~/modules/tender/deadline";
import { TENDER_LIFECYCLE, type TenderStatus } from "~/modules/tender/lifecycle";
import { listTenders, type TenderListItem } from "~/modules/tender/queries.server";
import { TenderStatusBadge } from "~/modules/tender/tender-views";

export const meta: MetaFunction = () => [{ title: "招标管理 Tenders · SkillTender" }];

const STATUSES = Object.keys(TENDER_LIFECYCLE) as TenderStatus[];

/** GET filters; anything unrecognised is ignored rather than refused (a list is never an error). */
const filterSchema = z.object({
  status: z
    .enum(STATUSES as [TenderStatus, ...TenderStatus[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "tender.viewDraft");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const format = exportAsked(request);
  if (format) {
    const all = await listTenders(context.db, { status: filter.status, limit: EXPORT_LIMIT });
    throw await listExportResponse(format, chineseT()("tender.list.title"), exportColumns(), all.items, all.total);
  }
  const result = await listTenders(context.db, filter);
  return { filter, ...result, canManage: can(actor, "tender.manage") };
}

/** The table's columns in the export: Chinese headers, times in Beijing time. */
function exportColumns(): ExportColumn<TenderListItem>[] {
  const t = chineseT();
  return [
    { header: t("tender.list.titleCol"), kind: "text", value: (x) => x.title },
    { header: t("tender.list.reference"), kind: "text", value: (x) => x.reference },
    { header: t("tender.list.status"), kind: "text", value: (x) => t(`tender.status.${x.status}`) },
    { header: t("tender.list.lots"), kind: "number", value: (x) => x.lotCount },
    { header: t("tender.list.headcount"), kind: "number", value: (x) => x.headcount },
    { header: t("tender.list.deadline"), kind: "instant", value: (x) => x.bidDeadline },
    { header: t("tender.list.updated"), kind: "instant", value: (x) => x.updatedAt },
  ];
}

export default function BureauTenders() {
  const { t } = useTranslation();
  const { filter, items, total, page, pages, canManage } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>{t("tender.list.title")}</h1>
      <p className="lead">{t("tender.list.intro")}</p>
      {canManage ? (
        <p>
          <Link to="/bureau/tenders/new" className="button">
            {t("tender.list.new")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("common.actions.filter")}>
        <div className="field">
          <label htmlFor="f-status">{t("tender.list.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("tender.list.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tender.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to={location.pathname}>{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <ExportLinks />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("tender.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tender.list.titleCol")}</th>
              <th scope="col">{t("tender.list.reference")}</th>
              <th scope="col">{t("tender.list.status")}</th>
              <th scope="col" className="num">
                {t("tender.list.lots")}
              </th>
              <th scope="col" className="num">
                {t("tender.list.headcount")}
              </th>
              <th scope="col">{t("tender.list.deadline")}</th>
              <th scope="col">{t("tender.list.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={7}>{t("tender.list.none")}</td>
              </tr>
            ) : (
              items.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    <Link to={`/bureau/tenders/${x.id}`}>{x.title}</Link>
                  </th>
                  <td className="mono">{x.reference ?? <span className="muted">{t("tender.list.noReference")}</span>}</td>
                  <td>
                    <TenderStatusBadge status={x.status} />
                  </td>
                  <td className="num">{x.lotCount}</td>
                  <td className="num">{x.headcount}</td>
                  <td>{x.bidDeadline ? formatShanghai(x.bidDeadline) : "—"}</td>
                  <td>{formatShanghai(x.updatedAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} total={total} />
    </>
  );
}
