import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireActor } from "~/auth/guards.server";
import { findLotHeader, findReportPage } from "~/modules/evaluation/queries.server";
import { listReportRounds } from "~/modules/evaluation/report.server";
import { MemberScores, RankingTable } from "~/ui/components/evaluation-views";
import { ExportLinks } from "~/ui/components/export-links";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { REPORT_TABLES, reportExport } from "~/ui/export/lot-exports.server";
import { formatInstant } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "评标报告 Evaluation report · SkillTender" }];

/**
 * The panel's printable report of a round (?round=N, the latest by default): for the officer and
 * the admin, and for the round's members once it is complete; to anyone else it does not exist.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const roundParam = new URL(request.url).searchParams.get("round");
  const round = roundParam && /^\d{1,4}$/.test(roundParam) ? Number(roundParam) : undefined;
  const page = await findReportPage(context.db, actor, params.lotId ?? "", round);
  // Before the panel is done, whoever may see the lot's pages learns there is no report yet.
  if (!page) {
    const header = round === undefined ? await findLotHeader(context.db, actor, params.lotId ?? "") : undefined;
    if (header && (await listReportRounds(context.db, header.lot.lotId)).length === 0) return { page: null };
    notFound();
  }
  // The report's tables as files (ranking, member scores, panel), to exactly those who may read it.
  const format = exportAsked(request);
  if (format) throw await reportExport(format, exportTableOf(request, REPORT_TABLES), page);
  return { page };
}

export default function EvaluationReportPage() {
  const { t } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  if (!page) {
    return (
      <section>
        <h2>{t("evaluation.report.title")}</h2>
        <p className="muted">{t("evaluation.report.none")}</p>
      </section>
    );
  }
  const { lot, report, criteria, declarations } = page;
  const bids = report.ranking;
  return (
    <article className="evaluation-report" aria-labelledby="report-heading">
      <h2 id="report-heading">
        {t("evaluation.report.title")} · {t("evaluation.lot.round", { round: report.round })}
      </h2>
      <p className="muted no-print">{t("evaluation.report.printHint")}</p>
      {page.rounds.length > 1 ? (
        <nav aria-label={t("evaluation.report.rounds")} className="no-print">
          <p>
            {t("evaluation.report.rounds")}:{" "}
            {page.rounds.map((r, i) => (
              <span key={r}>
                {i > 0 ? " · " : null}
                {r === report.round ? (
                  <strong aria-current="page">{t("evaluation.report.roundLink", { round: r })}</strong>
                ) : (
                  <Link to={`?round=${r}`}>{t("evaluation.report.roundLink", { round: r })}</Link>
                )}
              </span>
            ))}
          </p>
        </nav>
      ) : null}
      <p className="warning">{t("evaluation.report.confidential")}</p>

      <h3>{t("evaluation.report.lotHeading")}</h3>
      <dl className="facts">
        <dt>{t("evaluation.report.tender")}</dt>
        <dd>
          {lot.reference} {lot.tenderTitle}
        </dd>
        <dt>{t("evaluation.report.bidCount")}</dt>
        <dd>{bids.length}</dd>
        <dt>{t("evaluation.report.createdAt")}</dt>
        <dd>{formatInstant(report.createdAt)}</dd>
        {report.confirmedAt ? (
          <>
            <dt>{t("evaluation.report.confirmedAt")}</dt>
            <dd>{formatInstant(report.confirmedAt)}</dd>
          </>
        ) : null}
      </dl>

      <h3>{t("evaluation.report.criteriaHeading")}</h3>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("evaluation.report.criteriaCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("evaluation.report.criterion")}</th>
              <th scope="col" className="num">
                {t("evaluation.report.points")}
              </th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name}
                  {c.description ? <div className="muted">{c.description}</div> : null}
                </th>
                <td className="num">{c.points}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("evaluation.report.pricePoints", { points: lot.pricePoints })}</th>
              <td className="num">{lot.pricePoints}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h3>{t("evaluation.report.membersHeading")}</h3>
      <ExportLinks table="members" label={t("evaluation.report.membersHeading")} />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("evaluation.report.membersCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("evaluation.panel.member")}</th>
              <th scope="col">{t("evaluation.panel.kind")}</th>
              <th scope="col">{t("evaluation.report.declaration")}</th>
              <th scope="col">{t("evaluation.report.declaredAt")}</th>
            </tr>
          </thead>
          <tbody>
            {report.members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.name}</th>
                <td>{t(`evaluation.kinds.${m.kind}`)}</td>
                <td>{t("evaluation.report.declaredNoConflict")}</td>
                <td>{formatInstant(m.declaredAt)}</td>
              </tr>
            ))}
            {declarations
              .filter((d) => d.hasConflict)
              .map((d) => (
                <tr key={d.userId}>
                  <th scope="row">{d.name}</th>
                  <td>—</td>
                  <td>{t("evaluation.report.declaredConflict", { note: d.note ?? "" })}</td>
                  <td>{formatInstant(d.declaredAt)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>

      <h3>{t("evaluation.report.rankingHeading")}</h3>
      <ExportLinks table="ranking" label={t("evaluation.report.rankingHeading")} />
      <RankingTable ranking={report.ranking} round={report.round} />

      <h3>{t("evaluation.report.scoresHeading")}</h3>
      <ExportLinks table="scores" label={t("evaluation.report.scoresHeading")} />
      <MemberScores report={report} criteria={criteria} />
    </article>
  );
}
