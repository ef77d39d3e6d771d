import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exportFormatOf, exportHref } from "./export-href";
import { cellText, exportFileName, neutraliseFormula, toCsv, type ExportColumn } from "./table-export";

interface Row {
  name: string;
  amount: number;
  at: string;
  count: number;
}

const columns: ExportColumn<Row>[] = [
  { header: "名称", kind: "text", value: (r) => r.name },
  { header: "金额（元）", kind: "money", value: (r) => r.amount },
  { header: "时间", kind: "instant", value: (r) => r.at },
  { header: "人数", kind: "number", value: (r) => r.count },
];

describe("table exports", () => {
  it("writes CSV with a byte-order mark, Chinese headers, yuan and Shanghai time", () => {
    const csv = toCsv(columns, [{ name: "示范区职业技能培训学校", amount: 123_450, at: "2026-11-27T16:30:00.000Z", count: 12 }]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFF名称,金额（元）,时间,人数\r\n示范区职业技能培训学校,1234.50,2026-11-28 00:30,12\r\n");
  });

  it("keeps a formula-looking value as text in CSV", () => {
    const csv = toCsv(columns, [{ name: "=cmd|' /C calc'!A0", amount: 0, at: "", count: 0 }]);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(parsed[1]![0]).toBe("'=cmd|' /C calc'!A0");
    for (const s of ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula("焊工")).toBe("焊工");
  });

  it("never lets any text start a CSV field with a formula character, and round-trips the rest", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = cellText("text", s);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
        if (s !== "" && !/^[=+\-@\t\r]/.test(s)) expect(out).toBe(s);
        const parsed = Papa.parse<string[]>(toCsv([{ header: "h", kind: "text", value: (r: { s: string }) => r.s }], [{ s }]).slice(1)).data;
        expect(parsed[1]?.[0] ?? "").toBe(out);
      }),
    );
  });

  it("formats empty cells as empty and money with two decimals, negative included", () => {
    expect(cellText("money", null)).toBe("");
    expect(cellText("money", -5)).toBe("-0.05");
    expect(cellText("date", "2026-11-28T00:00:00Z")).toBe("2026-11-28");
  });

  it("reads the format from the URL and keeps the page's filters in the export link", () => {
    expect(exportFormatOf(new URL("http://x/bureau/tenders?format=xlsx"))).toBe("xlsx");
    expect(exportFormatOf(new URL("http://x/bureau/tenders?format=pdf"))).toBeNull();
    expect(exportHref("?status=published&page=3&q=%E7%84%8A", "csv")).toBe("?status=published&q=%E7%84%8A&format=csv");
  });

  it("names the file after the page and the date, without characters a file system refuses", () => {
    expect(exportFileName("招标项目", "2026-11-28", "csv")).toBe("招标项目-2026-11-28.csv");
    expect(exportFileName('a/b:c*"d', "2026-11-28", "xlsx")).toBe("a-b-c-d-2026-11-28.xlsx");
  });
});
