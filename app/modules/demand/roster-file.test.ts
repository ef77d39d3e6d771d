import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { makeIdNumber } from "~/modules/reference/id-number";
import { detectRosterFormat, parseRosterFile, rosterTemplateCsv, rosterTemplateXlsx, unzippedSize } from "./roster-file.server";

const ID1 = makeIdNumber("330106", "19900307", "451");
const ID2 = makeIdNumber("110101", "19880101", "123");
const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(rows: ExcelJS.CellValue[][], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("学员名单");
  for (const r of rows) sheet.addRow(r);
  setup?.(sheet);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("parseRosterFile: CSV", () => {
  it("reads UTF-8 with a BOM and CRLF, numbering lines as the file does (header = line 1), skipping blank lines", async () => {
    const r = await parseRosterFile(utf8(`\uFEFF姓名,身份证号,手机号,现有等级\r\n张三,${ID1},13800138000,4\r\n\r\n李四,${ID2},0571-88001234,\r\n`));
    expect(r).toEqual({
      ok: true,
      format: "csv",
      rows: [
        { line: 2, name: "张三", idNumber: ID1, phone: "13800138000", currentLevel: "4" },
        { line: 4, name: "李四", idNumber: ID2, phone: "0571-88001234", currentLevel: "" },
      ],
    });
  });

  it("reads GB 18030 (what Excel in Chinese saves as CSV)", async () => {
    const bytes = Buffer.from(
      "d0d5c3fb2cc9edb7ddd6a4bac52ccad6bbfabac52ccfd6d3d0b5c8bcb60d0ad5c5c8fd2c3333303130363139393030333037343531372c31333830303133383030302ccbc4bcb60d0a",
      "hex",
    );
    const r = await parseRosterFile(new Uint8Array(bytes));
    expect(r).toEqual({
      ok: true,
      format: "csv",
      rows: [{ line: 2, name: "张三", idNumber: "330106199003074517", phone: "13800138000", currentLevel: "四级" }],
    });
  });

  it("reads tab-separated UTF-16 ('Unicode text') with the columns in another order", async () => {
    const bytes = Buffer.from(`\uFEFF手机号\t姓名\t身份证号\n13800138000\t张三\t${ID1}\n`, "utf16le");
    const r = await parseRosterFile(new Uint8Array(bytes));
    expect(r.ok && r.rows).toEqual([{ line: 2, name: "张三", idNumber: ID1, phone: "13800138000", currentLevel: "" }]);
  });

  it("keeps quoted commas and a formula as plain text", async () => {
    const r = await parseRosterFile(utf8(`姓名,身份证号,手机号\n"=cmd|' /C calc'!A0",${ID1},"138,0013,8000"\n`));
    expect(r.ok && r.rows[0]).toEqual({ line: 2, name: "=cmd|' /C calc'!A0", idNumber: ID1, phone: "138,0013,8000", currentLevel: "" });
  });

  it.each([
    ["", "demand.import.emptyFile"],
    ["\n\n", "demand.import.noRows"],
    ["姓名,身份证号,手机号\n", "demand.import.noRows"],
    ["姓名,电话\n张三,13800138000\n", 'demand.import.missingColumns|{"columns":"身份证号"}'],
    ["a,b,c\n1,2,3\n", 'demand.import.missingColumns|{"columns":"姓名、身份证号、手机号"}'],
  ])("refuses %j: %s", async (text, message) => {
    expect(await parseRosterFile(utf8(text))).toEqual({ ok: false, message });
  });

  it("refuses more than 20,000 rows before checking any", async () => {
    const body = Array.from({ length: 20_001 }, () => `张三,${ID1},13800138000`).join("\n");
    expect(await parseRosterFile(utf8(`姓名,身份证号,手机号\n${body}\n`))).toEqual({
      ok: false,
      message: 'demand.import.tooManyRows|{"max":20000}',
    });
  });
});

describe("parseRosterFile: XLSX", () => {
  it("reads the first sheet, with line numbers of the sheet", async () => {
    const bytes = await xlsx([
      ["姓名", "身份证号", "手机号", "现有等级"],
      ["张三", ID1, "13800138000", 4],
      [],
      ["李四", ID2, 13900139000, null],
    ]);
    expect(await parseRosterFile(bytes)).toEqual({
      ok: true,
      format: "xlsx",
      rows: [
        { line: 2, name: "张三", idNumber: ID1, phone: "13800138000", currentLevel: "4" },
        { line: 4, name: "李四", idNumber: ID2, phone: "13900139000", currentLevel: "" },
      ],
    });
  });

  it("reads a formula as its text, never its result", async () => {
    const bytes = await xlsx([
      ["姓名", "身份证号", "手机号"],
      ["张三", { formula: `"${ID1}"`, result: ID1 }, { formula: "1+1", result: 2 }],
      ["=cmd|' /C calc'!A0", ID2, "13800138000"],
    ]);
    const r = await parseRosterFile(bytes);
    expect(r.ok && r.rows).toEqual([
      { line: 2, name: "张三", idNumber: `="${ID1}"`, phone: "=1+1", currentLevel: "" },
      { line: 3, name: "=cmd|' /C calc'!A0", idNumber: ID2, phone: "13800138000", currentLevel: "" },
    ]);
  });

  it("flags an identity number stored as a number (its last digits are lost)", async () => {
    const bytes = await xlsx([
      ["姓名", "身份证号", "手机号"],
      // What a spreadsheet keeps of 330106199003074517 typed into a number cell.
      ["张三", Number("330106199003074517"), "13800138000"],
    ]);
    const r = await parseRosterFile(bytes);
    expect(r.ok && r.rows[0]?.idNumberWasNumber).toBe(true);
  });

  it("tells the format by content, not by name: an XLSX is a ZIP, CSV is text", async () => {
    expect(detectRosterFormat(await xlsx([["姓名"]]))).toBe("xlsx");
    expect(detectRosterFormat(utf8("姓名,身份证号"))).toBe("csv");
    expect(detectRosterFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("xls");
    expect(detectRosterFormat(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]))).toBe("unknown");
  });

  it.each([
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], "demand.import.oldExcel"],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0, 0, 0], "demand.import.unknownFormat"],
    [[0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "demand.import.brokenXlsx"],
  ])("refuses %j: %s", async (bytes, message) => {
    expect(await parseRosterFile(new Uint8Array(bytes))).toEqual({ ok: false, message });
  });

  it("refuses a small ZIP that claims to unpack to gigabytes, before opening it", async () => {
    // A local header, one central directory entry declaring 4 GB unpacked, and the end record.
    const bytes = new Uint8Array(30 + 46 + 22);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint32(30, 0x02014b50, true);
    view.setUint32(30 + 24, 0xfffffff0, true);
    view.setUint32(76, 0x06054b50, true);
    view.setUint16(76 + 10, 1, true);
    view.setUint32(76 + 12, 46, true);
    view.setUint32(76 + 16, 30, true);
    expect(unzippedSize(bytes)).toBe(0xfffffff0);
    expect(await parseRosterFile(bytes)).toEqual({ ok: false, message: "demand.import.tooLargeUnpacked" });
  });
});

describe("templates", () => {
  it("the CSV has a UTF-8 BOM and the Chinese headers", () => {
    const csv = rosterTemplateCsv();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("姓名,身份证号,手机号,现有等级\r\n");
  });

  it("the XLSX has the headers, text-formatted identity number and phone columns, and reads back as a roster without rows", async () => {
    const bytes = new Uint8Array(await rosterTemplateXlsx());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, "姓名", "身份证号", "手机号", "现有等级"]);
    expect(sheet?.getColumn(2).numFmt).toBe("@");
    expect(await parseRosterFile(bytes)).toEqual({ ok: false, message: "demand.import.noRows" });
  });
});
