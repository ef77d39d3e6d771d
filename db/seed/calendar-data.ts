/**
 * The working-day calendar's seed: statutory holidays (法定节假日) and make-up working days
 * (调休上班) of the People's Republic of China, as the State Council General Office publishes them
 * each year in its notice 《国务院办公厅关于YYYY年部分节假日安排的通知》. A bureau admin can edit
 * the calendar afterwards (DESIGN "Reference data").
 *
 * `holidays` lists every day of each holiday period, weekend days included, as the notice counts
 * them ("共N天"); `makeupWorkdays` are the weekend days worked in exchange.
 *
 * Checked date by date against the maintained npm package `chinese-days` (calendar-data.test.ts).
 *
 * 2027 IS NOT SEEDED: chinese-days 1.5.7 carries no arrangement for 2027 and the State Council
 * notice for 2027 was not available to us. Dates are never guessed: add 2027 here (and to
 * CALENDAR_YEARS) from the notice once it is published, and upgrade chinese-days so the test
 * checks it. Until then, working days in 2027 fall back to plain Monday–Friday.
 */

export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  date: string;
  name_zh: string;
  name_en: string;
}

export interface CalendarYear {
  /** The notice this year's arrangement comes from. */
  source: { title: string; number: string; issued: string; url: string };
  holidays: CalendarDay[];
  makeupWorkdays: CalendarDay[];
}

const FESTIVALS = {
  newYear: { name_zh: "元旦", name_en: "New Year's Day" },
  springFestival: { name_zh: "春节", name_en: "Spring Festival" },
  qingming: { name_zh: "清明节", name_en: "Qingming Festival" },
  labourDay: { name_zh: "劳动节", name_en: "Labour Day" },
  dragonBoat: { name_zh: "端午节", name_en: "Dragon Boat Festival" },
  midAutumn: { name_zh: "中秋节", name_en: "Mid-Autumn Festival" },
  nationalDay: { name_zh: "国庆节", name_en: "National Day" },
} as const;

type Festival = keyof typeof FESTIVALS;

/** Every date from `first` to `last` inclusive (both in the same month), named after the festival. */
function period(festival: Festival, yearMonth: string, firstDay: number, lastDay: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    days.push({ date: `${yearMonth}-${String(d).padStart(2, "0")}`, ...FESTIVALS[festival] });
  }
  return days;
}

function workday(festival: Festival, date: string): CalendarDay {
  return { date, ...FESTIVALS[festival] };
}

export const CALENDAR: Record<number, CalendarYear> = {
  /**
   * 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), issued 2025-11-04:
   * 元旦 1月1日至3日放假调休，共3天，1月4日上班；春节 2月15日至23日放假调休，共9天，2月14日、
   * 2月28日上班；清明节 4月4日至6日，共3天；劳动节 5月1日至5日放假调休，共5天，5月9日上班；
   * 端午节 6月19日至21日，共3天；中秋节 9月25日至27日，共3天；国庆节 10月1日至7日放假调休，
   * 共7天，9月20日、10月10日上班。
   */
  2026: {
    source: {
      title: "国务院办公厅关于2026年部分节假日安排的通知",
      number: "国办发明电〔2025〕7号",
      issued: "2025-11-04",
      url: "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
    },
    holidays: [
      ...period("newYear", "2026-01", 1, 3),
      ...period("springFestival", "2026-02", 15, 23),
      ...period("qingming", "2026-04", 4, 6),
      ...period("labourDay", "2026-05", 1, 5),
      ...period("dragonBoat", "2026-06", 19, 21),
      ...period("midAutumn", "2026-09", 25, 27),
      ...period("nationalDay", "2026-10", 1, 7),
    ],
    makeupWorkdays: [
      workday("newYear", "2026-01-04"),
      workday("springFestival", "2026-02-14"),
      workday("springFestival", "2026-02-28"),
      workday("labourDay", "2026-05-09"),
      workday("nationalDay", "2026-09-20"),
      workday("nationalDay", "2026-10-10"),
    ],
  },
};

/** The years whose arrangement has been published and is seeded: 2026 only, see above. */
export const CALENDAR_YEARS: readonly number[] = Object.keys(CALENDAR)
  .map(Number)
  .sort((a, b) => a - b);

/** All seeded years flattened into the shape the working-day functions take (WorkingDayCalendar). */
export const SEED_WORKING_DAY_CALENDAR: { holidays: ReadonlySet<string>; makeupWorkdays: ReadonlySet<string> } = {
  holidays: new Set(CALENDAR_YEARS.flatMap((y) => CALENDAR[y]?.holidays ?? []).map((d) => d.date)),
  makeupWorkdays: new Set(CALENDAR_YEARS.flatMap((y) => CALENDAR[y]?.makeupWorkdays ?? []).map((d) => d.date)),
};
