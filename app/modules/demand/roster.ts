/**
 * The roster of a demand: its trainees, each with a name, a resident identity number
 * (GB 11643-1999), a phone and optionally the skill level they hold. Pure rules for one trainee,
 * for a whole file of them, and for showing them masked (DESIGN.md "Personal data").
 */
import { z } from "zod";
import { validateIdNumber, type IdNumberError } from "~/modules/reference/id-number";
import type { IsoDate } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import type { DemandStatus } from "./lifecycle";

export const NAME_MAX = 50;

/** Upload limit of a roster file: enough for far more than 10,000 rows of CSV or XLSX. */
export const ROSTER_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** Rows read from one file at most; more is refused before any row is checked. */
export const ROSTER_FILE_MAX_ROWS = 20_000;
/** Bad rows listed in a report; the count says how many more there are. */
export const REPORT_MAX_ROWS = 200;

/** The template's headers, in order (DESIGN.md: Chinese first). */
export const ROSTER_HEADERS = ["姓名", "身份证号", "手机号", "现有等级"] as const;

export type RosterColumn = "name" | "idNumber" | "phone" | "currentLevel";

/** Header texts each column is recognised by, folded (NFKC, no spaces or '*', lower case). */
const HEADER_ALIASES: Record<RosterColumn, string[]> = {
  name: ["姓名", "学员姓名", "name"],
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "身份证", "idnumber", "identitynumber", "residentidentitynumber"],
  phone: ["手机号", "手机号码", "手机", "联系电话", "电话", "phone", "mobile", "phonenumber"],
  currentLevel: ["现有等级", "当前等级", "现有技能等级", "技能等级", "等级", "currentlevel", "level"],
};

function foldHeader(h: string): string {
  // NFKC folds full-width brackets and colons to ASCII; a note in brackets ("（必填）") is dropped.
  return h.normalize("NFKC").replace(/\([^)]*\)/g, "").replace(/[\s*:]/g, "").toLowerCase();
}

/** Which column each header names; unknown headers are ignored. */
export function mapHeaders(headers: readonly string[]): { columns: Partial<Record<RosterColumn, number>>; missing: RosterColumn[] } {
  const columns: Partial<Record<RosterColumn, number>> = {};
  headers.forEach((h, i) => {
    const f = foldHeader(h);
    for (const [col, aliases] of Object.entries(HEADER_ALIASES) as [RosterColumn, string[]][]) {
      if (columns[col] === undefined && aliases.includes(f)) columns[col] = i;
    }
  });
  const missing = (["name", "idNumber", "phone"] as const).filter((c) => columns[c] === undefined);
  return { columns, missing };
}

/** Characters that make a spreadsheet read a cell as a formula (CSV/formula injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A trainee's name: 1–50 characters, some of them letters, no control characters, never a formula. */
export function validateTraineeName(input: string | null | undefined): { ok: true; value: string } | { ok: false; message: string } {
  const value = (input ?? "").normalize("NFKC").trim().replace(/\s+/g, " ");
  if (value === "") return { ok: false, message: "demand.roster.nameRequired" };
  if (FORMULA_START.test(value)) return { ok: false, message: "demand.roster.nameFormula" };
  if (Array.from(value).length > NAME_MAX) return { ok: false, message: msg("common.form.tooLong", { max: NAME_MAX }) };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value) || !/\p{L}/u.test(value)) return { ok: false, message: "demand.roster.nameInvalid" };
  return { ok: true, value };
}

/**
 * A phone: a mainland mobile number (1[3-9] and 9 digits, optionally +86) or a landline with its
 * area code (0 and 2–3 digits, 7–8 digits, optionally an extension). Stored without spaces;
 * a landline as area-number[-extension].
 */
