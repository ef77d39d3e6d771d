/**
 * Issue 8, test 7: the typed-number field of the demand form accepts exactly the whole numbers of
 * the allowed range, in any digits a keyboard gives, and refuses everything else with its message.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEADCOUNT_MAX, HEADCOUNT_MIN, headcountField } from "./schemas";

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe("the headcount field", () => {
  it("accepts every whole number in range, also with full-width digits, spaces and a plus sign, as that number", () => {
    fc.assert(
      fc.property(fc.integer({ min: HEADCOUNT_MIN, max: HEADCOUNT_MAX }), fc.boolean(), fc.constantFrom("", "+", "0"), fc.constantFrom("", " ", "\u3000"), (n, wide, prefix, pad) => {
        const typed = `${pad}${prefix}${wide ? FULL_WIDTH(String(n)) : String(n)}${pad}`;
        expect(headcountField.safeParse(typed)).toEqual({ success: true, data: n });
      }),
    );
  });

  it("refuses every whole number out of range with the range's message", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: HEADCOUNT_MIN - 1 }), fc.integer({ min: HEADCOUNT_MAX + 1 })), (n) => {
        const r = headcountField.safeParse(String(n));
        expect(r.success).toBe(false);
        expect(r.error?.issues.map((i) => i.message)).toEqual([n < HEADCOUNT_MIN ? `demand.form.headcountMin|{"min":${HEADCOUNT_MIN}}` : `demand.form.headcountMax|{"max":${HEADCOUNT_MAX}}`]);
      }),
    );
  });

  it("never throws, and whatever it accepts is a whole number in range", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.double().map(String), fc.stringMatching(/^[+-]?\d{0,4}(\.\d{0,3})?$/)), (text) => {
        const r = headcountField.safeParse(text);
        if (r.success) {
          expect(Number.isInteger(r.data)).toBe(true);
          expect(r.data).toBeGreaterThanOrEqual(HEADCOUNT_MIN);
          expect(r.data).toBeLessThanOrEqual(HEADCOUNT_MAX);
        } else {
          expect(r.error.issues).toHaveLength(1);
        }
      }),
    );
  });
});
