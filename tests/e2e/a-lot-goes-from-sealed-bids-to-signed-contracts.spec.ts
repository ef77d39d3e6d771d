import type { BrowserContext, Page } from "@playwright/test";
import type Database from "better-sqlite3";
import { formatFen } from "../../app/modules/reference/money";
import { levelName } from "../../app/modules/tender/labels";
import { formatInstant } from "../../app/ui/format";
import { resources } from "../../app/ui/i18n/resources";
import { DEMO_PASSWORD, expect, test, watchPageErrors } from "./fixtures";

/**
 * Issue 4 end to end, as the people involved see it (DESIGN.md "Bid — sealed", "Opening,
 * evaluation, award, objections", "Contract and delivery"): the demo world's tender open for bids
 * is amended, its welder lot gets four sealed bids, opens at the deadline, one bid is rejected at
 * the compliance check (三家有效投标 remain, 财政部令第87号 第四十四条), five experts score
 * independently, the officer confirms the split down the ranking and publishes the result, a
 * losing bidder objects and is answered, the window closes and both sides sign a contract.
 *
 * A clock journey: it moves the server's clock past the bid deadline and the objection window.
 * The js clock project walks it in Chinese, the nojs one in English without JavaScript; every
 * visible label comes from the dictionary in the project's language. Each person works in a
 * browser context of their own and signs in again whenever the server's clock has ended their
 * session.
 */

const TENDER_TITLE = "2027 年第一批焊工、电工订单式培训";
const WELDER = "6-18-02-04";
const MINUTE = 60_000;

const EMAIL = {
  officer: "officer@bureau.demo",
  institution1: "office@institution1.demo",
  institution2: "office@institution2.demo",
  institution3: "office@institution3.demo",
  institution4: "office@institution4.demo",
  enterprise1: "hr@enterprise1.demo",
  enterprise2: "hr@enterprise2.demo",
} as const;
const EXPERTS = [1, 2, 3, 4, 5].map((i) => `expert${i}@bureau.demo`);

type Lang = "zh-CN" | "en";

