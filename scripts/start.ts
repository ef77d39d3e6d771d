import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createDb, databaseUrlFromEnv } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { seedDemo } from "#db/seed/demo";
import { seedReference } from "#db/seed/reference";
import { ensureLocalSealKey } from "#db/seed/seal-key";
import { getEnv } from "~/env.server";

/**
 * `npm start`: build when the sources are newer than the build, migrate, load reference data and
 * — on an empty database — the demo world, then serve on PORT (3000).
 */
function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const builtAt = existsSync("build/server/index.js") ? statSync("build/server/index.js").mtimeMs : 0;
const sourcesAt = Math.max(...["app", "public", "vite.config.ts", "package.json"].map(newestMtime));
if (sourcesAt > builtAt) {
  process.stdout.write("building…\n");
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
}

ensureLocalSealKey();
const handle = createDb(databaseUrlFromEnv());
await migrateToLatest(handle.db);
await seedReference(handle.db, { nameZh: `${getEnv().DISTRICT_NAME_ZH}人力资源和社会保障局` });
if (await seedDemo(handle.db)) process.stdout.write("demo world loaded; demo accounts use the password demo-2026\n");
const demo = await handle.db.selectFrom("users").select("id").where("email", "like", "%.demo").limit(1).executeTakeFirst();
await handle.destroy();
if (demo) process.env.SKILLTENDER_DEMO = "1";

await import("../server/index");
