/**
 * Dates and date-times as text: ISO 8601 parsing in a site's zone and local
 * formatting for messages. One memoized LocalClock per zone.
 */
import { civilFromDays, daysFromCivil, daysInMonth, packedDay, packedMonth, packedYear } from './holidays.js';
import { LocalClock, MS_PER_DAY, MS_PER_MINUTE } from './clock.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const clocks = new Map<string, LocalClock>();
function clockFor(timeZone: string): LocalClock {
  let c = clocks.get(timeZone);
  if (!c) {
    c = new LocalClock(timeZone);
    clocks.set(timeZone, c);
  }
  return c;
}

/**
 * Parses an ISO 8601 date or date-time. A date (`2025-11-01`) is local
 * midnight in timeZone; a date-time without offset (`2025-11-01T08:00`) is
 * local time in timeZone; one with `Z` or `±HH:MM` is absolute. Returns UTC
 * epoch ms, or, as a string, why the text is not one and what is expected.
 */
export function parseDateTime(text: string, timeZone: string): number | string {
  const m = DATE_TIME.exec(String(text).trim());
  const bad = (why: string): string =>
    `${why}; expected a date (2025-11-01) or a date-time ` +
    `(2025-11-01T08:00, 2025-11-01T08:00:00Z, 2025-11-01T08:00-05:00); times without an offset are in ${timeZone}`;
  if (!m) return bad('not an ISO 8601 date');
  const [, ys, mos, ds, hs, mis, ss, fs, zone] = m;
  const year = Number(ys),
    month = Number(mos),
    day = Number(ds);
  const hour = hs === undefined ? 0 : Number(hs);
  const minute = mis === undefined ? 0 : Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  const millis = fs === undefined ? 0 : Number(fs.padEnd(3, '0'));
  if (month < 1 || month > 12) return bad(`month ${month} is out of range`);
  if (day < 1 || day > daysInMonth(year, month)) return bad(`day ${day} does not exist in ${ys}-${mos}`);
  if (hour > 23 || minute > 59 || second > 59) return bad('time of day is out of range');
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (zone === undefined) return clockFor(timeZone).fromLocalMs(wall);
  if (zone.toUpperCase() === 'Z') return wall;
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!zm) return bad(`offset "${zone}" is not ±HH:MM`);
  const offsetMin = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * (zm[1] === '-' ? -1 : 1);
  if (Math.abs(offsetMin) > 18 * 60) return bad(`offset "${zone}" is out of range`);
  return wall - offsetMin * MS_PER_MINUTE;
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2026-03-08T03:00:00-04:00` for messages and labels. */
export function formatLocal(t: number, timeZone: string): string {
  const clock = clockFor(timeZone);
  const offset = clock.offsetMs(t);
  const local = t + offset;
  const day = Math.floor(local / MS_PER_DAY);
  const p = civilFromDays(day);
  const secs = Math.floor((local - day * MS_PER_DAY) / 1000);
  const offMin = Math.round(offset / MS_PER_MINUTE);
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return (
    `${String(packedYear(p)).padStart(4, '0')}-${pad2(packedMonth(p))}-${pad2(packedDay(p))}` +
    `T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}` +
    `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`
  );
}
