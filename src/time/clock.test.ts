import { describe, expect, it } from 'vitest';
import { ArgsError } from '../errors.js';
import { LocalClock, alignUp, allocLocalColumns, gridTimestamps, isValidTimeZone, parseInterval } from './clock.js';
import { formatLocal, parseDateTime } from './date-time-text.js';
import { holidayCalendar } from './holidays.js';

const NY = 'America/New_York';
const H = 3_600_000;
const M = 60_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);

function localColumns(tz: string, ts: number[], calendar = holidayCalendar('us-federal')) {
  const cols = allocLocalColumns(ts.length);
  new LocalClock(tz).fill(Float64Array.from(ts), cols, calendar);
  return cols;
}

describe('parseInterval', () => {
  it('reads the usual intervals', () => {
    expect(parseInterval('1s')).toBe(1000);
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('1m')).toBe(60_000);
    expect(parseInterval('15m')).toBe(900_000);
    expect(parseInterval('1h')).toBe(3_600_000);
    expect(parseInterval('1d')).toBe(86_400_000);
  });

  it.each(['0m', '-5m', '15', 'm', '1.5h', '15 minutes', '', '15M', '1w'])('rejects %j', (bad) => {
    expect(parseInterval(bad)).toBeUndefined();
  });
});

describe('time grid', () => {
  it('aligns up to the epoch grid', () => {
    const epoch = utc(2026, 1, 1);
    expect(alignUp(epoch + 1, 15 * M, epoch)).toBe(epoch + 15 * M);
    expect(alignUp(epoch + 15 * M, 15 * M, epoch)).toBe(epoch + 15 * M);
    expect(alignUp(epoch - 1, 15 * M, epoch)).toBe(epoch);
    expect(alignUp(epoch - 16 * M, 15 * M, epoch)).toBe(epoch - 15 * M);
    expect(alignUp(7 * M, 15 * M, 5 * M)).toBe(20 * M);
  });

  it('lists grid instants start-inclusive, end-exclusive', () => {
    const epoch = utc(2026, 1, 1);
    const g = gridTimestamps(epoch, epoch + H, 15 * M, epoch);
    expect(Array.from(g)).toEqual([0, 15, 30, 45].map((m) => epoch + m * M));
    expect(Array.from(gridTimestamps(epoch + 1, epoch + H + 1, 15 * M, epoch))).toEqual([15, 30, 45, 60].map((m) => epoch + m * M));
    expect(gridTimestamps(epoch, epoch, 15 * M, epoch)).toHaveLength(0);
    expect(gridTimestamps(epoch + 1, epoch + 2, 15 * M, epoch)).toHaveLength(0);
    expect(gridTimestamps(epoch, epoch + 30 * 86_400_000, 15 * M, epoch)).toHaveLength(30 * 96);
  });
});

