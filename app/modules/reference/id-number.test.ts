import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeIdNumberCheckChar,
  makeIdNumber,
  maskIdNumber,
  validateIdNumber,
  type IdNumberError,
} from "./id-number";

const TODAY = "2026-11-28";

describe("computeIdNumberCheckChar", () => {
  // The worked examples of GB 11643-1999 (Annex A and §8.2).
  it.each([
    ["11010519491231002", "X"],
    ["44052418800101001", "4"],
    ["11010119900307447", "7"],
  ])("%s → %s", (first17, check) => {
    expect(computeIdNumberCheckChar(first17)).toBe(check);
  });

  it.each([["1101051949123100"], ["1101051949123100X"], ["110105194912310023"], [""]])("throws on %j", (input) => {
    expect(() => computeIdNumberCheckChar(input)).toThrow(RangeError);
  });
});

describe("validateIdNumber: accepts", () => {
  it.each([
    ["11010519491231002X", "11010519491231002X"],
    ["11010519491231002x", "11010519491231002X"],
    ["  110101199003074477\n", "110101199003074477"],
    ["１１０１０１１９９００３０７４４７７", "110101199003074477"],
    [makeIdNumber("110101", "20000229", "123"), "11010120000229123X"],
    [makeIdNumber("110101", "19000101", "001"), makeIdNumber("110101", "19000101", "001")],
    [makeIdNumber("110101", "20261128", "001"), makeIdNumber("110101", "20261128", "001")],
  ])("%j", (input, value) => {
    expect(validateIdNumber(input, TODAY)).toEqual({ ok: true, value });
  });

  it("takes today as an instant, read on the Shanghai calendar", () => {
    const bornToday = makeIdNumber("110101", "20261128", "001");
    // 2026-11-27T16:00Z is already 28 Nov in Shanghai.
    expect(validateIdNumber(bornToday, new Date("2026-11-27T16:00:00Z")).ok).toBe(true);
    expect(validateIdNumber(bornToday, new Date("2026-11-27T15:59:59Z"))).toEqual({
      ok: false,
      error: { code: "birthDateInFuture", expected: "20261127", actual: "20261128", position: 7 },
    });
  });
});

describe("validateIdNumber: errors", () => {
  const cases: [string, string | null | undefined, IdNumberError][] = [
    ["missing", undefined, { code: "required" }],
    ["blank", "  ", { code: "required" }],
    ["first-generation 15 digits", "110105491231002", { code: "length", expected: "18", actual: "15" }],
    ["19 characters", "11010519491231002X1", { code: "length", expected: "18", actual: "19" }],
    ["a letter in the body", "1101051949123100AX", { code: "charset", expected: "0-9", actual: "A", position: 17 }],
    ["X before the end", "X1010519491231002X", { code: "charset", expected: "0-9", actual: "X", position: 1 }],
    ["a letter other than X at the end", "11010519491231002Y", { code: "charset", expected: "0-9X", actual: "Y", position: 18 }],
    ["29 Feb of a common year", "110101" + "20230229" + "0011", { code: "birthDateInvalid", actual: "20230229", position: 7 }],
    ["month 13", "110101" + "19901301" + "0011", { code: "birthDateInvalid", actual: "19901301", position: 7 }],
    ["day 00", "110101" + "19900100" + "0011", { code: "birthDateInvalid", actual: "19900100", position: 7 }],
    ["born before 1900", "440524188001010014", { code: "birthDateTooEarly", expected: "19000101", actual: "18800101", position: 7 }],
    [
      "born tomorrow",
      makeIdNumber("110101", "20261129", "001"),
      { code: "birthDateInFuture", expected: "20261128", actual: "20261129", position: 7 },
    ],
    ["wrong check digit", "110101199003074478", { code: "checkChar", expected: "7", actual: "8", position: 18 }],
    ["X where a digit belongs", "11010119900307447X", { code: "checkChar", expected: "7", actual: "X", position: 18 }],
    ["two digits swapped", "110101199003074747", { code: "checkChar", expected: computeIdNumberCheckChar("11010119900307474"), actual: "7", position: 18 }],
  ];
  it.each(cases)("%s", (_name, input, error) => {
    expect(validateIdNumber(input, TODAY)).toEqual({ ok: false, error });
  });
});

describe("maskIdNumber", () => {
  it.each([
    ["11010519491231002X", "110105********002X"],
    ["11010519491231002x", "110105********002X"],
    [" 110101199003074477 ", "110101********4477"],
    // Too short to hide eight characters: hide everything rather than reveal most of it.
    ["110105491231002", "***************"],
    ["", ""],
  ])("%j → %s", (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });
});

describe("makeIdNumber", () => {
  it.each([
    ["11010", "19900307", "447"],
    ["110101", "19900230", "447"],
    ["110101", "1990037", "447"],
    ["110101", "19900307", "44"],
  ])("refuses (%s, %s, %s)", (area, birth, seq) => {
    expect(() => makeIdNumber(area, birth, seq)).toThrow(RangeError);
  });
});

// --- properties ------------------------------------------------------------------------------

const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((a) => a.join(""));
const birth = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll("-", ""));
const validId = fc.tuple(digits(6), birth, digits(3)).map(([area, b, seq]) => makeIdNumber(area, b, seq));

describe("identity number properties", () => {
  it("every generated number validates and masks to 6 + 8 stars + 4", () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
        expect(maskIdNumber(id)).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
      }),
    );
  });

  it("changing any single character of a valid number is detected", () => {
    fc.assert(
      fc.property(validId, fc.nat({ max: 17 }), fc.oneof(fc.constantFrom(..."0123456789X"), fc.string({ minLength: 1, maxLength: 1 })), (id, index, replacement) => {
        fc.pre(replacement.normalize("NFKC").trim().toUpperCase() !== id.charAt(index));
        const changed = id.slice(0, index) + replacement + id.slice(index + 1);
        expect(validateIdNumber(changed, TODAY).ok).toBe(false);
      }),
    );
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), digits(17).map((d) => d + "X")), (input) => {
        validateIdNumber(input, TODAY);
        maskIdNumber(input);
      }),
      { numRuns: 500 },
    );
  });

  it("a mask never shows more than the first 6 and last 4 characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const masked = Array.from(maskIdNumber(input));
        const hidden = masked.filter((ch) => ch === "*").length;
        expect(masked.length - hidden).toBeLessThanOrEqual(10);
      }),
    );
  });
});
