import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { curveChart, funnelChart, targetsChart } from "~/modules/targets/charts";
import { percentOf, shanghaiYearMonth } from "~/modules/targets/metrics";
import { AsOf, CurveChart, FunnelChart, LeadTimeFigures, ProjectionExplained, TargetCards, TargetsChart, useNumbers } from "~/modules/targets/progress-views";
import { reportSummary } from "~/modules/targets/report";
import reportStyles from "~/modules/targets/report.css?url";
import { getYearReport } from "~/modules/targets/report.server";
import { OutcomeTable, PrintAction, ProcurementTable, SummaryList } from "~/modules/targets/report-views";
import { listProgressYears } from "~/modules/targets/progress.server";
import chartStyles from "~/ui/charts/charts.css?url";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";
import { formatInstant } from "~/ui/format";
import { useRootData } from "~/ui/root-data";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "年度报告 Yearly report · SkillTender" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: chartStyles },
  { rel: "stylesheet", href: reportStyles },
];

/** The yearly report for the district leadership (issue "Reports"): whoever may read the progress page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "progress.view");
  const at = now();
  const year = yearFromUrl(new URL(request.url), shanghaiYearMonth(at).year);
  const [report, years] = await Promise.all([getYearReport(context.db, year, at), listProgressYears(context.db, at)]);
  const p = report.progress;
  return {
    report,
    summary: reportSummary({ ...p, procurement: report.procurement }),
    years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
    charts: { targets: targetsChart(p), curve: curveChart(p), funnel: funnelChart(p.funnel) },
  };
}

export default function YearReport() {
  const { t, i18n } = useTranslation();
  const { report, summary, years, charts } = useLoaderData<typeof loader>();
  const root = useRootData();
  const { n, fen, pct } = useNumbers();
  const en = i18n.language === "en";
  const p = report.progress;
  const district = (en ? root?.env.districtEn : root?.env.districtZh) ?? "";
  const name = (l: { nameZh: string; nameEn: string }) => (en ? l.nameEn : l.nameZh);
  const ofAllocated = (v: number) => {
    const share = p.budget.allocatedFen === null ? null : percentOf(v, p.budget.allocatedFen);
    return share === null ? t("progress.dash") : t("progress.pct", { value: pct(share) });
  };
  const budgetRows = [
    { key: "allocated", label: t("progress.budget.allocated"), fen: p.budget.allocatedFen },
    { key: "tendered", label: t("progress.budget.tendered"), fen: p.budget.tenderedFen },
    { key: "committed", label: t("progress.budget.committed"), fen: p.budget.committedFen },
    { key: "paid", label: t("progress.budget.paid"), fen: p.budget.paidFen },
  ];
  return (
    <article className="year-report">
      <div className="actions no-print">
        <Link to={`/bureau/progress?year=${p.year}`}>{t("report.back")}</Link>
        <YearPicker year={p.year} years={years} />
        <PrintAction />
      </div>

      <header className="report-head">
        <h1>{t("report.title", { district, year: p.year })}</h1>
        <p className="lead">{t("report.subtitle")}</p>
        <p className="muted">{t("report.generated", { time: formatInstant(p.asOf) })}</p>
      </header>

      <section aria-labelledby="summary-heading" className="report-section">
        <h2 id="summary-heading">{t("report.sections.summary")}</h2>
        <SummaryList lines={summary} />
      </section>

      <section aria-labelledby="targets-heading" className="report-section report-page">
        <h2 id="targets-heading">{t("report.sections.targets")}</h2>
        {p.targets.isDefault ? <p className="muted">{t("progress.targets.defaultsNote", { year: p.year })}</p> : null}
        <TargetCards p={p} />
        <TargetsChart id="chart-targets" p={p} geometry={charts.targets} />
      </section>

      <section aria-labelledby="curve-heading" className="report-section">
        <h2 id="curve-heading">{t("report.sections.curve")}</h2>
        <CurveChart id="chart-curve" p={p} geometry={charts.curve} />
      </section>

      <section aria-labelledby="funnel-heading" className="report-section report-page">
        <h2 id="funnel-heading">{t("report.sections.funnel")}</h2>
        <p>{t("progress.funnel.intro", { year: p.year })}</p>
        <FunnelChart id="chart-funnel" title={t("progress.funnel.chartTitle", { year: p.year })} stages={p.funnel} geometry={charts.funnel} />
      </section>

      <section aria-labelledby="procurement-heading" className="report-section">
        <h2 id="procurement-heading">{t("report.sections.procurement")}</h2>
        <ProcurementTable year={p.year} p={report.procurement} />
      </section>

      <section aria-labelledby="outcomes-heading" className="report-section report-page">
        <h2 id="outcomes-heading">{t("report.sections.outcomes")}</h2>
        <p>{t("report.outcomes.intro", { year: p.year })}</p>
        <h3>{t("report.outcomes.byOccupation")}</h3>
        <OutcomeTable
          caption={t("report.outcomes.byOccupation")}
          nameHeader={t("report.outcomes.occupation")}
          lines={report.outcomes.byOccupation.map((l) => ({ ...l, name: `${l.key} ${name(l)}` }))}
          total={report.outcomes.total}
        />
        <h3>{t("report.outcomes.byInstitution")}</h3>
        <OutcomeTable
          caption={t("report.outcomes.byInstitution")}
          nameHeader={t("report.outcomes.institution")}
          lines={report.outcomes.byInstitution.map((l) => ({ ...l, name: name(l) }))}
          total={report.outcomes.total}
        />
      </section>

      <section aria-labelledby="budget-heading" className="report-section">
        <h2 id="budget-heading">{t("report.sections.budget")}</h2>
        <table className="report-table">
          <caption>{t("report.budget.caption", { year: p.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("progress.budget.item")}</th>
              <th scope="col" className="num">
                {t("progress.budget.amount")}
              </th>
              <th scope="col" className="num">
                {t("report.budget.ofAllocated")}
              </th>
            </tr>
          </thead>
          <tbody>
            {budgetRows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.fen === null ? t("progress.targets.budgetNotSet") : fen(r.fen)}</td>
                <td className="num">{r.fen === null || r.key === "allocated" ? t("progress.dash") : ofAllocated(r.fen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="lead-heading" className="report-section">
        <h2 id="lead-heading">{t("report.sections.leadTime")}</h2>
        <LeadTimeFigures leadTimes={p.leadTimes} />
      </section>

      <section aria-labelledby="method-heading" className="report-section report-method">
        <h2 id="method-heading">{t("report.sections.method")}</h2>
        <ul>
          <li>{t("report.method.trained")}</li>
          <li>{t("report.method.highSkilled")}</li>
          <li>{t("report.method.share")}</li>
          <li>{t("progress.funnel.intro", { year: p.year })}</li>
          <li>{t("report.method.outcomes")}</li>
          <li>{t("report.method.procurement")}</li>
          <li>{t("progress.budget.note")}</li>
          <li>
            {t("progress.leadTime.note", { year: p.year })}
            {p.leadTimes.contracts < p.leadTimes.ofContracts ? ` ${t("progress.leadTime.sample", { contracts: n(p.leadTimes.contracts), of: n(p.leadTimes.ofContracts) })}` : null}
          </li>
        </ul>
        <ProjectionExplained p={p} />
        <AsOf at={p.asOf} />
      </section>
    </article>
  );
}
