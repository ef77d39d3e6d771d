/**
 * Amendments of a published tender (DESIGN.md "Tender and lots": changes after publication are
 * amendments — recorded, public, and pushing the deadline where the rules say; "Procurement
 * rules": an amendment that affects bids needs ≥ 15 D before the deadline, else the deadline moves
 * to now + 15 D and live bids are flagged to re-confirm).
 */
import {
  addCalendarDays,
  calendarDaysBetween,
  isWorkingDay,
  shanghaiDate,
  startOfShanghaiDay,
  type IsoDate,
  type WorkingDayCalendar,
} from "~/modules/reference/working-days";
import type { LotStatus } from "./lifecycle";

/** The public content of a tender, as bidders rely on it. */
export interface TenderSnapshot {
  title: string;
  description: string | null;
  bidDeadline: string | null;
  minValidBids: number;
  pricePoints: number;
  criteria: readonly { name: string; description: string | null; points: number }[];
  lots: readonly {
    number: number;
    occupationCode: string;
    level: number;
    headcount: number;
    windowStart: IsoDate;
    windowEnd: IsoDate;
    maxPriceFen: number;
    status: LotStatus;
    demandIds: readonly string[];
  }[];
}

export type ChangedField =
  | "title"
  | "description"
  | "bidDeadline"
  | "minValidBids"
  | "pricePoints"
  | "criteria"
  | `lot${number}`;

export interface FieldChange {
  field: ChangedField;
  material: boolean;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function lotView(l: TenderSnapshot["lots"][number]) {
  return {
    occupationCode: l.occupationCode,
    level: l.level,
    headcount: l.headcount,
    windowStart: l.windowStart,
    windowEnd: l.windowEnd,
    maxPriceFen: l.maxPriceFen,
    status: l.status,
    demandIds: [...l.demandIds].sort(),
  };
}

/**
 * What an amendment changes, field by field, and whether it is material: anything a bid is built
 * on — deadline, lots (headcount, windows, prices, which demand), criteria and points, the price
 * points and the minimum of valid bids — is material; the title and description are not
 * (财政部令第87号 art. 27: 澄清或者修改的内容可能影响投标文件编制的).
 */
export function diffSnapshots(before: TenderSnapshot, after: TenderSnapshot): { changes: FieldChange[]; material: boolean } {
  const changes: FieldChange[] = [];
  const field = (name: ChangedField, material: boolean, a: unknown, b: unknown) => {
    if (!same(a, b)) changes.push({ field: name, material, before: a, after: b });
  };
  field("title", false, before.title, after.title);
  field("description", false, before.description, after.description);
  field("bidDeadline", true, before.bidDeadline, after.bidDeadline);
  field("minValidBids", true, before.minValidBids, after.minValidBids);
  field("pricePoints", true, before.pricePoints, after.pricePoints);
  field("criteria", true, before.criteria, after.criteria);
  const numbers = [...new Set([...before.lots, ...after.lots].map((l) => l.number))].sort((a, b) => a - b);
  for (const n of numbers) {
    const a = before.lots.find((l) => l.number === n);
    const b = after.lots.find((l) => l.number === n);
    field(`lot${n}`, true, a ? lotView(a) : null, b ? lotView(b) : null);
  }
  return { changes, material: changes.some((c) => c.material) };
}

/** The same Shanghai wall-clock time as `timeOf`, on `date`. */
function atTimeOf(date: IsoDate, timeOf: Date): Date {
  const sinceMidnight = timeOf.getTime() - startOfShanghaiDay(shanghaiDate(timeOf)).getTime();
  return new Date(startOfShanghaiDay(date).getTime() + sinceMidnight);
}

export interface DeadlineDecision {
  deadline: Date;
  /** The rule pushed the deadline (bidders are told so in the amendment). */
  moved: boolean;
}

/**
 * The deadline after an amendment (政府采购法实施条例 art. 31; 87号令 art. 27; 招标投标法 art. 23):
 * a material change needs at least N calendar days, counted on Shanghai dates, between the
 * amendment and the deadline. With fewer left, the deadline moves to the same time of day N days
 * after now — to the next working day when that is a holiday (民法典 art. 203: a period ending on
 * a statutory holiday ends on the day after it) — and never earlier than the current deadline.
 * Non-material changes leave the requested deadline as it is.
 */
export function amendedDeadline(input: {
  current: Date;
  requested: Date;
  material: boolean;
  now: Date;
  minRemainingDays: number;
  calendar: WorkingDayCalendar;
}): DeadlineDecision {
  const { current, requested, material, now, minRemainingDays, calendar } = input;
  if (!material) return { deadline: requested, moved: false };
  const today = shanghaiDate(now);
  if (calendarDaysBetween(today, shanghaiDate(requested)) >= minRemainingDays && requested.getTime() > now.getTime()) {
    return { deadline: requested, moved: false };
  }
  let date = addCalendarDays(today, minRemainingDays);
  // The calendar covers seeded years; a run of more than 60 non-working days cannot happen.
  for (let i = 0; i < 60 && !isWorkingDay(date, calendar); i++) date = addCalendarDays(date, 1);
  const moved = atTimeOf(date, requested);
  return { deadline: moved.getTime() < current.getTime() ? current : moved, moved: true };
}
