import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countsChart, curveChart, targetsChart } from "~/modules/targets/charts";
import { shanghaiYearMonth } from "~/modules/targets/metrics";
import { getPublicStatistics, listProgressYears } from "~/modules/targets/progress.server";
import { AsOf, CurveChart, Glance, TargetCards, TargetsChart, useNumbers } from "~/modules/targets/progress-views";
import { BarChart } from "~/ui/charts/bar-chart";
import chartStyles from "~/ui/charts/charts.css?url";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "培训统计 Statistics · SkillTender" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

/** The public statistics (DESIGN.md "Users and roles": the public reads statistics): counts and amounts only, no personal data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const at = now();
  const year = yearFromUrl(new URL(request.url), shanghaiYearMonth(at).year);
  const [stats, years] = await Promise.all([getPublicStatistics(context.db, year, at), listProgressYears(context.db, at)]);
  return {
    stats,
    years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
    charts: {
      targets: targetsChart(stats.progress),
      curve: curveChart(stats.progress),
      occupations: countsChart(stats.trainedByOccupation.map((o) => o.trained)),
    },
  };
}

export type StatisticsData = Awaited<ReturnType<typeof loader>>;

export default function Statistics() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print">
        <YearPicker year={data.stats.progress.year} years={data.years} />
      </div>
      <StatisticsView data={data} />
    </>
  );
}

/** The page's body (no router needed, so it can be rendered on its own). */
export function StatisticsView({ data: { stats, charts } }: { data: StatisticsData }) {
  const { t, i18n } = useTranslation();
  const { n, fen } = useNumbers();
  const p = stats.progress;
  const en = i18n.language === "en";
  const total = stats.trainedByOccupation.reduce((s, o) => s + o.trained, 0);
  return (
    <>
      <h1>{t("progress.statistics.title", { year: p.year })}</h1>
      <p className="lead">{t("progress.statistics.intro")}</p>
      <AsOf at={p.asOf} />
      <Glance p={p} />

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">{t("progress.targets.title")}</h2>
        <TargetCards p={p} />
        <TargetsChart id="chart-targets" p={p} geometry={charts.targets} />
        <CurveChart id="chart-curve" p={p} geometry={charts.curve} />
      </section>

      <section aria-labelledby="procurement-heading">
        <h2 id="procurement-heading">{t("progress.statistics.procurement")}</h2>
        <dl className="figures">
          <div>
            <dt>{t("progress.statistics.tenders")}</dt>
            <dd>{n(stats.tenders.published)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.lots")}</dt>
            <dd>{n(stats.tenders.lots)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.awards")}</dt>
            <dd>{n(stats.awards.count)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.awardValue")}</dt>
            <dd>{fen(stats.awards.valueFen)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.contracts")}</dt>
            <dd>{n(stats.contracts.count)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.contractValue")}</dt>
            <dd>{fen(stats.contracts.valueFen)}</dd>
          </div>
          <div>
            <dt>{t("progress.statistics.contractTrainees")}</dt>
            <dd>{n(stats.contracts.trainees)}</dd>
          </div>
        </dl>
        {stats.tenders.byStatus.length > 0 ? (
          <div className="table-scroll">
            <table>
              <caption className="progress-caption">{t("progress.statistics.tenderStatus")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.own.status")}</th>
                  <th scope="col" className="num">
                    {t("progress.statistics.tenders")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.tenders.byStatus.map((s) => (
                  <tr key={s.status}>
                    <th scope="row">{t(`tender.status.${s.status}` as "tender.status.published")}</th>
                    <td className="num">{n(s.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="occupation-heading">
        <h2 id="occupation-heading">{t("progress.statistics.trainedByOccupation")}</h2>
        {stats.trainedByOccupation.length === 0 ? (
          <p>{t("progress.statistics.none")}</p>
        ) : (
          <BarChart
            id="chart-occupations"
            geometry={charts.occupations}
            title={t("progress.statistics.occupationChartTitle", { year: p.year })}
            desc={t("progress.statistics.occupationChartDesc", { count: stats.trainedByOccupation.length, total: n(total) })}
            labels={stats.trainedByOccupation.map((o) => (en ? o.nameEn : o.nameZh))}
            valueLabels={stats.trainedByOccupation.map((o) => n(o.trained))}
            formatTick={n}
            table={
              <table>
                <caption className="visually-hidden">{t("progress.statistics.occupationChartTitle", { year: p.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("progress.breakdown.occupation")}</th>
                    <th scope="col" className="num">
                      {t("progress.breakdown.trained")}
                    </th>
                    <th scope="col" className="num">
                      {t("progress.statistics.highSkilledCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.trainedByOccupation.map((o) => (
                    <tr key={o.code}>
                      <th scope="row">
                        {o.code} {en ? o.nameEn : o.nameZh}
                      </th>
                      <td className="num">{n(o.trained)}</td>
                      <td className="num">{n(o.highSkilled)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        )}
      </section>
    </>
  );
}
