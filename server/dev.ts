import type { ServerBuild } from "@remix-run/node";
import { createServer } from "vite";
import { createDb, databaseUrlFromEnv } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { getEnv } from "~/env.server";
import { logInfo } from "~/utils/log.server";
import { createApp } from "./app";

/** Development server: Vite in middleware mode, the same middleware as production. */
const env = getEnv();
const handle = createDb(databaseUrlFromEnv());
await migrateToLatest(handle.db);
const vite = await createServer({ server: { middlewareMode: true } });
const app = createApp({
  handle,
  dev: true,
  build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  before: (a) => a.use(vite.middlewares),
});
app.listen(env.PORT, env.HOST, () => logInfo("dev server listening", { url: `http://localhost:${env.PORT}` }));
