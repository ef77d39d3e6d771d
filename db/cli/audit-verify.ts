import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { runCli } from "./_shared";

/** `npm run audit:verify`: walks the hash chain; exits 1 naming the first bad entry. */
await runCli("audit:verify", async ({ db }) => {
  const report = await verifyAuditChain(db);
  if (report.ok) {
    process.stdout.write(`audit chain intact: ${report.count} entries; head ${report.head.seq} ${report.head.hash}\n`);
    return 0;
  }
  process.stderr.write(`audit chain broken at entry ${report.problem.seq}: ${report.problem.kind} (${report.count} entries verified before it)\n`);
  return 1;
});
