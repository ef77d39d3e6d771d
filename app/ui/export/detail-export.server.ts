import { notFound } from "~/auth/guards.server";
import { chineseT } from "~/ui/i18n/instances.server";
import type { ExportFormat } from "./export-href";
import { listExportResponse } from "./list-export.server";
import type { ExportColumn } from "./table-export";

/**
 * Exports of a detail page's tables (issue "Reports": every table the bureau sees). A detail page
 * usually shows several tables; its export links name one in `?table=`, and a link without one
 * gets the page's first. A name the page does not have is not found, like an unknown page.
 */
export function exportTableOf<T extends string>(request: Request, tables: readonly [T, ...T[]]): T {
  const asked = new URL(request.url).searchParams.get("table") ?? tables[0];
  const table = tables.find((t) => t === asked);
  if (!table) notFound();
  return table;
}

/** One table of a record's page as a file, titled by the record (its reference) and the table. */
export function detailExportResponse<Row>(format: ExportFormat, record: string, table: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Promise<Response> {
  return listExportResponse(format, `${record}-${table}`, columns, rows);
}

/** A header for amounts: "<label>（元）", unless the label already states its unit. */
export function yuanHeader(label: string): string {
  return /元/.test(label) ? label : chineseT()("common.export.inYuan", { label });
}

/** A header for times: "<label>（北京时间）". */
export function shanghaiHeader(label: string): string {
  return chineseT()("common.export.inShanghai", { label });
}
