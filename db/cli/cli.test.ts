import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { appendAudit } from "~/modules/audit/append-audit.server";

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command-line tool as its own process and waits for it without blocking this worker
 * (a synchronous spawn stalls vitest's worker and its reports to the main process under load).
 */
function cli(script: string, url: string, args: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", script, ...args],
      { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", ...env }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        // A non-zero exit is an answer to assert, not a failure of the call.
        const code = error && typeof error.code === "number" ? error.code : error ? null : 0;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

describe("command-line tools", () => {
  it("audit:verify passes an intact chain and names the first changed entry", async () => {
    const { db, url } = await createTestDb();
    for (let i = 0; i < 4; i++) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "test.act", recordType: "thing", recordId: String(i) }),
      );
    }
    const ok = await cli("db/cli/audit-verify.ts", url);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("audit chain intact: 4 entries");
    await db.updateTable("audit_log").set({ record_id: "forged" }).where("seq", "=", 2).execute();
    const bad = await cli("db/cli/audit-verify.ts", url);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("audit chain broken at entry 2: hash");
  }, 120_000);

  it("admin:create makes a bureau admin who can sign in, and refuses a short password", async () => {
    const { db, url } = await createTestDb();
    const short = await cli("db/cli/admin-create.ts", url, ["--email", "chief@bureau.example", "--name", "局管理员"], { ADMIN_PASSWORD: "short" });
    expect(short.status).toBe(2);
    expect(await db.selectFrom("users").select("id").where("email", "=", "chief@bureau.example").execute()).toEqual([]);
    const made = await cli("db/cli/admin-create.ts", url, ["--email", "Chief@Bureau.example", "--name", "局管理员"], { ADMIN_PASSWORD: "a-long-admin-password" });
    expect(made.status).toBe(0);
    const user = await db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select(["users.email", "user_roles.role"])
      .where("users.email", "=", "chief@bureau.example")
      .execute();
    expect(user).toEqual([{ email: "chief@bureau.example", role: "admin" }]);
    expect((await cli("db/cli/admin-create.ts", url, ["--email", "chief@bureau.example", "--name", "x"], { ADMIN_PASSWORD: "a-long-admin-password" })).status).toBe(1);
  }, 120_000);

  it("db:backup writes a copy whose audit chain verifies", async () => {
    const { url } = await createTestDb();
    const dir = mkdtempSync(join(tmpdir(), "st-backup-"));
    try {
      const target = join(dir, "copy.db");
      const r = await cli("db/cli/backup.ts", url, [target]);
      expect(r.status).toBe(0);
      expect(existsSync(target)).toBe(true);
      const check = await cli("db/cli/audit-verify.ts", `file:${target}`);
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
