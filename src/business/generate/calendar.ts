// Dates as whole days since 1970-01-01 and times as whole minutes since the epoch, both in the
// business's local wall-clock time (no zone): compact in typed arrays, exact to compare.
import { ArgsError } from '../../errors.js';
import { MS_PER_DAY } from '../../time/clock.js';
import { civilFromDays, daysFromCivil, daysInMonth, packedDay, packedMonth, packedYear, weekdayOfDays } from '../../time/holidays.js';

/** The dataset's default "today": history ends on this day, future appointments lie after it. */
export const DEFAULT_AS_OF = '2025-12-31';

export const MINUTES_PER_DAY = 1440;

/** `YYYY-MM-DD` → day number; anything else is an ArgsError. */
export function parseDay(text: string, what = 'asOf'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new ArgsError(`${what}: expected a date as YYYY-MM-DD, got '${text}'`);
  }
  return ms / MS_PER_DAY;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOfDays(day);
  return w === 0 || w === 6;
}

/** Day of the year, 0-based. */
export function dayOfYear(day: number): number {
  return day - daysFromCivil(yearOf(day), 1, 1);
}

export function yearOf(day: number): number {
  return packedYear(civilFromDays(day));
}

/**
 * day + n calendar months, clamped to the end of a shorter month, exactly as
 * PostgreSQL's `date + n * interval '1 month'` (Jan 31 + 1 month = Feb 28/29).
 */
export function addMonths(day: number, months: number): number {
  const civil = civilFromDays(day);
  const m = packedMonth(civil) - 1 + months;
  const year = packedYear(civil) + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return daysFromCivil(year, month, Math.min(packedDay(civil), daysInMonth(year, month)));
}

/** minutes since the epoch → epoch ms, as cell-format's isoTimestamp takes it */
export function minuteMs(minute: number): number {
  return minute * 60_000;
}
