import { defineConfig, devices } from "@playwright/test";

/**
 * Browser journeys (STYLE.md "Tests"): tests/e2e/<journey>.spec.ts in Debian's Chromium, never a
 * downloaded browser (STACK.md gotcha 8), against the built app on a fresh demo database
 * (tests/e2e/server.ts). Every journey runs twice: with JavaScript and without it, because every
 * flow must work without JavaScript (DESIGN.md "Progressive enhancement").
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
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
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "nojs", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: "npx tsx tests/e2e/server.ts",
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 60_000,
    // The server logs nothing (LOG_LEVEL=silent) unless E2E_LOG_LEVEL=info asks for its JSON lines.
    stdout: process.env.E2E_LOG_LEVEL ? "pipe" : "ignore",
    stderr: "pipe",
    // The server removes its temporary directory on SIGTERM; it usually exits in well under a
    // second, but give a loaded machine time before the SIGKILL that would skip that.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
