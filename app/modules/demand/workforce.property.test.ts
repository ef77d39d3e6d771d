/**
 * Issue 8, test 7: the workforce report accepts exactly whole counts from 0 to the maximum, in any
 * digits a keyboard gives, with high-skilled workers no more than skilled ones, for a year
 * 2000–2100; it refuses the rest on the field; the share it feeds is exact to a tenth.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highSkilledSharePct, WORKERS_MAX, workforceFormSchema } from "./workforce";

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const counts = fc.tuple(fc.integer({ min: 0, max: WORKERS_MAX }), fc.integer({ min: 0, max: WORKERS_MAX })).map(([a, b]) => (a >= b ? ([a, b] as const) : ([b, a] as const)));
const year = fc.integer({ min: 2000, max: 2100 });
const issuesOf = (form: Record<string, string>) => workforceFormSchema.safeParse(form).error?.issues.map((i) => [i.path.join("."), i.message.split("|")[0]]);

describe("the workforce report", () => {
  it("accepts whole counts in range with high-skilled ≤ skilled, full-width or padded, as those numbers", () => {
    fc.assert(
      fc.property(year, counts, fc.boolean(), (y, [skilled, high], wide) => {
        const typed = (n: number) => ` ${wide ? FULL_WIDTH(String(n)) : String(n)} `;
        expect(workforceFormSchema.safeParse({ year: String(y), skilledWorkers: typed(skilled), highSkilledWorkers: typed(high) })).toEqual({
          success: true,
          data: { year: y, skilledWorkers: skilled, highSkilledWorkers: high },
        });
      }),
    );
  });

  it("refuses a negative, fractional, over-large or non-numeric count on its field with its reason", () => {
    const bad = fc.oneof(
      fc.integer({ min: -WORKERS_MAX, max: -1 }).map((n) => [String(n), "demand.workforce.negative"] as const),
      fc.integer({ min: WORKERS_MAX + 1, max: 2 ** 40 }).map((n) => [String(n), "demand.workforce.tooMany"] as const),
      fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => [`${a}.${b}`, "demand.workforce.whole"] as const),
      fc.constantFrom("", "abc", "1e3", "0x10", "1,000", "--1").map((t) => [t, "demand.workforce.notNumber"] as const),
    );
    fc.assert(
      fc.property(bad, ([typed, reason]) => {
        expect(issuesOf({ year: "2026", skilledWorkers: "1000000", highSkilledWorkers: typed })).toEqual([["highSkilledWorkers", reason]]);
      }),
    );
  });

  it("refuses more high-skilled than skilled workers, and a year outside 2000–2100, on that field", () => {
    fc.assert(
      fc.property(counts.filter(([a, b]) => a > b), ([more, fewer]) => {
        expect(issuesOf({ year: "2026", skilledWorkers: String(fewer), highSkilledWorkers: String(more) })).toEqual([["highSkilledWorkers", "demand.workforce.highAboveSkilled"]]);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 1999 }), fc.integer({ min: 2101 })), (y) => {
        expect(issuesOf({ year: String(y), skilledWorkers: "10", highSkilledWorkers: "1" })?.map((i) => i[0])).toEqual(["year"]);
      }),
    );
  });

  it("gives the share as the exact per cent rounded half up to a tenth", () => {
    fc.assert(
      fc.property(counts.filter(([s]) => s > 0), ([skilled, high]) => {
        const share = highSkilledSharePct(skilled, high)!;
        // share/100 is within half a tenth of a per cent of the true ratio, rounding half up.
        expect(Math.abs(Math.round(share * 10) * skilled - 1000 * high)).toBeLessThanOrEqual(skilled / 2);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(100);
      }),
    );
  });
});
