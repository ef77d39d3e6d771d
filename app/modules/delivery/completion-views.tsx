/**
 * Pieces of the completion pages that the institution, the bureau, the enterprises and the
 * public share (no Remix, no data access: they render what their loaders give them). An outcome
 * is always written out, never shown by colour alone.
 */
import { useTranslation } from "react-i18next";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { formatShanghaiDate } from "~/ui/format";
import type { PublicAcceptance } from "./acceptance";
import type { ProgressStatus } from "./lifecycle";
import { permilleText, type PerformanceFigures } from "./performance";
import type { NotCompletedReason } from "./results";

const OUTCOME_BADGE: Record<ProgressStatus | "dropped", string> = {
  in_training: "badge",
  completed: "badge badge-ok",
  certified: "badge badge-ok",
  not_certified: "badge badge-warn",
  not_completed: "badge badge-bad",
  dropped: "badge badge-bad",
};

/** A trainee's outcome with its reason when they did not complete. */
export function OutcomeText({ status, progress, reason }: { status: "confirmed" | "dropped"; progress: ProgressStatus; reason: NotCompletedReason | null }) {
  const { t } = useTranslation();
  const key = status === "dropped" ? "dropped" : progress;
  return (
    <>
      <span className={OUTCOME_BADGE[key]}>{t(`completion.outcome.${key}`)}</span>
      {reason ? (
        <>
          <br />
          <span className="muted">{reason.kind === "attendance" ? t("completion.reasons.attendance", { share: permilleText(reason.attendedPermille), threshold: reason.completionPct }) : t(`completion.reasons.${reason.kind}`)}</span>
        </>
      ) : null}
    </>
  );
}

/** A level's name in the reader's language. */
export function useLevelName() {
  const { i18n } = useTranslation();
  return (level: number) => {
    const l = SKILL_LEVELS.find((x) => x.level === level);
    return l ? (i18n.language === "en" ? l.nameEn : l.nameZh) : String(level);
  };
}

/** A certificate: number, level reached, date of issue; a dash when there is none. */
export function CertificateText({ number, level, date }: { number: string | null; level: number | null; date: string | null }) {
  const { t } = useTranslation();
  const levelName = useLevelName();
  if (!number || level === null || !date) return <>{t("completion.dash")}</>;
  return (
    <>
      <span className="mono">{number}</span>
      <br />
      {levelName(level)} · {date}
    </>
  );
}

