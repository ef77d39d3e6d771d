import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { validateSessionToken } from "~/auth/session.server";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { makeCreditCode } from "./credit-code";
import { registerOrganisation } from "./register-organisation.server";
import { installFormMessages } from "~/modules/reference/form-messages";
import { registrationSchema } from "./schemas";

// As the root route does in the app: zod's own refusals answer with dictionary keys.
installFormMessages();

const CODE = makeCreditCode("91330100MA2B1234X");

function form(overrides: Record<string, string> = {}) {
  return {
    kind: "enterprise",
    orgName: "测试机械有限公司",
    creditCode: CODE,
    contactPhone: "0571-88000000",
    address: "测试路 1 号",
    name: "张工",
    email: "Zhang@Example.CN",
    password: "a-long-password",
    passwordConfirm: "a-long-password",
    ...overrides,
  };
}

async function counts(db: Awaited<ReturnType<typeof createTestDb>>["db"]) {
  const [o, u, a] = await Promise.all(
    (["organisations", "users", "audit_log"] as const).map((t) =>
      db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ),
  );
  return { orgs: Number(o?.n), users: Number(u?.n), audit: Number(a?.n) };
}

describe("registering an organisation", () => {
  it("creates a pending organisation, its first member, a session and one audit entry", async () => {
    const { db } = await createTestDb();
    const before = await counts(db);
    const parsed = registrationSchema.parse(form());
    const result = await registerOrganisation(db, parsed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const org = await db.selectFrom("organisations").selectAll().where("id", "=", result.value.organisationId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: "enterprise", status: "pending", credit_code: CODE });
    const user = await db.selectFrom("users").selectAll().where("id", "=", result.value.userId).executeTakeFirstOrThrow();
    expect(user.email).toBe("zhang@example.cn");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const session = await validateSessionToken(db, result.value.token);
    expect(session?.actor).toMatchObject({ orgStatus: "pending", orgKind: "enterprise", roles: ["member"] });
    expect(await counts(db)).toEqual({ orgs: before.orgs + 1, users: before.users + 1, audit: before.audit + 1 });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses a credit code or e-mail already registered, and writes nothing", async () => {
    const { db } = await createTestDb();
    await registerOrganisation(db, registrationSchema.parse(form()));
    const before = await counts(db);
    const again = await registerOrganisation(db, registrationSchema.parse(form({ orgName: "另一家" })));
    expect(again).toMatchObject({
      ok: false,
      kind: "validation",
      fieldErrors: { creditCode: ["auth.creditCode.taken"], email: ["auth.email.taken"] },
    });
    expect(await counts(db)).toEqual(before);
  });
});

describe("the registration form's rules", () => {
  it("names the right check character when the last one is wrong", () => {
    const wrong = CODE.slice(0, 17) + (CODE.endsWith("0") ? "1" : "0");
    const r = registrationSchema.safeParse(form({ creditCode: wrong }));
    expect(r.success).toBe(false);
    const issue = r.error?.issues.find((i) => i.path[0] === "creditCode");
    expect(issue?.message).toBe(`auth.creditCode.checkChar|${JSON.stringify({ expected: CODE.at(-1), actual: wrong.at(-1) })}`);
  });

  it.each([
    ["creditCode", "123", "auth.creditCode.length"],
    ["creditCode", "", "common.form.required"],
    ["email", "not-an-email", "common.form.invalidEmail"],
    ["password", "short", "auth.password.tooShort"],
    ["passwordConfirm", "different-password", "auth.password.mismatch"],
    ["orgName", "   ", "common.form.required"],
    ["kind", "bureau", "common.form.invalidChoice"],
  ])("refuses %s = %j with %s", (field, value, key) => {
    const r = registrationSchema.safeParse(form({ [field]: value }));
    expect(r.success).toBe(false);
    const messages = r.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message.split("|")[0]);
    expect(messages).toContain(key);
  });
});