export function validatePhone(input: string | null | undefined): { ok: true; value: string } | { ok: false; message: string } {
  const raw = (input ?? "").normalize("NFKC").trim();
  if (raw === "") return { ok: false, message: "demand.roster.phoneRequired" };
  const compact = raw.replace(/[\s()]/g, "");
  const mobile = /^(?:(?:\+|00)?86-?)?(1[3-9]\d{9})$/.exec(compact);
  if (mobile?.[1]) return { ok: true, value: mobile[1] };
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:(?:-|转|ext\.?|x)(\d{1,6}))?$/i.exec(compact);
  if (landline) {
    const [, area, number, ext] = landline;
    return { ok: true, value: `${area}-${number}${ext ? `-${ext}` : ""}` };
  }
  return { ok: false, message: "demand.roster.phoneInvalid" };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const LEVEL_TITLES: Record<string, number> = { 初级工: 5, 中级工: 4, 高级工: 3, 技师: 2, 高级技师: 1 };

/** A current level as written in a file: empty, 1–5, '3级', '三级', '三级/高级工' or '高级工'. */
export function parseLevel(input: string | null | undefined): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = (input ?? "").normalize("NFKC").trim().replace(/\s+/g, "");
  if (t === "") return { ok: true, value: null };
  let m = /^([1-5])(级)?(\/.*)?$/.exec(t);
  if (m) return { ok: true, value: Number(m[1]) };
  m = /^([一二三四五])级(\/.*)?$/.exec(t);
  if (m && m[1]) return { ok: true, value: CHINESE_DIGITS[m[1]] ?? 0 };
  const title = LEVEL_TITLES[t];
  if (title) return { ok: true, value: title };
  return { ok: false, message: "demand.roster.levelInvalid" };
}

/** The precise message for a wrong identity number (GB 11643-1999), with what was wrong where. */
export function idNumberMessage(e: IdNumberError): string {
  switch (e.code) {
    case "required":
      return "demand.idNumber.required";
    case "length":
      return msg("demand.idNumber.length", { expected: e.expected ?? "18", actual: e.actual ?? "" });
    case "charset":
      return msg("demand.idNumber.charset", { position: e.position ?? 0, actual: e.actual ?? "" });
    case "birthDateInvalid":
      return msg("demand.idNumber.birthDateInvalid", { actual: e.actual ?? "" });
    case "birthDateInFuture":
      return msg("demand.idNumber.birthDateInFuture", { actual: e.actual ?? "" });
    case "birthDateTooEarly":
      return msg("demand.idNumber.birthDateTooEarly", { actual: e.actual ?? "" });
    case "checkChar":
      return msg("demand.idNumber.checkChar", { expected: e.expected ?? "", actual: e.actual ?? "" });
  }
}

/** Show a phone with its middle hidden: 138****5678, 0571-****1234. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "*".repeat(phone.length);
  const area = /^(0\d{2,3})-/.exec(phone)?.[1];
  return area ? `${area}-****${phone.slice(-4)}` : `****${phone.slice(-4)}`;
}

/**
 * The roster can change while the demand is alive, contracted included: its trainees are offered
 * to the cohort when the contract takes effect, and the enterprise completes a short roster
 * afterwards (issue "Delivery": the enterprise completes missing rosters), whose newcomers are
 * offered then. A trainee confirmed in a cohort stays on it (checked when removing). A demand
 * that is fulfilled or closed (rejected, withdrawn) keeps its roster as it was.
 */
export function isRosterEditable(status: DemandStatus): boolean {
  return !["fulfilled", "rejected", "withdrawn"].includes(status);
}

/** One row as read from a file, before any check. `line` is its row number in the file (the header is line 1). */
export interface RawRosterRow {
  line: number;
  name: string;
  idNumber: string;
  phone: string;
  currentLevel: string;
  /** The identity number cell held a number, so a spreadsheet may have rounded its last digits. */
  idNumberWasNumber?: boolean;
}

/** A row that passed every check, normalised. */
export interface GoodRosterRow {
  line: number;
  name: string;
  idNumber: string;
  phone: string;
  currentLevel: number | null;
}

/** Why a row was refused: the column at fault, if one, and a message `key` or `key|{params}`. */
export interface RosterReason {
  column?: RosterColumn;
  message: string;
}

export interface BadRosterRow {
  line: number;
  name: string;
  reasons: RosterReason[];
}

