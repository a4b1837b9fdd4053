import type { OrgTables } from './org-key.js';
import { quoteLiteral } from '../../sql/sql-quote.js';
import { LocalClock } from '../../time/clock.js';
import type { SqlClient } from './sql-client.js';

/**
 * TimescaleDB setup for history tables (the Haystack values table, each wide
 * table), used only when the server offers the extension. The statements are
 * built apart from running them, so the plan for a detected capability can be
 * checked without the extension. Continuous-aggregate DDL and refreshes
 * cannot run in a transaction block, so those take the plain client.
 */

/**
 * Chunks whose end is older than this are compressed by the policy. The
 * chunk being written ends in the future and is never touched, and the
 * hourly aggregate's refresh window (3 days) stays in uncompressed chunks.
 */
const COMPRESS_AFTER = '7 days';

/** One history table as a hypertable. */
export interface HypertablePlan {
  /** qualified, quoted relation */
  readonly relation: string;
  /** `30 days`, `6 hours` (chunkIntervalSql) */
  readonly chunkInterval: string;
  /** column whose series compress apart (Haystack: entity_id); a wide table holds one series */
  readonly segmentBy?: string;
}

/** create_hypertable and the compression settings, for a table not yet a hypertable. */
export function hypertableSql(p: HypertablePlan): string[] {
  const rel = quoteLiteral(p.relation);
  const segment = p.segmentBy ? `, timescaledb.compress_segmentby = ${quoteLiteral(p.segmentBy)}` : '';
  return [
    `SELECT create_hypertable(${rel}::regclass, 'ts', chunk_time_interval => INTERVAL ${quoteLiteral(p.chunkInterval)}, migrate_data => true)`,
    `ALTER TABLE ${p.relation} SET (timescaledb.compress${segment}, timescaledb.compress_orderby = 'ts DESC')`,
  ];
}

/** After a load: the compression policy and, when asked, the retention policy (a PostgreSQL interval such as `1 year`). */
export function policySql(relation: string, retention: string | undefined): string[] {
  const rel = `${quoteLiteral(relation)}::regclass`;
  const sql = [`SELECT add_compression_policy(${rel}, INTERVAL ${quoteLiteral(COMPRESS_AFTER)}, if_not_exists => true)`];
  if (retention) sql.push(`SELECT add_retention_policy(${rel}, drop_after => INTERVAL ${quoteLiteral(retention)}, if_not_exists => true)`);
  return sql;
}

/**
 * True when timescaledb is installed or could be installed here. A server that
 * lists the extension but cannot load it (not in shared_preload_libraries, no
 * privilege) counts as plain PostgreSQL rather than an error.
 */
export async function enableTimescale(client: SqlClient): Promise<boolean> {
  const [row] = await client.query<{ available: boolean; installed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS available,
            EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS installed`,
  );
  if (row.installed) return true;
  if (!row.available) return false;
  try {
    await client.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
    return true;
  } catch {
    return false;
  }
}

/** Makes a history table a hypertable with compression settings, unless it already is one. */
export async function makeHypertable(tx: SqlClient, p: HypertablePlan): Promise<void> {
  const [row] = await tx.query<{ is_hyper: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                     WHERE format('%I.%I', hypertable_schema, hypertable_name)::regclass = $1::regclass) AS is_hyper`,
    [p.relation],
  );
  if (row.is_hyper) return;
  for (const sql of hypertableSql(p)) await tx.query(sql);
}

/**
 * The hourly rollup of the org's values table: entity_id, bucket, avg, min, max, count (the users' schema) and sum,
 * exact (numeric), so the query layer combines hours into longer buckets as Σsum / Σcount, never as an average of
 * averages. Hours start on `origin`'s grid, the site's local midnight, so a UTC+05:30 site's hours start at :30 UTC
 * as its clock does. The same text is the continuous aggregate's body and that of the query tests' stand-in for it
 * (the plain view spells it with date_bin).
 */
export function hourlyRollupSql(values: string, origin: string): string {
  const bucket = `time_bucket(INTERVAL '1 hour', ts, TIMESTAMPTZ ${quoteLiteral(origin)})`;
  return `SELECT entity_id, ${bucket} AS bucket,
           avg(value_n) AS "avg", min(value_n) AS "min", max(value_n) AS "max", count(value_n) AS "count",
           sum(value_n) AS "sum"
      FROM ${values}
     GROUP BY entity_id, ${bucket}`;
}

/** The site's local midnight on 2000-01-03 (a Monday), as an ISO instant: the origin of the hourly grid. */
export function hourlyOrigin(timeZone: string): string {
  return new Date(new LocalClock(timeZone).fromLocalMs(Date.UTC(2000, 0, 3))).toISOString();
}

/**
 * values_{key}_hourly as a continuous aggregate with real-time aggregation (rows not yet materialised are
 * aggregated when read, so the view is never behind the table) and a refresh policy, recorded in
 * core.haysim_aggregate with its grid so the query layer knows it may read it. TimescaleDB before 2.15 takes no
 * origin in a continuous aggregate: the aggregate then keeps UTC hours, and its record says so.
 */
export async function createHourlyAggregate(client: SqlClient, t: OrgTables, timeZone: string): Promise<void> {
  const [row] = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [t.hourly]);
  if (row.exists) return;
  const create = (origin: string) =>
    client.exec(`CREATE MATERIALIZED VIEW ${t.hourly} WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
    ${hourlyRollupSql(t.values, origin)}
    WITH NO DATA`);
  let origin = hourlyOrigin(timeZone);
  try {
    await create(origin);
  } catch {
    origin = UTC_ORIGIN;
    await create(origin);
  }
  await client.query(
    `SELECT add_continuous_aggregate_policy(${quoteLiteral(t.hourly)}::regclass,
       start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour',
       schedule_interval => INTERVAL '1 hour', if_not_exists => true)`,
  );
  await recordHourlyAggregate(client, t, origin);
}

/** time_bucket's own origin for buckets under a month: hours on the UTC clock. */
const UTC_ORIGIN = '2000-01-03T00:00:00.000Z';

/** Says that `t.hourly` is haysim's hourly rollup of `t.values` on the grid of `origin` (hourlyRollupSql). */
export async function recordHourlyAggregate(client: Pick<SqlClient, 'query'>, t: OrgTables, origin: string): Promise<void> {
  await client.query(
    `INSERT INTO core.haysim_aggregate (relation, source, bucket_origin) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT (relation) DO UPDATE SET source = EXCLUDED.source, bucket_origin = EXCLUDED.bucket_origin, created_at = now()`,
    [t.hourly, t.values, origin],
  );
}

/** The hypertables and continuous aggregates of a run, for finishTimescale. */
export interface TimescaleFinish {
  readonly relations: readonly string[];
  readonly aggregates: readonly string[];
  /** retention policy interval (`1 years`), when asked */
  readonly retention?: string;
}

/** After a load: the policies of each hypertable, then the whole history of each continuous aggregate materialised once. */
export async function finishTimescale(client: SqlClient, { relations, aggregates, retention }: TimescaleFinish): Promise<void> {
  for (const relation of relations) for (const sql of policySql(relation, retention)) await client.query(sql);
  for (const cagg of aggregates) {
    const [row] = await client.query<{ is_cagg: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM timescaledb_information.continuous_aggregates
                       WHERE format('%I.%I', view_schema, view_name)::regclass = $1::regclass) AS is_cagg`,
      [cagg],
    );
    if (row.is_cagg) await client.exec(`CALL refresh_continuous_aggregate(${quoteLiteral(cagg)}, NULL, NULL)`);
  }
}
