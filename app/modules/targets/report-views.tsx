/**
 * The yearly report's own pieces (presentation only): the summary's sentences, the procurement
 * table, the outcome tables and the print button. The charts and their tables are the progress
 * page's (progress-views.tsx).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OutcomeLine, SummaryLine, YearProcurement } from "./report";
import { useNumbers } from "./progress-views";

/** The summary's sentences, each filled with its figures in the page's language. */
export function SummaryList({ lines }: { lines: readonly SummaryLine[] }) {
  const { t } = useTranslation();
  const { n, fen, pct } = useNumbers();
  return (
    <ul className="report-summary">
      {lines.map((l) => {
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(l.counts ?? {})) values[k] = n(v);
        for (const [k, v] of Object.entries(l.amounts ?? {})) values[k] = fen(v);
        for (const [k, v] of Object.entries(l.percents ?? {})) values[k] = pct(v);
        if (l.stage) values.stage = t(`progress.funnel.stages.${l.stage}`);
        return <li key={l.key}>{String(t(l.key as never, values as never))}</li>;
      })}
    </ul>
  );
}

/** The year's tenders, lots, awards, objections and contracts as one table. */
export function ProcurementTable({ year, p }: { year: number; p: YearProcurement }) {
  const { t } = useTranslation();
  const { n, fen } = useNumbers();
  const rows: { key: string; count: number; amount?: number; trainees?: number; sub?: boolean }[] = [
    { key: "tenders", count: p.tenders.published },
    { key: "tendersCancelled", count: p.tenders.cancelled, sub: true },
    { key: "lots", count: p.lots.total },
    { key: "lotsUnsuccessful", count: p.lots.unsuccessful, sub: true },
    { key: "lotsCancelled", count: p.lots.cancelled, sub: true },
    { key: "awards", count: p.awards.count, amount: p.awards.valueFen },
    { key: "objections", count: p.objections.lodged },
    { key: "objectionsUpheld", count: p.objections.upheld, sub: true },
    { key: "objectionsDismissed", count: p.objections.dismissed, sub: true },
    { key: "objectionsPending", count: p.objections.pending, sub: true },
    { key: "contractsSigned", count: p.contracts.signed, amount: p.contracts.valueFen, trainees: p.contracts.trainees },
    { key: "contractsCompleted", count: p.contracts.completed, sub: true },
    { key: "contractsAwaiting", count: p.contracts.awaitingSignature },
    { key: "contractsTerminated", count: p.contracts.terminated },
    { key: "contractsLapsed", count: p.contracts.lapsed },
  ];
  return (
    <table className="report-table">
      <caption>{t("report.procurement.caption", { year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("report.procurement.item")}</th>
          <th scope="col" className="num">
            {t("report.procurement.count")}
          </th>
          <th scope="col" className="num">
            {t("report.procurement.amount")}
          </th>
          <th scope="col" className="num">
            {t("report.procurement.trainees")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.sub ? "sub-row" : undefined}>
            <th scope="row">{t(`report.procurement.${r.key}` as "report.procurement.tenders")}</th>
            <td className="num">{n(r.count)}</td>
            <td className="num">{r.amount === undefined ? "" : fen(r.amount)}</td>
            <td className="num">{r.trainees === undefined ? "" : n(r.trainees)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Trained, certified and not completed per occupation or institution, with the rates and a total row. */
export function OutcomeTable({ caption, nameHeader, lines, total }: { caption: string; nameHeader: string; lines: readonly (OutcomeLine & { name: string })[]; total: OutcomeLine }) {
  const { t } = useTranslation();
  const { n, pct } = useNumbers();
  const rate = (v: number | null) => (v === null ? t("progress.dash") : t("progress.pct", { value: pct(v) }));
  const cells = (l: OutcomeLine) => (
    <>
      <td className="num">{n(l.trained)}</td>
      <td className="num">{n(l.certified)}</td>
      <td className="num">{n(l.notCompleted)}</td>
      <td className="num">{rate(l.completionPct)}</td>
      <td className="num">{rate(l.certificationPct)}</td>
    </>
  );
  if (lines.length === 0) return <p className="muted">{t("report.outcomes.none")}</p>;
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" className="num">
            {t("report.outcomes.trained")}
          </th>
          <th scope="col" className="num">
            {t("report.outcomes.certified")}
          </th>
          <th scope="col" className="num">
            {t("report.outcomes.notCompleted")}
          </th>
          <th scope="col" className="num">
            {t("report.outcomes.completionRate")}
          </th>
          <th scope="col" className="num">
            {t("report.outcomes.certificationRate")}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.key}>
            <th scope="row">{l.name}</th>
            {cells(l)}
          </tr>
        ))}
        <tr className="total-row">
          <th scope="row">{t("report.outcomes.total")}</th>
          {cells(total)}
        </tr>
      </tbody>
    </table>
  );
}

/**
 * With JavaScript, a button that opens the browser's print dialogue (where "Save as PDF" is a
 * printer); without it, the same advice in words. The button appears once the page is hydrated,
 * so that a page without JavaScript never shows a button that does nothing.
 */
export function PrintAction() {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? (
    <button type="button" onClick={() => window.print()}>
      {t("report.print")}
    </button>
  ) : (
    <p className="hint print-hint">{t("report.printHint")}</p>
  );
}
