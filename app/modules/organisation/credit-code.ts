/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters drawn from 31 symbols (the digits and the capital letters without I, O, Z, S, V,
 * which are too easily confused with 1, 0, 2, 5, U):
 *
 *   position 1       registration authority code (登记管理部门代码)
 *   position 2       organisation type code (机构类别代码)
 *   positions 3–8    administrative division code (登记管理机关行政区划码, GB/T 2260), six digits
 *   positions 9–17   organisation code (主体标识码/组织机构代码, GB 11714)
 *   position 18      check character (校验码), GB 32100-2015 §5 / Annex B
 *
 * Deliberately *not* enforced: the list of authority and type codes (the standard's tables have
 * been extended by amendments and by authorities such as 司法行政 and 农业农村, so a closed list
 * would reject real codes) and the GB 11714 check of the organisation code (the check character
 * in position 18 already covers all 17 preceding characters).
 */

/** The 31 symbols in the order of their values 0–30 (GB 32100-2015 Table 1). */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export const CREDIT_CODE_LENGTH = 18;

const VALUE_OF: ReadonlyMap<string, number> = new Map(
  Array.from(CREDIT_CODE_CHARSET, (ch, value) => [ch, value] as const),
);

/** Weight of position i (0-based) is 3^i mod 31 (GB 32100-2015 Annex B). */
const WEIGHTS: readonly number[] = Array.from({ length: CREDIT_CODE_LENGTH - 1 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** 1-based positions of the six-digit administrative division code. */
const DIVISION_FROM = 3;
const DIVISION_TO = 8;

export type CreditCodeErrorCode = "required" | "length" | "charset" | "checkChar";

export interface CreditCodeError {
  code: CreditCodeErrorCode;
  /** What the rule wanted: the length, the allowed characters, or the right check character. */
  expected?: string;
  /** What was given (the length, or the offending character). */
  actual?: string;
  /** 1-based character position of the fault, when there is one. */
  position?: number;
}

export type CreditCodeResult =
  | { ok: true; value: string }
  | { ok: false; error: CreditCodeError };

export interface CreditCodeParts {
  registrationAuthority: string;
  organisationType: string;
  divisionCode: string;
  organisationCode: string;
  checkChar: string;
}

/** Trim, fold full-width forms typed with a Chinese IME to ASCII (NFKC), and uppercase: GB 32100-2015 uses capital letters only. */
export function normaliseCreditCode(input: string): string {
  return input.normalize("NFKC").trim().toUpperCase();
}

/** Check character of the first 17 characters: C18 = 31 − (Σ value·3^i mod 31) mod 31 (GB 32100-2015 Annex B). */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`computeCreditCodeCheckChar needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = VALUE_OF.get(first17.charAt(i));
    if (value === undefined) {
      throw new RangeError(`computeCreditCodeCheckChar: '${first17.charAt(i)}' at position ${i + 1} is not a credit code character`);
    }
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

/** Append the GB 32100-2015 check character to 17 characters, e.g. for seeds, factories and benchmarks. */
export function makeCreditCode(first17: string): string {
  return first17 + computeCreditCodeCheckChar(first17);
}

/** Validate and normalise a unified social credit code: 18 symbols of the GB 32100-2015 charset, digits in the division code, and a matching check character. */
export function validateCreditCode(input: string | null | undefined): CreditCodeResult {
  const value = normaliseCreditCode(input ?? "");
  if (value === "") return { ok: false, error: { code: "required" } };

  // Count and address by code point, so an emoji is one wrong character, not two.
  const chars = Array.from(value);
  if (chars.length !== CREDIT_CODE_LENGTH) {
    return {
      ok: false,
      error: { code: "length", expected: String(CREDIT_CODE_LENGTH), actual: String(chars.length) },
    };
  }

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    const position = i + 1;
    if (position >= DIVISION_FROM && position <= DIVISION_TO) {
      if (ch < "0" || ch > "9") {
        return { ok: false, error: { code: "charset", expected: "0-9", actual: ch, position } };
      }
    } else if (!VALUE_OF.has(ch)) {
      return {
        ok: false,
        error: { code: "charset", expected: CREDIT_CODE_CHARSET, actual: ch, position },
      };
    }
  }

  const expected = computeCreditCodeCheckChar(value.slice(0, CREDIT_CODE_LENGTH - 1));
  const actual = value.charAt(CREDIT_CODE_LENGTH - 1);
  if (expected !== actual) {
    return { ok: false, error: { code: "checkChar", expected, actual, position: CREDIT_CODE_LENGTH } };
  }
  return { ok: true, value };
}

/** Split a valid code into its GB 32100-2015 segments; undefined when the code does not validate. */
export function parseCreditCode(input: string | null | undefined): CreditCodeParts | undefined {
  const result = validateCreditCode(input);
  if (!result.ok) return undefined;
  const v = result.value;
  return {
    registrationAuthority: v.slice(0, 1),
    organisationType: v.slice(1, 2),
    divisionCode: v.slice(2, 8),
    organisationCode: v.slice(8, 17),
    checkChar: v.slice(17),
  };
}