describe('LocalClock', () => {
  it('spring forward in New York (2026-03-08): 01:59 EST is followed by 03:00 EDT', () => {
    const ts = [6, 6.75, 7, 7.25, 8].map((h) => utc(2026, 3, 8) + h * H);
    const c = localColumns(NY, ts);
    expect(Array.from(c.hour)).toEqual([1, 1.75, 3, 3.25, 4]);
    const clock = new LocalClock(NY);
    expect(clock.offsetMinutes(utc(2026, 3, 8, 6, 59, 59))).toBe(-300);
    expect(clock.offsetMinutes(utc(2026, 3, 8, 7))).toBe(-240);
  });

  it('fall back in New York (2026-11-01): 01:00–02:00 happens twice', () => {
    const ts = [5, 5.75, 6, 6.75, 7].map((h) => utc(2026, 11, 1) + h * H);
    const c = localColumns(NY, ts);
    expect(Array.from(c.hour)).toEqual([1, 1.75, 1, 1.75, 2]);
    expect(new Set(c.dayIndex).size).toBe(1);
    const clock = new LocalClock(NY);
    expect(clock.offsetMinutes(utc(2026, 11, 1, 5, 59, 59))).toBe(-240);
    expect(clock.offsetMinutes(utc(2026, 11, 1, 6))).toBe(-300);
  });

  it('08:00 New York is 13:00Z in winter and 12:00Z in summer', () => {
    const c = localColumns(NY, [utc(2026, 1, 15, 13), utc(2026, 7, 15, 12)]);
    expect(Array.from(c.hour)).toEqual([8, 8]);
    expect(parseDateTime('2026-01-15T08:00', NY)).toBe(utc(2026, 1, 15, 13));
    expect(parseDateTime('2026-07-15T08:00', NY)).toBe(utc(2026, 7, 15, 12));
  });

  it('Asia/Kolkata is +05:30 all year', () => {
    const clock = new LocalClock('Asia/Kolkata');
    for (let m = 1; m <= 12; m++) expect(clock.offsetMinutes(utc(2026, m, 10))).toBe(330);
    const c = localColumns('Asia/Kolkata', [utc(2026, 6, 1), utc(2026, 6, 1, 18, 30)], holidayCalendar('india'));
    expect(Array.from(c.hour)).toEqual([5.5, 0]);
    expect(c.dayIndex[1] - c.dayIndex[0]).toBe(1);
  });

  it('fills calendar columns: weekday, day index, fractional day of year, month, holiday', () => {
    // 2026-07-03 is a Friday, the observed Independence Day; 03:00Z is still July 2 in New York
    const c = localColumns(NY, [utc(2026, 7, 3, 3), utc(2026, 7, 3, 16), utc(2026, 3, 8, 16)]);
    expect(Array.from(c.dayOfWeek)).toEqual([4, 5, 0]);
    expect(Array.from(c.holiday)).toEqual([0, 1, 0]);
    expect(Array.from(c.month)).toEqual([6, 6, 2]);
    expect(c.dayIndex[1]).toBe(Math.floor(utc(2026, 7, 3) / 86_400_000));
    expect(c.dayOfYear[2]).toBeCloseTo(31 + 28 + 7 + 0.5, 12);
    expect(c.dayOfYear[1]).toBeCloseTo(181 + 2 + 12 / 24, 12); // Jan..Jun have 181 days
  });

  it('agrees with Intl formatting in many zones, in any access order', () => {
    const zones = [NY, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
    const ts: number[] = [];
    // scattered instants 2019–2031, plus every 7 minutes through both 2026 New York transitions
    for (let i = 0; i < 3000; i++) ts.push(utc(2019, 1, 1) + Math.floor(((i * 2654435761) % 4.1e11) / 1000) * 1000);
    for (let t = utc(2026, 3, 7); t < utc(2026, 3, 10); t += 7 * M) ts.push(t);
    for (let t = utc(2026, 10, 31); t < utc(2026, 11, 3); t += 7 * M) ts.push(t);
    for (const tz of zones) {
      const c = localColumns(tz, ts);
      const fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
      ts.forEach((t, k) => {
        const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
        const hour = Number(p.hour) + Number(p.minute) / 60 + Number(p.second) / 3600;
        expect(c.hour[k], `${tz} ${new Date(t).toISOString()}`).toBeCloseTo(hour, 9);
        expect(c.month[k]).toBe(Number(p.month) - 1);
        expect(c.dayOfWeek[k]).toBe(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday));
        expect(c.dayIndex[k]).toBe(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / 86_400_000);
      });
    }
  });

  it('rejects unknown zones with a hint', () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(() => new LocalClock('Mars/Olympus_Mons')).toThrow(ArgsError);
    // Haystack's `tz` tag uses city names; the error points at the IANA name
    expect(() => new LocalClock('New_York')).toThrow(/unknown time zone "New_York".*did you mean "America\/New_York"/);
  });
});

describe('parseDateTime', () => {
  it('reads a date as local midnight in the site zone', () => {
    expect(parseDateTime('2025-11-01', NY)).toBe(utc(2025, 11, 1, 4)); // still EDT
    expect(parseDateTime('2026-01-15', NY)).toBe(utc(2026, 1, 15, 5));
    expect(parseDateTime('2026-01-15', 'Asia/Kolkata')).toBe(utc(2026, 1, 14, 18, 30));
  });

  it('reads absolute date-times with Z or an offset', () => {
    expect(parseDateTime('2026-01-15T08:00:00Z', NY)).toBe(utc(2026, 1, 15, 8));
    expect(parseDateTime('2026-01-15T08:00+05:30', NY)).toBe(utc(2026, 1, 15, 2, 30));
    expect(parseDateTime('2026-01-15T08:00:00.25-0500', NY)).toBe(utc(2026, 1, 15, 13) + 250);
    expect(parseDateTime('2026-01-15 08:00', NY)).toBe(utc(2026, 1, 15, 13));
  });

  it('moves a time in the spring-forward gap forward and takes the first of a repeated time', () => {
    expect(parseDateTime('2026-03-08T02:30', NY)).toBe(utc(2026, 3, 8, 7, 30)); // 03:30 EDT
    expect(parseDateTime('2026-11-01T01:30', NY)).toBe(utc(2026, 11, 1, 5, 30)); // 01:30 EDT
    expect(parseDateTime('2026-11-01T02:30', NY)).toBe(utc(2026, 11, 1, 7, 30)); // 02:30 EST
  });

  it.each(['yesterday', '2026-02-30', '2026-13-01', '2026-01-15T25:00', '2026-01-15T08:00+25:00', '15/01/2026', ''])(
    'rejects %j saying why and what is expected',
    (bad) => {
      expect(parseDateTime(bad, NY)).toMatch(/; expected a date \(2025-11-01\) or a date-time .* in America\/New_York$/);
    },
  );
});

describe('formatLocal', () => {
  it('writes ISO 8601 local time with the offset', () => {
    expect(formatLocal(utc(2026, 3, 8, 7), NY)).toBe('2026-03-08T03:00:00-04:00');
    expect(formatLocal(utc(2026, 3, 8, 6, 59, 59), NY)).toBe('2026-03-08T01:59:59-05:00');
    expect(formatLocal(utc(2026, 6, 1, 12), 'Asia/Kolkata')).toBe('2026-06-01T17:30:00+05:30');
  });
});
