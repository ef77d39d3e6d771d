/**
 * The server the browser journeys run against (started by playwright.config.ts `webServer`):
 * a fresh SQLite database in a temporary directory, migrated, with the reference data and the
 * demo world, served by the production server over a copy of the built app (`npm run build`
 * first).
 * It never opens data/skilltender.db: DATABASE_URL is always replaced.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readClockOffset, serverInfoFileFor, writeClockOffset, type ServerInfo } from "./server-info";

const PREFIX = "skilltender-e2e-";

/** Is the server that made this directory gone? (A directory without a pid file yet is young.) */
function isOrphan(path: string): boolean {
  const pidFile = join(path, "server.pid");
  if (!existsSync(pidFile)) return Date.now() - statSync(path).mtimeMs > 10 * 60_000;
  try {
    process.kill(Number(readFileSync(pidFile, "utf8")), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

// Directories of earlier runs whose server was killed outright (a SIGKILL skips "exit").
for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
  const path = join(tmpdir(), name);
  try {
    if (isOrphan(path)) rmSync(path, { recursive: true, force: true });
  } catch {
    // Removed meanwhile by its own server, or not ours to remove: leave it.
  }
}

const dir = mkdtempSync(join(tmpdir(), PREFIX));
writeFileSync(join(dir, "server.pid"), String(process.pid));
// Set before anything reads the environment (getEnv() parses it once, on first use).
process.env.DATABASE_URL = `file:${join(dir, "e2e.db")}`;
process.env.NODE_ENV = "production";
process.env.HOST = "127.0.0.1";
process.env.PORT = process.env.E2E_PORT ?? "3100";
process.env.LOG_LEVEL = process.env.E2E_LOG_LEVEL ?? "silent";
process.env.TRUST_PROXY = "0";
process.env.SKILLTENDER_DEMO = "1";

// A clock server (the js-clock and nojs-clock projects of playwright.config.ts) tells time as real
// time plus the offset in milliseconds held by E2E_CLOCK_FILE, so that a journey can pass a bid
// deadline: app/utils/clock.server.ts consults this global when no test has set the clock. The
// file is re-read only when it changes (another inode, mtime or size); missing or empty means 0.
// A fresh server starts at real time, whatever an earlier run left in the file. The ordinary
// server installs nothing and runs on real time.
const clockFile = process.env.E2E_CLOCK_FILE || null;
if (clockFile) {
  writeClockOffset(clockFile, 0);
  let seen = "";
  let offset = 0;
  (globalThis as Record<symbol, unknown>)[Symbol.for("skilltender.e2eClock")] = () => {
    const s = statSync(clockFile, { bigint: true, throwIfNoEntry: false });
    const stamp = s ? `${s.ino}:${s.mtimeNs}:${s.size}` : "missing";
    if (stamp !== seen) {
      offset = readClockOffset(clockFile);
      seen = stamp;
    }
    return new Date(Date.now() + offset);
  };
}

// Playwright stops the server with SIGTERM (gracefulShutdown), then SIGKILL. A throwaway server
// need not drain its keep-alive connections: remove the directory and exit at once, before the
// SIGKILL could leave it behind. (Registered before server/index.ts adds its own handler.)
// Payments through Stripe's test double (E2E_STRIPE=double, for the payment journey): the app's
// Stripe client talks to the double's host, which msw answers inside this process, validating
// every request against Stripe's OpenAPI description. A small control port lets the journey do
// what only Stripe's own onboarding pages would (activate a connected account's transfers).
if (process.env.E2E_STRIPE === "double") {
  const { setupServer } = await import("msw/node");
  const { StripeDoubleEngine, STRIPE_DOUBLE_BASE, TEST_WEBHOOK_SECRET } = await import("../stripe/engine");
  const engine = new StripeDoubleEngine();
  setupServer(...engine.handlers).listen({ onUnhandledRequest: "bypass" });
  process.env.STRIPE_SECRET_KEY = "sk_test_e2e_double";
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = STRIPE_DOUBLE_BASE;
  const { createServer } = await import("node:http");
  const control = createServer((req, res) => {
    const m = /^\/accounts\/([A-Za-z0-9_]+)\/transfers\/(active|inactive|pending)$/.exec(req.url ?? "");
    if (req.method === "POST" && m) {
      engine.setAccountCapability(m[1]!, m[2] as "active" | "inactive" | "pending");
      res.writeHead(204).end();
    } else if (req.method === "GET" && req.url === "/violations") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(engine.violations));
    } else if (req.method === "GET" && req.url === "/transfers") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(engine.transfers()));
    } else {
      res.writeHead(404).end();
    }
  });
  control.listen(Number(process.env.PORT) + 100, "127.0.0.1");
}

