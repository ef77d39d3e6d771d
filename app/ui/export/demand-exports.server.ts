/**
 * The tables of the bureau's demand page as files (issue "Reports"): the roster exactly as the
 * page shows it to the bureau (identity numbers and phones masked; reading it audited, as the
 * page's "show the roster"), and the demand's history.
 */
import { levelLabel } from "~/modules/demand/labels";
import type { DemandDetail } from "~/modules/demand/queries.server";
import type { RosterEntry } from "~/modules/demand/read-roster.server";
import { chineseT } from "~/ui/i18n/instances.server";
import { detailExportResponse } from "./detail-export.server";
import type { ExportFormat } from "./export-href";
import type { ExportColumn } from "./table-export";

export const DEMAND_TABLES = ["roster", "history"] as const;
export type DemandTable = (typeof DEMAND_TABLES)[number];

const ZH = "zh-CN";

/** The roster as the bureau sees it: identity numbers and phones in part only. */
export function rosterExport(format: ExportFormat, demand: DemandDetail, trainees: readonly RosterEntry[]): Promise<Response> {
  const t = chineseT();
  const columns: ExportColumn<RosterEntry>[] = [
    { header: t("demand.roster.name"), kind: "text", value: (r) => r.name },
    { header: t("demand.roster.idNumber"), kind: "text", value: (r) => r.idNumberMasked },
    { header: t("demand.roster.phone"), kind: "text", value: (r) => r.phoneMasked },
    { header: t("demand.roster.currentLevel"), kind: "text", value: (r) => (r.currentLevel === null ? t("demand.roster.currentLevelNone") : levelLabel(r.currentLevel, ZH)) },
    { header: t("demand.roster.addedAt"), kind: "instant", value: (r) => r.addedAt },
  ];
  return detailExportResponse(format, demand.ref, t("demand.review.roster"), columns, trainees);
}

const CONTENT_FIELDS = ["occupationCode", "level", "headcount", "earliestStart", "latestEnd", "place", "notes"] as const;

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
}

/** A history entry's change in words, as the page writes it (roster entries carry masked identity numbers only). */
function changeText(entry: DemandDetail["history"][number]): string {
  const t = chineseT();
  const before = record(entry.before);
  const after = record(entry.after);
  const statusName = (v: unknown) => (typeof v === "string" && v ? t(`demand.status.${v}` as never, { defaultValue: v }) : "");
  const show = (field: string, v: unknown) => (v === null || v === undefined || v === "" ? "—" : field === "level" && typeof v === "number" ? levelLabel(v, ZH) : String(v));
  const parts: string[] = [];
  if (entry.action.startsWith("roster.")) {
    const masked = typeof after.idNumber === "string" ? after.idNumber : typeof before.idNumber === "string" ? before.idNumber : null;
    if (masked) parts.push(masked);
    if (after.reused === true) parts.push(t("demand.history.reused"));
    if (typeof after.count === "number") parts.push(t("demand.history.rows", { count: after.count }));
    return parts.join(" ");
  }
  if (statusName(before.status) || statusName(after.status)) parts.push(`${statusName(before.status) ? `${statusName(before.status)} → ` : "→ "}${statusName(after.status)}`);
  if (typeof after.reason === "string" && after.reason) parts.push(`${t("demand.fields.reason")}: ${after.reason}`);
  if (entry.action === "demand.edit") {
    for (const f of CONTENT_FIELDS) if (f in after) parts.push(`${t(`demand.fields.${f}`)}: ${show(f, before[f])} → ${show(f, after[f])}`);
  }
  return parts.join("；");
}

/** The demand's history: time (Beijing), action, by whom, and the change. */
export function demandHistoryExport(format: ExportFormat, demand: DemandDetail): Promise<Response> {
  const t = chineseT();
  type Entry = DemandDetail["history"][number];
  const columns: ExportColumn<Entry>[] = [
    { header: t("demand.detail.at"), kind: "instant", value: (h) => h.at },
    { header: t("demand.detail.action"), kind: "text", value: (h) => t(`demand.historyActions.${h.action}` as never, { defaultValue: h.action }) },
    { header: t("demand.detail.by"), kind: "text", value: (h) => [h.actorOrgName, h.actorName].filter(Boolean).join(" · ") },
    { header: t("demand.detail.change"), kind: "text", value: changeText },
  ];
  return detailExportResponse(format, demand.ref, t("demand.detail.history"), columns, demand.history);
}
