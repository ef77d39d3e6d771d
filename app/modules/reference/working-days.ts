/**
 * Dates, deadlines and the working-day calendar.
 *
 * Two kinds of time, never mixed:
 * - a *date* ('YYYY-MM-DD') is a day of the calendar with no zone; periods written in days (日)
 *   or working days (工作日) are counted in dates;
 * - an *instant* (a `Date`) is an exact moment, stored in UTC. Its date is the date in
 *   Asia/Shanghai, where the district is (DESIGN "Reference data").
 *
 * Counting follows 民法典 art. 201 (按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算)
 * and art. 203 (期间的最后一日的截止时间为二十四时): a period of n days starts the day after
 * its event and ends at the end of its last day.
 *
 * The working week is Monday to Friday (国务院关于职工工作时间的规定, 1995), less the statutory
 * holidays and plus the make-up working days (调休上班) that the State Council General Office
 * publishes each year (全国年节及纪念日放假办法); the calendar is data (db/seed/calendar-data.ts,
 * editable by a bureau admin), never code.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, endOfDay, format, isExists } from "date-fns";

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

type DateSet = ReadonlySet<IsoDate> | readonly IsoDate[];

/** Statutory holidays (法定节假日, including the weekend days inside a holiday period) and make-up working days (调休上班). */
export interface WorkingDayCalendar {
  holidays: DateSet;
  makeupWorkdays: DateSet;
}

export const SHANGHAI = "Asia/Shanghai";

/**
 * Dates are counted as whole days since 1970-01-01 (UTC, where every day is 86 400 000 ms long):
 * plain integer arithmetic, with no zone involved, and fast enough to walk a calendar day by day.
 */
const MS_PER_DAY = 86_400_000;

/** Upper bound on a period in days, so that a mistyped rule cannot make the server count for ever. */
export const MAX_PERIOD_DAYS = 36_500;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a real 'YYYY-MM-DD' date (years 1000–9999). */
export function isIsoDate(text: string): boolean {
  return parseParts(text) !== undefined;
}

/** Whether a date is a working day: a make-up working day, or Monday–Friday and not a statutory holiday (国务院关于职工工作时间的规定; 全国年节及纪念日放假办法). */
export function isWorkingDay(date: IsoDate, cal: WorkingDayCalendar): boolean {
  return isWorkingDayIn(toDay(date), resolve(cal));
}

/** The date n calendar days after `date` (before it when n is negative). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  assertDays(n);
  return fromDay(toDay(date) + n);
}

/** Calendar days from a to b (negative when b is before a); 0 for the same date. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toDay(b) - toDay(a);
}

/** The nth working day after `date`, counting from the next day (民法典 art. 201); for negative n, the |n|th working day before it; `date` itself for 0. */
export function addWorkingDays(date: IsoDate, n: number, cal: WorkingDayCalendar): IsoDate {
  assertDays(n);
  const sets = resolve(cal);
  const step = n < 0 ? -1 : 1;
  let day = toDay(date);
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isWorkingDayIn(day, sets)) left--;
  }
  return fromDay(day);
}

/** Working days after a up to and including b (民法典 art. 201); negative, −workingDaysBetween(b, a), when b is before a. */
export function workingDaysBetween(a: IsoDate, b: IsoDate, cal: WorkingDayCalendar): number {
  const span = calendarDaysBetween(a, b);
  if (span < 0) return 0 - workingDaysBetween(b, a, cal); // 0 − 0 is +0, where −0 would not be
  const sets = resolve(cal);
  let day = toDay(a);
  let count = 0;
  for (let i = 0; i < span; i++) {
    day += 1;
    if (isWorkingDayIn(day, sets)) count++;
  }
  return count;
}

/** The Asia/Shanghai date of an instant (DESIGN: times are stored in UTC, periods are counted on Shanghai dates). */
export function shanghaiDate(instant: Date): IsoDate {
  assertInstant(instant);
  return format(new TZDate(instant.getTime(), SHANGHAI), "yyyy-MM-dd");
}

/** The first instant of a date in Asia/Shanghai (00:00:00.000 +08:00). */
export function startOfShanghaiDay(date: IsoDate): Date {
  const [y, m, d] = partsOf(date);
  return new Date(new TZDate(y, m - 1, d, SHANGHAI).getTime());
}

/** The last instant of a date in Asia/Shanghai (23:59:59.999 +08:00): where a period ends (民法典 art. 203). */
export function endOfShanghaiDay(date: IsoDate): Date {
  const [y, m, d] = partsOf(date);
  return new Date(endOfDay(new TZDate(y, m - 1, d, SHANGHAI)).getTime());
}

/** The same Shanghai wall-clock time `days` calendar days later, e.g. an amended deadline at now + 15 D (政府采购货物和服务招标投标管理办法 (87号令) art. 27). */
export function addDaysToInstant(instant: Date, days: number): Date {
  assertInstant(instant);
  assertDays(days);
  return new Date(addDays(new TZDate(instant.getTime(), SHANGHAI), days).getTime());
}

/** Whether `to` falls at least `days` calendar days after `from`, counted on Shanghai dates from the next day (民法典 art. 201), e.g. publication → bid deadline ≥ 20 D (政府采购法 art. 35). */
export function meetsMinCalendarDays(from: Date, to: Date, days: number): boolean {
  assertDays(days);
  return calendarDaysBetween(shanghaiDate(from), shanghaiDate(to)) >= days;
}

/** The end (23:59:59.999 Shanghai) of the nth calendar day after `from`, e.g. contract signing within 30 D of the award notice (政府采购法 art. 46; 民法典 arts. 201, 203). */
export function calendarDayDeadline(from: Date, n: number): Date {
  return endOfShanghaiDay(addCalendarDays(shanghaiDate(from), n));
}

/** The end (23:59:59.999 Shanghai) of the nth working day after `from`, e.g. an objection within 7 WD (政府采购法 art. 52; 民法典 arts. 201, 203). */
export function workingDayDeadline(from: Date, n: number, cal: WorkingDayCalendar): Date {
  return endOfShanghaiDay(addWorkingDays(shanghaiDate(from), n, cal));
}

// --- internals -------------------------------------------------------------------------------

interface ResolvedCalendar {
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

function resolve(cal: WorkingDayCalendar): ResolvedCalendar {
  return { holidays: asSet(cal.holidays), makeupWorkdays: asSet(cal.makeupWorkdays) };
}

function asSet(dates: DateSet): ReadonlySet<IsoDate> {
  return dates instanceof Set ? dates : new Set(dates as readonly IsoDate[]);
}

function isWorkingDayIn(day: number, cal: ResolvedCalendar): boolean {
  const date = fromDay(day);
  if (cal.makeupWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function parseParts(text: string): [number, number, number] | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1000 || !isExists(y, m - 1, d)) return undefined;
  return [y, m, d];
}

function partsOf(date: IsoDate): [number, number, number] {
  const parts = parseParts(date);
  if (!parts) throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  return parts;
}

function toDay(date: IsoDate): number {
  const [y, m, d] = partsOf(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

const FIRST_DAY = Date.UTC(1000, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;

function fromDay(day: number): IsoDate {
  if (day < FIRST_DAY || day > LAST_DAY) throw new RangeError("date outside the years 1000–9999");
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function assertDays(n: number): void {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_PERIOD_DAYS) {
    throw new RangeError(`a period must be a whole number of days up to ${MAX_PERIOD_DAYS}, got ${n}`);
  }
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError("not a valid instant");
  }
}
