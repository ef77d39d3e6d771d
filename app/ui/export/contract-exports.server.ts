/**
 * The tables of a contract's tabs as files (issue "Reports"), as the page shows them to its
 * reader: identity numbers exactly as shown there (masked for the bureau), and reading them
 * audited the same way, since the file is built by the page's own loader.
 */
import type { AttendanceView, TraineesView } from "~/modules/delivery/read-delivery.server";
import { REMOVED_FROM_ROSTER } from "~/modules/delivery/enrolment";
import { permilleText } from "~/modules/delivery/performance";
import type { ResultsBoard } from "~/modules/delivery/results-queries.server";
import { demandRef } from "~/modules/demand/schemas";
import type { MilestoneView } from "~/modules/payment/views";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { notFound } from "~/auth/guards.server";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";
import { detailExportResponse, shanghaiHeader, yuanHeader } from "./detail-export.server";
import type { ExportFormat } from "./export-href";
import type { ExportColumn } from "./table-export";

/** The trainees tab: every enrolment of every covered demand (confirmed, offered and the others), a line each. */
export function traineesExport(format: ExportFormat, view: TraineesView): Promise<Response> {
  const t = chineseT();
  type Demand = TraineesView["demands"][number];
  type Line = { demand: Demand; e: Demand["enrolments"][number] };
  const order = { confirmed: 0, offered: 1, declined: 2, replaced: 2, dropped: 2 } as const;
  const lines: Line[] = view.demands.flatMap((demand) => [...demand.enrolments].sort((a, b) => order[a.status] - order[b.status]).map((e) => ({ demand, e })));
  const columns: ExportColumn<Line>[] = [
    { header: t("tender.lots.enterprise"), kind: "text", value: (l) => l.demand.enterpriseName },
    { header: t("report.exports.demandRef"), kind: "text", value: (l) => demandRef(l.demand.demandId) },
    { header: t("delivery.trainees.name"), kind: "text", value: (l) => l.e.name },
    { header: t("delivery.trainees.idNumber"), kind: "text", value: (l) => l.e.idNumberShown },
    { header: t("delivery.trainees.status"), kind: "text", value: (l) => t(`delivery.trainees.statuses.${l.e.status}`) },
    { header: shanghaiHeader(t("delivery.trainees.offeredAt")), kind: "instant", value: (l) => l.e.createdAt },
    { header: shanghaiHeader(t("delivery.trainees.confirmedAt")), kind: "instant", value: (l) => l.e.confirmedAt },
    { header: t("delivery.trainees.reason"), kind: "text", value: (l) => (l.e.statusReason === REMOVED_FROM_ROSTER ? t("delivery.trainees.removedFromRoster") : l.e.statusReason) },
  ];
  return detailExportResponse(format, view.contract.reference, t("report.exports.trainees"), columns, lines);
}

export const ATTENDANCE_TABLES = ["summary", "sessions", "grid"] as const;
export type AttendanceTable = (typeof ATTENDANCE_TABLES)[number];

/** The attendance tab: each confirmed trainee's running attendance (identity numbers masked, as the page), or the sessions. */
export function attendanceExport(format: ExportFormat, table: AttendanceTable, view: AttendanceView): Promise<Response> {
  const t = chineseT();
  const pct = view.contract.tender.completionPct;
  if (table === "sessions") {
    type Session = AttendanceView["sessions"][number];
    const columns: ExportColumn<Session>[] = [
      { header: shanghaiHeader(t("delivery.sessions.startsAt")), kind: "instant", value: (s) => s.startsAt },
      { header: t("delivery.sessions.topic"), kind: "text", value: (s) => s.topic },
      { header: t("delivery.sessions.plannedHours"), kind: "number", value: (s) => s.plannedMinutes / 60 },
      { header: t("delivery.sessions.recorded"), kind: "text", value: (s) => (s.started ? t("delivery.sessions.recordedCount", { count: s.recordedCount }) : t("delivery.sessions.notStarted")) },
    ];
    return detailExportResponse(format, view.contract.reference, t("delivery.sessions.heading"), columns, view.sessions);
  }
  if (table === "grid") {
    // One session's grid (`?session=`), as the page shows it; without a chosen session there is none.
    const selected = view.selected;
    if (!selected) notFound();
    type Row = (typeof selected.rows)[number];
    const grid: ExportColumn<Row>[] = [
      { header: t("delivery.attendance.name"), kind: "text", value: (r) => r.name },
      { header: t("delivery.attendance.idNumber"), kind: "text", value: (r) => r.idNumberMasked },
      { header: t("delivery.attendance.hours"), kind: "number", value: (r) => (r.minutes === null ? null : r.minutes / 60) },
    ];
    const title = t("delivery.attendance.gridHeading", { start: formatInstant(selected.session.startsAt), topic: selected.session.topic });
    return detailExportResponse(format, view.contract.reference, title, grid, selected.rows);
  }
  type Line = AttendanceView["summary"][number];
  const columns: ExportColumn<Line>[] = [
    { header: t("delivery.attendance.name"), kind: "text", value: (s) => s.name },
    { header: t("delivery.attendance.idNumber"), kind: "text", value: (s) => s.idNumberMasked },
    { header: t("delivery.attendance.enterprise"), kind: "text", value: (s) => s.enterpriseName },
    { header: t("delivery.attendance.attended"), kind: "number", value: (s) => s.attendedMinutes / 60 },
    { header: t("delivery.attendance.plannedSoFar"), kind: "number", value: (s) => s.heldMinutes / 60 },
    { header: t("delivery.attendance.share"), kind: "text", value: (s) => (s.standing === "notYet" ? "" : `${(s.permille / 10).toFixed(1)}%`) },
    { header: t("delivery.attendance.standing"), kind: "text", value: (s) => t(`delivery.attendance.standings.${s.standing}`, { pct }) },
  ];
  return detailExportResponse(format, view.contract.reference, t("delivery.attendance.summaryHeading"), columns, view.summary);
}