/** The published acceptances of one lot's contracts (counts and scores only). */
export function PublicAcceptanceTable({
  lotNumber,
  rows,
}: {
  lotNumber: number;
  rows: readonly (PublicAcceptance & { contractReference: string; institutionName: string })[];
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table>
        <caption>{t("completion.public.caption", { number: lotNumber })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("completion.public.contract")}</th>
            <th scope="col">{t("completion.public.institution")}</th>
            <th scope="col">{t("completion.public.acceptedOn")}</th>
            <th scope="col" className="num">
              {t("completion.public.trainees")}
            </th>
            <th scope="col" className="num">
              {t("completion.public.completed")}
            </th>
            <th scope="col" className="num">
              {t("completion.public.certified")}
            </th>
            <th scope="col" className="num">
              {t("completion.public.rating")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.contractReference}>
              <th scope="row" className="mono">
                {a.contractReference}
              </th>
              <td>{a.institutionName}</td>
              <td>{formatShanghaiDate(a.acceptedAt)}</td>
              <td className="num">{a.trainees}</td>
              <td className="num">{a.completed}</td>
              <td className="num">{a.certified}</td>
              <td className="num">{a.meanRating === null ? t("completion.public.noRating") : a.meanRating.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The acceptance section of a tender's public notice: one table per lot with accepted contracts. */
export function PublicAcceptances({ lots }: { lots: readonly { lotId: string; lotNumber: number; acceptances: readonly (PublicAcceptance & { contractReference: string; institutionName: string })[] }[] }) {
  const { t } = useTranslation();
  const accepted = lots.filter((l) => l.acceptances.length > 0);
  if (accepted.length === 0) return null;
  return (
    <section aria-labelledby="acceptance-heading">
      <h2 id="acceptance-heading">{t("completion.public.heading")}</h2>
      {accepted.map((l) => (
        <PublicAcceptanceTable key={l.lotId} lotNumber={l.lotNumber} rows={l.acceptances} />
      ))}
      <p className="muted">{t("completion.public.note")}</p>
    </section>
  );
}

/** The figures of a performance record, as a page shows them (a structural copy of PerformanceView). */
interface PerformanceData {
  completedContracts: number;
  overall: PerformanceFigures;
  accepted: PerformanceFigures;
  contracts: (PerformanceFigures & {
    contractId: string;
    reference: string;
    status: ContractStatus;
    tenderReference: string;
    lotNumber: number;
    occupationZh: string;
    occupationEn: string;
    acceptedAt: string | null;
  })[];
}

/**
 * An institution's performance record (issue 5: completion rate, certification rate, ratings):
 * the overall and accepted-only figures, then each contract. `linkContracts` links each contract
 * to its page (for readers who may open it).
 */
export function PerformanceRecord({ record, headingLevel = 2, linkContracts = true }: { record: PerformanceData; headingLevel?: 2 | 3; linkContracts?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const H = headingLevel === 2 ? "h2" : "h3";
  const rating = (f: PerformanceFigures) => (f.meanRating === null ? t("completion.performance.noRating") : t("completion.performance.ratingValue", { mean: f.meanRating.toFixed(1), count: f.ratingCount }));
  if (record.contracts.length === 0) return <p>{t("completion.performance.none")}</p>;
  return (
    <>
      <H id="performance-summary">{t("completion.performance.summary")}</H>
      <p>{t("completion.performance.completedContracts", { count: record.completedContracts })}</p>
      <div className="table-scroll">
        <table aria-labelledby="performance-summary">
          <caption className="visually-hidden">{t("completion.performance.summaryCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("completion.performance.scope")}</th>
              <th scope="col" className="num">
                {t("completion.performance.withResult")}
              </th>
              <th scope="col" className="num">
                {t("completion.performance.completion")}
              </th>
              <th scope="col" className="num">
                {t("completion.performance.certification")}
              </th>
              <th scope="col">{t("completion.performance.rating")}</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["all", record.overall],
                ["accepted", record.accepted],
              ] as const
            ).map(([k, f]) => (
              <tr key={k}>
                <th scope="row">{t(`completion.performance.${k}`)}</th>
                <td className="num">{f.withResult}</td>
                <td className="num">{permilleText(f.completionPermille)}</td>
                <td className="num">{permilleText(f.certificationPermille)}</td>
                <td>{rating(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <H id="performance-contracts">{t("completion.performance.perContract")}</H>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("completion.performance.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("completion.performance.contract")}</th>
              <th scope="col">{t("completion.performance.lot")}</th>
              <th scope="col">{t("completion.performance.status")}</th>
              <th scope="col" className="num">
                {t("completion.performance.withResult")}
              </th>
              <th scope="col" className="num">
                {t("completion.performance.completion")}
              </th>
              <th scope="col" className="num">
                {t("completion.performance.certification")}
              </th>
              <th scope="col">{t("completion.performance.rating")}</th>
              <th scope="col">{t("completion.performance.acceptedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {record.contracts.map((c) => (
              <tr key={c.contractId}>
                <th scope="row" className="mono">
                  {linkContracts ? <a href={`/contracts/${c.contractId}`}>{c.reference}</a> : c.reference}
                </th>
                <td>
                  <span className="mono">{c.tenderReference}</span> · {t("award.lotNumber", { number: c.lotNumber })} · {en ? c.occupationEn : c.occupationZh}
                </td>
                <td>{t(`award.contracts.statuses.${c.status}`)}</td>
                <td className="num">{c.withResult}</td>
                <td className="num">{permilleText(c.completionPermille)}</td>
                <td className="num">{permilleText(c.certificationPermille)}</td>
                <td>{rating(c)}</td>
                <td>{c.acceptedAt ? formatShanghaiDate(c.acceptedAt) : t("completion.dash")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
