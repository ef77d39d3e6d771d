/**
 * The progress page's breakdown tables as files (issue "Reports": every table the bureau sees
 * exports to CSV and XLSX): by occupation, level, institution and enterprise, the year chosen on
 * the page, headers in Chinese. Organisations and occupations only — no person appears in them.
 */
import { levelName } from "~/modules/tender/labels";
import type { ExportColumn, ExportFormat } from "~/ui/export/table-export";
import { listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";
import { STAGES, type Stage, type StageCounts } from "./funnel";
import type { BureauProgress, Breakdown } from "./progress.server";

export const PROGRESS_TABLES = ["occupation", "level", "institution", "enterprise"] as const;
export type ProgressTable = (typeof PROGRESS_TABLES)[number];

/** The breakdown asked for in `?table=` (the first, by occupation, when none is named), or null for one the page does not have. */
export function progressTableOf(url: URL): ProgressTable | null {
  const table = url.searchParams.get("table") ?? PROGRESS_TABLES[0];
  return PROGRESS_TABLES.find((t) => t === table) ?? null;
}

interface Row {
  code: string;
  name: string;
  counts: StageCounts;
  trained: number | null;
}

/** Each breakdown as the page shows it: its stages, and trained in the year where it has that figure. */
const SHAPE: Record<ProgressTable, { title: string; nameHeader: string; stages: readonly Stage[]; withTrained: boolean; withCode: boolean }> = {
  occupation: { title: "progress.breakdown.byOccupation", nameHeader: "progress.breakdown.occupation", stages: STAGES, withTrained: true, withCode: true },
  level: { title: "progress.breakdown.byLevel", nameHeader: "progress.breakdown.level", stages: STAGES, withTrained: true, withCode: false },
  institution: { title: "progress.breakdown.byInstitution", nameHeader: "progress.breakdown.institution", stages: ["contracted", "enrolled", "completed", "certified"], withTrained: true, withCode: false },
  enterprise: { title: "progress.breakdown.byEnterprise", nameHeader: "progress.breakdown.enterprise", stages: STAGES, withTrained: false, withCode: false },
};

function rowsOf(table: ProgressTable, p: BureauProgress): Row[] {
  const t = chineseT();
  const lines = (b: Breakdown, name: (l: Breakdown["lines"][number]) => string): Row[] => {
    const rows = b.lines.map((l) => ({ code: l.key, name: name(l), counts: l.counts, trained: l.trained ?? null }));
    // The groups beyond those listed, summed, as the page's last line.
    if (b.others) rows.push({ code: "", name: t("progress.breakdown.others", { n: b.others.groups }), counts: b.others.counts, trained: null });
    return rows;
  };
  switch (table) {
    case "occupation":
      return lines(p.byOccupation, (l) => l.nameZh);
    case "level":
      return lines(p.byLevel, (l) => levelName(Number(l.key), "zh-CN"));
    case "institution":
      return lines(p.byInstitution, (l) => l.nameZh);
    case "enterprise":
      return lines(p.byEnterprise, (l) => l.nameZh);
  }
}

/** One breakdown of the year's progress as CSV or XLSX, named after the page, the year and the breakdown. */
export async function progressBreakdownExport(format: ExportFormat, table: ProgressTable, p: BureauProgress): Promise<Response> {
  const t = chineseT();
  const shape = SHAPE[table];
  const columns: ExportColumn<Row>[] = [
    ...(shape.withCode ? [{ header: t("report.exports.occupationCode"), kind: "text" as const, value: (r: Row) => r.code }] : []),
    { header: t(shape.nameHeader as "progress.breakdown.occupation"), kind: "text", value: (r) => r.name },
    ...shape.stages.map((s) => ({ header: t(`progress.funnel.stages.${s}`), kind: "number" as const, value: (r: Row) => r.counts[s] })),
    ...(shape.withTrained ? [{ header: t("progress.breakdown.trained"), kind: "number" as const, value: (r: Row) => r.trained }] : []),
  ];
  const title = `${t("progress.bureau.title", { year: p.year })}-${t(shape.title as "progress.breakdown.byOccupation")}`;
  return listExportResponse(format, title, columns, rowsOf(table, p));
}
