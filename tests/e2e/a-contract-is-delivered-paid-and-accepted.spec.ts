import type { BrowserContext, Page } from "@playwright/test";
import type Database from "better-sqlite3";
import Stripe from "stripe";
import { resources } from "../../app/ui/i18n/resources";
import { TEST_WEBHOOK_SECRET } from "../stripe/engine";
import { DEMO_PASSWORD, expect, test, watchPageErrors } from "./fixtures";

/**
 * Issue 5 end to end (DESIGN.md "Contract and delivery"): on the demo world's CNC contract in
 * delivery, the institution confirms its last offered trainees, adds the closing session and
 * imports its sign-in sheet, records every trainee's result; the enterprise rates the training;
 * the institution connects its payout account through Stripe's onboarding and requests the
 * balance; finance approves and the transfer goes to Stripe (here its test double, validated
 * against Stripe's OpenAPI description, in the server's process); Stripe's signed
 * `transfer.created` webhook settles it; the officer signs off the acceptance and the contract
 * is completed, published on the tender's public notice.
 *
 * Its servers are to run with the Stripe double (tests/e2e/server.ts, E2E_STRIPE=double): the js
 * project walks it in Chinese, the nojs one in English without JavaScript.
 */

const MINUTE = 60_000;
const EMAIL = {
  institution: "office@institution1.demo",
  enterprise: "hr@enterprise2.demo",
  finance: "finance@bureau.demo",
  officer: "officer@bureau.demo",
} as const;

type Lang = "zh-CN" | "en";

