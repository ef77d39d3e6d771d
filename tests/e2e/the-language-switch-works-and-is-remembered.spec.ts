import { expect, test } from "./fixtures";

test("Chinese by default, English through the header switch, remembered across pages, and back with ?lng=zh-CN", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("技能订单培训平台");
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "登录", exact: true })).toBeVisible();

  // The switch is named in the language it leads to.
  await banner.getByRole("link", { name: /English$/ }).click();
  await expect(page).toHaveURL(/[?&]lng=en\b/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SkillTender");
  await expect(banner.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "lng")?.value).toBe("en");

  // Remembered: a link without ?lng= stays in English, and so does a fresh page load.
  await banner.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.getByLabel("E-mail", { exact: true })).toBeVisible();
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register an organisation");

  // ?lng=zh-CN switches back, and that is remembered too.
  await page.goto("/login?lng=zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("技能订单培训平台");
  expect((await context.cookies()).find((c) => c.name === "lng")?.value).toBe("zh-CN");
});
