import type { Page } from "@playwright/test";
import { CALENDAR } from "../../db/seed/calendar-data";
import { addCalendarDays, isWorkingDay, shanghaiDate } from "../../app/modules/reference/working-days";
import { DEMO, expect, signIn, signOut, test, uniqueSuffix } from "./fixtures";

const WELDER = "6-18-02-04";

/** A lawful bid deadline: 22 days from today (the rule asks ≥ 20), moved to a working day, at 10:00 Beijing time. */
function lawfulDeadline(): string {
  const holidays = Object.values(CALENDAR).flatMap((y) => y.holidays.map((d) => d.date));
  const makeupWorkdays = Object.values(CALENDAR).flatMap((y) => y.makeupWorkdays.map((d) => d.date));
  let date = addCalendarDays(shanghaiDate(new Date()), 22);
  while (!isWorkingDay(date, { holidays, makeupWorkdays })) date = addCalendarDays(date, 1);
  return `${date}T10:00`;
}

/** The enterprise posts a demand and submits it; returns its id. */
async function postDemand(page: Page, place: string): Promise<string> {
  await page.goto("/demands/new");
  const form = page.locator("main form").filter({ has: page.getByRole("button", { name: "提交审核" }) });
  await form.getByLabel("职业（工种）", { exact: true }).selectOption(WELDER);
  await form.getByLabel("培训等级", { exact: true }).selectOption("4");
  await form.getByLabel("培训人数", { exact: true }).fill("12");
  await form.getByLabel("最早开班日期", { exact: true }).fill("2027-03-01");
  await form.getByLabel("最晚结业日期", { exact: true }).fill("2027-06-30");
  await form.getByLabel("培训地点", { exact: true }).fill(place);
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/demands\/[a-z0-9]+\?notice=/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

test("the officer builds a tender from pooled demand, is told every unmet rule, fixes them and publishes a public notice", async ({ page }) => {
  // Three people and a dozen forms: a long journey on two shared cores, so it gets more time.
  test.setTimeout(180_000);
  const suffix = uniqueSuffix();
  const place = `端到端测试园区 ${suffix}`;
  const title = `端到端测试 焊工四级培训 ${suffix}`;

  // The enterprise's demand, accepted into the pool by the officer.
  await signIn(page, DEMO.enterprise1.email);
  const demandId = await postDemand(page, place);
  await signOut(page);
  await signIn(page, DEMO.officer.email);
  await page.goto(`/bureau/demands/${demandId}`);
  await page.getByRole("button", { name: "通过，纳入需求池", exact: true }).click();
  await expect(page.getByText("需求已通过审核，纳入需求池。")).toBeVisible();

  // The suggestion over this demand only (the other browser project runs beside us).
  await page.goto(`/bureau/tenders/new?occupation=${WELDER}&level=4`);
  const rows = page.locator("#choose tbody tr");
  for (const row of await rows.all()) {
    if (!(await row.innerText()).includes(place)) await row.getByRole("checkbox").uncheck();
  }
  await page.getByRole("button", { name: "按所选需求更新建议" }).click();
  await expect(page.getByText("已选 1 项需求，共 12 人。")).toBeVisible();
  const lot = page.locator("article.lot-card");
  await expect(lot).toHaveCount(1);
  await expect(lot.getByRole("heading", { level: 3 })).toHaveText("标段 1：焊工 · 四级/中级工");
  await expect(lot).toContainText("12 人 · 交付期间 2027-03-01 至 2027-06-30");
  await expect(lot.getByRole("listitem")).toContainText(["该职业和等级在此期间只有这一项需求"]);
  await page.getByLabel("项目名称", { exact: true }).fill(title);
  await page.getByRole("button", { name: "按以上建议创建草稿" }).click();
  await expect(page).toHaveURL(/\/bureau\/tenders\/[a-z0-9]+\?notice=tender\.new\.created$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // Publishing the bare draft is refused with every reason, each beside its section.
  await page.getByRole("button", { name: "发布招标公告", exact: true }).click();
  await expect(page.getByText("暂不能发布：共有 4 处不符合规则，已在各部分旁列出。")).toBeVisible();
  const details = page.locator("section", { has: page.locator("#details-heading") });
  const criteria = page.locator("section", { has: page.locator("#criteria-heading") });
  const panel = page.locator("section", { has: page.locator("#panel-heading") });
  await expect(details.locator(".section-problems")).toContainText("尚未设定投标截止时间");
  await expect(criteria.locator(".section-problems")).toContainText("至少需要一项技术评分标准");
  await expect(criteria.locator(".section-problems")).toContainText("技术分 0 与价格分 30 合计 30 分，应为 100 分");
  await expect(panel.locator(".section-problems")).toContainText("评标委员会 0 人，少于规定的 5 人");

  // A price above the subsidy cap is refused with the cap in the message.
  await page.getByText("修改限价和交付期间").click();
  const lotForm = page.locator("article.lot-card details", { hasText: "修改限价和交付期间" });
  await lotForm.getByLabel("最高限价（元/人）", { exact: true }).fill("1900");
  await lotForm.getByRole("button", { name: "保存", exact: true }).click();
  await expect(lotForm.getByText("最高限价不得高于补贴标准 ¥1,800.00")).toBeVisible();

  // A deadline only ten days away is refused as too early by the rules (≥ 20 days).
  await details.getByLabel("投标截止时间（北京时间）", { exact: true }).fill(`${addCalendarDays(shanghaiDate(new Date()), 10)}T10:00`);
  await details.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await page.getByRole("button", { name: "发布招标公告", exact: true }).click();
  await expect(details.locator(".section-problems")).toContainText("投标截止时间距发布不足 20 日");

  // Fix everything: deadline, criteria (70 + price 30), panel of 4 experts and 1 representative.
  await details.getByLabel("投标截止时间（北京时间）", { exact: true }).fill(lawfulDeadline());
  await details.getByRole("button", { name: "保存", exact: true }).click();
  // The refusal's list goes once the save has landed (the "saved" notice was already showing).
  await expect(details.locator(".section-problems")).toHaveCount(0);
  await expect(page.getByText("已保存。")).toBeVisible();
  await criteria.getByLabel("评分项", { exact: true }).nth(0).fill("培训方案");
  await criteria.getByLabel("分值", { exact: true }).nth(0).fill("40");
  await criteria.getByLabel("评分项", { exact: true }).nth(1).fill("师资力量");
  await criteria.getByLabel("分值", { exact: true }).nth(1).fill("30");
  await criteria.getByRole("button", { name: "保存评分标准" }).click();
  await expect(criteria.getByText("技术分 70 + 价格分 30 = 100 分")).toBeVisible();
  const roles = panel.getByRole("combobox");
  await expect(roles).toHaveCount(5);
  for (let i = 0; i < 5; i++) await roles.nth(i).selectOption(i < 4 ? "expert" : "representative");
  await panel.getByRole("button", { name: "保存评标委员会" }).click();
  await expect(panel.getByText("当前 5 人，其中专家 4 人。")).toBeVisible();

  await page.getByRole("button", { name: "发布招标公告", exact: true }).click();
  await expect(page.getByText("招标公告已发布。")).toBeVisible();
  const reference = (await page.locator(".tender-meta .mono").innerText()).trim();
  expect(reference).toMatch(/^ZJ-\d{4}-\d{4}$/);
  await signOut(page);

  // The public finds the notice: lots, criteria, the panel's size but no names.
  await page.goto("/tenders");
  await page.getByRole("row").filter({ hasText: title }).getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/tenders/${reference}$`));
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(main.getByRole("row").filter({ hasText: "标段 1" })).toContainText("12");
  await expect(main.getByRole("row").filter({ hasText: "标段 1" })).toContainText("¥1,800.00");
  await expect(main).toContainText("5 人（名单定标后公布）");
  await expect(main.getByRole("row").filter({ hasText: "合计" })).toContainText("100");
  await expect(main).not.toContainText("评审专家");
  await expect(main).not.toContainText(DEMO.enterprise1.org);
});
