/**
 * `npm test`: the one test command, locally and in CI (.ci/run).
 *
 *   1. unit         vitest run (SQLite, and PostgreSQL too when TEST_POSTGRES_URL is set)
 *   2. build        remix vite:build (the browser runs the built bundle: STACK.md gotcha 10)
 *   3. chromium     Debian's Chromium, installed with apt-get when missing and we are root;
 *                   never a downloaded browser (STACK.md gotcha 8)
 *   4. e2e          playwright test (tests/e2e, with and without JavaScript)
 *
 * A failing unit phase does not stop the browser journeys (one run shows every failure); a
 * failing build or a missing browser does. Exits non-zero when any phase failed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

interface Phase {
  name: string;
  ok: boolean;
  ms: number;
  note?: string;
}

const phases: Phase[] = [];
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function phase(name: string, body: () => Promise<boolean | { ok: boolean; note?: string }>): Promise<boolean> {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = performance.now();
  const outcome = await body();
  const { ok, note } = typeof outcome === "boolean" ? { ok: outcome, note: undefined } : outcome;
  const ms = performance.now() - started;
  phases.push({ name, ok, ms, note });
  process.stdout.write(`=== ${name}: ${ok ? "passed" : "FAILED"} in ${(ms / 1000).toFixed(1)} s${note ? ` (${note})` : ""} ===\n`);
  return ok;
}

const node = process.execPath;

await phase("unit (vitest)", async () => {
  const projects = process.env.TEST_POSTGRES_URL ? "sqlite + postgres" : "sqlite only; set TEST_POSTGRES_URL for postgres";
  process.stdout.write(`projects: ${projects}\n`);
  return { ok: (await run(node, ["node_modules/vitest/vitest.mjs", "run"])) === 0, note: projects };
});

const built = await phase("build (remix vite:build)", async () => {
  return (await run(node, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"])) === 0;
});

const haveChromium = await phase("chromium", async () => {
  if (existsSync(chromiumPath)) {
    process.stdout.write(`using ${chromiumPath}\n`);
    return true;
  }
  if (process.env.CHROMIUM_PATH) {
    process.stderr.write(`CHROMIUM_PATH=${chromiumPath} does not exist.\n`);
    return false;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `${chromiumPath} is missing. Install Debian's Chromium as root: \`sudo apt-get update && sudo apt-get install -y chromium\`\n` +
        "(or point CHROMIUM_PATH at a Chromium binary). Never `npx playwright install`: no browser is downloaded here.\n",
    );
    return false;
  }
  process.stdout.write(`${chromiumPath} is missing; installing Debian's chromium with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update"], env)) !== 0) return false;
  if ((await run("apt-get", ["install", "-y", "chromium"], env)) !== 0) return false;
  return existsSync(chromiumPath);
});

if (built && haveChromium) {
  await phase("e2e (playwright test)", async () => {
    return (await run(node, ["node_modules/@playwright/test/cli.js", "test"])) === 0;
  });
} else {
  phases.push({ name: "e2e (playwright test)", ok: false, ms: 0, note: "not run: needs the build and Chromium" });
}

const failed = phases.filter((p) => !p.ok);
process.stdout.write("\n=== summary ===\n");
for (const p of phases) {
  process.stdout.write(`${p.ok ? "pass" : "FAIL"}  ${p.name.padEnd(26)} ${(p.ms / 1000).toFixed(1).padStart(6)} s${p.note ? `  ${p.note}` : ""}\n`);
}
process.stdout.write(failed.length === 0 ? "all phases passed\n" : `${failed.length} of ${phases.length} phases failed\n`);
process.exit(failed.length === 0 ? 0 : 1);
