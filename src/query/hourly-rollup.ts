import type { SqlReader } from '../outputs/core-store/find-org.js';
import type { OrgTables } from '../outputs/core-store/org-key.js';
import type { LocalClock } from '../time/clock.js';
import { alignmentParam, bucketSql, type Bucketing, EPOCH_MS, type Period, type Statement } from './layout-sql.js';
import type { CatalogColumn } from './query-catalog.js';
import type { Aggregation } from './query-types.js';

/**
 * Reading haysim's hourly continuous aggregate (values_{key}_hourly, hourlyRollupSql) instead of raw rows.
 * A range query takes it when its buckets are whole hours of the aggregate's grid (the site's hours, checked
 * against the zone's offsets over the period), its aggregation is avg/min/max/sum/count and its columns hold
 * numbers: the whole hours inside the period come from the aggregate, the part hours at its edges from raw rows,
 * and both are combined per bucket from their sums and counts. min, max and count are the raw path's to the bit;
 * avg and sum are the exact (numeric) mean and sum rounded once, where the raw path adds float8 in time order:
 * they agree to about 1e-15 relative (summing the raw path exactly too would cost the wide layout twice its time).
 *
 * Freshness: haysim creates the aggregate with real-time aggregation (materialized_only = false), so hours the
 * refresh policy has not materialised yet are aggregated from the hypertable when read; an aggregate switched to
 * materialized_only is not read at all. Rows written behind the materialised edge (a run over an older period,
 * gaps filled after an outage) are stale in it until the next refresh: haysim refreshes the whole aggregate at
 * the end of every run, the policy refreshes the last 3 days each hour.
 */