/** `{{name}}` placeholders of a dictionary string filled in, as i18next does. */
function tr(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The regular expression matching `text` literally. */
function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

interface World {
  tenderId: string;
  reference: string;
  deadline: string;
  lot: { id: string; number: number; headcount: number; maxPriceFen: number; windowStart: string; windowEnd: string };
  welder: { zh: string; en: string };
  criteria: { name: string; points: number }[];
  org: Record<keyof typeof EMAIL, string>;
}

/** The demo tender, found by its title, and the names the journey will read on the pages. */
function demoWorld(db: Database.Database): World {
  const tenders = db.prepare("select id, reference, bid_deadline as deadline, status from tenders where title = ?").all(TENDER_TITLE) as {
    id: string;
    reference: string;
    deadline: string;
    status: string;
  }[];
  expect(tenders, `the demo world has one tender titled ${TENDER_TITLE}`).toHaveLength(1);
  const t = tenders[0]!;
  const lot = db
    .prepare("select id, number, headcount, max_price_fen as maxPriceFen, window_start as windowStart, window_end as windowEnd from lots where tender_id = ? and occupation_code = ?")
    .get(t.id, WELDER) as World["lot"];
  const welder = db.prepare("select name_zh as zh, name_en as en from occupations where code = ?").get(WELDER) as World["welder"];
  const criteria = db.prepare("select name, points from tender_criteria where tender_id = ? order by position").all(t.id) as World["criteria"];
  const orgOf = (email: string) =>
    (db.prepare("select o.name from users u join organisations o on o.id = u.organisation_id where u.email = ?").get(email) as { name: string }).name;
  const org = Object.fromEntries(Object.entries(EMAIL).map(([k, email]) => [k, orgOf(email)])) as World["org"];
  return { tenderId: t.id, reference: t.reference, deadline: t.deadline, lot, welder, criteria, org };
}

/** Someone at their own browser: a context, its page, and their account (none for the public). */
interface Person {
  label: string;
  email: string | null;
  page: Page;
}

test.describe("a lot goes from sealed bids to signed contracts", { tag: "@clock" }, () => {
  test.describe.configure({ mode: "serial" });

  test("the officer amends, four institutions bid, the lot opens, the panel scores, the result is published, an objection is answered and both sides sign", async ({
    browser,
    page,
    serverDb,
    clock,
    javaScriptEnabled,
  }) => {
    // Ten people, some forty forms, the clock moved twice: long for a journey, on two shared cores.
    test.setTimeout(8 * MINUTE);
    const lang: Lang = javaScriptEnabled ? "zh-CN" : "en";
    const T = resources[lang].translation;
    const w = demoWorld(serverDb);
    expect(
      clock.now().getTime(),
      "the demo tender is still open for bids on this clock server (the journey changes the demo world: it needs a fresh server)",
    ).toBeLessThan(Date.parse(w.deadline) - 10 * MINUTE);

    const money = (fen: number) => formatFen(fen, lang);
    const occupation = lang === "en" ? w.welder.en : w.welder.zh;
    const lotLabel = tr(T.evaluation.lot.heading, { reference: w.reference, n: w.lot.number });
    const notice = (p: Page, text: string) => expect(p.getByText(text, { exact: true })).toBeVisible();

    // --- People -------------------------------------------------------------------------------
    const problems: string[] = [];
    const contexts: BrowserContext[] = [];
    const people = new Map<string, Person>();

    async function person(label: string, email: string | null): Promise<Person> {
      const known = people.get(label);
      if (known) return known;
      let p: Page;
      if (email === null) {
        p = page; // the public: the test's own page, watched by failOnPageErrors
      } else {
        const context = await browser.newContext();
        contexts.push(context);
        p = await context.newPage();
        watchPageErrors(p, problems, label);
      }
      // English is chosen on the first visit and remembered in a cookie.
      if (lang === "en") {
        await p.goto("/?lng=en");
        await expect(p.locator("html")).toHaveAttribute("lang", "en");
      }
      const made = { label, email, page: p };
      people.set(label, made);
      return made;
    }

    /** Opens `path` as the person, signing in first when the page sends them to the sign-in form. */
    async function visit(who: Person, path: string): Promise<Page> {
      const p = who.page;
      await p.goto(path);
      if (who.email && new URL(p.url()).pathname === "/login") {
        const form = p.locator("main form");
        await form.getByLabel(T.auth.login.email, { exact: true }).fill(who.email);
        await form.getByLabel(T.auth.login.password, { exact: true }).fill(DEMO_PASSWORD);
        await form.getByRole("button", { name: T.auth.login.submit, exact: true }).click();
        const target = new URL(path, clock.baseURL).pathname;
        await p.waitForURL((u) => u.pathname === target);
      }
      await expect(p.locator("html")).toHaveAttribute("lang", lang);
      return p;
    }

    try {
      const publicVisitor = await person("the public", null);
      const officer = await person("officer", EMAIL.officer);
      const [inst1, inst2, inst3, inst4] = await Promise.all(
        (["institution1", "institution2", "institution3", "institution4"] as const).map((k) => person(k, EMAIL[k])),
      );
      const bidders = { inst1: inst1!, inst2: inst2!, inst3: inst3!, inst4: inst4! };
      const publicNotice = `/tenders/${w.reference}`;

      await test.step("institution 4 applies for a welder accreditation and the officer approves it", async () => {
        const p = await visit(bidders.inst4, "/accreditations");
        const form = p.locator("main form").filter({ has: p.getByRole("button", { name: T.accreditation.apply, exact: true }) });
        await form.getByLabel(T.accreditation.occupation, { exact: true }).selectOption(WELDER);
        await form.getByLabel(T.accreditation.highestLevel, { exact: true }).selectOption("3");
        await form.getByLabel(T.accreditation.licenceNumber, { exact: true }).fill("示人社培字〔2026〕088-04");
        await form.getByLabel(T.accreditation.validFrom, { exact: true }).fill("2026-01-01");
        await form.getByLabel(T.accreditation.validTo, { exact: true }).fill("2029-12-31");
        await form.getByRole("button", { name: T.accreditation.apply, exact: true }).click();
        await notice(p, T.accreditation.applied);
        await expect(p.getByRole("row").filter({ hasText: WELDER })).toContainText(T.accreditation.statuses.applied);

        const o = await visit(officer, "/bureau/accreditations");
        const row = o.getByRole("row").filter({ hasText: w.org.institution4 }).filter({ hasText: WELDER });
        await expect(row).toHaveCount(1);
        await row.getByRole("button", { name: T.accreditation.events.approve, exact: true }).click();
        await notice(o, T.accreditation.done.approve);

        await visit(bidders.inst4, "/accreditations");
        await expect(p.getByRole("row").filter({ hasText: WELDER })).toContainText(T.accreditation.statuses.approved);
      });

      const newMaxFen = w.lot.maxPriceFen - 2_000;
      const amendment = lang === "en" ? "Lot 1 (welder): the maximum price is lowered to reflect the revised subsidy standard." : "焊工标段最高限价按调整后的补贴标准下调。";
      await test.step("the officer lowers the welder lot's maximum price: a public, material amendment", async () => {
        const o = await visit(officer, `/bureau/tenders/${w.tenderId}`);
        await expect(o.getByRole("heading", { level: 1 })).toHaveText(TENDER_TITLE);
        const card = o.getByRole("article", { name: tr(T.tender.new.lotHeading, { n: w.lot.number, occupation, level: levelName(4, lang) }) });
        await card.getByText(T.tender.lots.edit, { exact: true }).click();
        const form = card.locator("details").filter({ hasText: T.tender.lots.edit }).locator("form");
        await form.getByLabel(T.tender.lots.maxPriceLabel, { exact: true }).fill((newMaxFen / 100).toFixed(2));
        await form.getByLabel(T.tender.builder.summary, { exact: true }).fill(amendment);
        await form.getByRole("button", { name: T.tender.builder.saveAmendment, exact: true }).click();
        // Twenty-odd days remain, more than the rules' minimum: the deadline stays, bids must re-confirm.
        await notice(o, T.tender.amend.recorded);
        await expect(o.getByRole("article", { name: new RegExp(occupation) })).toContainText(money(newMaxFen));

        const pub = await visit(publicVisitor, publicNotice);
        const amendments = pub.getByRole("region", { name: T.tender.notice.amendments, exact: true });
        await expect(amendments.getByRole("listitem")).toHaveCount(1);
        await expect(amendments).toContainText(amendment);
        await expect(amendments).toContainText(T.tender.amend.material);
        const lotRow = pub.getByRole("table", { name: T.tender.notice.lotsCaption }).getByRole("row").filter({ hasText: occupation });
        await expect(lotRow).toContainText(money(newMaxFen));
      });
      const deadline = (serverDb.prepare("select bid_deadline as d from tenders where id = ?").get(w.tenderId) as { d: string }).d;
      expect(deadline, "the amendment left the deadline where it was").toBe(w.deadline);

      await test.step("institution 1 is told to re-confirm its sealed bid, and does", async () => {
        const p = await visit(bidders.inst1, "/bids");
        const row = p.getByRole("row").filter({ hasText: w.reference }).filter({ hasText: occupation });
        await expect(row).toContainText(T.bidding.needsReconfirmation);
        await row.getByRole("link", { name: T.bidding.view, exact: true }).click();
        await expect(p).toHaveURL(new RegExp(`/bids/lots/${w.lot.id}$`));
        await expect(p.getByText(T.bidding.needsReconfirmation)).toBeVisible();
        await p.getByRole("button", { name: T.bidding.form.reconfirm, exact: true }).click();
        await notice(p, T.bidding.notices.reconfirmed);
        await expect(p.getByText(T.bidding.needsReconfirmation)).toHaveCount(0);
        await visit(bidders.inst1, "/bids");
        await expect(p.getByRole("row").filter({ hasText: w.reference }).filter({ hasText: occupation })).not.toContainText(T.bidding.needsReconfirmation);
      });

      /** Fills the bid form on the lot page and submits it; the bidder sees the receipt. */
      async function submitBid(who: Person, bid: { priceFen: number; capacity: number; plan: string }, fresh: boolean) {
        const p = await visit(who, "/bids");
        const row = p.getByRole("row").filter({ hasText: w.reference }).filter({ hasText: occupation });
        await row.getByRole("link", { name: fresh ? T.bidding.prepare : T.bidding.view, exact: true }).click();
        await expect(p).toHaveURL(new RegExp(`/bids/lots/${w.lot.id}$`));
        await expect(p.locator("main")).toContainText(money(newMaxFen));
        const form = p.getByRole("region", { name: T.bidding.form.title, exact: true }).locator("form");
        await form.getByLabel(T.bidding.form.price, { exact: true }).fill((bid.priceFen / 100).toFixed(2));
        await form.getByLabel(T.bidding.form.capacity, { exact: true }).fill(String(bid.capacity));
        if (fresh) {
          await form.getByLabel(T.bidding.form.theoryHours, { exact: true }).fill("40");
          await form.getByLabel(T.bidding.form.practiceHours, { exact: true }).fill("80");
          await form.getByLabel(tr(T.bidding.form.trainerName, { n: 1 }), { exact: true }).fill(lang === "en" ? "Senior technician Wang" : "高级技师 王师傅");
          await form.getByLabel(tr(T.bidding.form.trainerCertificate, { n: 1 }), { exact: true }).fill("GJ-2020-0456");
          await form.getByLabel(T.bidding.form.venue, { exact: true }).fill(lang === "en" ? "Our welding workshop" : "本机构焊接实训车间");
        }
        await form.getByLabel(T.bidding.form.plan, { exact: true }).fill(bid.plan);
        await form.getByRole("button", { name: T.bidding.form.submit, exact: true }).click();
        await notice(p, T.bidding.notices.submitted);
        const receipt = p.getByRole("region", { name: T.bidding.statuses.submitted, exact: true });
        await expect(receipt).toContainText(T.bidding.receiptLabel);
        await expect(receipt.locator(".mono")).toHaveText(/^[0-9a-f]{64}$/);
        await expect(receipt.getByRole("link", { name: T.bidding.form.receipt })).toHaveAttribute("href", /\/bids\/[a-z0-9]+\/receipt$/);
      }

      await test.step("institution 2 submits its draft, institutions 3 and 4 bid; each sees its receipt", async () => {
        await submitBid(bidders.inst2, { priceFen: 168_000, capacity: 12, plan: lang === "en" ? "Welder training: small classes, practice first." : "焊工（中级工）培训方案：小班授课，实操为主，结业参加等级认定。" }, false);
        await submitBid(bidders.inst3, { priceFen: 175_000, capacity: 15, plan: lang === "en" ? "Welder training on our robot welding line." : "焊工（中级工）培训方案：依托智能焊接产线实训。" }, true);

        // A price above the amended maximum is refused beside the field, and nothing is submitted.
        const p = await visit(bidders.inst4, "/bids");
        await p.getByRole("row").filter({ hasText: w.reference }).filter({ hasText: occupation }).getByRole("link", { name: T.bidding.prepare, exact: true }).click();
        const form = p.getByRole("region", { name: T.bidding.form.title, exact: true }).locator("form");
        await form.getByLabel(T.bidding.form.price, { exact: true }).fill(((newMaxFen + 1_000) / 100).toFixed(2));
        await form.getByRole("button", { name: T.bidding.form.submit, exact: true }).click();
        await expect(form.getByText(tr(T.bidding.errors.priceAboveCap, { max: (newMaxFen / 100).toFixed(2) }), { exact: true })).toBeVisible();
        await expect(p.getByRole("region", { name: T.bidding.statuses.submitted, exact: true })).toHaveCount(0);
        await submitBid(bidders.inst4, { priceFen: 170_000, capacity: 20, plan: lang === "en" ? "Welder training in our catering school's new workshop." : "焊工培训方案：新建实训车间，聘请外部师资。" }, true);
      });

      const prices = { inst1: 172_000, inst2: 168_000, inst3: 175_000, inst4: 170_000 } as const;
      const capacities = { inst1: 20, inst2: 12, inst3: 15, inst4: 20 } as const;
      const names = { inst1: w.org.institution1, inst2: w.org.institution2, inst3: w.org.institution3, inst4: w.org.institution4 } as const;
      const keys = ["inst1", "inst2", "inst3", "inst4"] as const;

      await test.step("a minute after the deadline the public tender page shows the opening record: four bidders and their prices", async () => {
        const after = new Date(Date.parse(deadline) + MINUTE);
        if (clock.now() < after) clock.advanceTo(after);
        const p = await visit(publicVisitor, publicNotice);
        const opening = p.getByRole("region", { name: T.bidding.opening.title, exact: true });
        const rows = opening.getByRole("table", { name: `${T.bidding.opening.title} ${w.lot.number}`, exact: true }).locator("tbody tr");
        await expect(rows).toHaveCount(4);
        for (const k of keys) {
          const row = rows.filter({ hasText: names[k] });
          await expect(row.getByRole("cell")).toHaveText([names[k], money(prices[k]), String(capacities[k]), /\d{4}-\d\d-\d\d \d\d:\d\d/, T.bidding.opening.receiptOk, T.common.yes]);
        }
        await expect(opening).toContainText(tr(T.bidding.opening.outcome.proceed, {}));
      });

      const reason = lang === "en" ? "The accreditation for welding was granted after the tender was published; the tender requires it at publication." : "焊工资质认定取得于招标公告发布之后，不符合招标文件规定的资格条件。";
      await test.step("the officer finds institutions 1–3 compliant, rejects institution 4 with a reason, and starts the evaluation", async () => {
        const o = await visit(officer, `/bureau/lots/${w.lot.id}`);
        await expect(o.getByRole("heading", { level: 1 })).toHaveText(lotLabel);
        const compliance = o.getByRole("region", { name: T.evaluation.compliance.heading, exact: true });
        const bidCard = (k: (typeof keys)[number]) => compliance.getByRole("article").filter({ has: o.getByRole("heading", { name: literally(names[k]) }) });
        for (const k of keys) {
          const card = bidCard(k);
          await expect(card).toContainText(money(prices[k]));
          await card.getByRole("radio", { name: k === "inst4" ? T.evaluation.compliance.markRejected : T.evaluation.compliance.markValid, exact: true }).check();
          if (k === "inst4") await card.getByLabel(T.evaluation.compliance.reasonLabel, { exact: true }).fill(reason);
          await card.getByRole("button", { name: T.evaluation.compliance.save, exact: true }).click();
          await notice(o, T.evaluation.notices.complianceSaved);
          await expect(bidCard(k).getByRole("heading")).toContainText(k === "inst4" ? T.evaluation.compliance.statuses.rejected : T.evaluation.compliance.statuses.valid);
        }
        await expect(bidCard("inst4")).toContainText(reason);
        const start = o.getByRole("region", { name: T.evaluation.start.heading, exact: true });
        await expect(start).toContainText(tr(T.evaluation.start.summary, { valid: 3, min: 3, undecided: 0 }));
        await start.getByRole("button", { name: T.evaluation.start.button, exact: true }).click();
        await notice(o, T.evaluation.notices.started);
        await expect(o.locator(".tender-meta")).toContainText(T.tender.lotStatus.evaluating);
        await expect(o.getByRole("region", { name: tr(T.evaluation.panel.heading, { round: 1 }), exact: true })).toContainText(tr(T.evaluation.panel.progress, { submitted: 0, active: 5 }));
      });

      // Shares of each criterion's points: institution 2 best, then 1, then 3.
      const share = { inst2: 0.9, inst1: 0.8, inst3: 0.7 } as const;
      const scored = ["inst2", "inst1", "inst3"] as const;
      const scoreOf = (k: (typeof scored)[number], points: number) => Math.round(points * share[k] * 100) / 100;
      const commentOf = (member: number, k: (typeof scored)[number], criterion: string) =>
        lang === "en" ? `Member ${member} on ${criterion}: ${k === "inst2" ? "thorough" : k === "inst1" ? "sound" : "thin"} (${names[k]})` : `评委${member}评「${criterion}」：${k === "inst2" ? "方案完整" : k === "inst1" ? "基本满足" : "较为简略"}（${names[k]}）`;

      await test.step("five experts declare no conflict and score every valid bid; nobody sees another's scores until the fifth submits", async () => {
        let fourth: Page | null = null;
        for (const [m, email] of EXPERTS.entries()) {
          const member = m + 1;
          const p = await visit(await person(`expert${member}`, email), "/panel");
          await p.getByRole("row").filter({ hasText: lotLabel }).getByRole("link").click();
          await expect(p.getByRole("heading", { level: 1 })).toHaveText(lotLabel);
          const declaration = p.getByRole("region", { name: T.evaluation.declare.heading, exact: true });
          for (const k of scored) await expect(declaration.getByRole("cell", { name: names[k], exact: true })).toBeVisible();
          await expect(declaration).not.toContainText(names.inst4);
          await declaration.getByRole("radio", { name: T.evaluation.declare.noConflict }).check();
          await declaration.getByRole("button", { name: T.evaluation.declare.button, exact: true }).click();
          await notice(p, T.evaluation.notices.declared);

          const form = p.getByRole("region", { name: T.evaluation.score.heading, exact: true });
          await expect(form).toContainText(tr(T.evaluation.score.progress, { submitted: m, active: 5 }));
          for (const k of scored) {
            const bid = form.getByRole("article", { name: names[k], exact: true });
            await expect(bid).toContainText(money(prices[k]));
            for (const c of w.criteria) {
              const group = bid.getByRole("group", { name: tr(T.evaluation.score.criterionLegend, { name: c.name, points: c.points }) });
              await group.getByLabel(tr(T.evaluation.score.scoreLabel, { points: c.points }), { exact: true }).fill(String(scoreOf(k, c.points)));
              await group.getByLabel(T.evaluation.score.commentLabel, { exact: true }).fill(commentOf(member, k, c.name));
            }
          }
          await form.getByRole("button", { name: T.evaluation.score.submit, exact: true }).click();
          if (member < 5) {
            await notice(p, T.evaluation.notices.submitted);
            // Own scores only: no other member's comment, no ranking, just the count of submissions.
            await expect(p.getByText(commentOf(member, "inst2", w.criteria[0]!.name))).toBeVisible();
            await expect(p.getByRole("region", { name: T.evaluation.score.yourScores, exact: true })).toContainText(tr(T.evaluation.score.progress, { submitted: member, active: 5 }));
            for (const other of [1, 2, 3, 4].filter((x) => x !== member)) await expect(p.getByText(commentOf(other, "inst2", w.criteria[0]!.name))).toHaveCount(0);
            await expect(p.getByRole("heading", { name: T.evaluation.score.allScores })).toHaveCount(0);
            if (member === 4) fourth = p;
          } else {
            await notice(p, T.evaluation.notices.complete);
          }
        }
        // After the fifth: everyone's scores, and the ranking.
        const p = fourth!;
        await p.reload();
        await expect(p.getByText(T.evaluation.score.completeNotice, { exact: true })).toBeVisible();
        await expect(p.getByRole("heading", { name: T.evaluation.score.allScores })).toBeVisible();
        for (const member of [1, 2, 3, 5]) await expect(p.getByText(commentOf(member, "inst2", w.criteria[0]!.name))).toBeVisible();
      });

      // Technical: the mean of the members' sums; price: lowest valid price ÷ price × 30 (87号令 art. 55).
      const technical = (k: (typeof scored)[number]) => w.criteria.reduce((s, c) => s + scoreOf(k, c.points), 0);
      const priceScore = (k: (typeof scored)[number]) => (prices.inst2 / prices[k]) * 30;
      const total = (k: (typeof scored)[number]) => (technical(k) + priceScore(k)).toFixed(2);
      const enterprise1Headcount = 12;
      const enterprise2Headcount = w.lot.headcount - enterprise1Headcount;

      await test.step("the officer sees the ranking and the proposed split, confirms it and publishes the result", async () => {
        const o = await visit(officer, `/bureau/lots/${w.lot.id}`);
        const ranking = o.getByRole("region", { name: T.evaluation.ranking.heading, exact: true }).getByRole("table").locator("tbody tr");
        await expect(ranking).toHaveCount(3);
        for (const [i, k] of scored.entries()) {
          await expect(ranking.nth(i).getByRole("rowheader")).toHaveText(names[k]);
          await expect(ranking.nth(i).getByRole("cell").first()).toHaveText(String(i + 1));
          await expect(ranking.nth(i).getByRole("cell").last()).toHaveText(total(k));
        }

        await o.getByRole("navigation", { name: T.evaluation.lot.tabs }).getByRole("link", { name: T.evaluation.lot.tabAward }).click();
        await expect(o).toHaveURL(new RegExp(`/bureau/lots/${w.lot.id}/award$`));
        const order = o.getByRole("table", { name: T.award.ranking.caption, exact: true }).locator("tbody tr");
        await expect(order.getByRole("rowheader")).toHaveText(scored.map((k) => names[k]));
        const preview = o.getByRole("table", { name: T.award.preview.caption, exact: true });
        const rows = preview.locator("tbody tr");
        await expect(rows).toHaveCount(2);
        const demandPart = (enterprise: string, count: number) => tr(T.award.table.demandPart, { enterprise, count });
        await expect(rows.nth(0).getByRole("rowheader")).toHaveText(names.inst2);
        await expect(rows.nth(0).getByRole("cell")).toHaveText(["1", "12", money(prices.inst2), money(12 * prices.inst2), demandPart(w.org.enterprise1, enterprise1Headcount)]);
        await expect(rows.nth(1).getByRole("rowheader")).toHaveText(names.inst1);
        await expect(rows.nth(1).getByRole("cell")).toHaveText(["2", String(enterprise2Headcount), money(prices.inst1), money(enterprise2Headcount * prices.inst1), demandPart(w.org.enterprise2, enterprise2Headcount)]);
        await expect(preview.locator("tfoot")).toContainText(String(w.lot.headcount));
        await expect(preview.locator("tfoot")).toContainText(money(12 * prices.inst2 + enterprise2Headcount * prices.inst1));

        await o.getByRole("button", { name: T.award.preview.confirm, exact: true }).click();
        await notice(o, T.award.notices.confirmed);
        await expect(o.locator(".tender-meta")).toContainText(T.tender.lotStatus.award_pending);
        await expect(o.getByRole("table", { name: T.award.proposal.caption, exact: true }).locator("tbody").getByRole("rowheader")).toHaveText([names.inst2, names.inst1]);
        await o.getByRole("button", { name: T.award.proposal.publish, exact: true }).click();
        await notice(o, T.award.notices.published);
        await expect(o.locator(".tender-meta")).toContainText(T.tender.lotStatus.award_published);
        const window = o.getByRole("region", { name: T.award.window.title, exact: true });
        const objectionDeadline = (serverDb.prepare("select max(objection_deadline) as d from awards where lot_id = ? and status = 'published'").get(w.lot.id) as { d: string }).d;
        await expect(window).toContainText(formatInstant(objectionDeadline));
        await expect(window).toContainText(T.award.window.open);

        const pub = await visit(publicVisitor, publicNotice);
        const result = pub.getByRole("region", { name: T.award.public.title, exact: true });
        const resultRows = result.getByRole("table", { name: tr(T.award.public.caption, { number: w.lot.number }) }).locator("tbody tr");
        await expect(resultRows.getByRole("rowheader")).toHaveText([names.inst2, names.inst1]);
        await expect(resultRows.nth(0).getByRole("cell")).toHaveText(["1", "12", money(prices.inst2), money(12 * prices.inst2), T.award.awardStatus.published]);
        await expect(resultRows.nth(1).getByRole("cell")).toHaveText(["2", String(enterprise2Headcount), money(prices.inst1), money(enterprise2Headcount * prices.inst1), T.award.awardStatus.published]);
        await expect(result).toContainText(formatInstant(objectionDeadline));
      });

      const grounds =
        lang === "en"
          ? "Our training line is the newest in the district; the panel's practical-conditions scores do not reflect the equipment list we submitted. Please review the technical scores."
          : "本机构实训产线为区内最新，评分中对实训条件的打分与我方提交的设备清单不符，请复核技术评分。";
      const answer = lang === "en" ? "The panel reviewed the equipment list; the scores stand. The objection is dismissed." : "经复核，评标委员会已审阅贵方提交的设备清单，评分无误，质疑不成立。";
      await test.step("institution 3, ranked third, objects under its opened bids; the officer dismisses it with reasons; institution 3 reads the answer", async () => {
        const p = await visit(bidders.inst3, "/bids");
        const past = p.getByRole("table", { name: T.bidding.past.title });
        const row = past.getByRole("row").filter({ hasText: w.reference });
        await expect(row).toContainText(T.tender.lotStatus.award_published);
        await expect(row).toContainText(T.bidding.statuses.valid);
        await row.getByRole("link").click();
        await expect(p).toHaveURL(new RegExp(`/bids/lots/${w.lot.id}$`));
        await expect(p.getByRole("region", { name: T.award.public.title, exact: true })).toContainText(names.inst2);

        const form = p.getByRole("region", { name: T.award.objections.form.title, exact: true }).locator("form");
        await form.getByLabel(T.award.objections.form.concern, { exact: true }).selectOption({ label: tr(T.award.objections.concernsAward, { institution: names.inst2 }) });
        // Too short first: refused beside the field.
        await form.getByLabel(T.award.objections.form.grounds, { exact: true }).fill(lang === "en" ? "Unfair." : "不公平。");
        await form.getByRole("button", { name: T.award.objections.form.submit, exact: true }).click();
        await expect(form.getByText(tr(T.award.objections.errors.groundsShort, { min: 10 }), { exact: true })).toBeVisible();
        const groundsField = form.getByLabel(T.award.objections.form.grounds, { exact: true });
        // Corrected, the error line goes as the grounds are typed (not when the field is left), so
        // the submit button stays under the click.
        await groundsField.fill(grounds);
        await form.getByRole("button", { name: T.award.objections.form.submit, exact: true }).click();
        await notice(p, T.award.notices.objected);
        const mine = p.getByRole("region", { name: T.award.mine.objectionsTitle, exact: true });
        await expect(mine).toContainText(T.award.objections.statuses.pending);
        await expect(mine).toContainText(grounds);

        const o = await visit(officer, `/bureau/lots/${w.lot.id}/award`);
        const objection = o.getByRole("region", { name: T.award.objections.title, exact: true }).getByRole("article").filter({ hasText: names.inst3 });
        await expect(objection).toContainText(T.award.objections.statuses.pending);
        await expect(objection).toContainText(grounds);
        await expect(objection).toContainText(tr(T.award.objections.concernsAward, { institution: names.inst2 }));
        await objection.getByRole("radio", { name: T.award.objections.statuses.dismissed, exact: true }).check();
        await objection.getByLabel(T.award.objections.answerForm.answer, { exact: true }).fill(answer);
        await objection.getByRole("button", { name: T.award.objections.answerForm.submit, exact: true }).click();
        await notice(o, T.award.notices.effect.none);
        await expect(objection.getByRole("heading")).toContainText(T.award.objections.statuses.dismissed);
        await expect(objection).toContainText(answer);

        await visit(bidders.inst3, `/bids/lots/${w.lot.id}`);
        await expect(mine).toContainText(T.award.objections.statuses.dismissed);
        await expect(mine).toContainText(answer);
      });

      await test.step("after the objection window the contracts exist; institution 2 and the officer sign one, and it is in force", async () => {
        const objectionDeadline = (serverDb.prepare("select max(objection_deadline) as d from awards where lot_id = ? and status = 'published'").get(w.lot.id) as { d: string }).d;
        const after = new Date(Date.parse(objectionDeadline) + MINUTE);
        if (clock.now() < after) clock.advanceTo(after);

        // Nobody has looked at the lot since the window closed: the officer's list is the first access.
        const o = await visit(officer, "/contracts");
        const ours = o.getByRole("row").filter({ hasText: w.reference });
        await expect(ours).toHaveCount(2);
        const pending = T.award.contracts.statuses.pending_signature;
        const of2 = ours.filter({ hasText: names.inst2 });
        const of1 = ours.filter({ hasText: names.inst1 });
        await expect(of2.getByRole("cell")).toHaveText([names.inst2, literally(w.reference), "12", money(12 * prices.inst2), pending, T.award.contracts.notSigned, T.award.contracts.notSigned, /\d{4}-\d\d-\d\d \d\d:\d\d/]);
        await expect(of1.getByRole("cell")).toHaveText([names.inst1, literally(w.reference), String(enterprise2Headcount), money(enterprise2Headcount * prices.inst1), pending, T.award.contracts.notSigned, T.award.contracts.notSigned, /\d{4}-\d\d-\d\d \d\d:\d\d/]);
        const contractReference = (await of2.getByRole("link").innerText()).trim();

        const p = await visit(bidders.inst2, "/contracts");
        await p.getByRole("row").filter({ hasText: w.reference }).getByRole("link", { name: contractReference }).click();
        await expect(p.getByRole("heading", { level: 1 })).toHaveText(tr(T.award.contracts.heading, { reference: contractReference }));
        const terms = p.getByRole("region", { name: T.award.contracts.terms, exact: true });
        await expect(terms).toContainText(money(12 * prices.inst2));
        await expect(terms.getByRole("table", { name: T.award.contracts.demandsCaption }).getByRole("row").filter({ hasText: w.org.enterprise1 })).toContainText("12");
        await p.getByRole("button", { name: T.award.contracts.sign, exact: true }).click();
        await notice(p, T.award.contracts.notices.signed);
        await expect(p.getByText(pending, { exact: true })).toBeVisible();
        const contractPath = new URL(p.url()).pathname;

        await visit(officer, contractPath);
        await o.getByRole("button", { name: T.award.contracts.sign, exact: true }).click();
        await notice(o, T.award.contracts.notices.active);
        await expect(o.getByText(T.award.contracts.statuses.active, { exact: true })).toBeVisible();
        const signing = o.getByRole("region", { name: T.award.contracts.signing, exact: true });
        await expect(signing).not.toContainText(T.award.contracts.notSigned);

        await visit(officer, "/contracts");
        await expect(of2).toContainText(T.award.contracts.statuses.active);
        await expect(of1).toContainText(pending);

        // The public still reads the result, now confirmed.
        const pub = await visit(publicVisitor, publicNotice);
        const resultRows = pub.getByRole("region", { name: T.award.public.title, exact: true }).locator("tbody tr");
        await expect(resultRows.getByRole("rowheader")).toHaveText([names.inst2, names.inst1]);
        await expect(resultRows.nth(0)).toContainText(T.award.awardStatus.confirmed);
        await expect(resultRows.nth(1)).toContainText(T.award.awardStatus.confirmed);
        await expect(pub.getByRole("table", { name: T.tender.notice.lotsCaption }).getByRole("row").filter({ hasText: occupation })).toContainText(T.tender.lotStatus.awarded);
      });

      expect(problems, "errors in the browser consoles").toEqual([]);
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
