/**
 * Pieces of the tender pages that the bureau's builder and the public notice share (no Remix, no
 * data access: they render what their loaders give them).
 */
import { useTranslation } from "react-i18next";
import { formatFen } from "~/modules/reference/money";
import { formatShanghai } from "./deadline";
import { levelName, occupationName, tenderBadgeClass, type OccupationName } from "./labels";
import type { LotStatus, TenderStatus } from "./lifecycle";

export function TenderStatusBadge({ status }: { status: TenderStatus }) {
  const { t } = useTranslation();
  return <span className={tenderBadgeClass(status)}>{t(`tender.status.${status}`)}</span>;
}

/** A deadline in Beijing time, with what is left of it (computed by the loader, so server and browser agree). */
export function DeadlineText({ deadline, left }: { deadline: string | null; left: { days: number; hours: number; minutes: number } | null }) {
  const { t } = useTranslation();
  if (!deadline) return <>{t("tender.notice.noDeadline")}</>;
  return (
    <>
      <time dateTime={deadline}>{t("tender.notice.beijingTime", { time: formatShanghai(deadline) })}</time>
      {left ? (
        <span className="muted"> · {t("tender.notice.timeLeft", { days: left.days, hours: left.hours, minutes: left.minutes })}</span>
      ) : (
        <span className="muted"> · {t("tender.notice.closed")}</span>
      )}
    </>
  );
}

export interface LotRow {
  number: number;
  occupationCode: string;
  level: number;
  headcount: number;
  windowStart: string;
  windowEnd: string;
  maxPriceFen: number;
  status: LotStatus;
}

/** The lots of a tender as a table: occupation, level, headcount, delivery window, maximum price per trainee. */
export function LotsTable({ lots, occupations, caption }: { lots: readonly LotRow[]; occupations: readonly OccupationName[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tender.lots.number")}</th>
            <th scope="col">{t("tender.lots.occupation")}</th>
            <th scope="col">{t("tender.lots.level")}</th>
            <th scope="col" className="num">
              {t("tender.lots.headcount")}
            </th>
            <th scope="col">{t("tender.lots.window")}</th>
            <th scope="col" className="num">
              {t("tender.lots.maxPrice")}
            </th>
            <th scope="col">{t("tender.lots.status")}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((l) => (
            <tr key={l.number}>
              <th scope="row">{t("tender.lots.lotN", { n: l.number })}</th>
              <td>
                {occupationName(occupations, l.occupationCode, lang)} <span className="mono muted">{l.occupationCode}</span>
              </td>
              <td>{levelName(l.level, lang)}</td>
              <td className="num">{l.headcount}</td>
              <td>{t("tender.lots.windowRange", { start: l.windowStart, end: l.windowEnd })}</td>
              <td className="num">{formatFen(l.maxPriceFen, lang)}</td>
              <td>
                <span className={tenderBadgeClass(l.status)}>{t(`tender.lotStatus.${l.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
