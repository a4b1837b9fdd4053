import type { CatalogColumn, CatalogEquipment } from './query-catalog.js';
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

/** A time bucket: the PostgreSQL interval of the allowed list and the aggregation of each column. */
export interface Bucketing {
  readonly interval: string;
  readonly agg: Aggregation;
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

/** TimescaleDB's time_bucket when installed, date_bin otherwise, on the same origin (a Monday, as time_bucket's). */
export function bucketSql(timescale: boolean, intervalParam: string, ts: string): string {
  return timescale
    ? `time_bucket(${intervalParam}::interval, ${ts})`
    : `date_bin(${intervalParam}::interval, ${ts}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;
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
    default:
      return `${agg}(${numeric}) ${where}`;
  }
}
