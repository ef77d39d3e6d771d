import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/ui/components/pager";
import { formatInstant } from "~/ui/format";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { levelLabel, occupationLabel, statusBadgeClass } from "~/modules/demand/labels";
import { listEnterpriseDemands } from "~/modules/demand/queries.server";

export const meta: MetaFunction = () => [{ title: "培训需求 Training demand · SkillTender" }];

const filterSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listEnterpriseDemands(context.db, actor.orgId, filter);
}

export default function Demands() {
  const { t, i18n } = useTranslation();
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("demand.list.title")}</h1>
      <p className="lead">{t("demand.list.intro")}</p>
      <p className="actions">
        <Link to="/demands/new" className="button">
          {t("demand.list.new")}
        </Link>
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("demand.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("demand.fields.ref")}</th>
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
              <th scope="col">{t("demand.fields.updatedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={8}>{t("demand.list.empty")}</td>
              </tr>
            ) : (
              items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className="nowrap">
                    <Link to={`/demands/${d.id}`} className="mono">
                      {d.ref}
                    </Link>
                  </th>
                  <td>{occupationLabel({ nameZh: d.occupationNameZh, nameEn: d.occupationNameEn }, i18n.language)}</td>
                  <td className="nowrap">{levelLabel(d.level, i18n.language)}</td>
                  <td className="num">{d.headcount}</td>
                  <td className="nowrap">
                    {d.earliestStart} – {d.latestEnd}
                  </td>
                  <td className="num">{d.rosterCount}</td>
                  <td>
                    <span className={statusBadgeClass(d.status)}>{t(`demand.status.${d.status}`)}</span>
                  </td>
                  <td>{formatInstant(d.updatedAt)}</td>
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
