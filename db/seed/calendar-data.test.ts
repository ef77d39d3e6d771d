// chinese-days ships its whole table as JSON, built from the State Council notices. Reading the
// table rather than calling its functions keeps this test independent of the machine's time zone
// (its functions read dates in local time and go wrong west of UTC).
import chineseDays from "chinese-days/dist/chinese-days.json";
import { describe, expect, it } from "vitest";
import { isWorkingDay } from "~/modules/reference/working-days";
import { CALENDAR, CALENDAR_YEARS, SEED_WORKING_DAY_CALENDAR, type CalendarDay } from "./calendar-data";

/** chinese-days names a day "English,中文,days", e.g. "Tomb-sweeping Day,清明,1". */
const theirHolidays: Record<string, string> = chineseDays.holidays;
const theirWorkdays: Record<string, string> = chineseDays.workdays;

function theirDatesIn(table: Record<string, string>, year: number): string[] {
  return Object.keys(table)
    .filter((date) => date.startsWith(`${year}-`))
    .sort();
}

function theirIsWorkday(date: string): boolean {
  if (date in theirWorkdays) return true;
  if (date in theirHolidays) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function yearOf(year: number) {
  const entry = CALENDAR[year];
  if (!entry) throw new Error(`${year} is not seeded`);
  return entry;
}

/** Every date of a year, 'YYYY-MM-DD'. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
    dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Our festival names as chinese-days spells them. */
const THEIR_NAME: Record<string, string> = {
  元旦: "元旦",
  春节: "春节",
  清明节: "清明",
  劳动节: "劳动节",
  端午节: "端午",
  中秋节: "中秋",
  国庆节: "国庆节",
};

function shortName(day: CalendarDay): string | undefined {
  return THEIR_NAME[day.name_zh];
}

describe("calendar seed", () => {
  // chinese-days 1.5.7 has 2026 but not 2027; when an upgrade brings 2027, this fails until the
  // seed has it too.
  it("seeds exactly those of 2026 and 2027 that chinese-days carries", () => {
    const published = [2026, 2027].filter((year) => theirDatesIn(theirHolidays, year).length > 0);
    expect(CALENDAR_YEARS).toEqual(published);
  });

  describe.each(CALENDAR_YEARS)("%i", (year) => {
    const { holidays, makeupWorkdays, source } = yearOf(year);
    const byDate = (day: CalendarDay) => [day.date, day] as const;

    it("cites its State Council General Office notice", () => {
      expect(source.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
      expect(source.number).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
      expect(source.issued < `${year}-01-01`).toBe(true);
    });

    it("has real, unique dates within the year, none both a holiday and a make-up day", () => {
      const all = [...holidays, ...makeupWorkdays].map((d) => d.date);
      for (const date of all) {
        expect(date).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      }
      expect(new Set(all).size).toBe(all.length);
    });

    it.each(holidays.map(byDate))("%s is a holiday of the same festival in chinese-days", (date, day) => {
      expect(theirHolidays[date]).toBeDefined();
      expect(theirHolidays[date]?.split(",")[1]).toBe(shortName(day));
    });

    it.each(makeupWorkdays.map(byDate))("%s is a make-up working day of the same festival in chinese-days", (date, day) => {
      expect(theirWorkdays[date]).toBeDefined();
      expect(theirWorkdays[date]?.split(",")[1]).toBe(shortName(day));
      // A make-up day is a weekend day worked in exchange; a weekday would need no entry.
      expect([0, 6]).toContain(weekdayOf(date));
    });

    it("misses no holiday of chinese-days", () => {
      expect(holidays.map((d) => d.date).sort()).toEqual(theirDatesIn(theirHolidays, year));
    });

    it("misses no make-up working day of chinese-days", () => {
      expect(makeupWorkdays.map((d) => d.date).sort()).toEqual(theirDatesIn(theirWorkdays, year));
    });

    it("makes isWorkingDay agree with chinese-days on every date of the year", () => {
      const disagreements = datesOf(year).filter(
        (date) => isWorkingDay(date, SEED_WORKING_DAY_CALENDAR) !== theirIsWorkday(date),
      );
      expect(disagreements).toEqual([]);
    });
  });
});
