/**
 * Pieces of the award pages that the bureau, the bidders and the public share (no Remix, no data
 * access: they render what their loaders give them). Status is always written out, never shown by
 * colour alone.
 */
import { useTranslation } from "react-i18next";
import { formatFen } from "~/modules/reference/money";
import { formatInstant } from "~/ui/format";
import type { AwardStatus } from "./lifecycle";

const AWARD_BADGE: Record<AwardStatus, string> = {
  proposed: "badge",
  published: "badge badge-warn",
  confirmed: "badge badge-ok",
  cancelled: "badge badge-bad",
  lapsed: "badge badge-bad",
};

export function AwardStatusBadge({ status }: { status: AwardStatus }) {
  const { t } = useTranslation();
  return <span className={AWARD_BADGE[status]}>{t(`award.awardStatus.${status}`)}</span>;
}

/** A period rule as people say it: "1 个工作日" / "30 日". */
export function PeriodText({ rule }: { rule: { value: number; unit: string } }) {
  const { t } = useTranslation();
  return <>{rule.unit === "WD" ? t("award.rules.workingDays", { count: rule.value }) : t("award.rules.days", { count: rule.value })}</>;
}

export interface AwardLine {
  id: string;
  institutionName: string;
  rank: number;
  headcount: number;
  priceFen: number;
  valueFen: number;
  status?: AwardStatus;
  round?: number;
  demands?: readonly { enterpriseName?: string; demandId: string; headcount: number }[];
}

/** Awards or proposed awards of a lot: institution, rank, headcount, price per trainee, value. */
export function AwardsTable({ awards, caption, showStatus = false, showDemands = false }: { awards: readonly AwardLine[]; caption: string; showStatus?: boolean; showDemands?: boolean }) {
  const { t, i18n } = useTranslation();
  // Cancelled and lapsed awards are listed, but only live ones count towards the total.
  const live = awards.filter((a) => a.status !== "cancelled" && a.status !== "lapsed");
  const total = live.reduce((s, a) => s + a.headcount, 0);
  const value = live.reduce((s, a) => s + a.valueFen, 0);
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("award.table.rank")}
            </th>
            <th scope="col">{t("award.table.institution")}</th>
            <th scope="col" className="num">
              {t("award.table.headcount")}
            </th>
            <th scope="col" className="num">
              {t("award.table.price")}
            </th>
            <th scope="col" className="num">
              {t("award.table.value")}
            </th>
            {showDemands ? <th scope="col">{t("award.table.demands")}</th> : null}
            {showStatus ? <th scope="col">{t("award.table.status")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {awards.map((a) => (
            <tr key={a.id}>
              <td className="num">{a.rank}</td>
              <th scope="row">{a.institutionName}</th>
              <td className="num">{a.headcount}</td>
              <td className="num">{formatFen(a.priceFen, i18n.language)}</td>
              <td className="num">{formatFen(a.valueFen, i18n.language)}</td>
              {showDemands ? (
                <td>
                  {(a.demands ?? []).map((d) => (
                    <div key={d.demandId}>{t("award.table.demandPart", { enterprise: d.enterpriseName ?? d.demandId, count: d.headcount })}</div>
                  ))}
                </td>
              ) : null}
              {showStatus ? <td>{a.status ? <AwardStatusBadge status={a.status} /> : null}</td> : null}
            </tr>
          ))}
        </tbody>
        {live.length > 1 || live.length !== awards.length ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {live.length !== awards.length ? t("award.table.liveTotal") : t("award.table.total")}
              </th>
              <td className="num">{total}</td>
              <td />
              <td className="num">{formatFen(value, i18n.language)}</td>
              {showDemands ? <td /> : null}
              {showStatus ? <td /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export interface PublicResultLot {
  lotId: string;
  lotNumber: number;
  awards: readonly (AwardLine & { status: AwardStatus; publishedAt: string | null; publicityEndsAt: string | null; objectionDeadline: string | null })[];
}

/**
 * The published result of each lot (DESIGN.md "Interfaces": after award the result): awarded
 * institutions, headcount, price per trainee, value, when it was published, the publicity and
 * objection windows, and each award's status. Objectors are never named.
 */
export function PublicResults({ lots, headingLevel = 2 }: { lots: readonly PublicResultLot[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (lots.length === 0) return null;
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section aria-labelledby="result-heading">
      <H id="result-heading">{t("award.public.title")}</H>
      {lots.map((l) => {
        const latest = [...l.awards].filter((a) => a.publishedAt).sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""))[0];
        return (
          <div key={l.lotId} className="card">
            <Sub>{t("award.public.lot", { number: l.lotNumber })}</Sub>
            {latest ? (
              <dl className="facts">
                <dt>{t("award.public.publishedAt")}</dt>
                <dd>{formatInstant(latest.publishedAt)}</dd>
                {latest.publicityEndsAt ? (
                  <>
                    <dt>{t("award.public.publicityEnds")}</dt>
                    <dd>{formatInstant(latest.publicityEndsAt)}</dd>
                  </>
                ) : null}
                {latest.objectionDeadline ? (
                  <>
                    <dt>{t("award.public.objectionDeadline")}</dt>
                    <dd>{formatInstant(latest.objectionDeadline)}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <AwardsTable awards={l.awards} caption={t("award.public.caption", { number: l.lotNumber })} showStatus />
          </div>
        );
      })}
      <p className="muted">{t("award.public.timesNote")}</p>
    </section>
  );
}
