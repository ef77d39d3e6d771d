import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireCan } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { budgetChart, curveChart, funnelChart, targetsChart } from "~/modules/targets/charts";
import { shanghaiYearMonth } from "~/modules/targets/metrics";
import { getBureauProgress, listProgressYears, type Breakdown } from "~/modules/targets/progress.server";
import { progressBreakdownExport, progressTableOf } from "~/modules/targets/report-exports.server";
import {
  AsOf,
  CurveChart,
  FunnelChart,
  Glance,
  LeadTimeFigures,
  ProjectionExplained,
  StageTable,
  TargetCards,
  TargetsChart,
  useLevel,
  useNumbers,
  type StageLine,
} from "~/modules/targets/progress-views";
import { BarChart } from "~/ui/charts/bar-chart";
import chartStyles from "~/ui/charts/charts.css?url";
import { ExportLinks } from "~/ui/components/export-links";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";
import { exportAsked } from "~/ui/export/list-export.server";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "目标进度 Progress · SkillTender" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

/** The bureau's progress page (DESIGN.md "Targets and progress"): officers, admins and finance. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "progress.view");
  const at = now();
  const url = new URL(request.url);
  const year = yearFromUrl(url, shanghaiYearMonth(at).year);
  // A breakdown's export (`/export/bureau/progress?year=&table=&format=`): the year's figures as the page shows them.
  const format = exportAsked(request);
  if (format) {
    const table = progressTableOf(url);
    if (!table) notFound();
    throw await progressBreakdownExport(format, table, await getBureauProgress(context.db, year, at));
  }
  const [progress, years] = await Promise.all([getBureauProgress(context.db, year, at), listProgressYears(context.db, at)]);
  const { trainedGroups: _groups, ...p } = progress;
  return {
    p,
    years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
    canEditTargets: can(actor, "targets.manage"),
    // The charts' shapes are computed here, on the server (app/ui/charts/geometry.ts).
    charts: { targets: targetsChart(p), curve: curveChart(p), funnel: funnelChart(p.funnel), budget: budgetChart(p.budget) },
  };
}

export default function BureauProgress() {
  const { t, i18n } = useTranslation();
  const { p, years, canEditTargets, charts } = useLoaderData<typeof loader>();
  const { n, fen, compact } = useNumbers();
  const level = useLevel();
  const en = i18n.language === "en";
  const drop = p.largestDrop ? p.funnel.find((s) => s.stage === p.largestDrop) : undefined;
  const lines = (b: Breakdown, name: (l: Breakdown["lines"][number]) => string): StageLine[] => b.lines.map((l) => ({ key: l.key, name: name(l), counts: l.counts, trained: l.trained }));
  const budgetRows = [
    { label: t("progress.budget.allocated"), fen: p.budget.allocatedFen },
    { label: t("progress.budget.tendered"), fen: p.budget.tenderedFen },
    { label: t("progress.budget.committed"), fen: p.budget.committedFen },
    { label: t("progress.budget.paid"), fen: p.budget.paidFen },
  ];
  const fenOrNotSet = (v: number | null) => (v === null ? t("progress.targets.budgetNotSet") : fen(v));
  return (
    <>
      <h1>{t("progress.bureau.title", { year: p.year })}</h1>
      <p className="lead">{t("progress.bureau.intro")}</p>
      <div className="actions no-print">
        <YearPicker year={p.year} years={years} />
        {canEditTargets ? <Link to={`/bureau/targets?year=${p.year}`}>{t("progress.targets.edit")}</Link> : null}
        <Link to={`/bureau/report?year=${p.year}`}>{t("report.link")}</Link>
      </div>
      <AsOf at={p.asOf} />
      <Glance p={p} />
      {drop ? <p>{t("progress.targets.stuck", { stage: t(`progress.funnel.stages.${drop.stage}`), lost: n(drop.lost) })}</p> : null}

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">{t("progress.targets.title")}</h2>
        {p.targets.isDefault ? <p className="muted">{t("progress.targets.defaultsNote", { year: p.year })}</p> : null}
        <TargetCards p={p} />
        <TargetsChart id="chart-targets" p={p} geometry={charts.targets} />
      </section>

      <section aria-labelledby="curve-heading">
        <h2 id="curve-heading">{t("progress.curve.heading")}</h2>
        <CurveChart id="chart-curve" p={p} geometry={charts.curve} />
        <ProjectionExplained p={p} />
      </section>

      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t("progress.funnel.title")}</h2>
        <p>{t("progress.funnel.intro", { year: p.year })}</p>
        <FunnelChart id="chart-funnel" title={t("progress.funnel.chartTitle", { year: p.year })} stages={p.funnel} geometry={charts.funnel} />
      </section>

      <section aria-labelledby="breakdown-heading" className="breakdowns">
        <h2 id="breakdown-heading">{t("progress.breakdown.title")}</h2>
        <h3>{t("progress.breakdown.byOccupation")}</h3>
        <ExportLinks table="occupation" label={t("progress.breakdown.byOccupation")} />
        <StageTable caption={t("progress.breakdown.byOccupation")} nameHeader={t("progress.breakdown.occupation")} lines={lines(p.byOccupation, (l) => `${l.key} ${en ? l.nameEn : l.nameZh}`)} withTrained />
        <h3>{t("progress.breakdown.byLevel")}</h3>
        <ExportLinks table="level" label={t("progress.breakdown.byLevel")} />
        <StageTable caption={t("progress.breakdown.byLevel")} nameHeader={t("progress.breakdown.level")} lines={lines(p.byLevel, (l) => level(l.key))} withTrained />
        <h3>{t("progress.breakdown.byInstitution")}</h3>
        {p.byInstitution.others ? <p className="muted">{t("progress.breakdown.topNote", { count: p.byInstitution.lines.length })}</p> : null}
        <ExportLinks table="institution" label={t("progress.breakdown.byInstitution")} />
        <StageTable
          caption={t("progress.breakdown.byInstitution")}
          nameHeader={t("progress.breakdown.institution")}
          lines={lines(p.byInstitution, (l) => l.nameZh)}
          stages={["contracted", "enrolled", "completed", "certified"]}
          withTrained
          others={p.byInstitution.others}
        />
        <h3>{t("progress.breakdown.byEnterprise")}</h3>
        {p.byEnterprise.lines.length > 0 ? (
          <p className="muted">{t("progress.breakdown.enterpriseNote", { year: p.year, count: p.byEnterprise.lines.length })}</p>
        ) : null}
        <ExportLinks table="enterprise" label={t("progress.breakdown.byEnterprise")} />
        <StageTable caption={t("progress.breakdown.byEnterprise")} nameHeader={t("progress.breakdown.enterprise")} lines={lines(p.byEnterprise, (l) => l.nameZh)} />
      </section>

      <section aria-labelledby="budget-heading">
        <h2 id="budget-heading">{t("progress.budget.title")}</h2>
        <BarChart
          id="chart-budget"
          geometry={charts.budget}
          title={t("progress.budget.chartTitle", { year: p.year })}
          desc={t("progress.budget.chartDesc", {
            allocated: fenOrNotSet(p.budget.allocatedFen),
            tendered: fen(p.budget.tenderedFen),
            committed: fen(p.budget.committedFen),
            paid: fen(p.budget.paidFen),
          })}
          labels={budgetRows.map((r) => r.label)}
          valueLabels={budgetRows.map((r) => (r.fen === null ? t("progress.targets.budgetNotSet") : fen(r.fen)))}
          formatTick={compact}
          table={
            <table>
              <caption className="visually-hidden">{t("progress.budget.chartTitle", { year: p.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.budget.item")}</th>
                  <th scope="col" className="num">
                    {t("progress.budget.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {budgetRows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{fenOrNotSet(r.fen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <p className="muted">{t("progress.budget.note")}</p>
      </section>

      <section aria-labelledby="lead-heading">
        <h2 id="lead-heading">{t("progress.leadTime.title")}</h2>
        <LeadTimeFigures leadTimes={p.leadTimes} />
        <p className="muted">
          {t("progress.leadTime.note", { year: p.year })}
          {p.leadTimes.contracts < p.leadTimes.ofContracts ? ` ${t("progress.leadTime.sample", { contracts: n(p.leadTimes.contracts), of: n(p.leadTimes.ofContracts) })}` : null}
        </p>
      </section>
    </>
  );
}
