/**
 * How a demand reads, for its enterprise and for the bureau alike: its fields, state, the reason
 * when returned or rejected, where it was tendered, and its history from the audit log.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { levelLabel, occupationLabel, statusBadgeClass } from "./labels";
import type { DemandStatus } from "./lifecycle";
import { DEMAND_STATUSES } from "./schemas";

export interface DemandViewData {
  ref: string;
  enterpriseName: string;
  occupationCode: string;
  occupationNameZh: string;
  occupationNameEn: string;
  level: number;
  headcount: number;
  earliestStart: string;
  latestEnd: string;
  place: string;
  notes: string | null;
  status: DemandStatus;
  statusReason: string | null;
  rosterCount: number;
  createdAt: string;
  submittedAt: string | null;
  tenderReference: string | null;
  tenderTitle: string | null;
  lotNumber: number | null;
}

export interface DemandHistoryData {
  seq: number;
  at: string;
  action: string;
  actorName: string | null;
  actorOrgName: string | null;
  before: unknown;
  after: unknown;
}

export function DemandSummaryList({ demand, showEnterprise = false }: { demand: DemandViewData; showEnterprise?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t("demand.detail.details")}</h2>
      <dl className="pairs">
        <dt>{t("demand.fields.status")}</dt>
        <dd>
          <span className={statusBadgeClass(demand.status)}>{t(`demand.status.${demand.status}`)}</span>
        </dd>
        {demand.statusReason && (demand.status === "returned" || demand.status === "rejected") ? (
          <>
            <dt>{t(demand.status === "returned" ? "demand.detail.returnedReason" : "demand.detail.rejectedReason")}</dt>
            <dd className="reason">{demand.statusReason}</dd>
          </>
        ) : null}
        {showEnterprise ? (
          <>
            <dt>{t("demand.fields.enterprise")}</dt>
            <dd>{demand.enterpriseName}</dd>
          </>
        ) : null}
        <dt>{t("demand.fields.occupation")}</dt>
        <dd>
          {occupationLabel({ nameZh: demand.occupationNameZh, nameEn: demand.occupationNameEn }, lang)}{" "}
          <span className="mono muted">{demand.occupationCode}</span>
        </dd>
        <dt>{t("demand.fields.level")}</dt>
        <dd>{levelLabel(demand.level, lang)}</dd>
        <dt>{t("demand.fields.headcount")}</dt>
        <dd>{demand.headcount}</dd>
        <dt>{t("demand.fields.earliestStart")}</dt>
        <dd>{demand.earliestStart}</dd>
        <dt>{t("demand.fields.latestEnd")}</dt>
        <dd>{demand.latestEnd}</dd>
        <dt>{t("demand.fields.place")}</dt>
        <dd>{demand.place}</dd>
        {demand.notes ? (
          <>
            <dt>{t("demand.fields.notes")}</dt>
            <dd className="reason">{demand.notes}</dd>
          </>
        ) : null}
        {demand.tenderReference !== null ? (
          <>
            <dt>{t("demand.fields.tender")}</dt>
            <dd>
              {demand.lotNumber !== null
                ? t("demand.detail.tenderedInto", { tender: demand.tenderReference, lot: demand.lotNumber })
                : demand.tenderReference}
              {demand.tenderTitle ? <span className="muted"> · {demand.tenderTitle}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t("demand.fields.createdAt")}</dt>
        <dd>{formatInstant(demand.createdAt)}</dd>
        {demand.submittedAt ? (
          <>
            <dt>{t("demand.fields.submittedAt")}</dt>
            <dd>{formatInstant(demand.submittedAt)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

const CONTENT_FIELDS = ["occupationCode", "level", "headcount", "earliestStart", "latestEnd", "place", "notes"] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];
const FIELD_LABEL: Record<ContentField, string> = {
  occupationCode: "demand.fields.occupationCode",
  level: "demand.fields.level",
  headcount: "demand.fields.headcount",
  earliestStart: "demand.fields.earliestStart",
  latestEnd: "demand.fields.latestEnd",
  place: "demand.fields.place",
  notes: "demand.fields.notes",
};

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isStatus(v: unknown): v is DemandStatus {
  return typeof v === "string" && (DEMAND_STATUSES as readonly string[]).includes(v);
}

/** What one history entry changed, in words. */
function Change({ entry }: { entry: DemandHistoryData }) {
  const { t, i18n } = useTranslation();
  const before = record(entry.before);
  const after = record(entry.after);
  const show = (field: ContentField, v: unknown) =>
    v === null || v === undefined || v === "" ? "—" : field === "level" && typeof v === "number" ? levelLabel(v, i18n.language) : String(v);
  const parts: ReactNode[] = [];
  if (entry.action.startsWith("roster.")) {
    const masked = typeof after.idNumber === "string" ? after.idNumber : typeof before.idNumber === "string" ? before.idNumber : null;
    if (masked) parts.push(<span key="id" className="mono">{masked}</span>);
    if (after.reused === true) parts.push(<span key="reused"> {t("demand.history.reused")}</span>);
    if (typeof after.count === "number") parts.push(<span key="count">{t("demand.history.rows", { count: after.count })}</span>);
    return <>{parts}</>;
  }
  if (isStatus(before.status) || isStatus(after.status)) {
    parts.push(
      <span key="status">
        {isStatus(before.status) ? `${t(`demand.status.${before.status}`)} → ` : "→ "}
        {isStatus(after.status) ? t(`demand.status.${after.status}`) : null}
      </span>,
    );
  }
  if (typeof after.reason === "string" && after.reason) {
    parts.push(
      <span key="reason" className="reason">
        <br />
        {t("demand.fields.reason")}: {after.reason}
      </span>,
    );
  }
  if (entry.action === "demand.edit") {
    for (const f of CONTENT_FIELDS) {
      if (!(f in after)) continue;
      parts.push(
        <span key={f}>
          {parts.length > 0 ? <br /> : null}
          {t(FIELD_LABEL[f] as never)}: {show(f, before[f])} → {show(f, after[f])}
        </span>,
      );
    }
  }
  return <>{parts}</>;
}

export function DemandHistory({ history }: { history: DemandHistoryData[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("demand.detail.history")}</h2>
      {history.length === 0 ? (
        <p>{t("demand.detail.noHistory")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("demand.detail.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("demand.detail.at")}</th>
                <th scope="col">{t("demand.detail.action")}</th>
                <th scope="col">{t("demand.detail.by")}</th>
                <th scope="col">{t("demand.detail.change")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.seq}>
                  <td className="nowrap">{formatInstant(h.at)}</td>
                  <td>{t(`demand.historyActions.${h.action}` as never, { defaultValue: h.action })}</td>
                  <td>{[h.actorOrgName, h.actorName].filter(Boolean).join(" · ")}</td>
                  <td>
                    <Change entry={h} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
