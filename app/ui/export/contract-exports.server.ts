/**
 * The tables of a contract's tabs as files (issue "Reports"), as the page shows them to its
 * reader: identity numbers exactly as shown there (masked for the bureau), and reading them
 * audited the same way, since the file is built by the page's own loader.
 */
import type { TraineesView } from "~/modules/delivery/read-delivery.server";
import { REMOVED_FROM_ROSTER } from "~/modules/delivery/enrolment";
import { demandRef } from "~/modules/demand/schemas";
import { chineseT } from "~/ui/i18n/instances.server";
import { detailExportResponse, shanghaiHeader } from "./detail-export.server";
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
