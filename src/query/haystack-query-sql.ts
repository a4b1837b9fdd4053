import { aggregateSql, alignmentParam, bucketSql, EPOCH_MS, type LayoutSql, SQL_OPERATORS } from './layout-sql.js';
import type { CatalogColumn } from './query-catalog.js';

/**
 * The haystack layout: narrow rows in core.values_{org} keyed (entity_id, ts). Each statement reads the
 * points asked for by that key, pivoting them into a column each (FILTER per entity), so its answers have
 * the wide layout's shape. Entity ids come from the catalog and are whole numbers.
 */
export function haystackQuerySql(values: string, timescale: boolean): LayoutSql {
  const id = (c: CatalogColumn) => Math.trunc(c.entityId);
  const ids = (cols: readonly CatalogColumn[]) => `ARRAY[${cols.map(id).join(', ')}]::int[]`;
  const value = (c: CatalogColumn) => (c.kind === 'number' ? 'v.value_n::float8' : c.kind === 'bool' ? 'v.value_b' : 'v.value_s::text');
  const pivot = (c: CatalogColumn) => {
    const agg = c.kind === 'bool' ? 'bool_or' : 'max';
    return `${agg}(${value(c)}) FILTER (WHERE v.entity_id = ${id(c)})`;
  };
  const reading = '(v.value_n IS NOT NULL OR v.value_b IS NOT NULL OR v.value_s IS NOT NULL)';
  const inPeriod = 'v.ts >= $1::timestamptz AND v.ts < $2::timestamptz';
  return {
    latest: (_e, cols) => ({
      // each point's newest reading by its key, then the newest of those: no scan of the history
      text: `WITH last AS (SELECT max(m.ts) AS ts FROM unnest(${ids(cols)}) p(id)
                CROSS JOIN LATERAL (SELECT v.ts FROM ${values} v WHERE v.entity_id = p.id AND ${reading} ORDER BY v.ts DESC LIMIT 1) m)
             SELECT ${EPOCH_MS('last.ts')} AS t, ${cols.map((c, i) => `${pivot(c)} AS c${i}`).join(', ')}
               FROM last JOIN ${values} v ON v.ts = last.ts AND v.entity_id = ANY(${ids(cols)}) AND ${reading}
              GROUP BY last.ts`,
      params: [],
    }),
    series: (_e, cols, period, limit) => ({
      text: `SELECT ${EPOCH_MS('v.ts')} AS t, ${cols.map((c, i) => `${pivot(c)} AS c${i}`).join(', ')}
               FROM ${values} v WHERE v.entity_id = ANY(${ids(cols)}) AND ${inPeriod} AND ${reading}
              GROUP BY v.ts ORDER BY v.ts LIMIT $3`,
      params: [period.from, period.to, limit],
    }),
    buckets: (_e, cols, period, bucket, limit) => ({
      text: `SELECT ${EPOCH_MS('b')} AS t, ${cols
        .map(
          (c, i) =>
            `${aggregateSql(bucket.agg, c, c.kind === 'number' ? 'value_n::float8' : c.kind === 'bool' ? 'value_b' : 'value_s::text', `entity_id = ${id(c)}`)} AS c${i}`,
        )
        .join(', ')}
               FROM (SELECT ${bucketSql(timescale, bucket.align, 'v.ts')} AS b, v.* FROM ${values} v
                      WHERE v.entity_id = ANY(${ids(cols)}) AND ${inPeriod} AND ${reading}) v
              GROUP BY b ORDER BY b LIMIT $4`,
      params: [period.from, period.to, bucket.interval, limit, alignmentParam(bucket.align)],
    }),
    timestamps: (_e, cols, period) => ({
      text: `SELECT count(DISTINCT v.ts)::int AS n FROM ${values} v WHERE v.entity_id = ANY(${ids(cols)}) AND ${inPeriod} AND ${reading}`,
      params: [period.from, period.to],
    }),
    stats: (_e, cols, period) => ({
      text: `SELECT array_position(${ids(cols)}, v.entity_id) - 1 AS k, count(x)::int AS n, min(x) AS mn, max(x) AS mx, avg(x::numeric)::float8 AS av, sum(x::numeric)::float8 AS sm
               FROM ${values} v CROSS JOIN LATERAL (SELECT coalesce(v.value_n::float8, v.value_b::int::float8) AS x) x
              WHERE v.entity_id = ANY(${ids(cols)}) AND ${inPeriod}
              GROUP BY v.entity_id`,
      params: [period.from, period.to],
    }),
    anomalies: (_e, c, period, op, value, limit) => ({
      text: `SELECT ${EPOCH_MS('v.ts')} AS t, v.value_n::float8 AS c0 FROM ${values} v
              WHERE v.entity_id = ${id(c)} AND ${inPeriod} AND v.value_n::float8 ${SQL_OPERATORS[op]} $3::float8 ORDER BY v.ts LIMIT $4`,
      params: [period.from, period.to, value, limit],
    }),
  };
}
