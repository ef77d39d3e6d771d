import { resources } from "../../app/ui/i18n/resources";
import { DEMO, expect, signIn, test } from "./fixtures";

const zh = resources["zh-CN"].translation;
const en = resources.en.translation;
/** Any Chinese character: in English mode, no heading may carry one (every string goes through the dictionary). */
const CJK = /[\u3400-\u9fff]/;

const PAGES: { who: string | null; path: string; title: (d: typeof zh | typeof en) => string }[] = [
  { who: null, path: "/tenders", title: (d) => d.tender.public.title },
  { who: null, path: "/institutions", title: (d) => d.accreditation.register.title },
  { who: DEMO.enterprise1.email, path: "/demands", title: (d) => d.demand.list.title },
  { who: DEMO.enterprise1.email, path: "/workforce", title: (d) => d.demand.workforce.title },
  { who: DEMO.institution1.email, path: "/bids", title: (d) => d.bidding.title },
  { who: DEMO.institution1.email, path: "/accreditations", title: (d) => d.accreditation.title },
  { who: DEMO.officer.email, path: "/bureau/demands", title: (d) => d.demand.review.title },
  { who: DEMO.officer.email, path: "/bureau/tenders", title: (d) => d.tender.list.title },
  { who: DEMO.officer.email, path: "/bureau/tenders/new", title: (d) => d.tender.new.title },
  { who: DEMO.officer.email, path: "/bureau/organisations", title: (d) => d.bureau.organisations.title },
  { who: DEMO.admin.email, path: "/bureau/reference/rules", title: (d) => d.reference.rules.title },
  { who: DEMO.admin.email, path: "/bureau/audit", title: (d) => d.bureau.audit.title },
];

for (const who of [...new Set(PAGES.map((p) => p.who))]) {
  test(`${who ?? "the public"} reads each main page in Chinese, then in English with no Chinese left in its headings`, async ({ page }) => {
    if (who) await signIn(page, who);
    const pages = PAGES.filter((p) => p.who === who);
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.title(zh));
    }
    await page.goto(`${pages[0]!.path}?lng=en`);
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.title(en));
      for (const heading of await page.getByRole("heading").allInnerTexts()) {
        // Names that are data (tender titles, organisation names) may be Chinese; the page's own
        // section headings may not.
        if (heading.includes("ZJ-") || heading.includes("示范")) continue;
        expect(heading, `${p.path}: "${heading}"`).not.toMatch(CJK);
      }
    }
  });
}
