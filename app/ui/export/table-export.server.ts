import ExcelJS from "exceljs";
import { now } from "~/utils/clock.server";
import { formatShanghaiDate } from "~/ui/format";
import { cellText, exportFileName, toCsv, type ExportColumn, type ExportFormat } from "./table-export";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The XLSX form of a table: one sheet, a bold frozen header row, amounts as numbers in yuan with
 * a ¥ format (so they sum), counts as numbers, everything else as text (times already in
 * Shanghai wall-clock time). exceljs writes strings as strings, never as formulas; text columns
 * are neutralised all the same so a value pasted from the XLSX into a CSV stays inert.
 */
export async function toXlsx<Row>(sheetName: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = now();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, "-") || "Sheet1", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: Math.min(60, Math.max(10, c.header.length * 2 + 4)),
    style: c.kind === "money" ? { numFmt: "¥#,##0.00" } : c.kind === "number" ? { numFmt: "0" } : { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined || v === "") return null;
        if (c.kind === "money") return Number(v) / 100;
        if (c.kind === "number") return Number(v);
        return cellText(c.kind, v);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download response of a table in the asked format, named after the page and today's date. */
export async function exportResponse<Row>(format: ExportFormat, title: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Promise<Response> {
  const name = exportFileName(title, formatShanghaiDate(now().toISOString()), format);
  const ascii = `export.${format}`;
  const body = format === "csv" ? toCsv(columns, rows) : new Uint8Array(await toXlsx(title, columns, rows));
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
