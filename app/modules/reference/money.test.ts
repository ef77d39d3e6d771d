import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FEN, fenToYuanString, formatFen, parseYuan, type MoneyError } from "./money";

describe("formatFen", () => {
  it.each([
    [123450, "¥1,234.50"],
    [0, "¥0.00"],
    [-0, "¥0.00"],
    [1, "¥0.01"],
    [99, "¥0.99"],
    [100, "¥1.00"],
    [-123450, "-¥1,234.50"],
    [MAX_FEN, "¥100,000,000,000.00"],
    // Beyond 2^53 / 100 a float division would already have lost the last fen.
    [9_007_199_254_740_991, "¥90,071,992,547,409.91"],
  ])("%i fen → %s in zh-CN and en alike", (fen, shown) => {
    expect(formatFen(fen, "zh-CN")).toBe(shown);
    expect(formatFen(fen, "en")).toBe(shown);
  });

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53]])("refuses %d, which is not a safe integer of fen", (fen) => {
    expect(() => formatFen(fen, "zh-CN")).toThrow(RangeError);
  });
});

describe("fenToYuanString", () => {
  it.each([
    [123450, "1234.50"],
    [0, "0.00"],
    [-0, "0.00"],
    [5, "0.05"],
    [50, "0.50"],
    [-5, "-0.05"],
    [MAX_FEN, "100000000000.00"],
  ])("%i → %s", (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });
});

describe("parseYuan: accepts", () => {
  it.each([
    ["1234", 123400],
    ["1234.5", 123450],
    ["1234.50", 123450],
    ["1,234.5", 123450],
    ["1,234,567.89", 123456789],
    ["¥1,234.50", 123450],
    ["￥1234.50", 123450],
    ["1234.50元", 123450],
    [" 1 234.50 ", 123450],
    ["１２３４．５０", 123450],
    ["0", 0],
    ["0.01", 1],
    ["0.1", 10],
    ["007.00", 700],
    ["+12", 1200],
    ["-0", 0],
    ["100000000000", MAX_FEN],
    ["100,000,000,000.00", MAX_FEN],
    // 0.1 + 0.2 ≠ 0.3 in floating point; in fen it is exact.
    ["0.30", 30],
    ["1.15", 115],
  ])("%j → %i fen", (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ["-12.34", -1234],
    ["¥-12.34", -1234],
    ["-¥1,234.50", -123450],
    ["-100000000000", -MAX_FEN],
  ])("%j → %i fen when negatives are allowed", (text, fen) => {
    expect(parseYuan(text, { allowNegative: true })).toEqual({ ok: true, value: fen });
  });

  it("never yields −0", () => {
    const result = parseYuan("-0.00", { allowNegative: true });
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });
});

describe("parseYuan: errors", () => {
  const cases: [string, string | null | undefined, MoneyError][] = [
    ["missing", undefined, { code: "required" }],
    ["blank", "   ", { code: "required" }],
    ["words", "abc", { code: "format", actual: "abc" }],
    ["scientific notation", "1e3", { code: "format", actual: "1e3" }],
    ["a bare point", ".5", { code: "format", actual: ".5" }],
    ["a trailing point", "12.", { code: "format", actual: "12." }],
    ["two points", "1.2.3", { code: "format", actual: "1.2.3" }],
    ["misplaced grouping", "12,34.00", { code: "format", actual: "12,34.00" }],
    ["a decimal comma", "1234,50", { code: "format", actual: "1234,50" }],
    ["Infinity", "Infinity", { code: "format", actual: "Infinity" }],
    ["hex", "0x10", { code: "format", actual: "0x10" }],
    ["three decimals", "1234.567", { code: "tooManyDecimals", expected: "2", actual: "3" }],
    ["trailing zero decimals still count", "1.000", { code: "tooManyDecimals", expected: "2", actual: "3" }],
    ["negative", "-12.34", { code: "negative", actual: "-12.34" }],
    ["one fen too many", "100000000000.01", { code: "tooLarge", expected: "100000000000.00", actual: "100000000000.01" }],
    ["far too many digits", "9".repeat(40), { code: "tooLarge", expected: "100000000000.00", actual: "9".repeat(40) }],
  ];
  it.each(cases)("%s", (_name, text, error) => {
    expect(parseYuan(text)).toEqual({ ok: false, error });
  });

  it("limits negatives to the same magnitude", () => {
    expect(parseYuan("-100000000000.01", { allowNegative: true })).toEqual({
      ok: false,
      error: { code: "tooLarge", expected: "100000000000.00", actual: "-100000000000.01" },
    });
  });
});

// --- properties ------------------------------------------------------------------------------

const fen = fc.integer({ min: 0, max: MAX_FEN });

describe("money properties", () => {
  it("parseYuan(fenToYuanString(n)) === n for every amount up to 1e13 fen", () => {
    fc.assert(
      fc.property(fen, (n) => {
        expect(parseYuan(fenToYuanString(n))).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it("what formatFen shows parses back to the same amount, in either language, signs included", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), fc.constantFrom("zh-CN", "en"), (n, locale) => {
        expect(parseYuan(formatFen(n, locale), { allowNegative: true })).toEqual({ ok: true, value: n });
      }),
      { numRuns: 500 },
    );
  });

  it("the shown form is ¥, grouped digits and exactly two decimals", () => {
    fc.assert(
      fc.property(fen, (n) => {
        expect(formatFen(n, "zh-CN")).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
      }),
    );
  });

  it("never throws on arbitrary text, and any value it returns is a safe integer within bounds", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^-?[0-9,]{0,16}(\.[0-9]{0,3})?$/)),
        fc.boolean(),
        (text, allowNegative) => {
          const result = parseYuan(text, { allowNegative });
          if (result.ok) {
            expect(Number.isSafeInteger(result.value)).toBe(true);
            expect(Math.abs(result.value)).toBeLessThanOrEqual(MAX_FEN);
            if (!allowNegative) expect(result.value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
