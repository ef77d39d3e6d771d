import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { funnelChart, sharesChart } from "~/modules/targets/charts";
import { shanghaiYearMonth } from "~/modules/targets/metrics";
import { getEnterpriseProgress, getInstitutionProgress, listProgressYears } from "~/modules/targets/progress.server";
import { FunnelChart, useLevel, useNumbers } from "~/modules/targets/progress-views";
import { BarChart } from "~/ui/charts/bar-chart";
import chartStyles from "~/ui/charts/charts.css?url";
import { YearPicker, yearFromUrl } from "~/ui/components/year-picker";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "本单位进度 Our progress · SkillTender" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

/**
 * An enterprise's or institution's own progress (DESIGN.md "Targets and progress"): an
 * enterprise sees its demand, where its trainees are and its high-skilled share; an institution
 * its contracts and how they are delivered. Only its own; the bureau has /bureau/progress.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "progress.viewOwn", { organisationId: actor.orgId })) throw forbidden();
  const at = now();
  const year = yearFromUrl(new URL(request.url), shanghaiYearMonth(at).year);
  const listed = await listProgressYears(context.db, at);
  const years = listed.includes(year) ? listed : [year, ...listed].sort((a, b) => b - a);
  if (actor.orgKind === "enterprise") {
    const r = await getEnterpriseProgress(context.db, actor, year);
    if (!r.ok) throw forbidden();
    const shares = [...r.value.workforce].reverse();
    return { kind: "enterprise" as const, years, e: r.value, charts: { funnel: funnelChart(r.value.funnel), shares: sharesChart(shares) } };
  }
  const r = await getInstitutionProgress(context.db, actor, year);
  if (!r.ok) throw forbidden();
  return { kind: "institution" as const, years, i: r.value };
}

export default function OwnProgress() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "enterprise" ? <EnterpriseView data={data} /> : <InstitutionView data={data} />;
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function EnterpriseView({ data }: { data: Extract<Data, { kind: "enterprise" }> }) {
  const { t, i18n } = useTranslation();
  const { n, pct } = useNumbers();
  const level = useLevel();
  const { e, charts, years } = data;
  const en = i18n.language === "en";
  const shares = [...e.workforce].reverse();
  return (
    <>
      <h1>{t("progress.own.enterpriseTitle", { year: e.year })}</h1>
      <p className="lead">{t("progress.own.enterpriseIntro", { year: e.year })}</p>
      <div className="no-print">
        <YearPicker year={e.year} years={years} />
      </div>

      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t("progress.own.funnelTitle")}</h2>
        <FunnelChart id="chart-own-funnel" title={t("progress.own.funnelTitle")} stages={e.funnel} geometry={charts.funnel} />
      </section>

      <section aria-labelledby="demands-heading">
        <h2 id="demands-heading">{t("progress.own.demands")}</h2>
        {e.demands.length === 0 ? (
          <p>{t("progress.own.noDemands")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("progress.own.demands")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.own.occupation")}</th>
                  <th scope="col">{t("progress.own.level")}</th>
                  <th scope="col" className="num">
                    {t("progress.own.headcount")}
                  </th>
                  <th scope="col">{t("progress.own.earliestStart")}</th>
                  <th scope="col">{t("progress.own.status")}</th>
                </tr>
              </thead>
              <tbody>
                {e.demands.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/demands/${d.id}`}>{en ? d.nameEn : d.nameZh}</Link>
                    </th>
                    <td>{level(d.level)}</td>
                    <td className="num">{n(d.headcount)}</td>
                    <td className="nowrap">{d.earliestStart}</td>
                    <td>{t(`demand.status.${d.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">{t("progress.own.placements")}</h2>
        {e.placements.length === 0 ? (
          <p>{t("progress.own.noPlacements")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("progress.own.placements")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.own.institution")}</th>
                  <th scope="col">{t("progress.own.contract")}</th>
                  <th scope="col">{t("progress.own.occupation")}</th>
                  <th scope="col" className="num">
                    {t("progress.own.inTraining")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.completed")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.certified")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.notCompleted")}
                  </th>
                  <th scope="col">{t("progress.own.status")}</th>
                </tr>
              </thead>
              <tbody>
                {e.placements.map((p) => (
                  <tr key={p.contractId}>
                    <th scope="row">{p.institutionName}</th>
                    <td className="nowrap">
                      <Link to={`/training/${p.contractId}`}>{p.contractReference}</Link>
                    </td>
                    <td>
                      {en ? p.nameEn : p.nameZh} · {level(p.level)}
                    </td>
                    <td className="num">{n(p.inTraining)}</td>
                    <td className="num">{n(p.completed)}</td>
                    <td className="num">{n(p.certified)}</td>
                    <td className="num">{n(p.notCompleted)}</td>
                    <td>{t(`award.contracts.statuses.${p.contractStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="share-heading">
        <h2 id="share-heading">{t("progress.own.shareTitle")}</h2>
        <p>{t("progress.own.shareIntro")}</p>
        {e.workforce.length === 0 ? (
          <p>
            {t("progress.own.noReports")} <Link to="/workforce">{t("progress.own.report")}</Link>
          </p>
        ) : (
          <BarChart
            id="chart-own-share"
            geometry={charts.shares}
            title={t("progress.own.shareChartTitle")}
            desc={t("progress.own.shareChartDesc", {
              years: shares.map((w) => `${w.year}: ${w.sharePct === null ? t("progress.dash") : t("progress.pct", { value: pct(w.sharePct) })} / ${t("progress.pct", { value: String(w.target) })}`).join("；"),
            })}
            labels={shares.map((w) => String(w.year))}
            valueLabels={shares.map((w) => (w.sharePct === null ? t("progress.dash") : t("progress.pct", { value: pct(w.sharePct) })))}
            formatTick={(v) => t("progress.pct", { value: String(v) })}
            legend={{ bar: t("progress.own.shareCol"), marker: t("progress.own.targetCol") }}
            table={
              <table>
                <caption className="visually-hidden">{t("progress.own.shareChartTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("progress.own.yearCol")}</th>
                    <th scope="col" className="num">
                      {t("progress.own.skilled")}
                    </th>
                    <th scope="col" className="num">
                      {t("progress.own.highSkilledCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("progress.own.shareCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("progress.own.targetCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.workforce.map((w) => (
                    <tr key={w.year}>
                      <th scope="row">{w.year}</th>
                      <td className="num">{n(w.skilledWorkers)}</td>
                      <td className="num">{n(w.highSkilledWorkers)}</td>
                      <td className="num">
                        {w.sharePct === null ? t("progress.dash") : t("progress.pct", { value: pct(w.sharePct) })}
                        {w.meets === null ? null : ` (${t(w.meets ? "progress.own.meets" : "progress.own.below")})`}
                      </td>
                      <td className="num">{t("progress.pct", { value: String(w.target) })}</td>
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

function InstitutionView({ data }: { data: Extract<Data, { kind: "institution" }> }) {
  const { t, i18n } = useTranslation();
  const { n, pct, fen } = useNumbers();
  const level = useLevel();
  const { i, years } = data;
  const en = i18n.language === "en";
  const rate = i.projectionRate;
  return (
    <>
      <h1>{t("progress.own.institutionTitle", { year: i.year })}</h1>
      <p className="lead">{t("progress.own.institutionIntro", { year: i.year })}</p>
      <div className="no-print">
        <YearPicker year={i.year} years={years} />
      </div>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("progress.own.summary")}</h2>
        <dl className="figures">
          <div>
            <dt>{t("progress.own.trainedInYear")}</dt>
            <dd>{t("progress.people", { n: n(i.trainedInYear) })}</dd>
          </div>
          <div>
            <dt>{t("progress.own.completionRate")}</dt>
            <dd>{i.totals.completionPct === null ? t("progress.dash") : t("progress.pct", { value: pct(i.totals.completionPct) })}</dd>
          </div>
          <div>
            <dt>{t("progress.own.certificationRate")}</dt>
            <dd>{i.totals.certificationPct === null ? t("progress.dash") : t("progress.pct", { value: pct(i.totals.certificationPct) })}</dd>
          </div>
        </dl>
        <p>
          {t("progress.own.projectionRate")}:{" "}
          {rate.basis === "history"
            ? t("progress.own.rateBasisHistory", { rate: pct(rate.rate * 100), n: n(rate.outcomes) })
            : t("progress.own.rateBasisDefault", { rate: pct(rate.rate * 100) })}
        </p>
        <p className="no-print">
          <Link to="/performance">{t("progress.own.performanceLink")}</Link>
        </p>
      </section>

      <section aria-labelledby="contracts-heading">
        <h2 id="contracts-heading">{t("progress.own.contractsTitle")}</h2>
        {i.contracts.length === 0 ? (
          <p>{t("progress.own.noContracts")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("progress.own.contractsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.own.contract")}</th>
                  <th scope="col">{t("progress.own.occupation")}</th>
                  <th scope="col">{t("progress.own.status")}</th>
                  <th scope="col">{t("progress.own.endsOn")}</th>
                  <th scope="col" className="num">
                    {t("progress.own.headcount")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.enrolled")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.inTraining")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.completed")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.certified")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.notCompleted")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.value")}
                  </th>
                  <th scope="col" className="num">
                    {t("progress.own.paid")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {i.contracts.map((c) => (
                  <tr key={c.contractId}>
                    <th scope="row" className="nowrap">
                      <Link to={`/contracts/${c.contractId}`}>{c.reference}</Link>
                    </th>
                    <td>
                      {en ? c.nameEn : c.nameZh} · {level(c.level)}
                    </td>
                    <td>{t(`award.contracts.statuses.${c.status}`)}</td>
                    <td className="nowrap">{c.endsOn}</td>
                    <td className="num">{n(c.headcount)}</td>
                    <td className="num">{n(c.enrolled)}</td>
                    <td className="num">{n(c.inTraining)}</td>
                    <td className="num">{n(c.completed)}</td>
                    <td className="num">{n(c.certified)}</td>
                    <td className="num">{n(c.notCompleted)}</td>
                    <td className="num">{fen(c.valueFen)}</td>
                    <td className="num">{fen(c.paidFen)}</td>
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">{t("progress.own.totals")}</th>
                  <td colSpan={3} />
                  <td className="num">{n(i.contracts.reduce((s, c) => s + c.headcount, 0))}</td>
                  <td className="num">{n(i.totals.enrolled)}</td>
                  <td className="num">{n(i.totals.inTraining)}</td>
                  <td className="num">{n(i.totals.completed)}</td>
                  <td className="num">{n(i.totals.certified)}</td>
                  <td className="num">{n(i.totals.notCompleted)}</td>
                  <td className="num">{fen(i.contracts.reduce((s, c) => s + c.valueFen, 0))}</td>
                  <td className="num">{fen(i.contracts.reduce((s, c) => s + c.paidFen, 0))}</td>
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
