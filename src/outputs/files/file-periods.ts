import { pad2 } from '../../time/date-time-text.js';
import { MS_PER_DAY } from '../../time/clock.js';

/** How a partitioned file's rows are cut in time: a UTC calendar month or day (the zone of `ts`). */
export type PeriodKind = 'month' | 'date';

export interface Period {
  /** the hive key's value: `2025-05` or `2025-05-01` */
  readonly key: string;
  /** epoch ms, inclusive / exclusive */
  readonly start: number;
  readonly end: number;
}

/** The period holding instant `t`. */
export function periodOf(kind: PeriodKind, t: number): Period {
  if (kind === 'date') {
    const start = Math.floor(t / MS_PER_DAY) * MS_PER_DAY;
    return { key: new Date(start).toISOString().slice(0, 10), start, end: start + MS_PER_DAY };
  }
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { key: `${y}-${pad2(m + 1)}`, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

/** The periods that overlap [start, end), ascending. */
export function periodsIn(kind: PeriodKind, start: number, end: number): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(kind, start); p.start < end; p = periodOf(kind, p.end)) out.push(p);
  return out;
}

/**
 * Splits ascending timestamps into runs of one period each: `[period, k0, k1)`
 * index ranges, so a chunk that crosses midnight or a month's end feeds two files.
 */
export function splitByPeriod(kind: PeriodKind, timestamps: Float64Array): { period: Period; k0: number; k1: number }[] {
  const out: { period: Period; k0: number; k1: number }[] = [];
  let k0 = 0;
  while (k0 < timestamps.length) {
    const period = periodOf(kind, timestamps[k0]!);
    let k1 = k0 + 1;
    while (k1 < timestamps.length && timestamps[k1]! < period.end) k1++;
    out.push({ period, k0, k1 });
    k0 = k1;
  }
  return out;
}
