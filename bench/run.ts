/**
 * `npm run bench -- --scenario <name> [--scale district|city|tiny] [--duration s] [--connections n]`
 * (`progress` also takes `--runs n`: requests timed one at a time, 20 by default; its load part
 * uses 10 connections unless told otherwise)
 *
 * Runs one load scenario against the built app on generated data (bench/data/generate.ts,
 * cached under data/bench/), and — for the read scenarios — against the raw baseline
 * (bench/baseline/server.ts) in the same run, printing requests/s, latency p50/p97.5/p99,
 * errors and non-2xx for each, and a last line `ratio app/baseline: <x>`.
 * With DATABASE_URL set to a postgres URL, the scenario runs on PostgreSQL instead.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import { createDb } from "#db/client";
import { BENCH_BIG_TENDER_TITLE, BENCH_PASSWORD, BENCH_SEAL_KEY, generate } from "./data/generate";
import { migrateToLatest } from "#db/migrate";
import { isScale, SCALES, type Scale, type ScaleName } from "./data/world";
import { burst } from "./scenarios/bid-burst";
import { progress } from "./scenarios/progress";
import { rosterImport } from "./scenarios/roster-import";

export const SCENARIOS = ["tender-list", "tender-detail", "progress", "bid-burst", "login", "roster-import"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
const DEFAULT_SCALE: Record<ScenarioName, ScaleName> = {
  "tender-list": "district",
  "tender-detail": "district",
  progress: "city",
  "bid-burst": "district",
  login: "district",
  "roster-import": "district",
};

export interface Figures {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p975: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export function printFigures(f: Figures): void {
  process.stdout.write(
    `${f.label.padEnd(10)} ${f.requestsPerSecond.toFixed(1).padStart(9)} req/s  p50 ${f.p50} ms  p97.5 ${f.p975} ms  p99 ${f.p99} ms  errors ${f.errors}  non-2xx ${f.non2xx}  (${f.requests} requests)\n`,
  );
}

function arg(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** Builds the app when build/ is missing (a fresh clone after npm install). */
export function ensureBuild(): void {
  if (existsSync("build/server/index.js")) return;
  process.stderr.write("bench: building the app…\n");
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
}

/**
 * Years of history per scenario where the scale's own is not enough: the progress page is
 * measured on eleven years of the city (ten past years of 100,000 trainees and the current one,
 * about a million enrolments), as issue 6 asks.
 */
const HISTORY_YEARS: Partial<Record<ScenarioName, number>> = { progress: 11 };

