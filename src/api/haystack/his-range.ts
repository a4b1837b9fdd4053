import { parseDateTime, formatLocal } from '../../time/date-time-text.js';
import { HaystackRequestError } from './haystack-errors.js';

const DAY = 86_400_000;
/** Longest range one hisRead answers: a year of 1-minute data per point is the most a client should pull at once. */
export const MAX_RANGE_DAYS = 400;

/** A hisRead range: epoch ms, from inclusive, to exclusive. */
export interface HisSpan {
  readonly from: number;
  readonly to: number;
}

/**
 * A hisRead `range` in the site's zone, as the Haystack spec writes them: `today`, `yesterday`, a date
 * (`2025-07-14`, the whole local day), two dates (`2025-07-14,2025-07-15`, both whole days), a date-time
 * (`2025-07-14T08:00:00-04:00 New_York`, from then to now) or two date-times. Anything else is refused,
 * as is a span that ends before it starts or is longer than MAX_RANGE_DAYS.
 */
export function parseHisRange(text: string, timeZone: string, now: number): HisSpan {
  const range = text.trim();
  const today = formatLocal(now, timeZone).slice(0, 10);
  let span: HisSpan;
  if (range === 'today') span = wholeDays(today, today, timeZone);
  else if (range === 'yesterday') {
    const y = shiftDate(today, -1);
    span = wholeDays(y, y, timeZone);
  } else {
    const parts = range.split(',').map((p) => p.trim());
    if (parts.length > 2 || parts.some((p) => p === '')) throw badRange(range);
    const dates = parts.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p));
    if (dates) span = wholeDays(parts[0]!, parts[1] ?? parts[0]!, timeZone);
    else if (parts.every((p) => p.includes('T'))) span = { from: instant(parts[0]!, range), to: parts[1] ? instant(parts[1], range) : now };
    else throw badRange(range);
  }
  if (!(span.to > span.from)) throw new HaystackRequestError(`range "${range}" ends before it starts`);
  if (span.to - span.from > MAX_RANGE_DAYS * DAY) throw new HaystackRequestError(`range "${range}" is longer than ${MAX_RANGE_DAYS} days`);
  return span;

  function instant(part: string, whole: string): number {
    // a Zinc date-time carries its zone's name after the offset; the offset alone fixes the instant
    const t = parseDateTime(part.split(' ')[0]!, timeZone);
    if (typeof t === 'string') throw badRange(whole);
    return t;
  }
}

function wholeDays(first: string, last: string, timeZone: string): HisSpan {
  const from = parseDateTime(first, timeZone);
  // the last day checked before it is shifted: 2025-02-30 is no day
  const to = typeof parseDateTime(last, timeZone) === 'string' ? last : parseDateTime(shiftDate(last, 1), timeZone);
  if (typeof from === 'string' || typeof to === 'string') throw badRange(first === last ? first : `${first},${last}`);
  return { from, to };
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function badRange(range: string): HaystackRequestError {
  return new HaystackRequestError(
    `range "${range}" is not a hisRead range: today, yesterday, a date (2025-07-14), two dates (2025-07-14,2025-07-15), ` +
      'a date-time (2025-07-14T08:00:00-04:00 New_York) or two date-times',
  );
}
