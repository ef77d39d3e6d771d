import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { setClock } from "~/utils/clock.server";
import type { ExportColumn } from "./table-export";
import { exportResponse, toXlsx } from "./table-export.server";

interface Row {
  name: string;
  amount: number;
  at: string;
}

const columns: ExportColumn<Row>[] = [
  { header: "机构名称", kind: "text", value: (r) => r.name },
  { header: "合同金额（元）", kind: "money", value: (r) => r.amount },
  { header: "签署时间", kind: "instant", value: (r) => r.at },
];

describe("XLSX exports", () => {
  it("read back in a spreadsheet library: Chinese text intact, amounts as yuan numbers, Shanghai time, no formulas", async () => {
    const buffer = await toXlsx("合同", columns, [
      { name: "示范高级技工学校", amount: 1_824_000, at: "2026-08-01T02:00:00.000Z" },
      { name: "=HYPERLINK(\"http://x\")", amount: 5, at: "" },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("合同")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "机构名称", "合同金额（元）", "签署时间"]);
    expect(sheet.getCell("A2").value).toBe("示范高级技工学校");
    expect(sheet.getCell("B2").value).toBe(18_240);
    expect(sheet.getCell("B2").numFmt).toBe("¥#,##0.00");
    expect(sheet.getCell("C2").value).toBe("2026-08-01 10:00");
    expect(sheet.getCell("A3").value).toBe("'=HYPERLINK(\"http://x\")");
    expect(sheet.getCell("A3").formula).toBeUndefined();
    expect(sheet.getCell("B3").value).toBe(0.05);
    expect(sheet.getCell("C3").value).toBeNull();
  });

  it("answers a download with the right type and a Chinese file name", async () => {
    setClock(() => new Date("2026-11-28T03:00:00Z"));
    const csv = await exportResponse("csv", "合同", columns, []);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("合同-2026-11-28.csv")}`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // The byte-order mark Excel needs to read UTF-8, then the Chinese headers.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("机构名称,合同金额（元）,签署时间\r\n");
    const xlsx = await exportResponse("xlsx", "合同", columns, []);
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});
