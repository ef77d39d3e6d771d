/**
 * Test helpers for list exports (not used by the app): download a list page's table through the
 * export route as a signed-in actor, and read the file back as a spreadsheet program would.
 */
import type { AppLoadContext } from "@remix-run/node";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { loader as exportLoader } from "~/routes/export.$";

export function contextFor(db: DB, actor: Actor | null): AppLoadContext {
  return {
    db,
    dbKind: "sqlite",
    nonce: "",
    clientAddress: "127.0.0.1",
    log: { requestId: "test" },
    actorMemo: Promise.resolve(actor ? { actor, sessionId: "test-session" } : null),
  };
}

/** The answer of `/export<path>` (a page's path with its query, `format` included) for this actor. */
export async function download(db: DB, actor: Actor | null, path: string): Promise<Response> {
  const url = new URL(`http://localhost/export${path}`);
  const splat = url.pathname.slice("/export/".length);
  return (await exportLoader({ request: new Request(url), params: { "*": splat }, context: contextFor(db, actor) })) as Response;
}

export type Cell = string | number;

/** The file's rows, header first: CSV through papaparse, XLSX through exceljs (empty cells as ""). */
export async function rowsOf(response: Response): Promise<Cell[][]> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.startsWith("text/csv")) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte-order mark that lets Excel read UTF-8.
    if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error("CSV without a byte-order mark");
    const text = new TextDecoder().decode(bytes);
    return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  }
  if (type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const rows: Cell[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const v = row.getCell(c).value;
        if (v !== null && typeof v === "object") throw new Error(`a formula or rich value in row ${r}: ${JSON.stringify(v)}`);
        cells.push(v === null || v === undefined ? "" : typeof v === "number" ? v : String(v));
      }
      rows.push(cells);
    }
    return rows;
  }
  throw new Error(`not an export: ${response.status} ${type} ${await response.text()}`);
}

/** The rows as objects keyed by the (Chinese) header. */
export async function recordsOf(response: Response): Promise<Record<string, Cell>[]> {
  const [header, ...rows] = await rowsOf(response);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i] ?? ""])));
}
