import type { Page } from "@playwright/test";
import { DEMO, PENDING_NOTICE, creditCodes, expect, signIn, signOut, test, uniqueSuffix } from "./fixtures";

interface Registration {
  orgName: string;
  creditCode: string;
  person: string;
  email: string;
  password: string;
}

async function fillRegistration(page: Page, r: Registration) {
  const form = page.locator("main form");
  await form.getByRole("radio", { name: "企业", exact: true }).check();
  await form.getByLabel("单位名称", { exact: true }).fill(r.orgName);
  await form.getByLabel("统一社会信用代码", { exact: true }).fill(r.creditCode);
  await form.getByLabel("联系电话", { exact: true }).fill("0571-88001234");
  await form.getByLabel("地址", { exact: true }).fill("示范区创新大道 900 号");
  await form.getByLabel("姓名", { exact: true }).fill(r.person);
  await form.getByLabel("电子邮箱", { exact: true }).fill(r.email);
  await form.getByLabel("密码", { exact: true }).fill(r.password);
  await form.getByLabel("确认密码", { exact: true }).fill(r.password);
  await form.getByRole("button", { name: "提交注册", exact: true }).click();
}

test("a new enterprise registers (a wrong credit code is refused precisely), the officer verifies it, and its home stops saying pending", async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  const codes = creditCodes();
  const registration: Registration = {
    orgName: `端到端测试精工有限公司${suffix}`,
    creditCode: codes.wrongCheck,
    person: "测试 联系人",
    email: `e2e-${suffix}@enterprise.test`,
    password: "correct horse 2026",
  };

  // A wrong check character: the precise message, next to the field, and nothing created.
  await page.goto("/register");
  await fillRegistration(page, registration);
  const codeField = page.getByLabel("统一社会信用代码", { exact: true });
  const expectedMessage = `校验码不正确：第 18 位应为“${codes.valid.charAt(17)}”，而不是“${codes.wrongCheck.charAt(17)}”`;
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expect(codeField).toHaveAccessibleDescription(new RegExp(expectedMessage));
  await expect(page.locator(".field", { has: codeField }).getByText(expectedMessage)).toBeVisible();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "登录", exact: true })).toBeVisible();

  // The right code registers. The same e-mail is accepted, so the refused attempt created no user.
  await fillRegistration(page, { ...registration, creditCode: codes.valid });
  await expect(page).toHaveURL(/\/home\?notice=auth\.register\.done$/);
  await expect(page.getByText("注册成功。您的单位正在等待人社局审核。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${registration.person}`);
  await expect(page.getByText(PENDING_NOTICE)).toBeVisible();
  await signOut(page);

  // The officer finds it among the pending organisations, exactly once, and verifies it.
  await signIn(page, DEMO.officer.email);
  await page.goto("/bureau/organisations?status=pending");
  const row = page.getByRole("row").filter({ hasText: registration.orgName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(codes.valid);
  await row.getByRole("link", { name: registration.orgName }).click();
  await expect(page).toHaveURL(/\/bureau\/organisations\/[^/?#]+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(registration.orgName);
  await page.getByRole("button", { name: "审核通过", exact: true }).click();
  await expect(page.getByText("已审核通过。")).toBeVisible();
  await expect(page.getByRole("button", { name: "审核通过", exact: true })).toHaveCount(0);
  await page.goto("/bureau/organisations?status=pending");
  await expect(page.getByRole("row").filter({ hasText: registration.orgName })).toHaveCount(0);
  await signOut(page);

  // The enterprise's home no longer shows the pending notice.
  await signIn(page, registration.email, { password: registration.password });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${registration.person}`);
  await expect(page.getByRole("main")).toContainText(registration.orgName);
  await expect(page.getByText(PENDING_NOTICE)).toHaveCount(0);
});
