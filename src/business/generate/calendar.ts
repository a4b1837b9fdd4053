// Dates as whole days since 1970-01-01 and times as whole minutes since the epoch, both in the
// business's local wall-clock time (no zone): compact in typed arrays, exact to compare.
// Calendar arithmetic on those days is in time/civil-days.ts.
import { ArgsError } from '../../errors.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../time/clock.js';

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

/** minutes since the epoch → epoch ms, as cell-format's isoTimestamp takes it */
export function minuteMs(minute: number): number {
  return minute * MS_PER_MINUTE;
}
