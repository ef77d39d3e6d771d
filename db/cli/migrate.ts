import { migrateToLatest } from "../migrate";
import { runCli } from "./_shared";

await runCli("db:migrate", async ({ db }) => {
  const applied = await migrateToLatest(db);
  process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
});
