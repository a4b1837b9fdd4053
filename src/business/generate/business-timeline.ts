// The dataset's calendar: when the company started, the 3-year history window ending at asOf, and
// how busy each day is (HVAC demand peaks in midsummer and midwinter, dips in spring and fall).
import { ArgsError } from '../../errors.js';
import { parseDay } from './calendar.js';
import { dayOfYear, isWeekend } from '../../time/civil-days.js';

export interface Timeline {
  /** the dataset's "today" (day number); history ends here */
  readonly asOf: number;
  /** first day of the service history (3 years before asOf) */
  readonly windowStart: number;
  /** the company's first customer and first technician (12 years before asOf) */
  readonly founded: number;
}

const HISTORY_DAYS = 3 * 365;
const COMPANY_AGE_DAYS = 12 * 365;
/**
 * The range of "today"s the dataset is realistic for: the company is founded 12 years
 * before and its catalog, prices, e-mail and equipment are of this century.
 */
const AS_OF_RANGE = ['2000-01-01', '2100-12-31'] as const;

/** The dataset's "today" as a day number, within AS_OF_RANGE; anything else is an ArgsError naming `what`. */
export function parseAsOf(text: string, what = 'asOf'): number {
  const day = parseDay(text, what);
  const [first, last] = AS_OF_RANGE;
  if (day < parseDay(first) || day > parseDay(last))
    throw new ArgsError(
      `${what}: ${text} is out of range: expected a date from ${first} to ${last} (the company is founded 12 years before, with 3 years of service history)`,
    );
  return day;
}

export function timelineOf(asOf: string): Timeline {
  const day = parseAsOf(asOf);
  return { asOf: day, windowStart: day - HISTORY_DAYS, founded: day - COMPANY_AGE_DAYS };
}

/**
 * Relative call volume on a day: two seasonal peaks (about Jan 20 and Jul 22; a cos with a
 * half-year period), weekends a quarter of a weekday (emergencies only, mostly), and 6 % a year
 * of business growth.
 */
export function demand(day: number, t: Timeline): number {
  const seasonal = 1 + 0.45 * Math.cos((4 * Math.PI * (dayOfYear(day) - 20)) / 365);
  const weekly = isWeekend(day) ? 0.25 : 1;
  const growth = 1 + (0.06 * (day - t.windowStart)) / 365;
  return seasonal * weekly * growth;
}

/** +1 at the height of summer, −1 in midwinter, ~0 in spring and fall. */
export function summerness(day: number): number {
  return Math.cos((2 * Math.PI * (dayOfYear(day) - 203)) / 365);
}

/** Density over days [from, to): for stratifiedPositions. */
export function densityOver(from: number, to: number, f: (day: number) => number): Float64Array {
  const out = new Float64Array(Math.max(1, to - from));
  for (let i = 0; i < out.length; i++) out[i] = f(from + i);
  return out;
}
