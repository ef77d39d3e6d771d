import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_CHARSET,
  computeCreditCodeCheckChar,
  makeCreditCode,
  parseCreditCode,
  validateCreditCode,
  type CreditCodeError,
} from "./credit-code";

// Codes of well-known companies, as printed on their public business licences.
const PUBLISHED = [
  "914403001922038216", // 华为技术有限公司
  "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
  "91330100799655058B", // 阿里巴巴（中国）有限公司
  "91110108551385082Q", // 小米科技有限责任公司
  "91350100M000100Y43",
];

describe("validateCreditCode: published codes", () => {
  it.each(PUBLISHED)("accepts %s", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
  });
});

describe("validateCreditCode: normalisation", () => {
  it.each([
    ["  914403001922038216 ", "914403001922038216"],
    ["9144030071526726xg", "9144030071526726XG"],
    ["\t91330100799655058b\n", "91330100799655058B"],
    // Full-width digits and letters, as a Chinese IME types them.
    ["９１４４０３００１９２２０３８２１６", "914403001922038216"],
  ])("%j → %s", (input, value) => {
    expect(validateCreditCode(input)).toEqual({ ok: true, value });
  });
});

describe("validateCreditCode: errors", () => {
  const cases: [string, string | null | undefined, CreditCodeError][] = [
    ["undefined", undefined, { code: "required" }],
    ["null", null, { code: "required" }],
    ["empty", "", { code: "required" }],
    ["blank", "   ", { code: "required" }],
    ["17 characters", "91440300192203821", { code: "length", expected: "18", actual: "17" }],
    ["19 characters", "9144030019220382160", { code: "length", expected: "18", actual: "19" }],
    ["the old 15-digit registration number", "440301103097413", { code: "length", expected: "18", actual: "15" }],
    [
      "letter I (looks like 1)",
      "91440300I922038216",
      { code: "charset", expected: CREDIT_CODE_CHARSET, actual: "I", position: 9 },
    ],
    ...(["O", "Z", "S", "V"] as const).map(
      (ch): [string, string, CreditCodeError] => [
        `excluded letter ${ch}`,
        `9144030019220382${ch}6`,
        { code: "charset", expected: CREDIT_CODE_CHARSET, actual: ch, position: 17 },
      ],
    ),
    [
      "punctuation",
      "91440300-922038216",
      { code: "charset", expected: CREDIT_CODE_CHARSET, actual: "-", position: 9 },
    ],
    [
      "a letter in the administrative division",
      "9144A3001922038216",
      { code: "charset", expected: "0-9", actual: "A", position: 5 },
    ],
    [
      "an astral character counts as one",
      "91440300192203821😀",
      { code: "charset", expected: CREDIT_CODE_CHARSET, actual: "😀", position: 18 },
    ],
    [
      "wrong check character",
      "914403001922038217",
      { code: "checkChar", expected: "6", actual: "7", position: 18 },
    ],
    [
      "two digits swapped",
      "914403001922083216",
      { code: "checkChar", expected: computeCreditCodeCheckChar("91440300192208321"), actual: "6", position: 18 },
    ],
  ];
  it.each(cases)("%s", (_name, input, error) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, error });
  });
});

describe("computeCreditCodeCheckChar", () => {
  it.each(PUBLISHED)("reproduces the check character of %s", (code) => {
    expect(computeCreditCodeCheckChar(code.slice(0, 17))).toBe(code.slice(17));
  });

  it("maps a remainder of 0 to '0', not to an out-of-range symbol", () => {
    // All zeros: the weighted sum is 0, so the check value is (31 − 0) mod 31 = 0.
    expect(computeCreditCodeCheckChar("00000000000000000")).toBe("0");
  });

  it.each([["short"], ["9144030019220382"], ["91440300192203821I"], ["9144030019220382I"]])(
    "throws on %s, which is not 17 charset characters",
    (input) => {
      expect(() => computeCreditCodeCheckChar(input)).toThrow(RangeError);
    },
  );
});

describe("parseCreditCode", () => {
  it("splits a code into its segments", () => {
    expect(parseCreditCode("91330100799655058b")).toEqual({
      registrationAuthority: "9",
      organisationType: "1",
      divisionCode: "330100",
      organisationCode: "799655058",
      checkChar: "B",
    });
  });

  it("returns undefined for an invalid code", () => {
    expect(parseCreditCode("91330100799655058C")).toBeUndefined();
  });
});

// --- properties ------------------------------------------------------------------------------

const symbol = fc.constantFrom(...CREDIT_CODE_CHARSET);
const digit = fc.constantFrom(..."0123456789");
const first17 = fc
  .tuple(
    fc.array(symbol, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(symbol, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, organisation]) => [...head, ...division, ...organisation].join(""));
const validCode = first17.map(makeCreditCode);

describe("credit code properties", () => {
  it("every generated code validates and normalises to itself", () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
        expect(validateCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it("changing any single character of a valid code is detected", () => {
    fc.assert(
      fc.property(
        validCode,
        fc.nat({ max: 17 }),
        fc.oneof(symbol, fc.string({ minLength: 1, maxLength: 1 })),
        (code, index, replacement) => {
          fc.pre(normaliseOne(replacement) !== code.charAt(index));
          const changed = code.slice(0, index) + replacement + code.slice(index + 1);
          const result = validateCreditCode(changed);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it("never throws on arbitrary input, and every failure names a known code", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (input) => {
        const result = validateCreditCode(input);
        if (!result.ok) {
          expect(["required", "length", "charset", "checkChar"]).toContain(result.error.code);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** The same folding validateCreditCode applies to one character. */
function normaliseOne(ch: string): string {
  return ch.normalize("NFKC").trim().toUpperCase();
}
