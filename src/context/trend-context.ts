import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import { parseAggregation, parseBucket } from '../query/query-inputs.js';
import type { Aggregation } from '../query/query-types.js';
import type { ContextDoc } from './context-doc.js';
import { contextPeriod, type PeriodOptions } from './context-period.js';
import { plural, time, value, withUnit } from './context-text.js';

export interface TrendOptions extends PeriodOptions {
  readonly column: string;
  /** bucket width (`1h`); default by the period: 1h up to 24 h, 3h up to 3 days, 6h up to 7 days, else 1d */
  readonly every?: string;
  /** default avg */
  readonly agg?: Aggregation;
}

/**
 * One column of one equipment over a period: its statistics, the change from the first to the last bucket,
 * and a point per bucket. A budget thins the points evenly (first and last kept), never the statistics.
 */
export async function trendContext(q: QueryClient, equip: string, options: TrendOptions): Promise<ContextDoc> {
  if (options.column === undefined) throw new ArgsError('context trend needs --column (e.g. --column active_power_kw)');
  const column = (await q.columns(equip)).rows.find((c) => c.name === options.column);
  const [latest] = (await q.latest(equip, { columns: [options.column] })).rows;
  const agg = parseAggregation(options.agg ?? 'avg');
  const unit = column?.unit ?? null;
  const title = `Trend of ${equip} ${options.column}${unit ? ` (${unit})` : ''}`;
  const period = latest || options.to !== undefined ? await contextPeriod(q, [equip], options) : undefined;
  if (!period)
    return { head: [`${title}: no data, ${equip} has no readings of ${options.column} in the store.`], items: [], noun: 'sample points' };
  const every = options.every ?? (period.hours <= 24 ? '1h' : period.hours <= 72 ? '3h' : period.hours <= 168 ? '6h' : '1d');
  const interval = parseBucket(every);
  const range = { from: period.from, to: period.to, columns: [options.column] };
  const [stats] = column?.kind === 'text' ? [undefined] : (await q.stats(equip, range)).rows;
  const buckets = (await q.range(equip, { ...range, agg, every, limit: 1_000 })).rows.filter((r) => r[options.column] !== null);
  const head = [`${title}, ${agg} per ${interval} over ${period.hours} h from ${time(period.from)} to ${time(period.to)}:`];
  if (buckets.length === 0)
    return { head: [...head, `No data: no readings of ${options.column} in this period.`], items: [], noun: 'sample points' };
  if (stats)
    head.push(
      `${plural(stats.count, 'reading')}; min ${withUnit(stats.min, unit)}, avg ${withUnit(stats.avg, unit)}, max ${withUnit(stats.max, unit)}.`,
    );
  const [first, last] = [buckets[0]![options.column], buckets.at(-1)![options.column]];
  if (typeof first === 'number' && typeof last === 'number')
    head.push(`First bucket ${value(first)}, last ${value(last)} (change ${last - first >= 0 ? '+' : ''}${value(last - first)}).`);
  head.push(`Points (bucket start, ${agg}):`);
  const items = buckets.map((r, i) => ({ text: `${time(r.ts)} ${value(r[options.column])}`, rank: spreadRank(i, buckets.length) }));
  return { head, items, noun: 'sample points' };
}

/**
 * The order points are kept in under a budget: first and last, then the middle, then the quarters, …
 * (the depth of i in a bisection of 0 … n−1), so any count kept is spread evenly over the period.
 */
function spreadRank(i: number, n: number): number {
  if (i === 0 || i === n - 1) return i === 0 ? 0 : 1;
  let [lo, hi, depth] = [0, n - 1, 1];
  for (;;) {
    const mid = (lo + hi) >> 1;
    depth++;
    if (i === mid) return depth * n + i;
    if (i < mid) hi = mid;
    else lo = mid;
  }
}
