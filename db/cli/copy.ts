import { redactUrl } from "../copy";
import { CopyError, copySqliteToPostgres, type CopyReport } from "../copy.server";
import { argValue } from "./_shared";

/**
 * `npm run db:copy -- --from file:./data/skilltender.db --to postgres://…`: copies every table
 * of a SQLite database into a new, empty PostgreSQL database in one transaction, verifies rows per
 * table and the audit head on both sides, prints them, and exits 1 on any refusal or difference
 * (nothing is committed then). Stop the app first: writes after the copy began are not copied.
 */
const USAGE = "usage: npm run db:copy -- --from file:<sqlite path> --to postgres://<user>@<host>/<database>\n";

function printReport(r: CopyReport): void {
  const width = Math.max(...r.tables.map((t) => t.length), "table".length);
  const lines = [`${"table".padEnd(width)}  ${"source".padStart(9)}  ${"target".padStart(9)}`];
  for (const t of [...r.tables].sort()) {
    const s = r.source.counts[t];
    const c = r.target.counts[t];
    lines.push(`${t.padEnd(width)}  ${String(s ?? "-").padStart(9)}  ${String(c ?? "-").padStart(9)}${s === c ? "" : "  ← differs"}`);
  }
  lines.push(`audit head  source ${r.source.head.seq} ${r.source.head.hash}`);
  lines.push(`            target ${r.target.head.seq} ${r.target.head.hash}`);
  lines.push(`audit chain on the target re-hashed: ${r.chainEntries} entries`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(args: string[]): Promise<number> {
  const from = argValue(args, "--from");
  const to = argValue(args, "--to");
  if (!from || !to) {
    process.stderr.write(USAGE);
    return 2;
  }
  process.stdout.write(`db:copy: ${from} → ${redactUrl(to)}\n`);
  try {
    const report = await copySqliteToPostgres({ from, to });
    printReport(report);
    const rows = Object.values(report.target.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(`copy verified: ${report.tables.length} tables, ${rows} rows, audit head ${report.target.head.seq} ${report.target.head.hash}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CopyError) {
      if (error.report) {
        printReport(error.report);
        for (const p of error.report.problems) process.stderr.write(`db:copy: ${p}\n`);
      }
      process.stderr.write(`db:copy: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`db:copy: ${error instanceof Error ? error.message : String(error)}; no rows were committed\n`);
    return 1;
  }
}

process.exit(await main(process.argv.slice(2)));
