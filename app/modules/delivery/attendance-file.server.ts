/**
 * Reading a sign-in sheet file (CSV or XLSX, told by content as a roster file is) into rows, and
 * writing its templates pre-filled with the cohort. Cells are read as text; a formula is kept as
 * its text and never evaluated. The same limits as a roster file (size, rows, unpacked size).
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { detectRosterFormat, unzippedSize } from "~/modules/demand/roster-file.server";
import { ROSTER_FILE_MAX_ROWS } from "~/modules/demand/roster";
import { msg } from "~/utils/result";
import { mapSheetHeaders, SHEET_HEADERS, type RawSheetRow, type SheetColumn } from "./attendance-sheet";

export type ParsedSheet = { ok: true; format: "csv" | "xlsx"; rows: RawSheetRow[] } | { ok: false; message: string };

const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Reads a sign-in sheet's rows, or says precisely why it cannot be read. */
export async function parseAttendanceFile(bytes: Uint8Array): Promise<ParsedSheet> {
  if (bytes.byteLength === 0) return { ok: false, message: "demand.import.emptyFile" };
  const format = detectRosterFormat(bytes);
  if (format === "xls") return { ok: false, message: "demand.import.oldExcel" };
  if (format === "unknown") return { ok: false, message: "demand.import.unknownFormat" };
  if (format === "xlsx") return parseXlsx(bytes);
  const text = decodeText(bytes);
  if (text === null) return { ok: false, message: "demand.import.unknownFormat" };
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { delimiter: "", newline: "\n", skipEmptyLines: false, dynamicTyping: false });
  const table = parsed.data.map((cells, i) => ({ line: i + 1, cells: Array.isArray(cells) ? cells.map((c) => String(c ?? "")) : [] }));
  return fromTable(table, "csv");
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB 18030, as Chinese spreadsheet programs save "CSV". */
function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const unzipped = unzippedSize(bytes);
  if (unzipped === null) return { ok: false, message: "demand.import.brokenXlsx" };
  if (unzipped > MAX_UNZIPPED_BYTES) return { ok: false, message: "demand.import.tooLargeUnpacked" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, message: "demand.import.brokenXlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: "demand.import.noRows" };
  if (sheet.actualRowCount - 1 > ROSTER_FILE_MAX_ROWS) return { ok: false, message: msg("demand.import.tooManyRows", { max: ROSTER_FILE_MAX_ROWS }) };
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, SHEET_HEADERS.length); c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line: rowNumber, cells });
  });
  return fromTable(rows, "xlsx");
}

/** A cell as text. A formula is its own text ("=…"): its cached result is never used. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("formula" in v && typeof v.formula === "string") return `=${v.formula}`;
  if ("sharedFormula" in v) return `=${v.sharedFormula}`;
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v && typeof v.text === "string") return v.text;
  if ("error" in v) return String(v.error);
  return "";
}

/** The header row (the first that is not empty) names the columns; each later non-empty row is one raw row. */
function fromTable(table: { line: number; cells: string[] }[], format: "csv" | "xlsx"): ParsedSheet {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = nonEmpty[0];
  if (!header) return { ok: false, message: "demand.import.noRows" };
  const { columns, missing } = mapSheetHeaders(header.cells);
  if (missing.length > 0) {
    const names: Record<SheetColumn, string> = { idNumber: "身份证号", name: "姓名", hours: "出勤学时" };
    return { ok: false, message: msg("demand.import.missingColumns", { columns: missing.map((c) => names[c]).join("、") }) };
  }
  const body = nonEmpty.slice(1);
  if (body.length === 0) return { ok: false, message: "demand.import.noRows" };
  if (body.length > ROSTER_FILE_MAX_ROWS) return { ok: false, message: msg("demand.import.tooManyRows", { max: ROSTER_FILE_MAX_ROWS }) };
  const at = (cells: string[], i: number | undefined) => (i === undefined ? "" : (cells[i] ?? ""));
  return {
    ok: true,
    format,
    rows: body.map((r) => ({ line: r.line, idNumber: at(r.cells, columns.idNumber), name: at(r.cells, columns.name), hours: at(r.cells, columns.hours) })),
  };
}

/** A cohort member as the templates list them. */
export interface SheetPerson {
  idNumber: string;
  name: string;
}

/** Quotes a CSV cell when it needs it; a cell a spreadsheet would read as a formula is prefixed with '. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV template: headers and one row per cohort member (hours left blank), with a UTF-8 BOM. */
export function attendanceTemplateCsv(people: readonly SheetPerson[]): string {
  const lines = [SHEET_HEADERS.join(","), ...people.map((p) => [p.idNumber, p.name, ""].map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * The XLSX template: one row per cohort member, the identity number column formatted as text
 * (so that a spreadsheet keeps all 18 characters), the hours column for the session's hours, and
 * a sheet of instructions naming the session and its planned hours.
 */
export async function attendanceTemplateXlsx(people: readonly SheetPerson[], session: { label: string; plannedHours: string }): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SkillTender";
  const sheet = workbook.addWorksheet("签到表", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: SHEET_HEADERS[0], key: "idNumber", width: 24, style: { numFmt: "@" } },
    { header: SHEET_HEADERS[1], key: "name", width: 14 },
    { header: SHEET_HEADERS[2], key: "hours", width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const p of people) sheet.addRow({ idNumber: p.idNumber, name: p.name, hours: null });
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 100;
  for (const line of [
    "填写说明 / Instructions",
    `课次：${session.label}；计划学时：${session.plannedHours}`,
    "1. 每行一名学员；第一行为表头，请勿修改。身份证号列为文本格式，请勿改为数字格式。",
    `2. 出勤学时：0 至 ${session.plannedHours}，以 0.25 学时为单位（如 3.5）；缺勤填 0。`,
    "3. 同一学员只能出现一次；任何一行有误，整个文件都不会导入。",
    `Session: ${session.label}; planned hours: ${session.plannedHours}. One trainee per row; hours attended from 0 to ${session.plannedHours}, in quarter hours (e.g. 3.5); 0 for absent.`,
  ]) {
    help.addRow([line]);
  }
  help.getRow(1).font = { bold: true };
  const buffer = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
