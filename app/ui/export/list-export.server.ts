import { redirect } from "@remix-run/node";
import { EXPORT_PREFIX } from "~/ui/components/export-links";
import { chineseT } from "~/ui/i18n/instances.server";
import { exportFormatOf, type ExportFormat } from "./export-href";
import type { ExportColumn } from "./table-export";
import { exportResponse } from "./table-export.server";

/**
 * At most this many rows in one exported file: a spreadsheet opens it comfortably and the server
 * builds it in memory without strain. A larger selection is cut here and the file says so in its
 * last line (see `listExportResponse`).
 */
export const EXPORT_LIMIT = 50_000;

/**
 * The format a list page's loader is asked to export, after it has authorised the reader and
 * parsed the filters. Remix renders a page's loader result into HTML, so a file can only leave
 * through a resource route: the export route (app/routes/export.$.tsx) calls the page's loader with
 * its own URL. A page URL with `?format=` typed by hand is sent there rather than breaking the page.
 * The loader then throws the file (`throw await listExportResponse(…)`), as it would a redirect, so
 * that its return type stays the page's data.
 */
export function exportAsked(request: Request): ExportFormat | null {
  const url = new URL(request.url);
  const format = exportFormatOf(url);
  if (!format) return null;
  if (!url.pathname.startsWith(`${EXPORT_PREFIX}/`)) throw redirect(`${EXPORT_PREFIX}${url.pathname}${url.search}`);
  return format;
}

type Line<Row> = { row: Row } | { note: string };

/**
 * The download of a list: every row the page's filters select, up to `limit`. `total` is how many
 * match when the list counted them; a list that did not count is asked for `limit + 1` rows so a
 * cut is still seen. A cut file ends with one line saying so, in its first text column.
 */
export async function listExportResponse<Row>(
  format: ExportFormat,
  title: string,
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
  total?: number,
  limit: number = EXPORT_LIMIT,
): Promise<Response> {
  const kept = rows.slice(0, limit);
  const capped = (total ?? rows.length) > limit;
  if (!capped) return exportResponse(format, title, columns, kept);
  const t = chineseT();
  const note = total === undefined ? t("common.export.cappedMore", { limit }) : t("common.export.capped", { limit, total });
  const noteAt = Math.max(0, columns.findIndex((c) => c.kind === "text"));
  const withNote: ExportColumn<Line<Row>>[] = columns.map((c, i) => ({
    header: c.header,
    kind: i === noteAt ? "text" : c.kind,
    value: (line) => ("note" in line ? (i === noteAt ? line.note : null) : c.value(line.row)),
  }));
  return exportResponse(format, title, withNote, [...kept.map((row) => ({ row })), { note }]);
}
