import { ArgsError } from '../errors.js';
import { INTERVAL_FORMAT, parseInterval } from '../time/clock.js';
import { parseDateTime } from '../time/date-time-text.js';

/** Flag values that need more than commander: numbers, intervals and dates, with errors naming the flag. */

export function parseWhole(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new ArgsError(`${flag} expects a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new ArgsError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** `--interval 15m` → ms; `flag` may also name a profile field (`simulation.interval`). */
export function intervalFlag(text: string, flag = '--interval'): number {
  const ms = parseInterval(text);
  if (ms === undefined) throw new ArgsError(`${flag} "${text}": expected ${INTERVAL_FORMAT}`);
  return ms;
}

/** `--start 2025-11-01` → epoch ms (a bare date or a time without offset is local in timeZone). */
export function dateTimeFlag(text: string, timeZone: string, flag: string): number {
  const parsed = parseDateTime(text, timeZone);
  if (typeof parsed === 'string') throw new ArgsError(`${flag} "${text}": ${parsed}`);
  return parsed;
}

/** --start and --end as epoch ms, start before end. */
export function rangeFlags(start: string, end: string, timeZone: string): { start: number; end: number } {
  const range = { start: dateTimeFlag(start, timeZone, '--start'), end: dateTimeFlag(end, timeZone, '--end') };
  checkRange(range.start, range.end);
  return range;
}

export function checkRange(start: number, end: number): void {
  if (!(end > start))
    throw new ArgsError(`--start (${new Date(start).toISOString()}) must be before --end (${new Date(end).toISOString()})`);
}