const removeDir = () => rmSync(dir, { recursive: true, force: true });
process.on("exit", removeDir);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));

const built = resolve("build/server/index.js");
if (!existsSync(built)) {
  process.stderr.write("tests/e2e/server.ts: build/server/index.js is missing; run `npm run build` first (npm test does).\n");
  process.exit(1);
}
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), s.mtimeMs);
}
if (Math.max(...["app", "public", "vite.config.ts"].map(newestMtime)) > statSync(built).mtimeMs) {
  // `npm test` always builds first; `npm run test:e2e` alone does not.
  process.stderr.write("tests/e2e/server.ts: warning: sources changed since the last build; run `npm run build` for the journeys to see them.\n");
}

// Serve a snapshot of the build, taken now, so that someone rebuilding in the same tree during
// the run (another terminal, a watcher) cannot swap the browser's assets under the server.
// node_modules is linked beside it for the server build's external packages (fs.rm never
// follows the link when the directory is removed).
const repo = process.cwd();
cpSync(join(repo, "build"), join(dir, "build"), { recursive: true });
symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"), "dir");

const { createDb } = await import("#db/client");
const { migrateToLatest } = await import("#db/migrate");
const { seedReference } = await import("#db/seed/reference");
const { seedDemo } = await import("#db/seed/demo");
const { getEnv } = await import("~/env.server");

// The demo world is seeded once per Playwright run (E2E_RUN_ID, set by playwright.config.ts) and
// copied by the run's other servers: seven servers seeding at once would spend minutes of the
// machine's two cores on the same work. The first server to create the run's template directory
// seeds; the others wait for its finished file (renamed into place whole) and its sealing key.
const dbFile = join(dir, "e2e.db");
const runId = process.env.E2E_RUN_ID;
const template = runId && /^[\w-]+$/.test(runId) ? join(tmpdir(), `skilltender-e2e-template-${runId}`) : null;
let seeder = !template;
if (template) {
  try {
    mkdirSync(template);
    seeder = true;
    process.on("exit", () => rmSync(template, { recursive: true, force: true }));
  } catch {
    seeder = false;
  }
}
if (seeder) {
  // A sealing key of this run only (the operator's secret in a real deployment).
  process.env.BID_SEAL_KEY ??= (await import("node:crypto")).randomBytes(32).toString("base64");
  const handle = createDb(process.env.DATABASE_URL);
  try {
    await migrateToLatest(handle.db);
    await seedReference(handle.db, { nameZh: `${getEnv().DISTRICT_NAME_ZH}人力资源和社会保障局` });
    if (!(await seedDemo(handle.db))) throw new Error("the demo world was not loaded into the fresh database");
  } finally {
    await handle.destroy();
  }
  if (template) {
    writeFileSync(join(template, "key"), process.env.BID_SEAL_KEY);
    copyFileSync(dbFile, join(template, "demo.db.part"));
    renameSync(join(template, "demo.db.part"), join(template, "demo.db"));
  }
} else if (template) {
  const ready = join(template, "demo.db");
  const until = Date.now() + 240_000;
  while (!existsSync(ready)) {
    if (Date.now() > until) throw new Error(`tests/e2e/server.ts: the run's demo world (${ready}) was not seeded within 4 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.BID_SEAL_KEY = readFileSync(join(template, "key"), "utf8");
  copyFileSync(ready, dbFile);
}

// Tell the journeys where the database is (tests/e2e/server-info.ts): a journey that needs ids
// opens it read-only (the serverDb fixture). Removed, with the clock file, when the server exits.
const infoFile = serverInfoFileFor(Number(process.env.PORT));
const info: ServerInfo = { port: Number(process.env.PORT), pid: process.pid, databasePath: dbFile, clockFile };
writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
process.on("exit", () => {
  for (const file of [infoFile, clockFile]) if (file) rmSync(file, { force: true });
});

process.chdir(dir); // server/index.ts serves build/ relative to the working directory
await import("../../server/index");
