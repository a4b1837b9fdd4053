import type { CatalogColumn, CatalogEquipment } from './query-catalog.js';
import { LocalClock } from '../time/clock.js';
import type { Aggregation, Operator } from './query-types.js';

/** One statement: text built only from catalog names and fixed tables, values as bind parameters. */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** A period as bound: ISO 8601 instants, from inclusive, to exclusive. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** A time bucket: the PostgreSQL interval of the allowed list, the aggregation of each column, and how it aligns. */
export interface Bucketing {
  readonly interval: string;
  /** the interval's length */
  readonly ms: number;
  readonly agg: Aggregation;
  readonly align: BucketAlignment;
}

/**
 * Buckets align on the site's clock (a daily bucket is a site-local day, 23 or 25 hours across a DST change).
 * Buckets of an hour or less keep a fixed origin, the site's local midnight (UTC+05:30 hours start at :30 UTC),
 * as a DST change shifts the clock by a whole hour: the two 01:00 hours of a fall-back night stay two buckets.
 * Longer ones bin the local wall-clock time and map the bucket's start back through the zone.
 */
export type BucketAlignment = { readonly origin: string } | { readonly zone: string };

/** The alignment of buckets of `ms` at a site in `zone` (an IANA name), `origin` its local midnight on 2000-01-03. */
export function bucketAlignment(ms: number, zone: string, origin: number): BucketAlignment {
  return ms <= 3_600_000 ? { origin: new Date(origin).toISOString() } : { zone };
}

/** The first bucket start at or after `t` (epoch ms), as bucketSql's date_bin places it: a window can start on one. */
export function bucketStartFrom(t: number, ms: number, align: BucketAlignment): number {
  if ('origin' in align) {
    const origin = Date.parse(align.origin);
    return origin + Math.ceil((t - origin) / ms) * ms;
  }
  const clock = new LocalClock(align.zone);
  const local = clock.toLocalMs(t);
  return clock.fromLocalMs(LOCAL_ORIGIN + Math.ceil((local - LOCAL_ORIGIN) / ms) * ms);
}

/** 2000-01-03 00:00 on the wall clock (a Monday), the origin of buckets longer than an hour. */
const LOCAL_ORIGIN = Date.UTC(2000, 0, 3);

/** The bucket's bind parameter, $5 of a buckets statement. */
export function alignmentParam(align: BucketAlignment): string {
  return 'origin' in align ? align.origin : align.zone;
}

/** Per column of a stats statement's rows, in the order asked. */
export interface StatsRow extends Record<string, unknown> {
  readonly k: number;
  readonly n: number;
  readonly mn: number | null;
  readonly mx: number | null;
  readonly av: number | null;
  readonly sm: number | null;
}

/**
 * The SQL of each query in one layout. Series statements return `t` (epoch ms) and `c0`, `c1`, … (the
 * columns asked, in order); a row exists where at least one of them has a reading, so both layouts return
 * the same rows for the same site.
 */
export interface LayoutSql {
  latest(e: CatalogEquipment, cols: readonly CatalogColumn[]): Statement;
  series(e: CatalogEquipment, cols: readonly CatalogColumn[], period: Period, limit: number): Statement;
  buckets(e: CatalogEquipment, cols: readonly CatalogColumn[], period: Period, bucket: Bucketing, limit: number): Statement;
  /** one row: the timestamps with any reading of the columns (`n`) */
  timestamps(e: CatalogEquipment, cols: readonly CatalogColumn[], period: Period): Statement;
  /** rows of StatsRow */
  stats(e: CatalogEquipment, cols: readonly CatalogColumn[], period: Period): Statement;
  anomalies(e: CatalogEquipment, col: CatalogColumn, period: Period, op: Operator, value: number, limit: number): Statement;
}

/** The operators as SQL, from a fixed table. */
export const SQL_OPERATORS: Readonly<Record<Operator, string>> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=', '!=': '<>' };

/** ts as epoch ms: drivers then agree (no Date parsing) and the client formats ISO text itself. */
export const EPOCH_MS = (ts: string) => `(extract(epoch FROM ${ts}) * 1000)::float8`;

/**
 * The start of `ts`'s bucket ($3 the interval, $5 the alignment's parameter): TimescaleDB's time_bucket when
 * installed, date_bin otherwise; weeks start on a Monday (2000-01-03), as time_bucket's do.
 */
export function bucketSql(timescale: boolean, align: BucketAlignment, ts: string): string {
  if ('origin' in align)
    return timescale ? `time_bucket($3::interval, ${ts}, origin => $5::timestamptz)` : `date_bin($3::interval, ${ts}, $5::timestamptz)`;
  return timescale
    ? `time_bucket($3::interval, ${ts}, timezone => $5::text)`
    : `(date_bin($3::interval, ${ts} AT TIME ZONE $5::text, TIMESTAMP '2000-01-03 00:00:00') AT TIME ZONE $5::text)`;
}

/**
 * An aggregate of `value` (an SQL expression of the column's own type) over the rows where `filter` holds
 * (TRUE when none): numbers as float8, booleans as 0/1 in numeric aggregates, first/last by ts.
 */
export function aggregateSql(agg: Aggregation, col: CatalogColumn, value: string, filter = 'TRUE'): string {
  const numeric = col.kind === 'bool' ? `${value}::int::float8` : `${value}::float8`;
  const where = `FILTER (WHERE ${filter} AND ${value} IS NOT NULL)`;
  switch (agg) {
    case 'count':
      return `(count(${value}) ${where})::int`;
    case 'first':
      return `(array_agg(${value} ORDER BY ts) ${where})[1]`;
    case 'last':
      return `(array_agg(${value} ORDER BY ts DESC) ${where})[1]`;
    case 'avg':
    case 'sum':
      // summed in time order: a float8 sum depends on the order of its rows, which differs between layouts and plans
      return `${agg}(${numeric} ORDER BY ts) ${where}`;
    default:
      return `${agg}(${numeric}) ${where}`;
  }
}