/** The URL of a database named `name` on DATABASE_URL's PostgreSQL server, created when missing. */
async function ensurePgDatabase(serverUrl: string, name: string): Promise<string> {
  const h = createDb(serverUrl);
  try {
    const found = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(h.db);
    if (!found.rows[0]?.n) await sql`create database ${sql.id(name)}`.execute(h.db);
  } finally {
    await h.destroy();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database URL for a scale: the cached SQLite file (generated if missing), or DATABASE_URL's postgres. */
export async function ensureData(scale: ScaleName, years?: number): Promise<string> {
  const shape: Scale = years ? { ...SCALES[scale], years } : SCALES[scale];
  const name = years ? `${scale}-${years}y` : scale;
  const serverUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
  if (serverUrl) {
    // A history of its own shape (progress: eleven years) lives in its own database on the same
    // server, as it has its own SQLite file: otherwise the scenario would measure whatever the
    // scale's database holds (five years) and call it eleven.
    const pg = years ? await ensurePgDatabase(serverUrl, `bench_${name.replace(/-/g, "_")}`) : serverUrl;
    const h = createDb(pg);
    let empty = true;
    try {
      empty = !(await h.db.selectFrom("users").select("id").limit(1).executeTakeFirst().catch(() => undefined));
    } finally {
      await h.destroy();
    }
    if (empty) {
      process.stderr.write(`bench: generating ${name} data into PostgreSQL…\n`);
      await generate({ url: pg, scale: shape });
    }
    return pg;
  }
  mkdirSync(join("data", "bench"), { recursive: true });
  const file = join("data", "bench", `${name}.db`);
  if (!existsSync(file)) {
    process.stderr.write(`bench: generating ${name} data (${file})…\n`);
    const s = await generate({ url: `file:${file}`, scale: shape });
    process.stderr.write(`bench: generated in ${s.seconds.toFixed(1)} s\n`);
  } else {
    // A cached file made before a later migration (e.g. new indexes) is brought up to date.
    const h = createDb(`file:${file}`);
    try {
      await migrateToLatest(h.db);
    } finally {
      await h.destroy();
    }
  }
  return `file:${file}`;
}

export interface Running {
  url: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts a server process and waits for its /healthz. */
export async function startServer(script: string, env: Record<string, string>, port: number): Promise<Running> {
  let err = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: String(port), BID_SEAL_KEY: BENCH_SEAL_KEY, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${err.slice(-2000)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/** Runs autocannon against one URL: a short warm-up, then the measured run. */
export async function load(label: string, url: string, o: { duration: number; connections: number; headers?: Record<string, string>; method?: "GET" | "POST"; body?: string }): Promise<Figures> {
  const base = { url, connections: o.connections, headers: o.headers, method: o.method ?? "GET", body: o.body };
  await autocannon({ ...base, duration: Math.min(2, o.duration) });
  const r = await autocannon({ ...base, duration: o.duration });
  return {
    label,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

/** Signs a user in and returns the session cookie. */
export async function signIn(base: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = r.headers.get("set-cookie");
  if (r.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed: ${r.status}`);
  return cookie.split(";")[0]!;
}

async function readScenario(name: "tender-list" | "tender-detail", dbUrl: string, o: { duration: number; connections: number }): Promise<void> {
  let path = "/tenders";
  if (name === "tender-detail") {
    const h = createDb(dbUrl);
    try {
      const t = await h.db.selectFrom("tenders").select("reference").where("title", "=", BENCH_BIG_TENDER_TITLE).executeTakeFirstOrThrow();
      path = `/tenders/${t.reference}`;
    } finally {
      await h.destroy();
    }
  }
  const app = await startServer("server/index.ts", { DATABASE_URL: dbUrl }, 3401);
  const baseline = await startServer("bench/baseline/server.ts", { DATABASE_URL: dbUrl }, 3402);
  try {
    // Both must answer the page before we measure it.
    for (const s of [app, baseline]) {
      const r = await fetch(`${s.url}${path}`);
      if (r.status !== 200) throw new Error(`${s.url}${path} answered ${r.status}`);
    }
    // Alternate, so neither run gets a warmer machine: baseline, app.
    const b = await load("baseline", `${baseline.url}${path}`, o);
    const a = await load("app", `${app.url}${path}`, o);
    process.stdout.write(`scenario ${name} — GET ${path}, ${o.connections} connections, ${o.duration} s\n`);
    printFigures(a);
    printFigures(b);
    process.stdout.write(`ratio app/baseline: ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}\n`);
  } finally {
    await app.stop();
    await baseline.stop();
  }
}

async function loginScenario(dbUrl: string, o: { duration: number; connections: number }): Promise<void> {
  const app = await startServer("server/index.ts", { DATABASE_URL: dbUrl }, 3401);
  try {
    const body = new URLSearchParams({ email: "hr@e1.bench", password: BENCH_PASSWORD }).toString();
    const f = await load("login", `${app.url}/login`, {
      ...o,
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
    });
    process.stdout.write(`scenario login — POST /login (argon2id), ${o.connections} connections, ${o.duration} s; a 302 is a success\n`);
    // Autocannon counts a 302 as non-2xx: here every answer should be one.
    printFigures(f);
  } finally {
    await app.stop();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const scenario = arg(args, "--scenario") as ScenarioName | undefined;
  if (!scenario || !SCENARIOS.includes(scenario)) {
    process.stderr.write(`bench: --scenario one of ${SCENARIOS.join(", ")}\n`);
    return 2;
  }
  const scaleName = arg(args, "--scale") ?? DEFAULT_SCALE[scenario];
  if (!isScale(scaleName)) {
    process.stderr.write(`bench: unknown scale ${scaleName}\n`);
    return 2;
  }
  const o = { duration: Number(arg(args, "--duration") ?? 10), connections: Number(arg(args, "--connections") ?? 50) };
  ensureBuild();
  const dbUrl = await ensureData(scaleName, HISTORY_YEARS[scenario]);
  process.stdout.write(`scale ${scaleName} · ${dbUrl.startsWith("postgres") ? "PostgreSQL" : "SQLite"} · node ${process.version}\n`);
  switch (scenario) {
    case "tender-list":
    case "tender-detail":
      await readScenario(scenario, dbUrl, o);
      return 0;
    case "login":
      await loginScenario(dbUrl, o);
      return 0;
    case "bid-burst":
      return burst(dbUrl, { bidders: Number(arg(args, "--bidders") ?? 200), seconds: Number(arg(args, "--window") ?? 60) });
    case "roster-import":
      return rosterImport(dbUrl, { rows: Number(arg(args, "--rows") ?? 10_000) });
    case "progress":
      return progress(dbUrl, { ...o, connections: Number(arg(args, "--connections") ?? 10), runs: Number(arg(args, "--runs") ?? 20) });
  }
}

if (process.argv[1]?.endsWith("run.ts")) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
