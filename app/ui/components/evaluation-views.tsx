/**
 * Pieces the evaluation pages share: a bid's opened content, the ranking table, an institution's
 * past performance. They render what their loaders give them.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BidContent } from "~/modules/bidding/content";
import type { PastPerformance } from "~/modules/evaluation/past-performance.server";
import type { RankingEntry, ReportMember, ReportScore } from "~/modules/evaluation/report";
import { formatFen } from "~/modules/reference/money";
import { formatInstant } from "~/ui/format";

/** A bid's content as opened after the deadline: hours, period, trainers, venue, plan. */
export function BidContentFacts({ content }: { content: BidContent | null }) {
  const { t } = useTranslation();
  if (!content) return <p className="muted">—</p>;
  return (
    <dl className="facts">
      <dt>{t("evaluation.compliance.hours")}</dt>
      <dd>{t("evaluation.compliance.hoursValue", { theory: content.theoryHours, practice: content.practiceHours })}</dd>
      <dt>{t("evaluation.compliance.period")}</dt>
      <dd>
        {content.plannedStart} – {content.plannedEnd}
      </dd>
      <dt>{t("evaluation.compliance.trainers")}</dt>
      <dd>
        <ul className="plain">
          {content.trainers.map((x, i) => (
            <li key={`${x.name}-${i}`}>
              {x.name} <span className="mono">{x.certificate}</span>
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t("evaluation.compliance.venue")}</dt>
      <dd>{content.venue}</dd>
      <dt>{t("evaluation.compliance.plan")}</dt>
      <dd className="prewrap">{content.plan}</dd>
    </dl>
  );
}

/** The round's ranking: rank, bidder, price, capacity, price score, mean technical score, total. */
export function RankingTable({ ranking, round, reportLink }: { ranking: readonly RankingEntry[]; round: number; reportLink?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("evaluation.ranking.caption", { round })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("evaluation.ranking.rank")}
              </th>
              <th scope="col">{t("evaluation.ranking.bidder")}</th>
              <th scope="col" className="num">
                {t("evaluation.ranking.price")}
              </th>
              <th scope="col" className="num">
                {t("evaluation.ranking.capacity")}
              </th>
              <th scope="col">{t("evaluation.ranking.submittedAt")}</th>
              <th scope="col" className="num">
                {t("evaluation.ranking.priceScore")}
              </th>
              <th scope="col" className="num">
                {t("evaluation.ranking.technicalScore")}
              </th>
              <th scope="col" className="num">
                {t("evaluation.ranking.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranking.map((r) => (
              <tr key={r.bidId}>
                <td className="num">{r.rank}</td>
                <th scope="row">{r.institutionName}</th>
                <td className="num">{formatFen(r.priceFen, i18n.language)}</td>
                <td className="num">{r.capacity}</td>
                <td>{formatInstant(r.submittedAt)}</td>
                <td className="num">{r.priceScore.toFixed(2)}</td>
                <td className="num">{r.technicalScore.toFixed(2)}</td>
                <td className="num">{r.total.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("evaluation.ranking.tieNote")}</p>
      {reportLink ? (
        <p className="no-print">
          <Link to={reportLink}>{t("evaluation.ranking.viewReport")}</Link>
        </p>
      ) : null}
    </>
  );
}

/** Past performance from earlier accepted contracts: "no history", or their count with the completion and certification rates and the enterprises' mean rating. */
export function PastPerformanceText({ record }: { record: Pick<PastPerformance, "completedContracts" | "traineesWithResult" | "completionRate" | "certificationRate" | "meanRating" | "ratingCount"> }) {
  const { t, i18n } = useTranslation();
  if (record.completedContracts === 0) return <>{t("evaluation.score.noHistory")}</>;
  const pct = (rate: number | null) => (rate === null ? "—" : new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 }).format(rate));
  return (
    <>
      {t("evaluation.score.completedContracts", { count: record.completedContracts })}
      <br />
      {t("evaluation.score.rates", { completion: pct(record.completionRate), certification: pct(record.certificationRate), trainees: record.traineesWithResult })}
      <br />
      {record.meanRating === null ? t("evaluation.score.noRating") : t("evaluation.score.rating", { mean: record.meanRating.toFixed(1), count: record.ratingCount })}
    </>
  );
}

/** Each member's scores of each ranked bid, criterion by criterion, with comments and the member's technical total. */
export function MemberScores({
  report,
  criteria,
  headingLevel = 4,
}: {
  report: { ranking: readonly RankingEntry[]; members: readonly ReportMember[]; scores: readonly ReportScore[] };
  criteria: readonly { id: string; name: string }[];
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 3 ? "h3" : "h4";
  const scoreOf = (bidId: string, userId: string, criterionId: string) =>
    report.scores.find((s) => s.bidId === bidId && s.userId === userId && s.criterionId === criterionId);
  return (
    <>
      {report.members.map((m) => (
        <section key={m.userId} className="member-scores" aria-labelledby={`scores-${m.userId}`}>
          <H id={`scores-${m.userId}`}>
            {m.name}（{t(`evaluation.kinds.${m.kind}`)}）
          </H>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("evaluation.report.scoresCaption", { name: m.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("evaluation.ranking.bidder")}</th>
                  <th scope="col">{t("evaluation.report.criterion")}</th>
                  <th scope="col" className="num">
                    {t("evaluation.report.score")}
                  </th>
                  <th scope="col">{t("evaluation.report.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {report.ranking.flatMap((b) => {
                  const rows = criteria.map((c, i) => {
                    const s = scoreOf(b.bidId, m.userId, c.id);
                    return (
                      <tr key={`${b.bidId}-${c.id}`}>
                        {i === 0 ? (
                          <th scope="rowgroup" rowSpan={criteria.length + 1}>
                            {b.institutionName}
                          </th>
                        ) : null}
                        <td>{c.name}</td>
                        <td className="num">{s ? s.score.toFixed(2) : "—"}</td>
                        <td className="prewrap">{s?.comment ?? ""}</td>
                      </tr>
                    );
                  });
                  const total = criteria.reduce((sum, c) => sum + Math.round((scoreOf(b.bidId, m.userId, c.id)?.score ?? 0) * 100), 0) / 100;
                  rows.push(
                    <tr key={`${b.bidId}-total`}>
                      <td>
                        <strong>{t("evaluation.report.memberTotal")}</strong>
                      </td>
                      <td className="num">
                        <strong>{total.toFixed(2)}</strong>
                      </td>
                      <td />
                    </tr>,
                  );
                  return rows;
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
