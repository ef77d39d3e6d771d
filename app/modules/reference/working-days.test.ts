import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_PERIOD_DAYS,
  addCalendarDays,
  addDaysToInstant,
  addWorkingDays,
  calendarDayDeadline,
  calendarDaysBetween,
  endOfShanghaiDay,
  isIsoDate,
  isWorkingDay,
  meetsMinCalendarDays,
  shanghaiDate,
  startOfShanghaiDay,
  workingDayDeadline,
  workingDaysBetween,
  type WorkingDayCalendar,
} from "./working-days";

/** The autumn of 2026 as the State Council notice has it: 中秋 9-25…27, 国庆 10-01…07, worked 9-20 and 10-10. */
const AUTUMN_2026: WorkingDayCalendar = {
  holidays: [
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
  ],
  makeupWorkdays: new Set(["2026-09-20", "2026-10-10"]),
};

const NO_HOLIDAYS: WorkingDayCalendar = { holidays: [], makeupWorkdays: [] };

const at = (iso: string) => new Date(iso);

describe("isWorkingDay", () => {
  it.each([
    ["2026-09-24", true, "a Thursday"],
    ["2026-09-25", false, "a Friday that is 中秋"],
    ["2026-09-20", true, "a Sunday worked for 国庆"],
    ["2026-09-19", false, "a plain Saturday"],
    ["2026-10-01", false, "National Day, a Thursday"],
    ["2026-10-07", false, "the last day of the holiday, a Wednesday"],
    ["2026-10-08", true, "the Thursday after"],
    ["2026-10-10", true, "a Saturday worked for 国庆"],
    ["2026-10-11", false, "a plain Sunday"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isWorkingDay(date, AUTUMN_2026)).toBe(expected);
  });

  it("accepts the calendar as arrays or sets alike", () => {
    const asSets: WorkingDayCalendar = { holidays: new Set(["2026-10-01"]), makeupWorkdays: new Set(["2026-10-10"]) };
    const asArrays: WorkingDayCalendar = { holidays: ["2026-10-01"], makeupWorkdays: ["2026-10-10"] };
    for (const date of ["2026-10-01", "2026-10-10", "2026-10-02"]) {
      expect(isWorkingDay(date, asSets)).toBe(isWorkingDay(date, asArrays));
    }
  });
});

describe("addWorkingDays (counting from the next day)", () => {
  it.each([
    ["2026-09-30", 0, "2026-09-30"],
    ["2026-10-03", 0, "2026-10-03"],
    ["2026-09-30", 1, "2026-10-08"],
    ["2026-09-30", 2, "2026-10-09"],
    ["2026-09-30", 3, "2026-10-10"],
    ["2026-09-30", 4, "2026-10-12"],
    ["2026-09-30", 7, "2026-10-15"],
    ["2026-10-03", 1, "2026-10-08"],
    ["2026-09-18", 1, "2026-09-20"],
    ["2026-09-24", 1, "2026-09-28"],
    ["2026-10-08", -1, "2026-09-30"],
    ["2026-10-12", -2, "2026-10-09"],
    ["2026-10-12", -3, "2026-10-08"],
  ])("%s + %i WD → %s", (date, n, expected) => {
    expect(addWorkingDays(date, n, AUTUMN_2026)).toBe(expected);
  });

  it("is plain Monday–Friday with an empty calendar", () => {
    expect(addWorkingDays("2026-10-01", 5, NO_HOLIDAYS)).toBe("2026-10-08");
  });
});

describe("workingDaysBetween (after a, up to and including b)", () => {
  it.each([
    ["2026-09-30", "2026-09-30", 0],
    ["2026-09-30", "2026-10-07", 0],
    ["2026-09-30", "2026-10-08", 1],
    ["2026-09-30", "2026-10-10", 3],
    ["2026-09-30", "2026-10-11", 3],
    ["2026-10-10", "2026-09-30", -3],
    ["2026-09-18", "2026-09-20", 1],
  ])("%s → %s: %i", (a, b, expected) => {
    expect(workingDaysBetween(a, b, AUTUMN_2026)).toBe(expected);
  });
});

describe("calendar days", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-02", 20, "2026-03-22"],
  ])("%s + %i D → %s", (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
    expect(calendarDaysBetween(date, expected)).toBe(n);
  });
});

