import { readdirSync, readFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { clockFileFor } from "./tests/e2e/server-info";

/**
 * Browser journeys (STYLE.md "Tests"): tests/e2e/<journey>.spec.ts in Debian's Chromium, never a
 * downloaded browser (STACK.md gotcha 8), against the built app on a fresh demo database
 * (tests/e2e/server.ts). Every journey runs twice: with JavaScript and without it, because every
 * flow must work without JavaScript (DESIGN.md "Progressive enhancement").
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * Journeys that move the server's clock (past a bid deadline) tag their describe block `@clock`
 * and use the `clock` fixture (tests/e2e/fixtures.ts). Each such spec file is listed below and
 * gets its own pair of clock servers — one for its js project, one for its nojs project (the same
 * server script, told by E2E_CLOCK_FILE to add the file's offset to real time) — because a
 * journey moves its server's one clock forward and changes the demo world it started from. Within
 * a project its tests run one at a time. The js and nojs projects never see a tagged journey, and
 * their server keeps real time.
 */
const CLOCK_TAG = /@clock\b/;
const CLOCK_JOURNEYS: { name: string; file: string; stripe?: "double" }[] = [
  { name: "sweep", file: "nobody-reads-a-sealed-bid-before-the-deadline.spec.ts" },
  { name: "award", file: "a-lot-goes-from-sealed-bids-to-signed-contracts.spec.ts" },
  { name: "delivery", file: "a-contract-is-delivered-paid-and-accepted.spec.ts", stripe: "double" },
];
// A clock journey missing from the list would run nowhere: refuse to start instead.
for (const f of readdirSync("tests/e2e").filter((n) => n.endsWith(".spec.ts"))) {
  if (CLOCK_TAG.test(readFileSync(`tests/e2e/${f}`, "utf8")) && !CLOCK_JOURNEYS.some((j) => j.file === f)) {
    throw new Error(`tests/e2e/${f} moves the clock (@clock): list it in CLOCK_JOURNEYS in playwright.config.ts`);
  }
}
const clockServers = CLOCK_JOURNEYS.flatMap((j, i) => [
  { project: `js-clock-${j.name}`, file: j.file, port: port + 1 + 2 * i, javaScriptEnabled: true, stripe: j.stripe },
  { project: `nojs-clock-${j.name}`, file: j.file, port: port + 2 + 2 * i, javaScriptEnabled: false, stripe: j.stripe },
]);

// One id for the run's servers: the first seeds the demo world, the others copy it (tests/e2e/server.ts).
const RUN_ID = (process.env.E2E_RUN_ID ??= `${Date.now()}-${process.pid}`);

function webServer(serverPort: number, clockFile?: string, stripe?: "double") {
  return {
    command: "npx tsx tests/e2e/server.ts",
    url: `http://127.0.0.1:${serverPort}/healthz`,
    env: { E2E_PORT: String(serverPort), E2E_RUN_ID: RUN_ID, ...(clockFile ? { E2E_CLOCK_FILE: clockFile } : {}), ...(stripe ? { E2E_STRIPE: stripe } : {}) },
    reuseExistingServer: false,
    timeout: 60_000,
    // The server logs nothing (LOG_LEVEL=silent) unless E2E_LOG_LEVEL=info asks for its JSON lines.
    stdout: process.env.E2E_LOG_LEVEL ? ("pipe" as const) : ("ignore" as const),
    stderr: "pipe" as const,
    // The server removes its temporary directory on SIGTERM; it usually exits in well under a
    // second, but give a loaded machine time before the SIGKILL that would skip that.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  };
}

export default defineConfig<{ clockFile: string | undefined }>({
  testDir: "tests/e2e",
  fullyParallel: true,
  // A stray test.only must not pass CI by running one test (.ci/run sets CI).
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores: the server and two browsers share them.
  workers: 2,
  reporter: "list",
  // Generous: a journey takes a few seconds, but this machine's two cores are often shared.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js", grepInvert: CLOCK_TAG, use: { javaScriptEnabled: true } },
    { name: "nojs", grepInvert: CLOCK_TAG, use: { javaScriptEnabled: false } },
    ...clockServers.map((s) => ({
      name: s.project,
      testMatch: s.file,
      grep: CLOCK_TAG,
      // One at a time: the project's clock journeys share one server and one clock.
      workers: 1,
      fullyParallel: false,
      use: { javaScriptEnabled: s.javaScriptEnabled, baseURL: `http://127.0.0.1:${s.port}`, clockFile: clockFileFor(s.port) },
    })),
  ],
  webServer: [webServer(port), ...clockServers.map((s) => webServer(s.port, clockFileFor(s.port), s.stripe))],
});
