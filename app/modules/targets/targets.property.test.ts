/**
 * Issue 8, test 7: the yearly targets form accepts exactly whole trainee targets up to the
 * maximum, a whole percentage 0–100 and a budget the money rule accepts, with the high-skilled
 * target within the trained one; it refuses the rest on the field; a budget as a page shows it,
 * typed back, is the same fen.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, parseYuan } from "~/modules/reference/money";
import { TARGET_MAX, targetsFormSchema } from "./targets";

const MAX_FEN = 10_000_000_000_000;
const targets = fc.tuple(fc.integer({ min: 0, max: TARGET_MAX }), fc.integer({ min: 0, max: TARGET_MAX })).map(([a, b]) => (a >= b ? ([a, b] as const) : ([b, a] as const)));
const form = (over: Record<string, string> = {}) => ({ year: "2027", trainedMin: "1000", highSkilledMin: "300", highSkilledSharePct: "25", budget: "1,000,000.00", ...over });
const issuesOf = (f: Record<string, string>) => targetsFormSchema.safeParse(f).error?.issues.map((i) => [i.path.join("."), i.message.split("|")[0]]);

describe("the targets form", () => {
  it("accepts whole targets in range (thousands separators allowed), a whole per cent and a budget, as those numbers and fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), targets, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: MAX_FEN }), fc.constantFrom("zh-CN", "en"), (year, [trained, high], pct, fen, locale) => {
        const r = targetsFormSchema.safeParse({ year: String(year), trainedMin: trained.toLocaleString("en"), highSkilledMin: String(high), highSkilledSharePct: ` ${pct} `, budget: formatFen(fen, locale) });
        expect(r).toEqual({ success: true, data: { year, trainedMin: trained, highSkilledMin: high, highSkilledSharePct: pct, budget: fen } });
        expect(targetsFormSchema.safeParse(form({ budget: fenToYuanString(fen) })).data?.budget).toBe(fen);
      }),
    );
  });

  it("refuses a target over the maximum, a per cent over 100, a fraction or a sign, on that field", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: TARGET_MAX + 1, max: 2 ** 40 }).map((n) => ["trainedMin", String(n), "progress.targets.errors.tooLarge"] as const),
          fc.integer({ min: 101, max: 100_000 }).map((n) => ["highSkilledSharePct", String(n), "progress.targets.errors.tooLarge"] as const),
          fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => ["highSkilledSharePct", `${a}.${b}`, "progress.targets.errors.whole"] as const),
          fc.integer({ min: 1, max: 1000 }).map((n) => ["trainedMin", `-${n}`, "progress.targets.errors.whole"] as const),
          fc.constantFrom("", " ").map((t) => ["trainedMin", t, "common.form.required"] as const),
        ),
        ([field, typed, reason]) => {
          const over = field === "trainedMin" && reason === "progress.targets.errors.tooLarge" ? { [field]: typed, highSkilledMin: "0" } : { [field]: typed };
          expect(issuesOf(form(over))).toEqual([[field, reason]]);
        },
      ),
    );
  });

  it("refuses a high-skilled target above the trained one, and a budget the money rule refuses with the rule's reason", () => {
    fc.assert(
      fc.property(targets.filter(([a, b]) => a > b), ([more, fewer]) => {
        expect(issuesOf(form({ trainedMin: String(fewer), highSkilledMin: String(more) }))).toEqual([["highSkilledMin", "progress.targets.errors.highAboveTrained"]]);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("-1", "1.234", "¥", "abc", "1e5")), (typed) => {
        const rule = parseYuan(typed);
        fc.pre(!rule.ok);
        expect(issuesOf(form({ budget: typed }))).toEqual([["budget", `reference.money.${rule.ok ? "" : rule.error.code}`]]);
      }),
    );
  });
});