describe("instants and Shanghai dates", () => {
  it.each([
    ["2026-03-01T15:59:59.999Z", "2026-03-01"],
    ["2026-03-01T16:00:00.000Z", "2026-03-02"],
    ["2026-12-31T16:00:00.000Z", "2027-01-01"],
  ])("shanghaiDate(%s) = %s", (instant, date) => {
    expect(shanghaiDate(at(instant))).toBe(date);
  });

  it("puts the day's bounds at +08:00", () => {
    expect(startOfShanghaiDay("2026-03-01").toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(endOfShanghaiDay("2026-03-01").toISOString()).toBe("2026-03-01T15:59:59.999Z");
  });

  it("uses the time-zone database, not a fixed +08:00 (China kept summer time 1986–1991)", () => {
    expect(endOfShanghaiDay("1988-06-01").toISOString()).toBe("1988-06-01T14:59:59.999Z");
  });

  it("adds calendar days to an instant keeping the Shanghai time of day", () => {
    expect(addDaysToInstant(at("2026-03-01T15:00:00Z"), 15).toISOString()).toBe("2026-03-16T15:00:00.000Z");
  });
});

describe("meetsMinCalendarDays: publication → bid deadline ≥ 20 D (政府采购法 art. 35)", () => {
  it.each([
    ["published 10:00, deadline 09:30 twenty days later", "2026-03-02T02:00:00Z", "2026-03-22T01:30:00Z", true],
    ["deadline at the end of the 19th day", "2026-03-02T02:00:00Z", "2026-03-21T15:59:59.999Z", false],
    ["published 00:30 Shanghai (still the 1st in UTC): its day is the 2nd", "2026-03-01T16:30:00Z", "2026-03-21T01:30:00Z", false],
    ["the same, with a deadline on the 22nd", "2026-03-01T16:30:00Z", "2026-03-22T01:30:00Z", true],
    ["a deadline before publication", "2026-03-22T01:30:00Z", "2026-03-02T02:00:00Z", false],
  ])("%s → %s", (_name, from, to, expected) => {
    expect(meetsMinCalendarDays(at(from), at(to), 20)).toBe(expected);
  });
});

describe("deadlines at the end of a Shanghai day", () => {
  it("an objection within 7 WD of publicity ending 30 Sep 2026 runs to the end of 15 Oct", () => {
    expect(workingDayDeadline(at("2026-09-30T03:00:00Z"), 7, AUTUMN_2026).toISOString()).toBe("2026-10-15T15:59:59.999Z");
  });

  it("counts from the Shanghai date of the event, late at night included", () => {
    // 23:30 on 30 Sep in Shanghai is still 30 Sep; 00:30 on 1 Oct is in the holiday.
    expect(workingDayDeadline(at("2026-09-30T15:30:00Z"), 1, AUTUMN_2026).toISOString()).toBe("2026-10-08T15:59:59.999Z");
    expect(workingDayDeadline(at("2026-09-30T16:30:00Z"), 1, AUTUMN_2026).toISOString()).toBe("2026-10-08T15:59:59.999Z");
    expect(workingDayDeadline(at("2026-09-29T16:30:00Z"), 1, AUTUMN_2026).toISOString()).toBe("2026-10-08T15:59:59.999Z");
    expect(workingDayDeadline(at("2026-09-29T15:30:00Z"), 1, AUTUMN_2026).toISOString()).toBe("2026-09-30T15:59:59.999Z");
  });

  it("a contract within 30 D of the award notice: end of the 30th day", () => {
    expect(calendarDayDeadline(at("2026-03-02T02:00:00Z"), 30).toISOString()).toBe("2026-04-01T15:59:59.999Z");
  });
});

describe("bad input is a programming error", () => {
  it.each([[""], ["2026-02-29"], ["2026-13-01"], ["2026-2-1"], ["20260201"], ["0999-01-01"], ["2026-01-01T00:00"]])(
    "'%s' is not a date",
    (date) => {
      expect(isIsoDate(date)).toBe(false);
      expect(() => isWorkingDay(date, NO_HOLIDAYS)).toThrow(RangeError);
      expect(() => addCalendarDays(date, 1)).toThrow(RangeError);
    },
  );

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [MAX_PERIOD_DAYS + 1]])("%d is not a period", (n) => {
    expect(() => addWorkingDays("2026-01-01", n, NO_HOLIDAYS)).toThrow(RangeError);
    expect(() => addDaysToInstant(at("2026-01-01T00:00:00Z"), n)).toThrow(RangeError);
  });

  it("an invalid Date is not an instant", () => {
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

// --- properties ------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayIndex = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (index: number) => new Date(index * DAY_MS).toISOString().slice(0, 10);

const date = fc.integer({ min: dayIndex("1990-01-01"), max: dayIndex("2040-12-31") }).map(isoOf);

/** Any calendar: random holidays (weekdays or not) and random make-up days, some of them near each other. */
const calendar: fc.Arbitrary<WorkingDayCalendar> = fc
  .record({
    holidays: fc.uniqueArray(date, { maxLength: 120 }),
    makeupWorkdays: fc.uniqueArray(date, { maxLength: 30 }),
    clustered: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
    asSet: fc.boolean(),
  })
  .map(({ holidays, makeupWorkdays, clustered, asSet }) => {
    // A dense block of holidays makes long holiday periods likelier than independent random days.
    const start = holidays[0] ? dayIndex(holidays[0]) : dayIndex("2026-01-01");
    const allHolidays = [...holidays, ...clustered.map((k) => isoOf(start + k))];
    return asSet
      ? { holidays: new Set(allHolidays), makeupWorkdays: new Set(makeupWorkdays) }
      : { holidays: allHolidays, makeupWorkdays };
  });

const count = fc.integer({ min: 0, max: 400 });
const instant = fc.date({ min: new Date("1992-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true });

describe("working-day properties", () => {
  it("adding n working days and counting back gives n", () => {
    fc.assert(
      fc.property(date, count, calendar, (d, n, cal) => {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal)).toBe(n);
      }),
    );
  });

  it("the result of adding n ≠ 0 working days is a working day, on the right side of the start", () => {
    fc.assert(
      fc.property(date, count.filter((n) => n > 0), fc.boolean(), calendar, (d, n, back, cal) => {
        const result = addWorkingDays(d, back ? -n : n, cal);
        expect(isWorkingDay(result, cal)).toBe(true);
        expect(Math.sign(calendarDaysBetween(d, result))).toBe(back ? -1 : 1);
      }),
    );
  });

  it("going n working days forward from a working day and n back returns to it", () => {
    fc.assert(
      fc.property(date, count, calendar, (d, n, cal) => {
        const start = addWorkingDays(d, 1, cal);
        expect(addWorkingDays(addWorkingDays(start, n, cal), -n, cal)).toBe(start);
      }),
    );
  });

  it("adding m then n working days is adding m + n", () => {
    fc.assert(
      fc.property(date, count, count, calendar, (d, m, n, cal) => {
        expect(addWorkingDays(addWorkingDays(d, m, cal), n, cal)).toBe(addWorkingDays(d, m + n, cal));
      }),
    );
  });

  it("counting is antisymmetric and additive over consecutive ranges", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), calendar, (a, j, k, cal) => {
        const b = addCalendarDays(a, j);
        const c = addCalendarDays(b, k);
        expect(workingDaysBetween(a, b, cal) + workingDaysBetween(b, a, cal)).toBe(0);
        expect(workingDaysBetween(a, c, cal)).toBe(workingDaysBetween(a, b, cal) + workingDaysBetween(b, c, cal));
      }),
    );
  });

  it("a working-day deadline ends a working day, at 23:59:59.999 in Shanghai", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), calendar, (from, n, cal) => {
        const deadline = workingDayDeadline(from, n, cal);
        const day = shanghaiDate(deadline);
        expect(isWorkingDay(day, cal)).toBe(true);
        expect(shanghaiDate(new Date(deadline.getTime() + 1))).toBe(addCalendarDays(day, 1));
        expect(workingDaysBetween(shanghaiDate(from), day, cal)).toBe(n);
      }),
    );
  });
});

