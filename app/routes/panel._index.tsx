import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { listPanelLots } from "~/modules/evaluation/queries.server";
import { levelName } from "~/modules/tender/labels";

export const meta: MetaFunction = () => [{ title: "评标任务 Panel work · SkillTender" }];

/** An evaluator's lots: to declare, to score, submitted, complete. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "panel.serve");
  return { lots: await listPanelLots(context.db, actor) };
}

export default function PanelWorkList() {
  const { t, i18n } = useTranslation();
  const { lots } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <>
      <h1>{t("evaluation.work.title")}</h1>
      <p className="lead">{t("evaluation.work.intro")}</p>
      {lots.length === 0 ? (
        <p className="muted">{t("evaluation.work.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("evaluation.work.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("evaluation.work.lot")}</th>
                <th scope="col">{t("evaluation.work.stage")}</th>
                <th scope="col">{t("evaluation.work.progress")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("evaluation.work.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lots.map((l) => (
                <tr key={l.lotId}>
                  <th scope="row">
                    {t("evaluation.lot.heading", { reference: l.reference, n: l.lotNumber })}
                    <div className="muted">
                      {lang === "en" ? l.occupationEn : l.occupationZh} · {levelName(l.level, lang)} · {t("evaluation.lot.round", { round: l.round })}
                    </div>
                  </th>
                  <td>
                    <span className={l.stage === "toDeclare" || l.stage === "toScore" ? "badge badge-warn" : l.stage === "complete" ? "badge badge-ok" : "badge"}>
                      {t(`evaluation.work.stages.${l.stage}`)}
                    </span>
                  </td>
                  <td>{t("evaluation.panel.progress", { submitted: l.progress.submitted, active: l.progress.active })}</td>
                  <td>
                    <Link to={`/panel/lots/${l.lotId}`}>
                      {t("evaluation.work.open")}
                      <span className="visually-hidden"> {t("evaluation.lot.heading", { reference: l.reference, n: l.lotNumber })}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
