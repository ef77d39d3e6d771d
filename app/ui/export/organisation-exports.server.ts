/**
 * The tables of the bureau's organisation page as files (issue "Reports"): its members, its
 * status history, and for an institution its delivery record per contract, as the page shows them.
 */
import { permilleText, type PerformanceFigures } from "~/modules/delivery/performance";
import type { PerformanceView } from "~/modules/delivery/performance.server";
import { notFound } from "~/auth/guards.server";
import { statusPart } from "~/modules/organisation/lifecycle";
import type { OrganisationDetail } from "~/modules/organisation/queries.server";
import { formatShanghaiDate } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";
import { detailExportResponse } from "./detail-export.server";
import type { ExportFormat } from "./export-href";
import type { ExportColumn } from "./table-export";

export const ORGANISATION_TABLES = ["members", "history", "performance", "performanceSummary"] as const;
export type OrganisationTable = (typeof ORGANISATION_TABLES)[number];

export function organisationExport(format: ExportFormat, table: OrganisationTable, org: OrganisationDetail, performance: PerformanceView | null): Promise<Response> {
  const t = chineseT();
  if (table === "members") {
    type Member = OrganisationDetail["members"][number];
    const columns: ExportColumn<Member>[] = [
      { header: t("bureau.organisations.memberName"), kind: "text", value: (m) => m.name },
      { header: t("bureau.organisations.memberEmail"), kind: "text", value: (m) => m.email },
      { header: t("bureau.organisations.memberStatus"), kind: "text", value: (m) => (m.status === "active" || m.status === "disabled" ? t(`common.userStatus.${m.status}`) : m.status) },
    ];
    return detailExportResponse(format, org.name, t("bureau.organisations.members"), columns, org.members);
  }
  if (table === "history") {
    type Entry = OrganisationDetail["history"][number];
    const status = (v: unknown) => {
      const s = statusPart(v).status;
      return s ? t(`common.orgStatus.${s}`) : "";
    };
    const columns: ExportColumn<Entry>[] = [
      { header: t("bureau.audit.at"), kind: "instant", value: (h) => h.at },
      { header: t("bureau.audit.action"), kind: "text", value: (h) => t(`bureau.audit.actions.${h.action}` as never, { defaultValue: h.action }) },
      { header: t("report.exports.statusBefore"), kind: "text", value: (h) => status(h.before) },
      { header: t("report.exports.statusAfter"), kind: "text", value: (h) => status(h.after) },
      { header: t("bureau.organisations.statusReason"), kind: "text", value: (h) => statusPart(h.after).reason },
    ];
    return detailExportResponse(format, org.name, t("bureau.organisations.history"), columns, org.history);
  }
  // The delivery record exists for an institution only; for anyone else the table is not on the page.
  if (!performance) notFound();
  const rating = (c: PerformanceFigures) => (c.meanRating === null ? t("completion.performance.noRating") : t("completion.performance.ratingValue", { mean: c.meanRating.toFixed(1), count: c.ratingCount }));
  if (table === "performanceSummary") {
    const scopes = [
      { scope: t("completion.performance.all"), f: performance.overall },
      { scope: t("completion.performance.accepted"), f: performance.accepted },
    ];
    const summary: ExportColumn<(typeof scopes)[number]>[] = [
      { header: t("completion.performance.scope"), kind: "text", value: (x) => x.scope },
      { header: t("completion.performance.withResult"), kind: "number", value: (x) => x.f.withResult },
      { header: t("completion.performance.completion"), kind: "text", value: (x) => permilleText(x.f.completionPermille) },
      { header: t("completion.performance.certification"), kind: "text", value: (x) => permilleText(x.f.certificationPermille) },
      { header: t("completion.performance.rating"), kind: "text", value: (x) => rating(x.f) },
    ];
    return detailExportResponse(format, org.name, t("completion.performance.summary"), summary, scopes);
  }
  type Contract = PerformanceView["contracts"][number];
  const columns: ExportColumn<Contract>[] = [
    { header: t("completion.performance.contract"), kind: "text", value: (c) => c.reference },
    { header: t("report.exports.tenderRef"), kind: "text", value: (c) => c.tenderReference },
    { header: t("tender.lots.number"), kind: "number", value: (c) => c.lotNumber },
    { header: t("tender.lots.occupation"), kind: "text", value: (c) => c.occupationZh },
    { header: t("completion.performance.status"), kind: "text", value: (c) => t(`award.contracts.statuses.${c.status}`) },
    { header: t("completion.performance.withResult"), kind: "number", value: (c) => c.withResult },
    { header: t("completion.performance.completion"), kind: "text", value: (c) => permilleText(c.completionPermille) },
    { header: t("completion.performance.certification"), kind: "text", value: (c) => permilleText(c.certificationPermille) },
    { header: t("completion.performance.rating"), kind: "text", value: rating },
    { header: t("completion.performance.acceptedOn"), kind: "date", value: (c) => (c.acceptedAt ? formatShanghaiDate(c.acceptedAt) : null) },
  ];
  return detailExportResponse(format, org.name, t("completion.performance.perContract"), columns, performance.contracts);
}
