import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb, databaseUrlFromEnv } from "#db/client";
import { getEnv } from "~/env.server";
import { logInfo } from "~/utils/log.server";
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

function shutdown() {
  server.close(() => {
    void handle.destroy().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