describe("instant properties", () => {
  it("a Shanghai day starts and ends on its own date, and the next instant is the next date", () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(shanghaiDate(startOfShanghaiDay(d))).toBe(d);
        expect(shanghaiDate(endOfShanghaiDay(d))).toBe(d);
        expect(shanghaiDate(new Date(startOfShanghaiDay(d).getTime() - 1))).toBe(addCalendarDays(d, -1));
        expect(shanghaiDate(new Date(endOfShanghaiDay(d).getTime() + 1))).toBe(addCalendarDays(d, 1));
      }),
    );
  });

  it("n calendar days after an instant meets an n-day minimum, and one day less does not", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 }), (from, n) => {
        expect(meetsMinCalendarDays(from, addDaysToInstant(from, n), n)).toBe(true);
        expect(meetsMinCalendarDays(from, addDaysToInstant(from, n - 1), n)).toBe(false);
      }),
    );
  });

  it("never throws on valid input", () => {
    fc.assert(
      fc.property(instant, instant, date, fc.integer({ min: -400, max: 400 }), calendar, (a, b, d, n, cal) => {
        isWorkingDay(d, cal);
        addWorkingDays(d, n, cal);
        addCalendarDays(d, n);
        workingDaysBetween(d, shanghaiDate(a), cal);
        meetsMinCalendarDays(a, b, Math.abs(n));
        addDaysToInstant(a, n);
        workingDayDeadline(a, Math.abs(n), cal);
        calendarDayDeadline(a, Math.abs(n));
      }),
    );
  });
});
