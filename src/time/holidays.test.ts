import { describe, expect, it } from 'vitest';
import { HaysimError } from '../errors.js';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  holidayCalendar,
  packedDay,
  packedMonth,
  packedYear,
  weekdayOfDays,
  type HolidayCalendarName,
} from './holidays.js';

const DAY = 86_400_000;
const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const datesOf = (name: HolidayCalendarName, year: number): string[] =>
  holidayCalendar(name)
    .holidaysIn(year)
    .map((h) => iso(h.year, h.month, h.day));

describe('civil day arithmetic', () => {
  it('agrees with Date.UTC and getUTCDay across four centuries', () => {
    for (let ms = Date.UTC(1899, 0, 1); ms < Date.UTC(2301, 0, 1); ms += 7.3 * DAY) {
      const date = new Date(ms);
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth() + 1;
      const d = date.getUTCDate();
      const days = Math.floor(ms / DAY);
      expect(daysFromCivil(y, m, d)).toBe(days);
      const p = civilFromDays(days);
      expect([packedYear(p), packedMonth(p), packedDay(p)]).toEqual([y, m, d]);
      expect(weekdayOfDays(days)).toBe(date.getUTCDay());
    }
  });

  it('knows leap years', () => {
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });
});

describe('US federal calendar (dates from the OPM holiday tables)', () => {
  it('2026: Independence Day on a Saturday is observed on Friday July 3', () => {
    expect(datesOf('us-federal', 2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('2021: Saturday holidays move to Friday, including New Year 2022 observed on Dec 31', () => {
    expect(datesOf('us-federal', 2021)).toEqual([
      '2021-01-01',
      '2021-01-18',
      '2021-02-15',
      '2021-05-31',
      '2021-06-18',
      '2021-07-05',
      '2021-09-06',
      '2021-10-11',
      '2021-11-11',
      '2021-11-25',
      '2021-12-24',
      '2021-12-31',
    ]);
  });

  it('2022: no New Year holiday of its own (observed in 2021); Sunday holidays move to Monday', () => {
    expect(datesOf('us-federal', 2022)).toEqual([
      '2022-01-17',
      '2022-02-21',
      '2022-05-30',
      '2022-06-20',
      '2022-07-04',
      '2022-09-05',
      '2022-10-10',
      '2022-11-11',
      '2022-11-24',
      '2022-12-26',
    ]);
  });

  it('2023: New Year on a Sunday → Monday Jan 2; Veterans Day on a Saturday → Friday Nov 10', () => {
    expect(datesOf('us-federal', 2023)).toEqual([
      '2023-01-02',
      '2023-01-16',
      '2023-02-20',
      '2023-05-29',
      '2023-06-19',
      '2023-07-04',
      '2023-09-04',
      '2023-10-09',
      '2023-11-10',
      '2023-11-23',
      '2023-12-25',
    ]);
  });

  it('has no Juneteenth before 2021', () => {
    expect(datesOf('us-federal', 2020)).not.toContain('2020-06-19');
    expect(datesOf('us-federal', 2020)).toHaveLength(10);
  });

  it('isHoliday answers by (year, month 1..12, day)', () => {
    const cal = holidayCalendar('us-federal');
    expect(cal.isHoliday(2026, 7, 3)).toBe(true);
    expect(cal.isHoliday(2026, 7, 4)).toBe(false);
    expect(cal.isHoliday(2021, 12, 31)).toBe(true);
    expect(cal.isHoliday(2026, 11, 27)).toBe(false);
    expect(cal.isHoliday(2026, 3, 9)).toBe(false);
  });
});

describe('other calendars', () => {
  it('us-office adds the day after Thanksgiving', () => {
    const office = datesOf('us-office', 2026);
    expect(office).toEqual([...datesOf('us-federal', 2026), '2026-11-27'].sort());
    expect(holidayCalendar('us-office').isHoliday(2025, 11, 28)).toBe(true);
  });

  it('india has Republic Day, Independence Day and Gandhi Jayanti, not shifted off weekends', () => {
    expect(datesOf('india', 2026)).toEqual(['2026-01-26', '2026-08-15', '2026-10-02']);
    expect(weekdayOfDays(daysFromCivil(2026, 8, 15))).toBe(6);
    expect(holidayCalendar('india').isHoliday(2026, 8, 15)).toBe(true);
  });

  it('none has no holidays', () => {
    expect(datesOf('none', 2026)).toEqual([]);
    expect(holidayCalendar('none').isHoliday(2026, 12, 25)).toBe(false);
  });

  it('unknown names throw an input error listing the valid ones', () => {
    expect(() => holidayCalendar('us' as HolidayCalendarName)).toThrow(HaysimError);
    expect(() => holidayCalendar('us' as HolidayCalendarName)).toThrow(/us-federal, us-office, india, india-maharashtra, none/);
  });

  it('every US federal holiday is a weekday', () => {
    for (let year = 2000; year <= 2060; year++) {
      for (const h of holidayCalendar('us-office').holidaysIn(year)) {
        const wd = weekdayOfDays(daysFromCivil(h.year, h.month, h.day));
        expect(wd >= 1 && wd <= 5, `${h.name} ${iso(h.year, h.month, h.day)}`).toBe(true);
      }
    }
  });
});
