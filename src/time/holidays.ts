/**
 * Holiday calendars (days a site behaves like a weekend) and the proleptic
 * Gregorian day arithmetic they and the clock share. Months are 1..12 here,
 * as people write dates.
 */
import { ArgsError } from '../errors.js';

export const HOLIDAY_CALENDAR_NAMES = ['us-federal', 'us-office', 'india', 'india-maharashtra', 'none'] as const;
export type HolidayCalendarName = (typeof HOLIDAY_CALENDAR_NAMES)[number];

export interface Holiday {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  /** e.g. `Independence Day (observed)` */
  readonly name: string;
}

export interface HolidayCalendar {
  readonly name: HolidayCalendarName;
  /** month is 1..12 */
  isHoliday(year: number, month: number, day: number): boolean;
  /** the holidays falling in `year` (observed dates), in date order */
  holidaysIn(year: number): readonly Holiday[];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Inverse of daysFromCivil, packed as year * 512 + month * 32 + day so the
 * hot path needs no allocation; unpack with the helpers below.
 */
export function civilFromDays(dayIndex: number): number {
  const z = dayIndex + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 512 + month * 32 + day;
}
export const packedYear = (packed: number): number => Math.floor(packed / 512);
export const packedMonth = (packed: number): number => (packed >> 5) & 15;
export const packedDay = (packed: number): number => packed & 31;

/** 0 = Sunday; 1970-01-01 was a Thursday. */
export function weekdayOfDays(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Day of month of the n-th (1-based) given weekday in a month; n = -1 means the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = weekdayOfDays(daysFromCivil(year, month, 1));
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = daysInMonth(year, month);
  const last = weekdayOfDays(daysFromCivil(year, month, lastDay));
  return lastDay - ((last - weekday + 7) % 7);
}

type DayList = Array<{ days: number; name: string }>;

/** Fixed-date US holiday: a Saturday is observed on Friday, a Sunday on Monday (5 U.S.C. 6103). */
function observed(list: DayList, year: number, month: number, day: number, name: string): void {
  const d = daysFromCivil(year, month, day);
  const wd = weekdayOfDays(d);
  if (wd === 6) list.push({ days: d - 1, name: `${name} (observed)` });
  else if (wd === 0) list.push({ days: d + 1, name: `${name} (observed)` });
  else list.push({ days: d, name });
}

function floating(list: DayList, year: number, month: number, weekday: number, n: number, name: string): void {
  list.push({ days: daysFromCivil(year, month, nthWeekday(year, month, weekday, n)), name });
}

/** US federal holidays dated in `year` (rules as of 2021; Juneteenth only from 2021). */
function usFederal(year: number, officeExtras: boolean): DayList {
  const list: DayList = [];
  // New Year's Day on a Saturday is observed on Dec 31 of the year before, so look one year ahead.
  for (const y of [year, year + 1]) observed(list, y, 1, 1, "New Year's Day");
  floating(list, year, 1, 1, 3, 'Martin Luther King Jr. Day');
  floating(list, year, 2, 1, 3, "Washington's Birthday");
  floating(list, year, 5, 1, -1, 'Memorial Day');
  if (year >= 2021) observed(list, year, 6, 19, 'Juneteenth National Independence Day');
  observed(list, year, 7, 4, 'Independence Day');
  floating(list, year, 9, 1, 1, 'Labor Day');
  floating(list, year, 10, 1, 2, 'Columbus Day');
  observed(list, year, 11, 11, 'Veterans Day');
  floating(list, year, 11, 4, 4, 'Thanksgiving Day');
  if (officeExtras) {
    const thanksgiving = list[list.length - 1].days;
    list.push({ days: thanksgiving + 1, name: 'Day after Thanksgiving' });
  }
  observed(list, year, 12, 25, 'Christmas Day');
  return list;
}

/** India's three national (gazetted, all-state) holidays; no weekend shifting. */
function india(year: number): DayList {
  return [
    { days: daysFromCivil(year, 1, 26), name: 'Republic Day' },
    { days: daysFromCivil(year, 8, 15), name: 'Independence Day' },
    { days: daysFromCivil(year, 10, 2), name: 'Gandhi Jayanti' },
  ];
}

/**
 * Festivals on the lunisolar calendar that Maharashtra's industries close for, as the state government's
 * holiday lists date them (they move each year, so they are listed per year: outside these years only the
 * fixed-date holidays apply).
 */
const MAHARASHTRA_FESTIVALS: Readonly<Record<number, readonly (readonly [number, number, string])[]>> = {
  2023: [
    [3, 7, 'Holi'],
    [3, 22, 'Gudi Padwa'],
    [9, 19, 'Ganesh Chaturthi'],
    [10, 24, 'Dasara'],
    [11, 12, 'Diwali (Lakshmi Puja)'],
    [11, 14, 'Diwali (Balipratipada)'],
  ],
  2024: [
    [3, 25, 'Holi'],
    [4, 9, 'Gudi Padwa'],
    [9, 7, 'Ganesh Chaturthi'],
    [10, 12, 'Dasara'],
    [11, 1, 'Diwali (Lakshmi Puja)'],
    [11, 2, 'Diwali (Balipratipada)'],
  ],
  2025: [
    [3, 14, 'Holi'],
    [3, 30, 'Gudi Padwa'],
    [8, 27, 'Ganesh Chaturthi'],
    [10, 2, 'Dasara'],
    [10, 21, 'Diwali (Lakshmi Puja)'],
    [10, 22, 'Diwali (Balipratipada)'],
  ],
  2026: [
    [3, 3, 'Holi'],
    [3, 19, 'Gudi Padwa'],
    [9, 14, 'Ganesh Chaturthi'],
    [10, 20, 'Dasara'],
    [11, 8, 'Diwali (Lakshmi Puja)'],
    [11, 10, 'Diwali (Balipratipada)'],
  ],
  2027: [
    [3, 22, 'Holi'],
    [4, 7, 'Gudi Padwa'],
    [9, 4, 'Ganesh Chaturthi'],
    [10, 9, 'Dasara'],
    [10, 29, 'Diwali (Lakshmi Puja)'],
    [10, 30, 'Diwali (Balipratipada)'],
  ],
};

/** India's national holidays with Maharashtra's: Maharashtra Day, May Day's state holiday, and the festivals above. */
function indiaMaharashtra(year: number): DayList {
  const list = india(year);
  list.push({ days: daysFromCivil(year, 5, 1), name: 'Maharashtra Day' });
  list.push({ days: daysFromCivil(year, 12, 25), name: 'Christmas' });
  for (const [month, day, name] of MAHARASHTRA_FESTIVALS[year] ?? []) list.push({ days: daysFromCivil(year, month, day), name });
  return list;
}

class RuleCalendar implements HolidayCalendar {
  private readonly byYear = new Map<number, { keys: Set<number>; list: readonly Holiday[] }>();
  private lastYear = NaN;
  private lastKeys: Set<number> = new Set();

