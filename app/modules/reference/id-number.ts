/**
 * Resident identity number (公民身份号码), GB 11643-1999.
 *
 *   positions 1–6    address code (地址码, GB/T 2260 administrative division)
 *   positions 7–14   date of birth (出生日期码), YYYYMMDD
 *   positions 15–17  sequence code (顺序码); odd for men, even for women
 *   position 18      check character (校验码), ISO 7064:1983 MOD 11-2, 'X' standing for 10
 *
 * The address code is not checked against a list: divisions are renamed and merged, and a person
 * keeps the number issued under the old code for life.
 */
import { isExists } from "date-fns";
import { shanghaiDate } from "./working-days";

export const ID_NUMBER_LENGTH = 18;

/** The earliest date of birth accepted: people born before 1900 are not trainees. */
export const EARLIEST_BIRTH_DATE = "19000101";

/** Weight of position i (1-based) is 2^(18−i) mod 11 (ISO 7064 MOD 11-2). */
const WEIGHTS: readonly number[] = Array.from({ length: ID_NUMBER_LENGTH - 1 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < ID_NUMBER_LENGTH - 1 - i; k++) w = (w * 2) % 11;
  return w;
});

const CHECK_CHARS = "0123456789X";

export type IdNumberErrorCode =
  | "required"
  | "length"
  | "charset"
  | "birthDateInvalid"
  | "birthDateInFuture"
  | "birthDateTooEarly"
  | "checkChar";

export interface IdNumberError {
  code: IdNumberErrorCode;
  /** What the rule wanted: the length, the allowed characters, a date bound, or the check character. */
  expected?: string;
  /** What was given: the length, the offending character, or the date of birth (YYYYMMDD). */
  actual?: string;
  /** 1-based character position of the fault (for a date, where the date starts: 7). */
  position?: number;
}

export type IdNumberResult = { ok: true; value: string } | { ok: false; error: IdNumberError };

/** Trim, fold full-width forms (NFKC) and uppercase, so '１１０…ｘ' reads as '110…X' (GB 11643-1999 writes the check 10 as capital X). */
export function normaliseIdNumber(input: string): string {
  return input.normalize("NFKC").trim().toUpperCase();
}

/** Check character of the first 17 digits: (12 − Σ digit·2^(18−i) mod 11) mod 11, 10 → 'X' (GB 11643-1999 §8.2, ISO 7064 MOD 11-2). */
export function computeIdNumberCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new RangeError(`computeIdNumberCheckChar needs 17 digits, got '${first17}'`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt((12 - (sum % 11)) % 11);
}

/** Build a valid GB 11643-1999 number from an address code, a YYYYMMDD birth date and a 3-digit sequence, for seeds and factories. */
export function makeIdNumber(area6: string, birthYYYYMMDD: string, seq3: string): string {
  if (!/^[0-9]{6}$/.test(area6)) throw new RangeError(`makeIdNumber: area code must be 6 digits, got '${area6}'`);
  if (!isRealDate(birthYYYYMMDD)) throw new RangeError(`makeIdNumber: '${birthYYYYMMDD}' is not a YYYYMMDD date`);
  if (!/^[0-9]{3}$/.test(seq3)) throw new RangeError(`makeIdNumber: sequence must be 3 digits, got '${seq3}'`);
  const first17 = area6 + birthYYYYMMDD + seq3;
  return first17 + computeIdNumberCheckChar(first17);
}

/** Validate and normalise a resident identity number: 17 digits and a MOD 11-2 check character (GB 11643-1999), born on a real date from 1900-01-01 to `today` ('YYYY-MM-DD', or an instant read on the Shanghai calendar). */
export function validateIdNumber(input: string | null | undefined, today: string | Date): IdNumberResult {
  const value = normaliseIdNumber(input ?? "");
  if (value === "") return { ok: false, error: { code: "required" } };

  const chars = Array.from(value);
  if (chars.length !== ID_NUMBER_LENGTH) {
    return {
      ok: false,
      error: { code: "length", expected: String(ID_NUMBER_LENGTH), actual: String(chars.length) },
    };
  }

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    const isLast = i === ID_NUMBER_LENGTH - 1;
    const allowed = isLast ? CHECK_CHARS.includes(ch) && ch.length === 1 : ch >= "0" && ch <= "9";
    if (!allowed) {
      return {
        ok: false,
        error: { code: "charset", expected: isLast ? "0-9X" : "0-9", actual: ch, position: i + 1 },
      };
    }
  }

  const birth = value.slice(6, 14);
  if (birth < EARLIEST_BIRTH_DATE) {
    return {
      ok: false,
      error: { code: "birthDateTooEarly", expected: EARLIEST_BIRTH_DATE, actual: birth, position: 7 },
    };
  }
  if (!isRealDate(birth)) {
    return { ok: false, error: { code: "birthDateInvalid", actual: birth, position: 7 } };
  }
  const todayCompact = (typeof today === "string" ? today : shanghaiDate(today)).replaceAll("-", "");
  if (birth > todayCompact) {
    return {
      ok: false,
      error: { code: "birthDateInFuture", expected: todayCompact, actual: birth, position: 7 },
    };
  }

  const expected = computeIdNumberCheckChar(value.slice(0, 17));
  const actual = value.charAt(17);
  if (expected !== actual) {
    return { ok: false, error: { code: "checkChar", expected, actual, position: ID_NUMBER_LENGTH } };
  }
  return { ok: true, value };
}

/** Show only the first 6 and last 4 characters, e.g. 110101********123X (DESIGN "Personal data"); anything too short to keep 8 hidden is masked whole. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(normaliseIdNumber(id));
  if (chars.length < 6 + 8 + 4) return "*".repeat(chars.length);
  return chars.slice(0, 6).join("") + "*".repeat(chars.length - 10) + chars.slice(-4).join("");
}

/** YYYYMMDD that names a day of the Gregorian calendar (no 20230229, no 20231301). */
function isRealDate(yyyymmdd: string): boolean {
  if (!/^[0-9]{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  return isExists(year, month - 1, day);
}