/** The results tab: each trainee's attendance share, outcome (with its reason) and certificate, identity numbers masked as the page. */
export function resultsExport(format: ExportFormat, board: ResultsBoard): Promise<Response> {
  const t = chineseT();
  type Row = ResultsBoard["rows"][number];
  const level = (n: number | null) => (n === null ? "" : (SKILL_LEVELS.find((l) => l.level === n)?.nameZh ?? String(n)));
  const columns: ExportColumn<Row>[] = [
    { header: t("completion.results.name"), kind: "text", value: (r) => r.name },
    { header: t("completion.results.idNumber"), kind: "text", value: (r) => r.idNumberMasked },
    { header: t("completion.results.enterprise"), kind: "text", value: (r) => r.enterpriseName },
    { header: t("completion.results.attendance"), kind: "text", value: (r) => permilleText(r.attendedPermille) },
    { header: t("completion.results.outcome"), kind: "text", value: (r) => t(`completion.outcome.${r.status === "dropped" ? "dropped" : r.progress}`) },
    {
      header: t("report.exports.notCompletedReason"),
      kind: "text",
      value: (r) =>
        !r.reason ? "" : r.reason.kind === "attendance" ? t("completion.reasons.attendance", { share: permilleText(r.reason.attendedPermille), threshold: r.reason.completionPct }) : t(`completion.reasons.${r.reason.kind}`),
    },
    { header: t("completion.results.form.certificateNumber"), kind: "text", value: (r) => r.certificateNumber },
    { header: t("completion.results.form.levelReached"), kind: "text", value: (r) => level(r.levelReached) },
    { header: t("completion.results.form.certifiedOn"), kind: "date", value: (r) => r.certifiedOn },
  ];
  return detailExportResponse(format, board.contract.reference, t("completion.results.heading"), columns, board.rows);
}

/** The payments tab's history: each milestone with its amount in yuan, its status (and refusal), its times in Beijing time and its transfers. */
export function paymentsExport(format: ExportFormat, reference: string, milestones: readonly MilestoneView[]): Promise<Response> {
  const t = chineseT();
  const attempts = (m: MilestoneView) =>
    m.payments
      .map((p) => [t("payment.table.attempt", { attempt: p.attempt }), t(`payment.paymentStatuses.${p.status}`), p.transferId, p.failureReason].filter(Boolean).join(" "))
      .join("；");
  const columns: ExportColumn<MilestoneView>[] = [
    { header: t("payment.table.number"), kind: "number", value: (m) => m.number },
    { header: t("payment.table.kind"), kind: "text", value: (m) => t(`payment.kinds.${m.kind}`) },
    { header: t("payment.table.trainees"), kind: "number", value: (m) => m.traineeCount },
    { header: yuanHeader(t("payment.table.amount")), kind: "money", value: (m) => m.amountFen },
    { header: t("payment.table.status"), kind: "text", value: (m) => t(`payment.milestoneStatuses.${m.status}`) },
    { header: t("payment.table.refusalReason"), kind: "text", value: (m) => m.refusalReason },
    { header: t("payment.table.requestedAt"), kind: "instant", value: (m) => m.requestedAt },
    { header: t("payment.table.decidedAt"), kind: "instant", value: (m) => m.decidedAt },
    { header: t("payment.table.payment"), kind: "text", value: attempts },
  ];
  return detailExportResponse(format, reference, t("payment.contract.history"), columns, milestones);
}
