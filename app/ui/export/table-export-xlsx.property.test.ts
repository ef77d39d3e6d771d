/**
 * Issue 8, test 7 (OWASP "CSV injection"): whatever text a table holds — `=cmd|' /C calc'!A0`,
 * `+1`, `-1+2`, `@SUM(A1)`, a leading tab or carriage return — an exported XLSX holds it as a
 * string cell that no spreadsheet reads as a formula, the same text as the CSV export shows.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, type ExportColumn } from "./table-export";
import { toXlsx } from "./table-export.server";

const FORMULA_START = /^[=+\-@\t\r]/;
const risky = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string()).map(([c, s]) => c + s),
  fc.constantFrom("=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x.example\",\"点此\")", "@SUM(A1:A9)", "+1+1", "-2+3", "=1+1"),
);

describe("XLSX exports keep formula-looking text inert", () => {
  it("writes every text cell as a string, never a formula, starting with no formula character, equal to the CSV's text", async () => {
    const columns: ExportColumn<{ s: string }>[] = [{ header: "名称", kind: "text", value: (r) => r.s }];
    await fc.assert(
      fc.asyncProperty(fc.array(risky, { minLength: 1, maxLength: 20 }), async (texts) => {
        const book = new ExcelJS.Workbook();
        const file = await toXlsx("表", columns, texts.map((s) => ({ s })));
        await book.xlsx.load(new Uint8Array(file).buffer);
        const sheet = book.worksheets[0]!;
        texts.forEach((s, i) => {
          const cell = sheet.getRow(i + 2).getCell(1);
          expect(cell.formula).toBeUndefined();
          expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null).toBe(true);
          const value = cell.value === null ? "" : String(cell.value);
          expect(FORMULA_START.test(value)).toBe(false);
          // XML reads a carriage return as a line feed; the text is otherwise the CSV's.
          expect(value).toBe(cellText("text", s).replace(/\r\n?/g, "\n"));
        });
      }),
      { numRuns: 40 },
    );
  });
});
