import type { ChainProblem } from "~/modules/audit/chain";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { argValue, runCli } from "./_shared";

/**
 * `npm run audit:verify [-- --expect <seq>:<hash>]`: walks the hash chain; exits 1 naming the
 * first bad entry. A chain re-hashed from a forged entry onwards verifies on its own, so
 * `--expect` also checks that entry <seq> still has the hash recorded outside the system (the
 * bureau's audit page shows the head to record).
 */
function describe(p: ChainProblem): string {
  switch (p.kind) {
    case "gap":
      // Name the entry that should be there: the deleted one (or the place of an insertion).
      return `entry ${p.expectedSeq}: gap (missing or inserted entry; the next entry found is ${p.seq})`;
    case "head":
      return `entry ${p.seq}: head (the stored head does not match the last entry)`;
    default:
      return `entry ${p.seq}: ${p.kind}`;
  }
}

await runCli("audit:verify", async ({ db }, args) => {
  const recorded = argValue(args, "--expect");
  const m = recorded === undefined ? undefined : /^(\d+):([0-9a-f]{64})$/i.exec(recorded.trim());
  if (recorded !== undefined && !m) {
    process.stderr.write("usage: npm run audit:verify [-- --expect <seq>:<64 hex digits>]\n");
    return 2;
  }
  const report = await verifyAuditChain(db);
  if (!report.ok) {
    process.stderr.write(`audit chain broken at ${describe(report.problem)}\n`);
    return 1;
  }
  let matched = "";
  if (m) {
    const seq = Number(m[1]);
    const hash = m[2]!.toLowerCase();
    const entry = await db.selectFrom("audit_log").select("hash").where("seq", "=", seq).executeTakeFirst();
    if (!entry) {
      process.stderr.write(`audit chain does not match the head recorded outside the system: entry ${seq} does not exist (the chain has ${report.count} entries)\n`);
      return 1;
    }
    if (entry.hash !== hash) {
      process.stderr.write(`audit chain does not match the head recorded outside the system at entry ${seq}: recorded ${hash}, now ${entry.hash}\n`);
      return 1;
    }
    matched = `; entry ${seq} matches the recorded hash`;
  }
  process.stdout.write(`audit chain intact: ${report.count} entries; head ${report.head.seq} ${report.head.hash}${matched}\n`);
  return 0;
});
