import type { LocalClock } from '../../time/clock.js';

/** How a partitioned file's rows are cut in time: a calendar month or day of the site's zone. */
export type PeriodKind = 'month' | 'date';

export interface Period {
  /** the hive key's value: `2025-05` or `2025-05-01`, the site's local calendar */
  readonly key: string;
  /** epoch ms, inclusive / exclusive: the period's first and next local midnight */
  readonly start: number;
  readonly end: number;
}

/**
 * The period holding instant `t` on the site's calendar (`clock`'s zone):
 * users ask for a plant's day or month in its own time, so a Pune day is
 * 18:30 UTC to 18:30 UTC and a New York day around a DST change 23 or 25 h.
 */
export function periodOf(kind: PeriodKind, t: number, clock: LocalClock): Period {
  const local = new Date(clock.toLocalMs(t));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const [from, to] =
    kind === 'date'
      ? [Date.UTC(y, m, local.getUTCDate()), Date.UTC(y, m, local.getUTCDate() + 1)]
      : [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
  const key = new Date(from).toISOString().slice(0, kind === 'date' ? 10 : 7);
  return { key, start: clock.fromLocalMs(from), end: clock.fromLocalMs(to) };
}

/** The periods that overlap [start, end), ascending. */
export function periodsIn(kind: PeriodKind, start: number, end: number, clock: LocalClock): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(kind, start, clock); p.start < end; p = periodOf(kind, p.end, clock)) out.push(p);
  return out;
}

/**
 * Splits ascending timestamps into runs of one period each: `[period, k0, k1)`
 * index ranges, so a chunk that crosses midnight or a month's end feeds two files.
 */
export function splitByPeriod(kind: PeriodKind, timestamps: Float64Array, clock: LocalClock): { period: Period; k0: number; k1: number }[] {
  const out: { period: Period; k0: number; k1: number }[] = [];
  let k0 = 0;
  while (k0 < timestamps.length) {
    const period = periodOf(kind, timestamps[k0]!, clock);
    let k1 = k0 + 1;
    while (k1 < timestamps.length && timestamps[k1]! < period.end) k1++;
    out.push({ period, k0, k1 });
    k0 = k1;
  }
  return out;
}