function tr(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

interface Contract {
  id: string;
  reference: string;
  tenderReference: string;
  windowStart: string;
  windowEnd: string;
  lotLevel: number;
}

/** The demo's CNC contract with trainees still to confirm (institution 1's). */
function demoContract(db: Database.Database): Contract {
  const rows = db
    .prepare(
      `select c.id, c.reference, t.reference as tenderReference, l.window_start as windowStart, l.window_end as windowEnd, l.level as lotLevel
         from contracts c join lots l on l.id = c.lot_id join tenders t on t.id = c.tender_id
         join users u on u.organisation_id = c.institution_id
        where u.email = ? and c.status = 'active'
          and exists (select 1 from enrolments e where e.contract_id = c.id and e.status = 'offered')`,
    )
    .all(EMAIL.institution) as Contract[];
  expect(rows, "the demo world has one active contract of institution 1 with offered trainees").toHaveLength(1);
  return rows[0]!;
}

function enrolments(db: Database.Database, contractId: string, status: string) {
  return db
    .prepare(
      `select e.id, t.name, t.id_number as idNumber, e.progress from enrolments e join trainees t on t.id = e.trainee_id
        where e.contract_id = ? and e.status = ? order by t.name`,
    )
    .all(contractId, status) as { id: string; name: string; idNumber: string; progress: string | null }[];
}

/** Yesterday at 09:00 in Shanghai as a datetime-local value, kept inside the lot's window. */
function closingSessionStart(c: Contract, now: Date): string {
  const shanghai = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
  let day = shanghai(now.getTime() - 24 * 3600_000);
  if (day > c.windowEnd) day = c.windowEnd;
  if (day < c.windowStart) day = c.windowStart;
  return `${day}T09:00`;
}

test.describe("a contract is delivered, paid and accepted", { tag: "@clock" }, () => {
  test.describe.configure({ mode: "serial" });

  test("the institution enrols, imports attendance and records results; the enterprise rates; finance pays through Stripe; the webhook settles; the officer accepts", async ({
    browser,
    serverDb,
    clock,
    javaScriptEnabled,
    playwright,
  }) => {
    test.setTimeout(6 * MINUTE);
    const lang: Lang = javaScriptEnabled ? "zh-CN" : "en";
    const T = resources[lang].translation;
    const c = demoContract(serverDb);
    const control = `http://127.0.0.1:${Number(new URL(clock.baseURL).port) + 100}`;
    const problems: string[] = [];
    const contexts: BrowserContext[] = [];

    async function person(label: string, email: string): Promise<Page> {
      const context = await browser.newContext();
      contexts.push(context);
      const p = await context.newPage();
      watchPageErrors(p, problems, label);
      await p.goto(`/login${lang === "en" ? "?lng=en" : ""}`);
      const form = p.locator("main form");
      await form.getByLabel(T.auth.login.email, { exact: true }).fill(email);
      await form.getByLabel(T.auth.login.password, { exact: true }).fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: T.auth.login.submit, exact: true }).click();
      await p.waitForURL((u) => u.pathname === "/home");
      await expect(p.locator("html")).toHaveAttribute("lang", lang);
      return p;
    }
    const notice = (p: Page, text: string) => expect(p.getByText(text, { exact: true })).toBeVisible();
    const base = `/contracts/${c.id}`;

    try {
      const inst = await person("institution 1", EMAIL.institution);

      await test.step("the institution confirms the trainees still offered", async () => {
        const offered = enrolments(serverDb, c.id, "offered");
        expect(offered.length, "trainees wait for confirmation").toBeGreaterThan(0);
        await inst.goto(`${base}/trainees`);
        for (const t of offered) {
          const confirm = inst.getByRole("button", { name: tr(T.delivery.trainees.confirmLabel, { name: t.name }), exact: true });
          await confirm.click();
          await notice(inst, T.delivery.notices.confirmed);
          await expect(confirm).toHaveCount(0);
        }
        expect(enrolments(serverDb, c.id, "offered")).toEqual([]);
      });

      const confirmed = enrolments(serverDb, c.id, "confirmed");
      const startsAt = closingSessionStart(c, clock.now());

      await test.step("adds the closing session and imports its sign-in sheet; a bad sheet is refused whole", async () => {
        await inst.goto(`${base}/attendance`);
        const add = inst.locator("main form").filter({ has: inst.getByRole("button", { name: T.delivery.sessions.add, exact: true }) });
        await add.getByLabel(T.delivery.sessions.startsAtLabel, { exact: true }).fill(startsAt);
        await add.getByLabel(T.delivery.sessions.plannedHoursLabel, { exact: true }).fill("4");
        await add.getByLabel(T.delivery.sessions.topicLabel, { exact: true }).fill(lang === "en" ? "Final review" : "结业复习");
        await add.getByRole("button", { name: T.delivery.sessions.add, exact: true }).click();
        await notice(inst, T.delivery.notices.sessionAdded);

        const session = serverDb.prepare("select id from course_sessions where contract_id = ? order by starts_at desc limit 1").get(c.id) as { id: string };
        const header = "身份证号,姓名,出勤学时";
        const good = [header, ...confirmed.map((t) => `${t.idNumber},${t.name},4`)].join("\r\n");
        const bad = [header, ...confirmed.map((t, i) => `${t.idNumber},${t.name},${i === 0 ? "9" : "4"}`), "110101199001011234,无此人,4"].join("\r\n");

        await inst.goto(`${base}/attendance/import?session=${session.id}`);
        const upload = async (body: string) => {
          const form = inst.locator("main form").filter({ has: inst.getByRole("button", { name: T.delivery.import.upload, exact: true }) });
          await form.getByLabel(T.delivery.import.session, { exact: true }).selectOption(session.id);
          await form.getByLabel(T.delivery.import.file, { exact: true }).setInputFiles({ name: "sign-in.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${body}\r\n`) });
          await form.getByRole("button", { name: T.delivery.import.upload, exact: true }).click();
        };
        await upload(bad);
        await expect(inst.getByRole("heading", { name: T.delivery.import.reportTitle })).toBeVisible();
        const report = inst.getByRole("table", { name: T.delivery.import.reportCaption });
        await expect(report.getByRole("row")).toHaveCount(3); // the header, the over-long hours, the unknown person
        expect((serverDb.prepare("select count(*) as n from attendance where session_id = ?").get(session.id) as { n: number }).n, "nothing of the bad sheet was written").toBe(0);
        await upload(good);
        await notice(inst, T.delivery.notices.attendanceImported);
        expect((serverDb.prepare("select count(*) as n, sum(attended_minutes) as m from attendance where session_id = ?").get(session.id) as { n: number; m: number }), "every trainee's four hours").toEqual({ n: confirmed.length, m: confirmed.length * 240 });
      });

      await test.step("records every trainee's result: the rule decides who completed", async () => {
        await inst.goto(`${base}/results`);
        for (const [i, t] of confirmed.entries()) {
          await inst.getByRole("link", { name: tr(T.completion.results.recordFor, { name: t.name }), exact: true }).click();
          const form = inst.locator("main form").filter({ has: inst.getByRole("button", { name: T.completion.results.form.submit, exact: true }) });
          await expect(inst.getByRole("heading", { name: tr(T.completion.results.form.heading, { name: t.name }) })).toBeVisible();
          await form.getByRole("group", { name: T.completion.results.form.assessment }).getByLabel(T.completion.results.form.passed, { exact: true }).check();
          const willComplete = (await inst.getByText(T.completion.results.form.willNotComplete, { exact: true }).count()) === 0;
          if (willComplete) {
            await form.getByRole("group", { name: T.completion.results.form.certification }).getByLabel(T.completion.results.form.certPassed, { exact: true }).check();
            await form.getByLabel(T.completion.results.form.certificateNumber, { exact: true }).fill(`S2026330100${String(7000 + i).padStart(6, "0")}`);
            await form.getByLabel(T.completion.results.form.levelReached, { exact: true }).selectOption(String(c.lotLevel));
            await form.getByLabel(T.completion.results.form.certifiedOn, { exact: true }).fill(startsAt.slice(0, 10));
          }
          await form.getByRole("button", { name: T.completion.results.form.submit, exact: true }).click();
          await notice(inst, T.completion.results.recorded);
          await expect(inst.getByRole("link", { name: tr(T.completion.results.recordFor, { name: t.name }), exact: true })).toHaveCount(0);
        }
        const after = enrolments(serverDb, c.id, "confirmed");
        expect(after.filter((e) => e.progress === null), "every trainee has a result").toEqual([]);
        expect(after.filter((e) => e.progress === "certified").length, "most of the cohort certified").toBeGreaterThan(0);
        expect(after.filter((e) => e.progress === "not_completed").length, "those below the attendance share did not complete").toBeGreaterThan(0);
      });

      await test.step("the enterprise rates the training", async () => {
        const hr = await person("enterprise 2", EMAIL.enterprise);
        await hr.goto(`/training/${c.id}`);
        const form = hr.locator("main form").filter({ has: hr.getByRole("button", { name: T.completion.rating.submit, exact: true }) });
        await form.getByLabel(T.completion.rating.scores["4"], { exact: true }).check();
        await form.getByLabel(T.completion.rating.comment, { exact: true }).fill(lang === "en" ? "Practical and well organised; the workshop time paid off." : "实训安排合理，学员上手快，建议增加夜班班次。");
        await form.getByRole("button", { name: T.completion.rating.submit, exact: true }).click();
        await notice(hr, T.completion.rating.submitted);
      });

      await test.step("the institution connects its payout account through Stripe's onboarding", async () => {
        // Stripe's hosted onboarding is outside the system: its page is stood in for, and what
        // the person would do there (finish the form) is done on the double through its control port.
        await inst.context().route(/^https:\/\/connect\.stripe\.com\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Stripe</title><p>Stripe onboarding</p>" }));
        await inst.goto("/payouts");
        // The demo account was opened offline: in Stripe mode it is opened again.
        await inst.getByRole("button", { name: T.payment.payouts.reconnect, exact: true }).click();
        await inst.waitForURL(/connect\.stripe\.com/);
        const account = serverDb.prepare("select account_id as id, mode from payout_accounts p join users u on u.organisation_id = p.organisation_id where u.email = ?").get(EMAIL.institution) as { id: string; mode: string };
        expect(account.mode).toBe("stripe");
        const activated = await fetch(`${control}/accounts/${account.id}/transfers/active`, { method: "POST" });
        expect(activated.status).toBe(204);
        await inst.goto("/payouts/return");
        await notice(inst, T.payment.payouts.notices.ready);
      });

      let milestoneId = "";
      await test.step("the institution requests the balance for its certified trainees", async () => {
        await inst.goto(`${base}/payments`);
        // The button names the amount: the price less the advance, per certified trainee.
        const terms = serverDb.prepare("select c.price_fen as price, t.advance_pct as pct from contracts c join tenders t on t.id = c.tender_id where c.id = ?").get(c.id) as { price: number; pct: number };
        const certified = enrolments(serverDb, c.id, "confirmed").filter((e) => e.progress === "certified").length;
        const balanceFen = certified * (terms.price - Math.round((terms.price * terms.pct) / 100));
        const yuan = (f: number) => `¥${(f / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
        await inst.getByRole("button", { name: tr(T.payment.contract.requestBalance, { amount: yuan(balanceFen) }), exact: true }).click();
        await notice(inst, T.payment.notices.requested);
        const m = serverDb.prepare("select id, amount_fen as amount, status from milestones where contract_id = ? and kind = 'balance'").get(c.id) as { id: string; amount: number; status: string };
        expect(m).toMatchObject({ status: "requested", amount: balanceFen });
        milestoneId = m.id;
      });

      await test.step("finance approves; the transfer reaches Stripe with the milestone's idempotency key", async () => {
        const finance = await person("finance", EMAIL.finance);
        await finance.goto(`/finance/milestones/${milestoneId}`);
        await finance.getByRole("button", { name: T.payment.decide.approve, exact: true }).click();
        await notice(finance, T.payment.notices.sent);
        const payment = serverDb.prepare("select status, transfer_id as transferId, idempotency_key as key from payments where milestone_id = ?").get(milestoneId) as { status: string; transferId: string; key: string };
        expect(payment).toMatchObject({ status: "sent", key: milestoneId });
        const transfers = (await (await fetch(`${control}/transfers`)).json()) as { id: string; metadata: Record<string, string> }[];
        expect(transfers.filter((t) => t.metadata.milestone_id === milestoneId).map((t) => t.id), "exactly one transfer for the milestone").toEqual([payment.transferId]);
      });

      await test.step("Stripe's signed transfer.created webhook settles the payment; a replay changes nothing", async () => {
        const transfer = ((await (await fetch(`${control}/transfers`)).json()) as Record<string, unknown>[]).find((t) => (t.metadata as Record<string, string>).milestone_id === milestoneId)!;
        const payload = JSON.stringify({ id: `evt_e2e_${milestoneId}`, object: "event", api_version: "2023-08-16", created: Math.floor(Date.now() / 1000), type: "transfer.created", data: { object: transfer }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: milestoneId } });
        const signature = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
        const request = await playwright.request.newContext({ baseURL: clock.baseURL });
        try {
          const tampered = await request.post("/webhooks/stripe", { data: payload.replace('"transfer.created"', '"transfer.reversed"'), headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
          expect(tampered.status(), "a tampered body is refused").toBe(400);
          for (let i = 0; i < 2; i++) {
            const r = await request.post("/webhooks/stripe", { data: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
            expect(r.status()).toBe(200);
          }
        } finally {
          await request.dispose();
        }
        expect(serverDb.prepare("select status from milestones where id = ?").get(milestoneId)).toEqual({ status: "paid" });
        expect(serverDb.prepare("select status from payments where milestone_id = ?").all(milestoneId)).toEqual([{ status: "paid" }]);
        const violations = (await (await fetch(`${control}/violations`)).json()) as string[];
        expect(violations, "every request the app made is one Stripe accepts").toEqual([]);
      });

      await test.step("the officer signs off the acceptance; the contract is completed and the acceptance published", async () => {
        const officer = await person("officer", EMAIL.officer);
        await officer.goto(`${base}/acceptance`);
        await officer.getByRole("button", { name: T.completion.acceptance.sign, exact: true }).click();
        await notice(officer, T.completion.acceptance.signed);
        expect(serverDb.prepare("select status from contracts where id = ?").get(c.id)).toEqual({ status: "completed" });
        await officer.goto(`/tenders/${c.tenderReference}`);
        await expect(officer.getByText(c.reference).first()).toBeVisible();
        for (const t of confirmed) await expect(officer.getByText(t.idNumber)).toHaveCount(0);
      });

      expect(problems, "no page error or console error on any page").toEqual([]);
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});
