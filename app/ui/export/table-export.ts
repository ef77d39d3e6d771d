import Papa from "papaparse";
import { fenToYuanString } from "~/modules/reference/money";
import { formatInstant } from "~/ui/format";

/**
 * Table exports (issue "Reports": every table the bureau sees exports to CSV and XLSX with the
 * page's filters, Chinese headers, amounts in yuan and times in Asia/Shanghai). A column says what
 * kind of value it holds; the CSV and XLSX writers format each kind the same way.
 */
export type ColumnKind = "text" | "number" | "money" | "instant" | "date";

export interface ExportColumn<Row> {
  header: string;
  kind: ColumnKind;
  /** text: any string; number: a number; money: integer fen; instant: ISO UTC; date: yyyy-MM-dd. */
  value: (row: Row) => string | number | null | undefined;
}

export type { ExportFormat } from "./export-href";
import type { ExportFormat } from "./export-href";

/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab or carriage return) as a formula;
 * an exported name like `=cmd|' /C calc'!A0` must stay text (OWASP "CSV injection"). The quote
 * prefix is what spreadsheets themselves use to mark text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One cell as export text, by its column's kind. */
export function cellText(kind: ColumnKind, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  switch (kind) {
    case "money":
      return fenToYuanString(Number(value));
    case "number":
      return String(value);
    case "instant":
      return formatInstant(String(value));
    case "date":
      return String(value).slice(0, 10);
    case "text":
      return neutraliseFormula(String(value));
  }
}

/** CSV for spreadsheets: a UTF-8 byte-order mark (so Excel reads Chinese), CRLF line ends, every field quoted where needed. */
export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  const data = rows.map((row) => columns.map((c) => cellText(c.kind, c.value(row))));
  const body = Papa.unparse({ fields: columns.map((c) => neutraliseFormula(c.header)), data }, { newline: "\r\n" });
  return `\uFEFF${body.replace(/(\r\n)+$/, "")}\r\n`;
}

/** A file name safe in a header: the title with a date, e.g. `招标项目-2026-11-28.xlsx`. */
export function exportFileName(title: string, date: string, format: ExportFormat): string {
  const safe = title.replace(/[\\/:*?"<>|\r\n]+/g, "-").slice(0, 80) || "export";
  return `${safe}-${date}.${format}`;
}
