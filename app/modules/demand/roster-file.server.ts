/**
 * Reading a roster file (CSV or XLSX) into rows, and writing the templates. The format is told by
 * the content, not the file's name: an XLSX file is a ZIP archive (it starts "PK\3\4"), an old
 * .xls is an OLE2 compound file (D0 CF 11 E0), and anything else that decodes as text is CSV.
 * Cells are read as text; a formula is kept as its text ("=…") and never evaluated.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { msg } from "~/utils/result";
import { mapHeaders, ROSTER_FILE_MAX_ROWS, ROSTER_HEADERS, type RawRosterRow, type RosterColumn } from "./roster";

export type RosterFileFormat = "csv" | "xlsx" | "xls" | "unknown";

export type ParsedRosterFile =
  | { ok: true; format: "csv" | "xlsx"; rows: RawRosterRow[] }
  | { ok: false; message: string };

/** A ZIP that unpacks to more than this is refused before it is opened (a "zip bomb"). */
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** What kind of file this is, by its first bytes. */
export function detectRosterFormat(bytes: Uint8Array): RosterFileFormat {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "csv";
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return "unknown";
  return "csv";
}

/** Reads a roster file's rows, or says precisely why it cannot be read. */
export async function parseRosterFile(bytes: Uint8Array): Promise<ParsedRosterFile> {
  if (bytes.byteLength === 0) return { ok: false, message: "demand.import.emptyFile" };
  const format = detectRosterFormat(bytes);
  if (format === "xls") return { ok: false, message: "demand.import.oldExcel" };
  if (format === "unknown") return { ok: false, message: "demand.import.unknownFormat" };
  if (format === "xlsx") return parseXlsx(bytes);
  const text = decodeText(bytes);
  if (text === null) return { ok: false, message: "demand.import.unknownFormat" };
  return parseCsv(text);
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB 18030 — what Chinese spreadsheet programs save as "CSV". */
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

function parseCsv(text: string): ParsedRosterFile {
  // Files edited by hand mix line endings; one kind lets the parser find every row.
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { delimiter: "", newline: "\n", skipEmptyLines: false, dynamicTyping: false });
  const table = parsed.data.map((cells) => (Array.isArray(cells) ? cells.map((c) => String(c ?? "")) : []));
  return fromTable(
    table.map((cells, i) => ({ line: i + 1, cells })),
    "csv",
  );
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedRosterFile> {
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
  if (sheet.actualRowCount - 1 > ROSTER_FILE_MAX_ROWS) {
    return { ok: false, message: msg("demand.import.tooManyRows", { max: ROSTER_FILE_MAX_ROWS }) };
  }
  const rows: { line: number; cells: string[]; numeric: boolean[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const numeric: boolean[] = [];
    const count = Math.max(row.cellCount, ROSTER_HEADERS.length);
    for (let c = 1; c <= count; c++) {
      const v = row.getCell(c).value;
      cells.push(cellText(v));
      numeric.push(typeof v === "number" && Math.abs(v) >= 1e15);
    }
    rows.push({ line: rowNumber, cells, numeric });
  });
  return fromTable(rows, "xlsx");
}

/** A cell as text. A formula is its own text, "=…": its cached result is never used. */
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

/** The header row (the first row that is not empty) names the columns; each later row becomes one raw row. */
function fromTable(
  table: { line: number; cells: string[]; numeric?: boolean[] }[],
  format: "csv" | "xlsx",
): ParsedRosterFile {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = nonEmpty[0];
  if (!header) return { ok: false, message: "demand.import.noRows" };
  const { columns, missing } = mapHeaders(header.cells);
  if (missing.length > 0) {
    const names: Record<RosterColumn, string> = { name: "姓名", idNumber: "身份证号", phone: "手机号", currentLevel: "现有等级" };
    return { ok: false, message: msg("demand.import.missingColumns", { columns: missing.map((c) => names[c]).join("、") }) };
  }
  const body = nonEmpty.slice(1);
  if (body.length === 0) return { ok: false, message: "demand.import.noRows" };
  if (body.length > ROSTER_FILE_MAX_ROWS) return { ok: false, message: msg("demand.import.tooManyRows", { max: ROSTER_FILE_MAX_ROWS }) };
  const at = (cells: string[], i: number | undefined) => (i === undefined ? "" : (cells[i] ?? ""));
  const rows = body.map((r): RawRosterRow => {
    const row: RawRosterRow = {
      line: r.line,
      name: at(r.cells, columns.name),
      idNumber: at(r.cells, columns.idNumber),
      phone: at(r.cells, columns.phone),
      currentLevel: at(r.cells, columns.currentLevel),
    };
    if (columns.idNumber !== undefined && r.numeric?.[columns.idNumber]) row.idNumberWasNumber = true;
    return row;
  });
  return { ok: true, format, rows };
}

/**
 * Total unpacked size of a ZIP archive from its central directory, or null when the archive is
 * not one. Read before the archive is opened, so a small file that unpacks to gigabytes is refused.
 */
export function unzippedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means the real size is in a ZIP64 field: far beyond any roster.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

/** The CSV template: the headers only, with a UTF-8 BOM so that spreadsheet programs read the Chinese correctly. */
export function rosterTemplateCsv(): string {
  return `\uFEFF${ROSTER_HEADERS.join(",")}\r\n`;
}

/**
 * The XLSX template: the headers, the identity number and phone columns formatted as text (so
 * that a spreadsheet keeps all 18 digits), a list of levels, and a sheet of instructions.
 */
export async function rosterTemplateXlsx(): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SkillTender";
  const sheet = workbook.addWorksheet("学员名单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: ROSTER_HEADERS[0], key: "name", width: 14 },
    { header: ROSTER_HEADERS[1], key: "idNumber", width: 24, style: { numFmt: "@" } },
    { header: ROSTER_HEADERS[2], key: "phone", width: 18, style: { numFmt: "@" } },
    { header: ROSTER_HEADERS[3], key: "currentLevel", width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  // One validation per cell of the first 1,000 rows (a demand has at most 500 trainees); the
  // writer merges them into one range.
  for (let r = 2; r <= 1001; r++) {
    sheet.getCell(`D${r}`).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"1,2,3,4,5"'],
      showErrorMessage: true,
      errorTitle: "现有等级",
      error: "请填写 1–5（1 为一级/高级技师，5 为五级/初级工），或留空。",
    };
  }
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 100;
  for (const line of [
    "填写说明 / Instructions",
    "1. 在“学员名单”表中每行填写一名学员；第一行为表头，请勿修改。",
    "2. 姓名：必填。",
    "3. 身份证号：必填，18 位居民身份证号码，最后一位可以是 X；本列已设为文本格式，请勿改为数字格式。",
    "4. 手机号：必填，11 位手机号码，或带区号的固定电话（如 0571-88001234）。",
    "5. 现有等级：选填，1–5（1 为一级/高级技师，5 为五级/初级工）。",
    "6. 同一身份证号只能出现一次；学员人数不能超过需求人数。",
    "Fill one trainee per row of the first sheet. Name, identity number (18 characters) and phone are required; current level 1–5 is optional.",
  ]) {
    help.addRow([line]);
  }
  help.getRow(1).font = { bold: true };
  const buffer = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
