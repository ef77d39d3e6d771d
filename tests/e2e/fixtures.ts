import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { CREDIT_CODE_CHARSET, makeCreditCode } from "../../app/modules/organisation/credit-code";
import { portOf, readClockOffset, serverInfoFileFor, writeClockOffset, type ServerInfo } from "./server-info";

/** DESIGN.md "The demo world": every demo account uses this password. */
export const DEMO_PASSWORD = "demo-2026";

/** The demo accounts the journeys use, with the name their home greets them by (db/seed/demo.ts). */
export const DEMO = {
  admin: { email: "admin@bureau.demo", name: "管理员 王敏" },
  officer: { email: "officer@bureau.demo", name: "经办人 李强" },
  finance: { email: "finance@bureau.demo", name: "财务 赵丽" },
  expert1: { email: "expert1@bureau.demo", name: "评审专家 陈工" },
  expert5: { email: "expert5@bureau.demo", name: "评审专家 周工" },
  enterprise1: { email: "hr@enterprise1.demo", name: "人事 孙芳", org: "示范精密机械有限公司" },
  institution1: { email: "office@institution1.demo", name: "教务 何静", org: "示范区职业技能培训学校" },
  pendingEnterprise: { email: "new@enterprise4.demo", name: "人事 冯涛", org: "示范电子科技有限公司" },
} as const;

/** Start of the notice a member of an organisation not yet verified sees on their home (home.pendingOrg). */
export const PENDING_NOTICE = /尚未通过人社局审核/;

/**
 * Console messages a journey may cause on purpose: the browser reports every 4xx document or
 * data response it receives (a refused form, a forbidden page) as a console error.
 */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of (400|403|404|429)\b/;

/**
 * For pages a journey opens itself (one browser context per person): collects into `problems`
 * what failOnPageErrors fails on, labelled with who saw it; the journey asserts it stays empty.
 */
export function watchPageErrors(page: Page, problems: string[], who: string): void {
  page.on("pageerror", (error) => problems.push(`${who}: page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !EXPECTED_CONSOLE.test(message.text())) problems.push(`${who}: console.error: ${message.text()}`);
  });
}

/**
 * The clock of the project's clock server (playwright.config.ts, the js-clock-* and nojs-clock-*
 * projects): the server's time is real time plus an offset kept in a file, which these move.
 * Time only moves forward, and every clock journey of a project shares the one server.
 */
export interface Clock {
  /** The clock server's base URL (also the project's baseURL: page.goto("/…") goes there). */
  baseURL: string;
  /** The server's time now. */
  now(): Date;
  /** Moves the server's time to `when`, which must be later than the server's now. */
  advanceTo(when: Date): void;
  /** Moves the server's time forward by `ms` (≥ 0). */
  advanceBy(ms: number): void;
}

export const test = base.extend<
  { failOnPageErrors: void; clock: Clock; serverDb: Database.Database },
  { clockFile: string | undefined }
>({
  // Set by the clock projects only (playwright.config.ts).
  clockFile: [undefined, { option: true, scope: "worker" }],

  // A journey that asks for the clock must run on a clock server: tag its describe block @clock.
  clock: async ({ clockFile, baseURL }, use) => {
    if (!clockFile || !baseURL) {
      throw new Error("this journey moves the clock: tag its describe block { tag: \"@clock\" } and list its file in CLOCK_JOURNEYS (playwright.config.ts), so that it runs against its own clock server");
    }
    const now = () => new Date(Date.now() + readClockOffset(clockFile));
    await use({
      baseURL,
      now,
      advanceTo(when) {
        const server = now();
        if (!(when.getTime() > server.getTime())) {
          throw new Error(`the clock only moves forward: ${when.toISOString()} is not after the server's ${server.toISOString()}`);
        }
        writeClockOffset(clockFile, when.getTime() - Date.now());
      },
      advanceBy(ms) {
        if (!(Number.isSafeInteger(ms) && ms >= 0)) throw new Error(`the clock only moves forward by whole milliseconds, not ${ms}`);
        writeClockOffset(clockFile, readClockOffset(clockFile) + ms);
      },
    });
  },

  // The database of the server this project's journeys run against, opened read-only, to learn
  // the ids a journey needs (tests/e2e/server-info.ts). Never write through it: the server owns it.
  serverDb: async ({ baseURL }, use) => {
    const file = serverInfoFileFor(portOf(baseURL ?? ""));
    const info = JSON.parse(readFileSync(file, "utf8")) as ServerInfo;
    const db = new Database(info.databasePath, { readonly: true, fileMustExist: true });
    try {
      await use(db);
    } finally {
      db.close();
    }
  },

  // Any uncaught exception or console.error in the page fails the journey (Epic Stack habit):
  // hydration mismatches and CSP violations show up here and nowhere else.
  failOnPageErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && !EXPECTED_CONSOLE.test(message.text())) {
          problems.push(`console.error: ${message.text()}`);
        }
      });
      await use();
      expect(problems, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Signs in through the /login form, in Chinese, and waits for the page it lands on. */
export async function signIn(page: Page, email: string, options: { password?: string; landsOn?: RegExp } = {}): Promise<void> {
  await page.goto("/login");
  await fillSignInForm(page, email, options.password ?? DEMO_PASSWORD);
  await expect(page).toHaveURL(options.landsOn ?? /\/home$/);
}

/** Fills and submits the /login form already on screen. */
export async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator("main form");
  await form.getByLabel("电子邮箱", { exact: true }).fill(email);
  await form.getByLabel("密码", { exact: true }).fill(password);
  await form.getByRole("button", { name: "登录", exact: true }).click();
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "退出", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?notice=auth\.login\.signedOut$/);
}

/** A string unique to this test run and worker, for names, e-mails and codes. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/**
 * A random, valid unified social credit code (GB 32100-2015) of an enterprise (91…) in the
 * district's division code, and the same code with a wrong check character.
 */
export function creditCodes(): { valid: string; wrongCheck: string } {
  const random = (n: number, alphabet: string) =>
    Array.from({ length: n }, () => alphabet.charAt(Math.floor(Math.random() * alphabet.length))).join("");
  const valid = makeCreditCode(`91330100${random(9, CREDIT_CODE_CHARSET)}`);
  const check = valid.charAt(17);
  const wrong = CREDIT_CODE_CHARSET.charAt((CREDIT_CODE_CHARSET.indexOf(check) + 1) % CREDIT_CODE_CHARSET.length);
  return { valid, wrongCheck: valid.slice(0, 17) + wrong };
}

/** Browser-free sign-in for request tests: POST /login as a same-origin form would. */
export async function postSignIn(
  request: APIRequestContext,
  baseURL: string,
  fields: { email: string; password: string; redirectTo?: string },
  headers: Record<string, string> = { Origin: baseURL },
) {
  return request.post("/login", {
    form: { email: fields.email, password: fields.password, redirectTo: fields.redirectTo ?? "" },
    headers,
    maxRedirects: 0,
  });
}
