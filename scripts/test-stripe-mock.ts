/**
 * `npm run test:stripe-mock`: the payment integration suite (tests/stripe-mock/*.mock-suite.ts)
 * against a real stripe-mock at STRIPE_MOCK_URL (default http://127.0.0.1:12111).
 *
 * Checks first that something answers there; if nothing does, says how to start stripe-mock and
 * exits non-zero without running a test. Extra arguments go to vitest (e.g. `-t transfer`).
 */
import { spawn } from "node:child_process";

const DEFAULT_URL = "http://127.0.0.1:12111";
const raw = process.env.STRIPE_MOCK_URL?.trim() || DEFAULT_URL;

let target: URL;
try {
  target = new URL(raw);
} catch {
  process.stderr.write(`STRIPE_MOCK_URL is not a URL: ${raw}\n`);
  process.exit(2);
}
const origin = target.origin;

async function probe(): Promise<{ ok: true; stripeMock: string | null } | { ok: false; reason: string }> {
  try {
    const response = await fetch(`${origin}/v1/balance`, {
      headers: { Authorization: "Bearer sk_test_probe" },
      signal: AbortSignal.timeout(3_000),
    });
    await response.arrayBuffer();
    return { ok: true, stripeMock: response.headers.get("stripe-mock-version") };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, reason: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

const found = await probe();
if (!found.ok) {
  const host = target.port ? `${target.hostname}:${target.port}` : target.hostname;
  process.stderr.write(
    `No stripe-mock is listening at ${origin} (${found.reason}), so the stripe-mock suite was not run.\n` +
      `Start one with \`stripe-mock -http-addr ${host}\` (https://github.com/stripe/stripe-mock), ` +
      `or set STRIPE_MOCK_URL to where one listens, then run \`npm run test:stripe-mock\` again.\n`,
  );
  process.exit(1);
}
process.stdout.write(
  found.stripeMock
    ? `stripe-mock ${found.stripeMock} at ${origin}\n`
    : `Something answers at ${origin}, but it does not say it is stripe-mock (no Stripe-Mock-Version header); running the suite against it anyway.\n`,
);

const child = spawn(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.stripe-mock.config.ts", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, STRIPE_MOCK_URL: origin } },
);
child.on("error", (error) => {
  process.stderr.write(`vitest: ${error.message}\n`);
  process.exit(127);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
