import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OccupationLevelFilters } from "~/ui/components/occupation-level-filters";
import { Pager } from "~/ui/components/pager";
import { z } from "zod";
import { formatShanghai } from "~/modules/tender/deadline";
import { levelName, occupationName, tenderBadgeClass } from "~/modules/tender/labels";
import { PUBLIC_TENDER_STATUSES, type TenderStatus } from "~/modules/tender/lifecycle";
import { listOccupations, listPublicTenders } from "~/modules/tender/queries.server";
import { LOT_SUMMARY_SLOTS, lotSummaryFormat } from "~/modules/tender/lot-summary";

export const meta: MetaFunction = () => [{ title: "招标公告 Tenders · SkillTender" }];

/** GET filters; anything unrecognised is ignored rather than refused (a list is never an error). */
const filterSchema = z.object({
  occupation: z.string().max(20).optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  status: z
    .enum(PUBLIC_TENDER_STATUSES as [TenderStatus, ...TenderStatus[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

/** The public list of tenders (DESIGN.md "Interfaces": GET /tenders), signed out or in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listPublicTenders(context.db, { ...filter, occupation: filter.occupation || undefined });
  return { filter, ...result, occupations: await listOccupations(context.db) };
}

export default function PublicTenders() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filter, items, total, page, pages, occupations } = useLoaderData<typeof loader>();
  const location = useLocation();
  // Repeated cells read labels computed once a render: the status names (also the filter's
  // options) and the lot summary's wording, instead of a translation hook or an interpolating
  // `t` call per row and per lot (docs/BENCHMARKS.md).
  const statusLabel = (s: TenderStatus) => t(`tender.status.${s}`);
  const statusLabels = new Map(PUBLIC_TENDER_STATUSES.map((s) => [s, statusLabel(s)]));
  const lotSummary = lotSummaryFormat(t("tender.public.lotSummary", LOT_SUMMARY_SLOTS));
  return (
    <>
      <h1>{t("tender.public.title")}</h1>
      <p className="lead">{t("tender.public.intro")}</p>
      <Form method="get" className="filters no-print" role="search" aria-label={t("tender.public.filters")}>
        <OccupationLevelFilters
          occupations={occupations}
          occupation={filter.occupation}
          level={filter.level}
          showCode={false}
          labels={{
            occupation: t("tender.public.occupation"),
            allOccupations: t("tender.public.allOccupations"),
            level: t("tender.public.level"),
            allLevels: t("tender.public.allLevels"),
          }}
        />
        <div className="field">
          <label htmlFor="f-status">{t("tender.public.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("tender.public.allStatuses")}</option>
            {PUBLIC_TENDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabels.get(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to={location.pathname}>{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("tender.public.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tender.public.titleCol")}</th>
              <th scope="col">{t("tender.public.reference")}</th>
              <th scope="col">{t("tender.list.status")}</th>
              <th scope="col">{t("tender.public.lots")}</th>
              <th scope="col">{t("tender.public.publishedAt")}</th>
              <th scope="col">{t("tender.public.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("tender.public.none")}</td>
              </tr>
            ) : (
              items.map((x) => (
                <tr key={x.reference}>
                  <th scope="row">
                    <Link to={`/tenders/${x.reference}`}>{x.title}</Link>
                  </th>
                  <td className="mono">{x.reference}</td>
                  <td>
                    <span className={tenderBadgeClass(x.status)}>{statusLabels.get(x.status) ?? statusLabel(x.status)}</span>
                  </td>
                  <td>
                    <ul className="plain">
                      {x.lots.map((l, i) => (
                        <li key={i}>
                          {lotSummary({
                            occupation: occupationName(occupations, l.occupationCode, lang),
                            level: levelName(l.level, lang),
                            headcount: String(l.headcount),
                          })}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{formatShanghai(x.publishedAt).slice(0, 10)}</td>
                  <td>{x.bidDeadline ? formatShanghai(x.bidDeadline) : "—"}</td>
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
