import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireActor } from "~/auth/guards.server";
import { listTrainingContracts } from "~/modules/delivery/training-queries.server";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";

export const meta: MetaFunction = () => [{ title: "培训进度 Training progress · SkillTender" }];

/**
 * An enterprise's training progress (DESIGN.md "Contract and delivery"): the contracts covering
 * its demands, with its own share, trainees and results, and whether it has rated them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await listTrainingContracts(context.db, actor);
  if (!r.ok) throw forbidden();
  return { rows: r.value };
}

export default function TrainingList() {
  const { t, i18n } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  const en = i18n.language === "en";
  return (
    <>
      <h1>{t("completion.training.title")}</h1>
      <p>{t("completion.training.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("completion.training.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("completion.training.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("completion.training.contract")}</th>
                <th scope="col">{t("completion.training.institution")}</th>
                <th scope="col">{t("completion.training.lot")}</th>
                <th scope="col">{t("completion.training.status")}</th>
                <th scope="col" className="num">
                  {t("completion.training.headcount")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.trainees")}
                </th>
                <th scope="col" className="num">
                  {t("completion.training.results")}
                </th>
                <th scope="col">{t("completion.training.rated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const level = SKILL_LEVELS.find((l) => l.level === r.level);
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/training/${r.id}`} className="mono">
                        {r.reference}
                      </Link>
                    </th>
                    <td>{r.institutionName}</td>
                    <td>
                      <span className="mono">{r.tenderReference}</span> · {t("award.lotNumber", { number: r.lotNumber })}
                      <br />
                      {en ? r.occupationEn : r.occupationZh} · {en ? level?.nameEn : level?.nameZh}
                    </td>
                    <td>{t(`award.contracts.statuses.${r.status}`)}</td>
                    <td className="num">{r.headcount}</td>
                    <td className="num">{r.trainees}</td>
                    <td className="num">{r.withResult}</td>
                    <td>{r.rated ? t("completion.training.ratedYes") : t("completion.training.ratedNo")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
