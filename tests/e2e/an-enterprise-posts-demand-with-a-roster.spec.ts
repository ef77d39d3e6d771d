import type { Page } from "@playwright/test";
import { makeIdNumber } from "../../app/modules/reference/id-number";
import { DEMO, expect, signIn, signOut, test, uniqueSuffix } from "./fixtures";

/** A date `days` from now, as <input type="date"> takes it (the server checks "not in the past" in Shanghai). */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const IDS = [makeIdNumber("330106", "19900307", "451"), makeIdNumber("330106", "19951121", "032"), makeIdNumber("110101", "19880101", "123")];
const WRONG = IDS[1]!.slice(0, 17) + (IDS[1]!.charAt(17) === "0" ? "1" : "0");

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF姓名,身份证号,手机号,现有等级\r\n${lines.join("\r\n")}\r\n`, "utf8") };
}

async function upload(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel("名单文件", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "上传并检查", exact: true }).click();
}

test("an enterprise posts a demand, imports its roster after fixing two bad rows, submits it, the officer accepts it, and another enterprise cannot see it", async ({
  page,
}) => {
  // Three people, eleven pages and two uploads: a long journey on a two-core machine.
  test.slow();
  const place = `示范区实训基地 ${uniqueSuffix()}`;

  // The enterprise posts a draft demand.
  await signIn(page, DEMO.enterprise1.email);
  await page.goto("/demands");
  await page.getByRole("link", { name: "新建培训需求", exact: true }).click();
  const form = page.locator("main form.card");
  await form.getByLabel("职业（工种）", { exact: true }).selectOption("6-18-02-04");
  await form.getByLabel("培训等级", { exact: true }).selectOption("4");
  await form.getByLabel("培训人数", { exact: true }).fill("3");
  await form.getByLabel("最早开班日期", { exact: true }).fill(dateIn(60));
  await form.getByLabel("最晚结业日期", { exact: true }).fill(dateIn(150));
  await form.getByLabel("培训地点", { exact: true }).fill(place);
  await form.getByRole("button", { name: "保存草稿", exact: true }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^培训需求 #[0-9A-Z]{8}$/);
  const demandUrl = new URL(page.url()).pathname;
  const ref = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("培训需求 ", "");

  // A file with two bad rows: the report names the lines and the reasons, and nothing is imported.
  await page.getByRole("link", { name: "管理学员名单", exact: true }).click();
  await expect(page).toHaveURL(`${demandUrl}/roster`);
  await upload(
    page,
    csvFile("名单.csv", [`张三,${IDS[0]},13800138000,4`, `李四,${WRONG},13900139000,`, `王五,${IDS[2]},12345,三级`]),
  );
  const report = page.locator(".import-report");
  await expect(report.getByRole("heading", { name: "检查结果：未导入" })).toBeVisible();
  await expect(report).toContainText("共 3 行：1 行无误，2 行有问题。名单没有任何改动。");
  await expect(report.getByRole("row").filter({ hasText: "第 3 行" })).toContainText(
    `身份证号：校验码不正确：第 18 位应为“${IDS[1]!.charAt(17)}”，而不是“${WRONG.charAt(17)}”`,
  );
  await expect(report.getByRole("row").filter({ hasText: "第 4 行" })).toContainText("手机号：电话号码格式不正确");
  await expect(page.getByText("名单 0 / 3 人")).toBeVisible();

  // The fixed file imports at once.
  await upload(
    page,
    csvFile("名单.csv", [`张三,${IDS[0]},13800138000,4`, `李四,${IDS[1]},13900139000,`, `王五,${IDS[2]},0571-88001234,三级`]),
  );
  await expect(page.getByText("名单已导入。")).toBeVisible();
  await expect(page.getByText("名单 3 / 3 人")).toBeVisible();
  const roster = page.getByRole("table", { name: "本需求的学员名单" });
  await expect(roster.getByRole("row")).toHaveCount(4);
  // Identity numbers and phones are shown masked, never whole.
  await expect(roster).toContainText(`${IDS[0]!.slice(0, 6)}********${IDS[0]!.slice(-4)}`);
  await expect(roster).not.toContainText(IDS[0]!);
  await expect(roster).toContainText("138****8000");

  // Submitted to the bureau.
  await page.getByRole("link", { name: "返回需求", exact: true }).click();
  await page.getByRole("button", { name: "提交审核", exact: true }).click();
  await expect(page.getByText("需求已提交，等待人社局审核。")).toBeVisible();
  await expect(page.locator(".badge", { hasText: "待审核" })).toBeVisible();
  await signOut(page);

  // The officer finds it in the review queue and accepts it.
  await signIn(page, DEMO.officer.email);
  await page.goto("/bureau/demands");
  const row = page.getByRole("row").filter({ hasText: ref });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(DEMO.enterprise1.org);
  await row.getByRole("link", { name: ref }).click();
  await expect(page.getByText("名单 3 / 3 人")).toBeVisible();
  await page.getByRole("button", { name: "通过，纳入需求池", exact: true }).click();
  await expect(page.getByText("需求已通过审核，纳入需求池。")).toBeVisible();
  await expect(page.locator(".badge", { hasText: "已纳入需求池" })).toBeVisible();
  await signOut(page);

  // Another enterprise gets "not found" for the demand and its roster.
  await signIn(page, "hr@enterprise2.demo");
  for (const path of [demandUrl, `${demandUrl}/roster`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
    await expect(page.getByText(place)).toHaveCount(0);
  }
});
