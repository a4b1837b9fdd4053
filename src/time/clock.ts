/**
 * Time grid and local time. All instants are UTC epoch milliseconds; local
 * fields come from the IANA zone via Intl, which is slow, so offsets are
 * memoized per UTC day and DST transitions found once by bisection.
 */
import { ArgsError } from '../errors.js';
import type { HolidayCalendar } from './holidays.js';
import { civilFromDays, daysFromCivil, packedDay, packedMonth, packedYear, weekdayOfDays } from './holidays.js';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const INTERVAL_UNITS: Record<string, number> = { s: 1000, m: MS_PER_MINUTE, h: MS_PER_HOUR, d: MS_PER_DAY };

/** What parseInterval accepts, for messages. */
export const INTERVAL_FORMAT = 'a positive whole number followed by s, m, h or d (e.g. 30s, 1m, 15m, 1h, 1d)';

/** `15m`, `30s`, `1h`, `1d` → milliseconds; undefined when the text is not such an interval. */
export function parseInterval(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([smhd])\s*$/.exec(text);
  const ms = m ? Number(m[1]) * INTERVAL_UNITS[m[2]] : NaN;
  return m && ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** The first grid instant (epochMs + k·intervalMs) at or after t. */
export function alignUp(t: number, intervalMs: number, epochMs: number): number {
  return epochMs + Math.ceil((t - epochMs) / intervalMs) * intervalMs;
}

/** Grid instants in [startMs, endMs), ascending. */
export function gridTimestamps(startMs: number, endMs: number, intervalMs: number, epochMs: number): Float64Array {
  const first = alignUp(startMs, intervalMs, epochMs);
  const n = Math.max(0, Math.ceil((endMs - first) / intervalMs));
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = first + k * intervalMs;
  return out;
}

// ---- time zones -------------------------------------------------------------

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A one-line explanation for an invalid zone, with a suggestion where one fits (`New_York` → `America/New_York`). */
export function timeZoneProblem(timeZone: string): string {
  const wanted = String(timeZone).trim().toLowerCase().replace(/ /g, '_');
  const hints = wanted === '' ? [] : Intl.supportedValuesOf('timeZone').filter((z) => z.toLowerCase().endsWith(`/${wanted}`));
  const hint = hints.length > 0 ? ` (did you mean ${hints.map((h) => `"${h}"`).join(' or ')}?)` : '';
  return `unknown time zone "${timeZone}": expected an IANA name such as "America/New_York" or "Asia/Kolkata"${hint}`;
}

/** Columns LocalClock.fill writes, one entry per timestamp. */
export interface LocalColumns {
  /** local wall-clock hour, fractional, 0 ≤ h < 24 */
  hour: Float64Array;
  /** 0 = Sunday */
  dayOfWeek: Uint8Array;
  /** local calendar days since 1970-01-01 */
  dayIndex: Int32Array;
  /** 0-based day of the local year plus the fraction of the day (Jan 1 00:00 = 0) */
  dayOfYear: Float64Array;
  /** 0..11 */
  month: Uint8Array;
  /** 1 on a holiday of the calendar passed to fill() */
  holiday: Uint8Array;
}

export function allocLocalColumns(n: number): LocalColumns {
  return {
    hour: new Float64Array(n),
    dayOfWeek: new Uint8Array(n),
    dayIndex: new Int32Array(n),
    dayOfYear: new Float64Array(n),
    month: new Uint8Array(n),
    holiday: new Uint8Array(n),
  };
}

/** UTC → local conversion for one zone, memoizing offsets (they change only at transitions). */
export class LocalClock {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  /** offset (ms) at 00:00 UTC of each UTC day asked about */
  private readonly dayStartOffset = new Map<number, number>();
  /** UTC day → instant of the transition inside it (only days that have one) */
  private readonly transitions = new Map<number, number>();
  // the current constant-offset span [spanStart, spanEnd)
  private spanStart = 0;
  private spanEnd = 0;
  private spanOffset = 0;

  constructor(timeZone: string) {
    if (!isValidTimeZone(timeZone)) throw new ArgsError(timeZoneProblem(timeZone));
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    this.timeZone = this.format.resolvedOptions().timeZone;
  }

  /** local − UTC in milliseconds at instant t */
  offsetMs(t: number): number {
    if (t < this.spanStart || t >= this.spanEnd) this.findSpan(t);
    return this.spanOffset;
  }

  /** local − UTC in minutes at instant t (e.g. −300 for New York in winter, 330 for Kolkata) */
  offsetMinutes(t: number): number {
    return this.offsetMs(t) / MS_PER_MINUTE;
  }

  /** Local wall-clock milliseconds since 1970-01-01T00:00 local. */
  toLocalMs(t: number): number {
    return t + this.offsetMs(t);
  }

  /**
   * The UTC instant of a local wall-clock time. A time skipped by a spring-forward
   * gap moves forward by the gap (02:30 → 03:30 EDT); a time repeated at fall-back
   * takes the earlier instant (as Temporal's "compatible" disambiguation).
   */
  fromLocalMs(localMs: number): number {
    const before = this.offsetMs(localMs - MS_PER_DAY);
    const after = this.offsetMs(localMs + MS_PER_DAY);
    const t1 = localMs - before;
    const t2 = localMs - after;
    const ok1 = this.offsetMs(t1) === before;
    const ok2 = this.offsetMs(t2) === after;
    if (ok1 && ok2) return Math.min(t1, t2);
    if (ok1) return t1;
    if (ok2) return t2;
    return t1;
  }

  /** Local calendar/time columns for a column of instants. */
  fill(timestamps: Float64Array, out: LocalColumns, holidays: HolidayCalendar): void {
    let cachedDay = NaN;
    let month = 0;
    let yearStart = 0;
    let weekday = 0;
    let holiday = 0;
    for (let k = 0; k < timestamps.length; k++) {
      const local = this.toLocalMs(timestamps[k]);
      const day = Math.floor(local / MS_PER_DAY);
      if (day !== cachedDay) {
        const p = civilFromDays(day);
        const y = packedYear(p);
        month = packedMonth(p);
        yearStart = daysFromCivil(y, 1, 1);
        weekday = weekdayOfDays(day);
        holiday = holidays.isHoliday(y, month, packedDay(p)) ? 1 : 0;
        cachedDay = day;
      }
      const msOfDay = local - day * MS_PER_DAY;
      out.hour[k] = msOfDay / MS_PER_HOUR;
      out.dayOfWeek[k] = weekday;
      out.dayIndex[k] = day;
      out.dayOfYear[k] = day - yearStart + msOfDay / MS_PER_DAY;
      out.month[k] = month - 1;
      out.holiday[k] = holiday;
    }
  }

  private findSpan(t: number): void {
    const day = Math.floor(t / MS_PER_DAY);
    const start = day * MS_PER_DAY;
    const end = start + MS_PER_DAY;
    const a = this.dayStart(day);
    const b = this.dayStart(day + 1);
    if (a === b) {
      // One offset for the whole UTC day (two transitions within a day do not occur in tzdata).
      this.setSpan(start, end, a);
      return;
    }
    let at = this.transitions.get(day);
    if (at === undefined) {
      // bisect to the second: offset(lo) = a, offset(hi) = b
      let lo = start;
      let hi = end;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.computeOffset(mid) === a) lo = mid;
        else hi = mid;
      }
      at = hi;
      this.transitions.set(day, at);
    }
    if (t < at) this.setSpan(start, at, a);
    else this.setSpan(at, end, b);
  }

  private setSpan(start: number, end: number, offset: number): void {
    this.spanStart = start;
    this.spanEnd = end;
    this.spanOffset = offset;
  }

  private dayStart(day: number): number {
    let o = this.dayStartOffset.get(day);
    if (o === undefined) {
      o = this.computeOffset(day * MS_PER_DAY);
      this.dayStartOffset.set(day, o);
    }
    return o;
  }

  /** The slow path: ask Intl for the wall-clock fields and diff against UTC (whole seconds). */
  private computeOffset(t: number): number {
    const base = Math.floor(t / 1000) * 1000;
    let year = 0,
      month = 0,
      day = 0,
      hour = 0,
      minute = 0,
      second = 0,
      bc = false;
    for (const part of this.format.formatToParts(new Date(base))) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
      }
    }
    if (bc) year = 1 - year;
    const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
    return wall - base;
  }
}
