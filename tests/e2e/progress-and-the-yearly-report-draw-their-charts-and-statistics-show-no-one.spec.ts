import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

/**
 * Issue 6 "Targets and progress, reports, and open data": the charts are server-rendered SVG,
 * readable without JavaScript (every test here runs in the js and the nojs project), each an
 * image with a title and a description beside a table of its figures; the yearly report is a
 * printable document; the public statistics hold no personal data.
 */

/** Each named chart is an SVG image with its title and description, and a table of figures beside it. */
async function expectReadableCharts(page: Page, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const svg = page.locator(`svg[role="img"][aria-labelledby="${id}-title"]`);
    await expect(svg, `chart ${id}`).toBeVisible();
    await expect(svg).toHaveAttribute("aria-labelledby", `${id}-title`);
    await expect(svg).toHaveAttribute("aria-describedby", `${id}-desc`);
    const title = (await page.locator(`#${id}-title`).textContent()) ?? "";
    const desc = (await page.locator(`#${id}-desc`).textContent()) ?? "";
    expect(title.trim(), `chart ${id} has a title`).not.toBe("");
    expect(desc.trim(), `chart ${id} has a description`).not.toBe("");
    // Its accessible name is its title.
    await expect(svg).toHaveAccessibleName(title.trim());
    const figure: Locator = page.locator("figure.chart", { has: page.locator(`#${id}-title`) });
    const table = figure.locator(".chart-table table");
    await expect(table).toHaveCount(1);
    expect(await table.locator("tbody tr").count(), `chart ${id}'s table has rows`).toBeGreaterThan(0);
  }
}

test("the bureau's progress page draws its charts on the server, each with its table, and links to the yearly report", async ({ page }) => {
  await signIn(page, DEMO.officer.email);
  await page.goto("/bureau/progress");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\d{4} 年目标进度$/);
  await expectReadableCharts(page, ["chart-targets", "chart-curve", "chart-funnel", "chart-budget"]);
  // The on-track question is answered in words, not only in the picture.
  await expect(page.getByRole("status").filter({ hasText: /12 月 31 日|已培训|全年培训|尚无数据/ })).toBeVisible();

  const year = (await page.getByRole("heading", { level: 1 }).textContent())!.slice(0, 4);
  // Each breakdown downloads as a spreadsheet, with or without JavaScript.
  const byOccupation = page.getByRole("group", { name: "导出本表 · 按职业" });
  const download = page.waitForEvent("download");
  await byOccupation.getByRole("link", { name: "导出 CSV" }).click();
  const file = await download;
  expect(file.url()).toMatch(/\/export\/bureau\/progress\?table=occupation&format=csv$/);
  const csv = await readFile(await file.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFF职业代码,职业,企业需求,纳入需求池,已招标,已签约,已入班,已结业,已取证,当年培训");

  await page.getByRole("link", { name: "年度报告（可打印）" }).click();
  await expect(page).toHaveURL(new RegExp(`/bureau/report\\?year=${year}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`示范区${year} 年订单式职业技能培训年度报告`);
  await expect(page.getByText(/^生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/)).toBeVisible();
});

test("the yearly report reads as a document: summary in sentences, charts with their tables, sections, and a way to print", async ({ page, javaScriptEnabled }) => {
  // Print is observed, not opened: a headless browser has no dialogue to show.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await signIn(page, DEMO.finance.email);
  await page.goto("/bureau/report");
  const year = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/(\d{4}) 年/)![1]!;

  const summary = page.locator("section", { has: page.getByRole("heading", { name: "一、摘要" }) }).getByRole("listitem");
  await expect(summary).toHaveCount(6);
  await expect(summary.nth(0)).toHaveText(/^订单式培训：.*\d+ 人/);
  await expect(summary.nth(3)).toHaveText(/^卡点：/);
  await expect(summary.nth(4)).toHaveText(/^预算：/);
  await expect(summary.nth(5)).toHaveText(/^招标：发布招标项目 \d+ 个/);

  await expectReadableCharts(page, ["chart-targets", "chart-curve", "chart-funnel"]);
  for (const heading of ["二、年度目标完成情况", "三、逐月进度与预测", "五、招标、中标、质疑与合同", "六、培训结果", "七、预算", "八、周期", "九、统计口径与预测方法"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: `${year} 年度招标项目的招标、中标、质疑与合同` })).toBeVisible();
  await expect(page.getByRole("table", { name: "按培训机构" }).getByRole("columnheader", { name: "取证率" })).toBeVisible();

  if (javaScriptEnabled) {
    await expect(page.getByText(/请使用浏览器的“打印”命令/)).toHaveCount(0);
    await page.getByRole("button", { name: "打印 / 另存为 PDF" }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  } else {
    await expect(page.getByRole("button", { name: "打印 / 另存为 PDF" })).toHaveCount(0);
    await expect(page.getByText(/请使用浏览器的“打印”命令（Ctrl\+P/)).toBeVisible();
  }

  // On paper: no site header, navigation, footer or page controls; the report and its charts remain.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("link", { name: "返回目标进度" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("#chart-curve-title")).toBeAttached();
  await expect(page.locator("figure.chart").first()).toBeVisible();
  // Black on white.
  const colours = await page.locator("article.year-report").evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.color, getComputedStyle(document.body).backgroundColor];
  });
  expect(colours).toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
});

test("the yearly report is the bureau's: others are turned away", async ({ page }) => {
  await page.goto("/bureau/report");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbureau%2Freport$/);
  await signIn(page, DEMO.enterprise1.email);
  const response = await page.goto("/bureau/report");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/年度报告/);
});

test("the public statistics, signed out, show the charts and no trainee's name, identity number or phone, and no e-mail address", async ({ page, serverDb }) => {
  const trainees = serverDb.prepare("select name, id_number, phone from trainees").all() as { name: string; id_number: string; phone: string | null }[];
  expect(trainees.length, "the demo world has trainees to look for").toBeGreaterThan(0);
  const certified = serverDb.prepare("select count(*) as n from enrolments where progress = 'certified'").get() as { n: number };
  expect(certified.n, "the demo world has trained people").toBeGreaterThan(0);

  await page.goto("/statistics");
  await expect(page.getByRole("banner").getByRole("link", { name: "登录", exact: true })).toBeVisible();
  await expectReadableCharts(page, ["chart-targets", "chart-curve"]);
  const html = await page.content();
  const text = await page.locator("body").innerText();
  for (const t of trainees) {
    // The number masked as the staff pages show it is still the person's.
    for (const value of [t.name, t.id_number, t.phone, `${t.id_number.slice(0, 6)}********${t.id_number.slice(14)}`]) {
      if (!value) continue;
      expect(html.includes(value), `the page holds a trainee's ${value}`).toBe(false);
    }
  }
  expect(text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g), "e-mail addresses on the page").toBeNull();
  expect(html.match(/[\w.+-]+@[\w-]+\.(demo|com|cn|org|net|example)\b/g), "e-mail addresses in the markup").toBeNull();
});
