import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb, databaseUrlFromEnv } from "#db/client";
import { getEnv } from "~/env.server";
import { sweepPendingPayments } from "~/modules/payment/pay-milestone.server";
import { logError, logInfo } from "~/utils/log.server";
import { createApp } from "./app";

/** Production server: the built app on PORT (3000). `npm start` migrates and seeds first. */
const env = getEnv();
const handle = createDb(databaseUrlFromEnv());
const buildPath = resolve("build/server/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const app = createApp({ handle, build, trustProxy: env.TRUST_PROXY === "1", clientDir: resolve("build/client") });

const server = app.listen(env.PORT, env.HOST, () => {
  logInfo("listening", { url: `http://localhost:${env.PORT}`, db: handle.kind });
});

// Payments whose transfer's outcome is unknown (a timeout, a crash between Stripe's answer and
// our commit) are sent again with their stored idempotency key at start and every five minutes,
// so Stripe replays rather than pays twice (ADR 008). Attempts younger than a minute are left to
// the request that made them.
const SWEEP_EVERY_MS = 5 * 60_000;
async function sweep() {
  try {
    const tally = await sweepPendingPayments(handle.db, {}, { minAgeMs: 60_000 });
    if (tally.checked > 0) logInfo("pending payments swept", tally);
  } catch (error) {
    logError(error, { msg: "pending payment sweep failed" });
  }
}
void sweep();
setInterval(() => void sweep(), SWEEP_EVERY_MS).unref();

function shutdown() {
  server.close(() => {
    void handle.destroy().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
