import { describe, expect, it } from "vitest";
import { rowsOf } from "./export-testing.server";
import { listExportResponse } from "./list-export.server";
import type { ExportColumn } from "./table-export";

interface Row {
  seq: number;
  name: string;
  amountFen: number;
}

const columns: ExportColumn<Row>[] = [
  { header: "序号", kind: "number", value: (r) => r.seq },
  { header: "单位名称", kind: "text", value: (r) => r.name },
  { header: "金额（元）", kind: "money", value: (r) => r.amountFen },
];
const rows: Row[] = [1, 2, 3].map((seq) => ({ seq, name: `单位${seq}`, amountFen: seq * 100 }));

describe("an export over the cap", () => {
  it("keeps the first rows and says in its last line how many matched", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const file = await rowsOf(await listExportResponse(format, "单位", columns, rows.slice(0, 2), 5, 2));
      const yuan = (v: string) => (format === "csv" ? v : Number(v));
      const seq = (n: number) => (format === "csv" ? String(n) : n);
      expect(file).toEqual([
        ["序号", "单位名称", "金额（元）"],
        [seq(1), "单位1", yuan("1.00")],
        [seq(2), "单位2", yuan("2.00")],
        ["", "本文件仅含前 2 条记录（共 5 条符合筛选条件），请缩小筛选范围后分批导出。", ""],
      ]);
    }
  });

  it("notices a cut when the list was not counted but returned one row more than the cap", async () => {
    const file = await rowsOf(await listExportResponse("csv", "单位", columns, rows, undefined, 2));
    expect(file).toHaveLength(4);
    expect(file[3]).toEqual(["", "本文件仅含前 2 条记录，另有更多记录符合筛选条件，请缩小筛选范围后分批导出。", ""]);
  });

  it("adds nothing when every matching row fits", async () => {
    const file = await rowsOf(await listExportResponse("csv", "单位", columns, rows, 3, 3));
    expect(file).toHaveLength(4);
    expect(file[3]).toEqual(["3", "单位3", "3.00"]);
  });
});
