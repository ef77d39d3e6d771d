import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireActor } from "~/auth/guards.server";
import { findLotHeader } from "~/modules/evaluation/queries.server";
import { levelName, tenderBadgeClass } from "~/modules/tender/labels";
import evaluationStyles from "~/ui/components/evaluation-styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: evaluationStyles }];

export const meta: MetaFunction = () => [{ title: "标段 Lot · SkillTender" }];

/** The frame of a lot's bureau pages: evaluation, award and objections, the panel's report. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const header = await findLotHeader(context.db, actor, params.lotId ?? "");
  if (!header) notFound();
  return header;
}

export default function LotFrame() {
  const { t, i18n } = useTranslation();
  const { lot, canViewEvaluation, canViewAward, isPanelMember } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const base = `/bureau/lots/${lot.lotId}`;
  return (
    <>
      <p className="no-print lot-frame-nav">
        {canViewEvaluation ? <Link to={`/bureau/tenders/${lot.tenderId}`}>{t("evaluation.lot.backToTender")}</Link> : null}
        {!canViewEvaluation && isPanelMember ? <Link to={`/panel/lots/${lot.lotId}`}>{t("evaluation.lot.backToPanel")}</Link> : null}
      </p>
      <h1>{t("evaluation.lot.heading", { reference: lot.reference, n: lot.lotNumber })}</h1>
      <p className="tender-meta">
        {lot.tenderTitle} ·{" "}
        {t("evaluation.lot.facts", {
          occupation: lang === "en" ? lot.occupationEn : lot.occupationZh,
          level: levelName(lot.level, lang),
          headcount: lot.headcount,
        })}{" "}
        <span className={tenderBadgeClass(lot.status)}>{t(`tender.lotStatus.${lot.status}`)}</span>
        {lot.round > 0 ? <span className="muted"> · {t("evaluation.lot.round", { round: lot.round })}</span> : null}
      </p>
      <nav aria-label={t("evaluation.lot.tabs")} className="lot-tabs no-print">
        <ul>
          {canViewEvaluation ? (
            <li>
              <NavLink to={base} end>
                {t("evaluation.lot.tabEvaluation")}
              </NavLink>
            </li>
          ) : null}
          {canViewAward ? (
            <li>
              <NavLink to={`${base}/award`}>{t("evaluation.lot.tabAward")}</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/report`}>{t("evaluation.lot.tabReport")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
