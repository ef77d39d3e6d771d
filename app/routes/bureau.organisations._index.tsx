import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/ui/components/export-links";
import { Pager } from "~/ui/components/pager";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { listOrganisations, type OrganisationSummary } from "~/modules/organisation/queries.server";

export const meta: MetaFunction = () => [{ title: "单位审核 Organisations · SkillTender" }];

const KINDS = ["enterprise", "institution"] as const;
const STATUSES = ["pending", "verified", "rejected", "suspended"] as const;

/** GET filters; anything unrecognised is ignored rather than refused (a list is never an error). */
const filterSchema = z.object({
  kind: z.enum(KINDS).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "organisation.list");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse(params);
  const format = exportAsked(request);
  if (format) {
    const all = await listOrganisations(context.db, { ...filter, q: filter.q || undefined, page: undefined, limit: EXPORT_LIMIT });
    const t = chineseT();
    throw await listExportResponse(format, t("bureau.organisations.title"), exportColumns(), all.items, all.total);
  }
  const result = await listOrganisations(context.db, { ...filter, q: filter.q || undefined });
  return { filter, ...result };
}

/** The table's columns in the export: Chinese headers, times in Beijing time. */
function exportColumns(): ExportColumn<OrganisationSummary>[] {
  const t = chineseT();
  return [
    { header: t("bureau.organisations.name"), kind: "text", value: (o) => o.name },
    { header: t("bureau.organisations.kind"), kind: "text", value: (o) => t(`common.orgKinds.${o.kind}`) },
    { header: t("bureau.organisations.creditCode"), kind: "text", value: (o) => o.creditCode },
    { header: t("bureau.organisations.status"), kind: "text", value: (o) => t(`common.orgStatus.${o.status}`) },
    { header: t("bureau.organisations.registeredAt"), kind: "instant", value: (o) => o.createdAt },
  ];
}

export default function Organisations() {
  const { t } = useTranslation();
  const { filter, items, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("bureau.organisations.title")}</h1>
      <p className="lead">{t("bureau.organisations.intro")}</p>
      <Form method="get" action="/bureau/organisations" className="filters" role="search" aria-label={t("common.actions.filter")}>
        <div className="field">
          <label htmlFor="f-kind">{t("bureau.organisations.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("bureau.organisations.allKinds")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`common.orgKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("bureau.organisations.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("bureau.organisations.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`common.orgStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("bureau.organisations.search")}</label>
          <input id="f-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to="/bureau/organisations">{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <ExportLinks />

      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("bureau.organisations.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bureau.organisations.name")}</th>
              <th scope="col">{t("bureau.organisations.kind")}</th>
              <th scope="col">{t("bureau.organisations.creditCode")}</th>
              <th scope="col">{t("bureau.organisations.status")}</th>
              <th scope="col">{t("bureau.organisations.registeredAt")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={5}>{t("bureau.organisations.noMatch")}</td>
              </tr>
            ) : (
              items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/bureau/organisations/${o.id}`}>{o.name}</Link>
                  </th>
                  <td>{t(`common.orgKinds.${o.kind}`)}</td>
                  <td className="mono">{o.creditCode}</td>
                  <td>
                    <span className={`badge ${badgeOf(o.status)}`}>{t(`common.orgStatus.${o.status}`)}</span>
                  </td>
                  <td>{formatInstant(o.createdAt)}</td>
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

function badgeOf(status: (typeof STATUSES)[number]): string {
  return status === "verified" ? "badge-ok" : status === "pending" ? "badge-warn" : "badge-bad";
}