/** The aggregate of the org's values table, recorded in core.haysim_aggregate; `origin` (epoch ms) fixes its hour grid. */
export interface HourlyRollup {
  /** quoted, qualified (from OrgTables, never from the database) */
  readonly relation: string;
  readonly origin: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROLLUP_AGGREGATIONS: ReadonlySet<Aggregation> = new Set(['avg', 'min', 'max', 'sum', 'count']);

/**
 * The org's hourly aggregate when it may be read: haysim recorded it over this values table, and TimescaleDB's
 * catalog lists it as a continuous aggregate of that table with real-time aggregation. Undefined on PostgreSQL
 * without TimescaleDB and on the embedded store (no catalog view), and for an aggregate an older haysim made.
 */
export async function findHourlyRollup(store: SqlReader, t: OrgTables): Promise<HourlyRollup | undefined> {
  const [has] = await store.query<{ cagg: boolean; record: boolean }>(
    `SELECT to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL AS cagg,
            to_regclass('core.haysim_aggregate') IS NOT NULL AS record`,
  );
  if (!has?.cagg || !has.record) return undefined;
  const [row] = await store.query<{ origin: number }>(
    `SELECT (extract(epoch FROM a.bucket_origin) * 1000)::float8 AS origin
       FROM core.haysim_aggregate a
       JOIN timescaledb_information.continuous_aggregates c ON to_regclass(format('%I.%I', c.view_schema, c.view_name)) = to_regclass(a.relation)
      WHERE a.relation = $1 AND to_regclass(a.source) = to_regclass($2)
        AND to_regclass(format('%I.%I', c.hypertable_schema, c.hypertable_name)) = to_regclass($2) AND NOT c.materialized_only`,
    [t.hourly, t.values],
  );
  return row ? { relation: t.hourly, origin: Number(row.origin) } : undefined;
}

/**
 * The whole hours of `period` to read from the aggregate, or undefined when the query must read raw rows: an
 * aggregation or a column kind the aggregate does not hold, buckets that are not whole hours of its grid (a
 * UTC+05:30 site against an aggregate of UTC hours, a zone whose offset moves by half an hour), no whole hour.
 */
export function rollupHours(
  rollup: HourlyRollup,
  bucket: Bucketing,
  cols: readonly CatalogColumn[],
  period: Period,
  clock: LocalClock,
): Period | undefined {
  if (!ROLLUP_AGGREGATIONS.has(bucket.agg) || bucket.ms % HOUR !== 0 || cols.some((c) => c.kind !== 'number')) return undefined;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const grid = rollup.origin;
  const onGrid =
    'origin' in bucket.align ? mod(Date.parse(bucket.align.origin) - grid, HOUR) === 0 : localHoursOnGrid(clock, grid, from, to);
  if (!onGrid) return undefined;
  const first = grid + Math.ceil((from - grid) / HOUR) * HOUR;
  const last = grid + Math.floor((to - grid) / HOUR) * HOUR;
  return last > first ? { from: new Date(first).toISOString(), to: new Date(last).toISOString() } : undefined;
}

/**
 * Buckets on the site's wall clock start where the local time is a whole hour: on the grid when the zone's offset
 * plus the grid's origin is a whole number of hours at every instant of [from, to]. Offsets change at most once a
 * UTC day, so each day's start and end are checked (the clock memoises them).
 */
function localHoursOnGrid(clock: LocalClock, grid: number, from: number, to: number): boolean {
  for (let day = Math.floor(from / DAY); day <= Math.floor(to / DAY); day++)
    for (const t of [day * DAY, day * DAY + DAY - 1]) if (mod(grid + clock.offsetMs(t), HOUR) !== 0) return false;
  return true;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

/**
 * A buckets statement of the haystack layout over the aggregate: per bucket and point, the sums, counts, minima
 * and maxima of the aggregate's hours in [$6, $7) and of the raw readings in the edges [$1, $6) and [$7, $2),
 * combined. Parameters as LayoutSql.buckets, then the hours.
 */
export function rollupBucketsSql(
  values: string,
  rollup: HourlyRollup,
  timescale: boolean,
  cols: readonly CatalogColumn[],
  period: Period,
  hours: Period,
  bucket: Bucketing,
  limit: number,
): Statement {
  const ids = `ARRAY[${cols.map((c) => Math.trunc(c.entityId)).join(', ')}]::int[]`;
  const combined = (c: CatalogColumn) => {
    const only = `FILTER (WHERE p.entity_id = ${Math.trunc(c.entityId)})`;
    switch (bucket.agg) {
      case 'avg':
        return `(sum(p.sm) ${only} / sum(p.n) ${only})::float8`;
      case 'sum':
        return `(sum(p.sm) ${only})::float8`;
      case 'count':
        return `coalesce(sum(p.n) ${only}, 0)::int`;
      default:
        return `${bucket.agg}(p.${bucket.agg === 'min' ? 'mn' : 'mx'}) ${only}`;
    }
  };
  return {
    text: `SELECT ${EPOCH_MS('p.b')} AS t, ${cols.map((c, i) => `${combined(c)} AS c${i}`).join(', ')}
             FROM (SELECT ${bucketSql(timescale, bucket.align, 'h.bucket')} AS b, h.entity_id, h."sum" AS sm, h."count" AS n,
                          h."min"::float8 AS mn, h."max"::float8 AS mx
                     FROM ${rollup.relation} h
                    WHERE h.entity_id = ANY(${ids}) AND h.bucket >= $6::timestamptz AND h.bucket < $7::timestamptz AND h."count" > 0
                   UNION ALL
                   SELECT r.b, r.entity_id, sum(r.x), count(r.x), min(r.x)::float8, max(r.x)::float8
                     FROM (SELECT ${bucketSql(timescale, bucket.align, 'v.ts')} AS b, v.entity_id, v.value_n AS x FROM ${values} v
                            WHERE v.entity_id = ANY(${ids}) AND v.value_n IS NOT NULL
                              AND (v.ts >= $1::timestamptz AND v.ts < $6::timestamptz OR v.ts >= $7::timestamptz AND v.ts < $2::timestamptz)) r
                    GROUP BY r.b, r.entity_id) p
            GROUP BY p.b ORDER BY p.b LIMIT $4`,
    params: [period.from, period.to, bucket.interval, limit, alignmentParam(bucket.align), hours.from, hours.to],
  };
}
