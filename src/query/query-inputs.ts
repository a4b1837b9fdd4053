import { ArgsError } from '../errors.js';
import { closestName } from '../model/defs/edit-distance.js';
import { MS_PER_DAY, parseInterval } from '../time/clock.js';
import { parseDateTime } from '../time/date-time-text.js';
import { AGGREGATIONS, type Aggregation, OPERATORS, type Operator, SEVERITIES, type Severity, type TimeInput } from './query-types.js';

/**
 * Checks of everything a caller hands the query library. Each refuses bad input with one line naming the
 * flag and what is allowed (exit 2), before any SQL runs; what passes becomes a bind parameter or a value
 * from a fixed table, never SQL text.
 */

/** Bucket widths `range --every` takes, as PostgreSQL intervals (bound as parameters) with their length. */
const INTERVALS: ReadonlyMap<string, { readonly sql: string; readonly ms: number }> = new Map(
  (
    [
      ['1m', '1 minute', 1],
      ['5m', '5 minutes', 5],
      ['10m', '10 minutes', 10],
      ['15m', '15 minutes', 15],
      ['30m', '30 minutes', 30],
      ['1h', '1 hour', 60],
      ['2h', '2 hours', 120],
      ['3h', '3 hours', 180],
      ['6h', '6 hours', 360],
      ['12h', '12 hours', 720],
      ['1d', '1 day', 1440],
      ['7d', '7 days', 10_080],
    ] as const
  ).map(([short, sql, minutes]) => [short, { sql, ms: minutes * 60_000 }]),
);

/** `1h` or `1 hour` → the PostgreSQL interval text of the allowed list. */
export function parseBucket(text: string, flag = '--every'): string {
  return bucketInterval(text, flag).sql;
}

/** `1h` or `1 hour` → the allowed interval, as PostgreSQL text and in ms. */
export function bucketInterval(text: string, flag = '--every'): { readonly sql: string; readonly ms: number } {
  const short = String(text)
    .trim()
    .toLowerCase()
    .replace(/^(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?)$/, (_, n: string, unit: string) => `${n}${unit[0]}`);
  const interval = INTERVALS.get(short);
  if (interval === undefined)
    throw new ArgsError(`${flag} ${JSON.stringify(text)}: not an allowed interval (allowed: ${[...INTERVALS.keys()].join(', ')})`);
  return interval;
}

export function parseAggregation(text: string, flag = '--agg'): Aggregation {
  if ((AGGREGATIONS as readonly string[]).includes(text)) return text as Aggregation;
  throw new ArgsError(`${flag} ${JSON.stringify(text)}: unknown aggregation (known: ${AGGREGATIONS.join(', ')})`);
}

export function parseOperator(text: string, flag = '--op'): Operator {
  if ((OPERATORS as readonly string[]).includes(text)) return text as Operator;
  throw new ArgsError(`${flag} ${JSON.stringify(text)}: unknown operator (known: ${OPERATORS.join(' ')})`);
}

export function parseSeverity(text: string, flag = '--severity'): Severity {
  if ((SEVERITIES as readonly string[]).includes(text)) return text as Severity;
  throw new ArgsError(`${flag} ${JSON.stringify(text)}: unknown severity (known: ${SEVERITIES.join(', ')})`);
}

/** A finite number (`--value 50`, `-3.5`, `1e3`). */
export function parseNumber(value: unknown, flag: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new ArgsError(`${flag} ${JSON.stringify(value)}: expected a number`);
  return n;
}

/** A row limit: a whole number 1 … max. */
export function parseLimit(value: unknown, max: number, flag = '--limit'): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new ArgsError(`${flag} ${JSON.stringify(value)}: expected a whole number 1–${max}`);
  return n;
}

/** `--since 24h` → ms (at most ten years). */
export function parseSince(text: string, flag = '--since'): number {
  const ms = parseInterval(String(text));
  if (ms === undefined || ms > 3660 * MS_PER_DAY)
    throw new ArgsError(`${flag} ${JSON.stringify(text)}: expected a duration such as 30m, 24h or 7d (at most 3660d)`);
  return ms;
}

/** A time → epoch ms; text without an offset is local in the site's zone. */
export function parseTime(value: TimeInput, timeZone: string, flag: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : parseDateTime(String(value), timeZone);
  if (typeof ms === 'string') throw new ArgsError(`${flag} ${JSON.stringify(value)}: ${ms}`);
  if (!Number.isFinite(ms)) throw new ArgsError(`${flag} ${JSON.stringify(String(value))}: not a time`);
  return ms;
}

export function checkPeriod(from: number, to: number): void {
  if (!(to > from)) throw new ArgsError(`--from (${new Date(from).toISOString()}) must be before --to (${new Date(to).toISOString()})`);
}

/** One of `known`, or the input error naming what was asked, the closest name and where to look. */
export function pick<T>(known: ReadonlyMap<string, T>, name: string, what: string, listHint: string): T {
  const found = known.get(name);
  if (found !== undefined) return found;
  const hint = closestName(String(name), known.keys());
  throw new ArgsError(`unknown ${what} ${JSON.stringify(name)}${hint ? `: did you mean ${JSON.stringify(hint)}?` : ''} (${listHint})`);
}
