/**
 * Issue 8, test 7: the money fields of the tender forms accept exactly what the money rule
 * accepts, as the same fen, and refuse the rest with the rule's own reason; what a page shows of
 * an amount, typed back, is the same amount.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, parseYuan } from "~/modules/reference/money";
import { yuanField } from "./schemas";

const MAX_FEN = 10_000_000_000_000;

describe("the yuan field", () => {
  it("agrees with the money rule on any text: the same fen, or a refusal naming the rule's reason", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^[¥￥]?-?[0-9,]{0,16}(\.[0-9]{0,3})?$/)), (text) => {
        const rule = parseYuan(text);
        const field = yuanField.safeParse(text);
        if (rule.ok) expect(field).toEqual({ success: true, data: rule.value });
        else {
          expect(field.success).toBe(false);
          expect(field.error?.issues[0]?.message).toMatch(new RegExp(`^tender\\.money\\.${rule.error.code}(\\||$)`));
        }
      }),
    );
  });

  it("reads back every amount as a page or an export writes it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.constantFrom("zh-CN", "en"), (fen, locale) => {
        expect(yuanField.safeParse(formatFen(fen, locale))).toEqual({ success: true, data: fen });
        expect(yuanField.safeParse(fenToYuanString(fen))).toEqual({ success: true, data: fen });
      }),
    );
  });
});