export interface RosterCheck {
  total: number;
  good: GoodRosterRow[];
  bad: BadRosterRow[];
}

/** Checks one trainee's fields; the precise reason for each that is wrong. */
export function checkTrainee(
  row: Omit<RawRosterRow, "line">,
  today: IsoDate,
): { ok: true; value: Omit<GoodRosterRow, "line"> } | { ok: false; errors: Partial<Record<RosterColumn, string>> } {
  const errors: Partial<Record<RosterColumn, string>> = {};
  const name = validateTraineeName(row.name);
  if (!name.ok) errors.name = name.message;
  const id = validateIdNumber(row.idNumber, today);
  if (!id.ok) errors.idNumber = row.idNumberWasNumber && id.error.code !== "required" ? "demand.idNumber.storedAsNumber" : idNumberMessage(id.error);
  const phone = validatePhone(row.phone);
  if (!phone.ok) errors.phone = phone.message;
  const level = parseLevel(row.currentLevel);
  if (!level.ok) errors.currentLevel = level.message;
  if (!name.ok || !id.ok || !phone.ok || !level.ok) return { ok: false, errors };
  return { ok: true, value: { name: name.value, idNumber: id.value, phone: phone.value, currentLevel: level.value } };
}

const COLUMN_ORDER: RosterColumn[] = ["name", "idNumber", "phone", "currentLevel"];

/**
 * Checks every row of a file against the rules for one trainee, against the other rows (the same
 * identity number twice), against the demand's roster (already on it) and against its headcount
 * (rows beyond the places left are refused, in file order). Nothing is imported here.
 */
export function checkRosterRows(
  rows: readonly RawRosterRow[],
  ctx: { today: IsoDate; rosterIdNumbers: ReadonlySet<string>; placesLeft: number; headcount: number },
): RosterCheck {
  const good: GoodRosterRow[] = [];
  const bad: BadRosterRow[] = [];
  const firstLineOf = new Map<string, number>();
  let placesLeft = Math.max(0, ctx.placesLeft);
  for (const row of rows) {
    const checked = checkTrainee(row, ctx.today);
    if (!checked.ok) {
      const reasons = COLUMN_ORDER.flatMap((column) => {
        const message = checked.errors[column];
        return message ? [{ column, message }] : [];
      });
      bad.push({ line: row.line, name: row.name.trim(), reasons });
      continue;
    }
    const v = checked.value;
    const earlier = firstLineOf.get(v.idNumber);
    if (earlier !== undefined) {
      bad.push({ line: row.line, name: v.name, reasons: [{ column: "idNumber", message: msg("demand.roster.duplicateInFile", { line: earlier }) }] });
      continue;
    }
    firstLineOf.set(v.idNumber, row.line);
    if (ctx.rosterIdNumbers.has(v.idNumber)) {
      bad.push({ line: row.line, name: v.name, reasons: [{ column: "idNumber", message: "demand.roster.alreadyOnRoster" }] });
      continue;
    }
    if (placesLeft === 0) {
      bad.push({ line: row.line, name: v.name, reasons: [{ message: msg("demand.roster.overHeadcount", { headcount: ctx.headcount }) }] });
      continue;
    }
    placesLeft -= 1;
    good.push({ line: row.line, ...v });
  }
  return { total: rows.length, good, bad };
}

/** The add-one-trainee form (DESIGN.md "Demand": the roster can come later, one by one or from a file). */
export function traineeFormSchema(today: IsoDate) {
  return z
    .object({
      name: z.string({ error: "demand.roster.nameRequired" }),
      idNumber: z.string({ error: "demand.idNumber.required" }),
      phone: z.string({ error: "demand.roster.phoneRequired" }),
      currentLevel: z.string().optional(),
    })
    .transform((v, ctx) => {
      const r = checkTrainee({ name: v.name, idNumber: v.idNumber, phone: v.phone, currentLevel: v.currentLevel ?? "" }, today);
      if (r.ok) return r.value;
      for (const [path, message] of Object.entries(r.errors)) ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    });
}
