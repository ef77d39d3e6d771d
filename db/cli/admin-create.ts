import { createInterface } from "node:readline/promises";
import { createBureauUser } from "~/modules/access/bureau-users.server";
import { emailField, newPasswordField } from "~/modules/organisation/schemas";
import { getEnv } from "~/env.server";
import { migrateToLatest } from "../migrate";
import { seedReference } from "../seed/reference";
import { argValue, runCli } from "./_shared";

/**
 * `npm run admin:create -- --email a@b.cn --name 张三` creates a bureau admin. The password is
 * read from ADMIN_PASSWORD or asked for on the terminal; it is never an argument (shell history).
 */
await runCli("admin:create", async ({ db }, args) => {
  const email = emailField.safeParse(argValue(args, "--email") ?? "");
  const name = (argValue(args, "--name") ?? "").trim();
  if (!email.success || !name) {
    process.stderr.write("usage: npm run admin:create -- --email <e-mail> --name <name>   (password from ADMIN_PASSWORD or prompt)\n");
    return 2;
  }
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question("password (at least 10 characters): ");
    rl.close();
  }
  const pw = newPasswordField.safeParse(password);
  if (!pw.success) {
    process.stderr.write("admin:create: the password must have at least 10 characters\n");
    return 2;
  }
  await migrateToLatest(db);
  await seedReference(db, { nameZh: `${getEnv().DISTRICT_NAME_ZH}人力资源和社会保障局` });
  const result = await createBureauUser(db, null, { name, email: email.data, password: pw.data, roles: ["admin"] });
  if (!result.ok) {
    process.stderr.write(`admin:create: ${result.kind === "validation" ? "that e-mail address is already in use" : result.kind}\n`);
    return 1;
  }
  process.stdout.write(`bureau admin created: ${email.data}\n`);
});
