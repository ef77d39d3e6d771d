/**
 * Money: integer fen (分) of CNY everywhere (DESIGN "Reference data"), shown as ¥1,234.50.
 *
 * No binary floating point touches an amount: yuan text is parsed digit by digit into a BigInt,
 * and fen become text by moving the decimal point in the string. Intl.NumberFormat is given a
 * decimal string, which it formats exactly (ECMA-402 Intl.NumberFormat v3).
 */

/** The largest amount accepted, in fen: 1e13 fen = ¥100,000,000,000 (千亿元), far above any district budget. */
export const MAX_FEN = 10_000_000_000_000;

const MAX_FEN_BIG = BigInt(MAX_FEN);

export type MoneyErrorCode = "required" | "format" | "tooManyDecimals" | "negative" | "tooLarge";

export interface MoneyError {
  code: MoneyErrorCode;
  /** What the rule wanted: "2" decimals at most, or the largest amount in yuan. */
  expected?: string;
  /** What was given: the number of decimals, or the text as read. */
  actual?: string;
}

export type MoneyResult = { ok: true; value: number } | { ok: false; error: MoneyError };

export interface ParseYuanOptions {
  /** Accept amounts below zero (refunds, corrections). Default false. */
  allowNegative?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string): Intl.NumberFormat {
  let formatter = formatters.get(locale);
  if (!formatter) {
    // narrowSymbol: '¥' in every locale, where 'en' would otherwise print 'CN¥'.
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "CNY",
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(locale, formatter);
  }
  return formatter;
}

/** Show integer fen as CNY with two decimals and thousands separators, ¥1,234.50, the same in zh-CN and en (DESIGN "Reference data"). */
export function formatFen(fen: number, locale: string): string {
  return formatterFor(locale).format(fenToYuanString(fen) as Intl.StringNumericLiteral);
}

/** Integer fen as a plain yuan decimal with exactly two places, "1234.50", for exports and form values. */
export function fenToYuanString(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`an amount in fen must be a safe integer, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, "0");
  const sign = fen < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Grammar, after NFKC (full-width digits, '，' and '￥' fold to ASCII) and removing spaces:
 * optional sign, optional '¥', an integer part either plain or grouped in threes with commas,
 * optional '.' and fraction digits, optional '元'.
 */
const AMOUNT = /^([+-]?)¥?([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?元?$/;

/** Parse yuan text ("1234", "1,234.5", "¥1,234.50") into integer fen exactly: at most 2 decimals (分 is the smallest unit: 人民币管理条例 art. 3), not negative unless allowed, at most MAX_FEN (DESIGN "Reference data"). */
export function parseYuan(text: string | null | undefined, options: ParseYuanOptions = {}): MoneyResult {
  const compact = (text ?? "").normalize("NFKC").replace(/\s+/g, "");
  if (compact === "") return { ok: false, error: { code: "required" } };

  // A sign may also follow the currency sign: "¥-12".
  const reordered = compact.replace(/^¥([+-])/, "$1¥");
  const match = AMOUNT.exec(reordered);
  if (!match) return { ok: false, error: { code: "format", actual: compact } };

  const [, sign = "", integerPart = "", fraction = ""] = match;
  if (fraction.length > 2) {
    return { ok: false, error: { code: "tooManyDecimals", expected: "2", actual: String(fraction.length) } };
  }

  const magnitude = BigInt(integerPart.replaceAll(",", "")) * 100n + BigInt(fraction.padEnd(2, "0"));
  if (sign === "-" && magnitude !== 0n && !options.allowNegative) {
    return { ok: false, error: { code: "negative", actual: compact } };
  }
  if (magnitude > MAX_FEN_BIG) {
    return { ok: false, error: { code: "tooLarge", expected: fenToYuanString(MAX_FEN), actual: compact } };
  }
  // magnitude ≤ 1e13 < 2^53, so Number() is exact; 0 stays +0 even for "-0".
  const value = Number(magnitude);
  return { ok: true, value: sign === "-" && value !== 0 ? -value : value };
}