  constructor(
    readonly name: HolidayCalendarName,
    private readonly rules: (year: number) => DayList,
  ) {}

  isHoliday(year: number, month: number, day: number): boolean {
    if (year !== this.lastYear) {
      this.lastKeys = this.yearEntry(year).keys;
      this.lastYear = year;
    }
    return this.lastKeys.has(month * 32 + day);
  }

  holidaysIn(year: number): readonly Holiday[] {
    return this.yearEntry(year).list;
  }

  private yearEntry(year: number): { keys: Set<number>; list: readonly Holiday[] } {
    let entry = this.byYear.get(year);
    if (!entry) {
      const list = this.rules(year)
        .map(({ days, name }) => {
          const p = civilFromDays(days);
          return { year: packedYear(p), month: packedMonth(p), day: packedDay(p), name };
        })
        .filter((h) => h.year === year)
        .sort((a, b) => a.month * 32 + a.day - (b.month * 32 + b.day));
      entry = { keys: new Set(list.map((h) => h.month * 32 + h.day)), list };
      this.byYear.set(year, entry);
    }
    return entry;
  }
}

const calendars = new Map<HolidayCalendarName, HolidayCalendar>();

/** The named calendar (memoized). Unknown names throw an ArgsError listing the valid ones. */
export function holidayCalendar(name: HolidayCalendarName): HolidayCalendar {
  let cal = calendars.get(name);
  if (cal) return cal;
  switch (name) {
    case 'us-federal':
      cal = new RuleCalendar(name, (y) => usFederal(y, false));
      break;
    case 'us-office':
      cal = new RuleCalendar(name, (y) => usFederal(y, true));
      break;
    case 'india':
      cal = new RuleCalendar(name, india);
      break;
    case 'india-maharashtra':
      cal = new RuleCalendar(name, indiaMaharashtra);
      break;
    case 'none':
      cal = new RuleCalendar(name, () => []);
      break;
    default:
      throw new ArgsError(`unknown holiday calendar "${String(name)}": expected one of ${HOLIDAY_CALENDAR_NAMES.join(', ')}`);
  }
  calendars.set(name, cal);
  return cal;
}
