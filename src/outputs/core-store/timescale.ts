import type { OrgTables } from './org-key.js';
import { quoteLiteral } from '../../sql/sql-quote.js';
import type { SqlClient } from './sql-client.js';

/**
 * TimescaleDB setup for an org's history table, used only when the server
 * offers the extension. Continuous-aggregate DDL and refreshes cannot run in
 * a transaction block, so these take the plain client.
 */

/** Rows per hypertable chunk we aim below, so a chunk's indexes stay small enough to cache. */
const TARGET_CHUNK_ROWS = 10_000_000;

/**
 * Hypertable chunk length from the data rate: points × rows per point per
 * day. The office tower (≈400 points at 15 min, ≈40k rows/day) gets 7 days;
 * 10k points at 1 min (14M rows/day) gets 1 day.
 */
export function chunkTimeIntervalDays(points: number, intervalMs: number): number {
  const rowsPerDay = points * (86_400_000 / Math.max(intervalMs, 1));
  return Math.min(7, Math.max(1, Math.floor(TARGET_CHUNK_ROWS / Math.max(rowsPerDay, 1))));
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

/** Hypertable with compression settings (the compression policy is added by finishTimescale, after the load). */
export async function makeHypertable(tx: SqlClient, t: OrgTables, chunkDays: number): Promise<void> {
  const [row] = await tx.query<{ is_hyper: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                     WHERE hypertable_schema = 'core' AND hypertable_name = $1) AS is_hyper`,
    [t.valueTable],
  );
  if (row.is_hyper) return;
  await tx.query(`SELECT create_hypertable($1::regclass, 'ts', chunk_time_interval => $2::interval, migrate_data => true)`, [
    t.values,
    `${chunkDays} days`,
  ]);
  await tx.exec(`ALTER TABLE ${t.values} SET (timescaledb.compress,
    timescaledb.compress_segmentby = 'entity_id', timescaledb.compress_orderby = 'ts DESC')`);
}

/** values_{key}_hourly(entity_id, bucket, avg, min, max, count) as a continuous aggregate with a refresh policy. */
export async function createHourlyAggregate(client: SqlClient, t: OrgTables): Promise<void> {
  const [row] = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [t.hourly]);
  if (row.exists) return;
  await client.exec(`CREATE MATERIALIZED VIEW ${t.hourly} WITH (timescaledb.continuous) AS
    SELECT entity_id, time_bucket(INTERVAL '1 hour', ts) AS bucket,
           avg(value_n) AS "avg", min(value_n) AS "min", max(value_n) AS "max", count(value_n) AS "count"
      FROM ${t.values}
     GROUP BY entity_id, time_bucket(INTERVAL '1 hour', ts)
    WITH NO DATA`);
  await client.query(
    `SELECT add_continuous_aggregate_policy(${quoteLiteral(t.hourly)}::regclass,
       start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour',
       schedule_interval => INTERVAL '1 hour', if_not_exists => true)`,
  );
}

/** After a load: compress chunks older than a week from now on, and materialise the whole history once. */
export async function finishTimescale(client: SqlClient, t: OrgTables): Promise<void> {
  await client.query(`SELECT add_compression_policy(${quoteLiteral(t.values)}::regclass, INTERVAL '7 days', if_not_exists => true)`);
  const [row] = await client.query<{ is_cagg: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM timescaledb_information.continuous_aggregates
                     WHERE view_schema = 'core' AND view_name = $1) AS is_cagg`,
    [`${t.valueTable}_hourly`],
  );
  if (row.is_cagg) await client.exec(`CALL refresh_continuous_aggregate(${quoteLiteral(t.hourly)}, NULL, NULL)`);
}
