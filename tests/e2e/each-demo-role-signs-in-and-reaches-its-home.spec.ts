import { DEMO, PENDING_NOTICE, expect, signIn, signOut, test } from "./fixtures";

const ROLES = [
  { role: "bureau admin", ...DEMO.admin, pending: false },
  { role: "bureau officer", ...DEMO.officer, pending: false },
  { role: "bureau finance", ...DEMO.finance, pending: false },
  { role: "evaluator", ...DEMO.expert1, pending: false },
  { role: "enterprise member", ...DEMO.enterprise1, pending: false },
  { role: "institution member", ...DEMO.institution1, pending: false },
  { role: "member of a pending enterprise", ...DEMO.pendingEnterprise, pending: true },
];

for (const account of ROLES) {
  test(`the ${account.role} (${account.email}) signs in, sees their home, and signs out`, async ({ page }) => {
    await signIn(page, account.email);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${account.name}`);
    await expect(page.getByRole("banner").getByRole("link", { name: new RegExp(`^${account.name} · `) })).toBeVisible();
    if (account.pending) {
      await expect(page.getByText(PENDING_NOTICE)).toBeVisible();
    } else {
      await expect(page.getByText(PENDING_NOTICE)).toHaveCount(0);
    }

    await signOut(page);
    await expect(page.getByText("您已安全退出。")).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "登录", exact: true })).toBeVisible();

    // The session is really gone: the home page asks for a sign-in again.
    await page.goto("/home");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
  });
}
