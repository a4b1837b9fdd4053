import { quoteIdent } from '../sql/sql-quote.js';
import { aggregateSql, alignmentParam, bucketSql, EPOCH_MS, type LayoutSql, SQL_OPERATORS } from './layout-sql.js';
import type { CatalogColumn, CatalogEquipment } from './query-catalog.js';

/**
 * The wide layout: one table per equipment, a column per point, an index on ts. Every statement reads one
 * table by a ts range (or its newest rows), so it walks the index; names come from the catalog, quoted.
 */
export function wideQuerySql(timescale: boolean): LayoutSql {
  const col = (c: CatalogColumn) => `w.${quoteIdent(c.name)}`;
  const anyReading = (cols: readonly CatalogColumn[]) => `(${cols.map((c) => `${col(c)} IS NOT NULL`).join(' OR ')})`;
  const picked = (cols: readonly CatalogColumn[]) => cols.map((c, i) => `${col(c)} AS c${i}`).join(', ');
  return {
    latest: (e, cols) => ({
      text: `SELECT ${EPOCH_MS('w.ts')} AS t, ${picked(cols)} FROM ${table(e)} w WHERE ${anyReading(cols)} ORDER BY w.ts DESC LIMIT 1`,
      params: [],
    }),
    series: (e, cols, period, limit) => ({
      text: `SELECT ${EPOCH_MS('w.ts')} AS t, ${picked(cols)} FROM ${table(e)} w
              WHERE w.ts >= $1::timestamptz AND w.ts < $2::timestamptz AND ${anyReading(cols)} ORDER BY w.ts LIMIT $3`,
      params: [period.from, period.to, limit],
    }),
    buckets: (e, cols, period, bucket, limit) => ({
      text: `SELECT ${EPOCH_MS('b')} AS t, ${cols.map((c, i) => `${aggregateSql(bucket.agg, c, col(c))} AS c${i}`).join(', ')}
               FROM (SELECT ${bucketSql(timescale, bucket.align, 'w.ts')} AS b, w.* FROM ${table(e)} w
                      WHERE w.ts >= $1::timestamptz AND w.ts < $2::timestamptz AND ${anyReading(cols)}) w
              GROUP BY b ORDER BY b LIMIT $4`,
      params: [period.from, period.to, bucket.interval, limit, alignmentParam(bucket.align)],
    }),
    timestamps: (e, cols, period) => ({
      text: `SELECT count(*)::int AS n FROM ${table(e)} w WHERE w.ts >= $1::timestamptz AND w.ts < $2::timestamptz AND ${anyReading(cols)}`,
      params: [period.from, period.to],
    }),
    stats: (e, cols, period) => ({
      // one pass over the table, each column's aggregates unpivoted into a row; sums exact (numeric), so the
      // layouts agree whatever order their rows are summed in
      text: `SELECT u.k, u.n, u.mn, u.mx, u.av, u.sm FROM (SELECT ${cols
        .map((c, i) => {
          const v = c.kind === 'bool' ? `${col(c)}::int::float8` : `${col(c)}::float8`;
          return `count(${v})::int AS n${i}, min(${v}) AS mn${i}, max(${v}) AS mx${i}, avg(${v}::numeric)::float8 AS av${i}, sum(${v}::numeric)::float8 AS sm${i}`;
        })
        .join(', ')} FROM ${table(e)} w WHERE w.ts >= $1::timestamptz AND w.ts < $2::timestamptz) a
        CROSS JOIN LATERAL (VALUES ${cols.map((_, i) => `(${i}, a.n${i}, a.mn${i}, a.mx${i}, a.av${i}, a.sm${i})`).join(', ')}) u(k, n, mn, mx, av, sm)`,
      params: [period.from, period.to],
    }),
    anomalies: (e, c, period, op, value, limit) => ({
      text: `SELECT ${EPOCH_MS('w.ts')} AS t, ${col(c)} AS c0 FROM ${table(e)} w
              WHERE w.ts >= $1::timestamptz AND w.ts < $2::timestamptz AND ${col(c)} ${SQL_OPERATORS[op]} $3::float8 ORDER BY w.ts LIMIT $4`,
      params: [period.from, period.to, value, limit],
    }),
  };
}

function table(e: CatalogEquipment): string {
  if (!e.table) throw new Error(`equipment ${e.id} has no wide table`);
  return e.table;
}
