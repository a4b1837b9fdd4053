// Dates as whole days since 1970-01-01 and times as whole minutes since the epoch, both in the
// business's local wall-clock time (no zone): compact in typed arrays, exact to compare.
import { ArgsError } from '../../errors.js';

/** The dataset's default "today": history ends on this day, future appointments lie after it. */
export const DEFAULT_AS_OF = '2025-12-31';

export const MINUTES_PER_DAY = 1440;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → day number; anything else is an ArgsError. */
export function parseDay(text: string, what = 'asOf'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new ArgsError(`${what}: expected a date as YYYY-MM-DD, got '${text}'`);
  }
  return ms / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** Day of the year, 0-based. */
export function dayOfYear(day: number): number {
  const d = new Date(day * DAY_MS);
  return day - Date.UTC(d.getUTCFullYear(), 0, 1) / DAY_MS;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/**
 * day + n calendar months, clamped to the end of a shorter month, exactly as
 * PostgreSQL's `date + n * interval '1 month'` (Jan 31 + 1 month = Feb 28/29).
 */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / DAY_MS;
}

/** minutes since the epoch → epoch ms, as cell-format's isoTimestamp takes it */
export function minuteMs(minute: number): number {
  return minute * 60_000;
}
