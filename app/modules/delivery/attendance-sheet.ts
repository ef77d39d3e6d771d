/**
 * A session's sign-in sheet (签到表) as a file: one row per trainee with their identity number,
 * name and hours attended. Pure rules for its headers, for one cell of hours, and for the whole
 * sheet against the cohort (DESIGN.md "Contract and delivery"; issue "Delivery": attendance
 * imported from a CSV/XLSX sign-in sheet with per-row errors). All or nothing: one bad row and
 * nothing is recorded.
 */
import { idNumberMessage } from "~/modules/demand/roster";
import { validateIdNumber } from "~/modules/reference/id-number";
import { msg } from "~/utils/result";
import { minutesToHours } from "./sessions";

/** The template's headers, in order (Chinese first). */
export const SHEET_HEADERS = ["身份证号", "姓名", "出勤学时"] as const;

export type SheetColumn = "idNumber" | "name" | "hours";

/** Header texts each column is recognised by, folded (NFKC, no spaces, '*', ':' or bracketed notes, lower case). */
const HEADER_ALIASES: Record<SheetColumn, string[]> = {
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "身份证", "idnumber", "identitynumber", "residentidentitynumber"],
  name: ["姓名", "学员姓名", "name"],
  hours: ["出勤学时", "学时", "出勤时长", "出勤小时", "hours", "attendedhours", "hoursattended", "attendance"],
};

function foldHeader(h: string): string {
  return h.normalize("NFKC").replace(/\([^)]*\)/g, "").replace(/[\s*:_-]/g, "").toLowerCase();
}

/** Which column each header names; the identity number and hours are required, the name optional. */
export function mapSheetHeaders(headers: readonly string[]): { columns: Partial<Record<SheetColumn, number>>; missing: SheetColumn[] } {
  const columns: Partial<Record<SheetColumn, number>> = {};
  headers.forEach((h, i) => {
    const f = foldHeader(h);
    for (const [col, aliases] of Object.entries(HEADER_ALIASES) as [SheetColumn, string[]][]) {
      if (columns[col] === undefined && aliases.includes(f)) columns[col] = i;
    }
  });
  const missing = (["idNumber", "hours"] as const).filter((c) => columns[c] === undefined);
  return { columns, missing };
}

/**
 * Hours attended as typed or read from a cell ("3.5", "3,5", "４") to whole minutes: a number of
 * quarter hours from 0 to the session's planned minutes.
 */
export function parseAttendedHours(input: string | null | undefined, plannedMinutes: number): { ok: true; minutes: number } | { ok: false; message: string } {
  const text = (input ?? "").normalize("NFKC").trim().replace(",", ".");
  if (text === "") return { ok: false, message: "delivery.attendance.errors.hoursRequired" };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: "delivery.attendance.errors.hoursNotNumber" };
  const minutes = Number(text) * 60;
  if (!Number.isFinite(minutes)) return { ok: false, message: "delivery.attendance.errors.hoursNotNumber" };
  if (minutes > plannedMinutes) return { ok: false, message: msg("delivery.attendance.errors.overPlanned", { planned: minutesToHours(plannedMinutes) }) };
  // Quarter hours, as planned hours are; a spreadsheet's 3.4999999 is not a quarter hour.
  const rounded = Math.round(minutes);
  if (Math.abs(minutes - rounded) > 1e-6 || rounded % 15 !== 0) return { ok: false, message: "delivery.attendance.errors.quarterHours" };
  return { ok: true, minutes: rounded };
}

/** One row as read from a file; `line` is its row number in the file (the header is line 1). */
export interface RawSheetRow {
  line: number;
  idNumber: string;
  name: string;
  hours: string;
}

export interface SheetReason {
  column?: SheetColumn;
  message: string;
}

export interface BadSheetRow {
  line: number;
  name: string;
  reasons: SheetReason[];
}

export interface GoodSheetRow {
  line: number;
  enrolmentId: string;
  minutes: number;
}

/** What the sheet is checked against: the cohort by identity number, and who else the contract knows. */
export interface SheetContext {
  today: string;
  plannedMinutes: number;
  /** The confirmed trainees of the cohort, by identity number. */
  cohort: ReadonlyMap<string, { enrolmentId: string; name: string }>;
  /** Identity numbers the contract knows but that are not in the cohort (offered, declined, replaced, dropped). */
  others: ReadonlySet<string>;
}

const sameName = (a: string, b: string) => a.normalize("NFKC").replace(/\s+/g, "") === b.normalize("NFKC").replace(/\s+/g, "");

/**
 * Checks every row of a sheet: the identity number (well formed, a trainee of this contract, in
 * its cohort), the name when given (must match), the hours (a number of quarter hours, not above
 * the session's planned hours) and duplicates (the same person twice). Every fault of every row
 * is reported; nothing is recorded here.
 */
export function checkSheetRows(rows: readonly RawSheetRow[], ctx: SheetContext): { total: number; good: GoodSheetRow[]; bad: BadSheetRow[] } {
  const good: GoodSheetRow[] = [];
  const bad: BadSheetRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const reasons: SheetReason[] = [];
    const id = validateIdNumber(row.idNumber, ctx.today);
    let member: { enrolmentId: string; name: string } | undefined;
    if (!id.ok) {
      reasons.push({ column: "idNumber", message: idNumberMessage(id.error) });
    } else {
      const earlier = firstLineOf.get(id.value);
      if (earlier !== undefined) reasons.push({ column: "idNumber", message: msg("delivery.import.errors.duplicate", { line: earlier }) });
      else firstLineOf.set(id.value, row.line);
      member = ctx.cohort.get(id.value);
      if (!member) reasons.push({ column: "idNumber", message: ctx.others.has(id.value) ? "delivery.import.errors.notInCohort" : "delivery.import.errors.unknownIdNumber" });
      else if (row.name.trim() !== "" && !sameName(row.name, member.name)) reasons.push({ column: "name", message: "delivery.import.errors.nameMismatch" });
    }
    const hours = parseAttendedHours(row.hours, ctx.plannedMinutes);
    if (!hours.ok) reasons.push({ column: "hours", message: hours.message });
    if (reasons.length > 0 || !member || !hours.ok) {
      bad.push({ line: row.line, name: row.name.trim().slice(0, 50), reasons });
      continue;
    }
    good.push({ line: row.line, enrolmentId: member.enrolmentId, minutes: hours.minutes });
  }
  return { total: rows.length, good, bad };
}
