import { getEnv } from "~/env.server";
import { migrateToLatest } from "../migrate";
import { seedDemo } from "../seed/demo";
import { seedReference } from "../seed/reference";
import { ensureLocalSealKey } from "../seed/seal-key";
import { runCli } from "./_shared";

/** `npm run db:seed` loads reference data; `-- --demo` adds the demo world (empty database only). */
await runCli("db:seed", async ({ db }, args) => {
  await migrateToLatest(db);
  await seedReference(db, { nameZh: `${getEnv().DISTRICT_NAME_ZH}人力资源和社会保障局` });
  process.stdout.write("reference data loaded\n");
  if (args.includes("--demo")) {
    ensureLocalSealKey();
    const made = await seedDemo(db);
    process.stdout.write(made ? "demo world loaded\n" : "demo world skipped: the database already has users\n");
  }
});
