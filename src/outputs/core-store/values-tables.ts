import { HaysimError } from '../../errors.js';
import type { OrgTables } from './org-key.js';
import { quoteIdent, quoteLiteral } from '../../sql/sql-quote.js';
import type { SqlClient } from './sql-client.js';

/** What begin() learned about an org's history table. */
export interface ValuesLayout {
  /** false when an existing install has `ts timestamp` without zone (we store UTC wall time there) */
  readonly tsZoned: boolean;
}

const VALUE_COLUMNS = `
  value_n numeric,
  value_b bool,
  value_s varchar,
  value_ts timestamp,
  status varchar,
  value_dict jsonb`;

/** Columns COPY writes and the types the binary encoding fits (NULL-only columns fit anything). */
const EXPECTED_TYPES: ReadonlyArray<readonly [string, RegExp, string]> = [
  ['entity_id', /^integer$/, 'integer'],
  ['ts', /^timestamp with(out)? time zone$/, 'timestamptz'],
  ['value_n', /^numeric/, 'numeric'],
  ['value_b', /^boolean$/, 'bool'],
  ['value_s', /^(character varying|text)/, 'varchar'],
  ['status', /^(character varying|text)/, 'varchar'],
];

const pkName = (t: OrgTables) => quoteIdent(`${t.valueTable}_pkey`);
const tsIndexName = (t: OrgTables) => quoteIdent(`${t.valueTable}_entity_ts_idx`);

/**
 * Creates core.values_{key} and its _current table when missing; on an
 * existing install adds missing value columns and checks the types the binary
 * COPY relies on.
 */
export async function ensureValueTables(tx: SqlClient, t: OrgTables): Promise<ValuesLayout> {
  const [state] = await tx.query<{ has_values: boolean }>('SELECT to_regclass($1) IS NOT NULL AS has_values', [t.values]);
  if (!state.has_values) {
    await tx.exec(`
      CREATE TABLE ${t.values} (
        entity_id int NOT NULL,
        ts timestamptz NOT NULL,${VALUE_COLUMNS},
        CONSTRAINT ${pkName(t)} PRIMARY KEY (entity_id, ts));
      CREATE INDEX ${tsIndexName(t)} ON ${t.values} (entity_id, ts DESC)`);
  } else {
    await tx.exec(
      `ALTER TABLE ${t.values} ${[
        'value_n numeric',
        'value_b bool',
        'value_s varchar',
        'value_ts timestamp',
        'status varchar',
        'value_dict jsonb',
      ]
        .map((c) => `ADD COLUMN IF NOT EXISTS ${c}`)
        .join(', ')}`,
    );
  }
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${t.current} (
      entity_id int PRIMARY KEY,
      ts timestamptz NOT NULL,${VALUE_COLUMNS})`);

  const columns = await tx.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type
       FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
    [t.values],
  );
  const types = new Map(columns.map((c) => [c.name, c.type]));
  for (const [name, pattern, expected] of EXPECTED_TYPES) {
    const found = types.get(name);
    if (!found || !pattern.test(found)) {
      throw new HaysimError(
        'STORE_CONFLICT',
        `core.${t.valueTable}.${name} is ${found ?? 'missing'}; haysim writes ${expected} there. ` +
          `Use another --org or convert the column.`,
      );
    }
  }
  return { tsZoned: types.get('ts') === 'timestamp with time zone' };
}

/**
 * Bulk-load index deferral (embedded engine: maintaining the primary key
 * during the load costs more than building it once). Drops the PK and ts
 * index when the table is empty; a table whose PK is already missing is an
 * interrupted deferred load, finished the same way. Returns whether
 * restoreIndexes() must run in finish().
 */
export async function deferIndexes(tx: SqlClient, t: OrgTables, wanted: boolean): Promise<boolean> {
  const [state] = await tx.query<{ pk: string | null; empty: boolean }>(
    `SELECT (SELECT conname FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p') AS pk,
            NOT EXISTS (SELECT 1 FROM ${t.values}) AS empty`,
    [t.values],
  );
  if (state.pk === null) return true;
  if (!wanted || !state.empty) return false;
  await tx.exec(`ALTER TABLE ${t.values} DROP CONSTRAINT ${quoteIdent(state.pk)};
                 DROP INDEX IF EXISTS core.${tsIndexName(t)}`);
  return true;
}

export async function restoreIndexes(tx: SqlClient, t: OrgTables): Promise<void> {
  await tx.exec(`ALTER TABLE ${t.values} ADD CONSTRAINT ${pkName(t)} PRIMARY KEY (entity_id, ts);
                 CREATE INDEX IF NOT EXISTS ${tsIndexName(t)} ON ${t.values} (entity_id, ts DESC)`);
}

/**
 * Makes _current equal each point's last history row: the latest row per
 * entity (LATERAL ... ORDER BY ts DESC LIMIT 1 walks the (entity_id, ts)
 * index backwards) upserted, and rows without history removed.
 */
export async function refreshCurrent(tx: SqlClient, t: OrgTables): Promise<void> {
  const cols = ['ts', 'value_n', 'value_b', 'value_s', 'value_ts', 'status', 'value_dict'];
  await tx.exec(`SET LOCAL TimeZone = 'UTC'`);
  await tx.query(`DELETE FROM ${t.current} c WHERE NOT EXISTS (SELECT 1 FROM ${t.values} h WHERE h.entity_id = c.entity_id)`);
  await tx.query(
    `INSERT INTO ${t.current} (entity_id, ${cols.join(', ')})
     SELECT e.id, ${cols.map((c) => `h.${c}`).join(', ')}
       FROM core.entity e
       CROSS JOIN LATERAL (SELECT * FROM ${t.values} v WHERE v.entity_id = e.id ORDER BY v.ts DESC LIMIT 1) h
      WHERE e.value_table_id = $1
     ON CONFLICT (entity_id) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    [t.valueTable],
  );
}

/**
 * Hourly rollup as a plain view, for databases without TimescaleDB: the continuous aggregate's name, columns and
 * grid (hourlyRollupSql, hours from the site's local midnight `origin`, an ISO instant).
 */
export async function createHourlyView(tx: SqlClient, t: OrgTables, layout: ValuesLayout, origin: string): Promise<void> {
  const [state] = await tx.query<{ kind: string | null }>(
    'SELECT (SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)) AS kind',
    [t.hourly],
  );
  if (state.kind !== null && state.kind !== 'v') return; // a continuous aggregate or the users' own relation
  // an install with `ts timestamp` holds UTC wall time
  const from = layout.tsZoned ? `TIMESTAMPTZ ${quoteLiteral(origin)}` : `TIMESTAMP ${quoteLiteral(origin.replace('Z', ''))}`;
  await tx.exec(`CREATE OR REPLACE VIEW ${t.hourly} AS
    SELECT entity_id, date_bin(INTERVAL '1 hour', ts, ${from}) AS bucket,
           avg(value_n) AS "avg", min(value_n) AS "min", max(value_n) AS "max", count(value_n) AS "count",
           sum(value_n) AS "sum"
      FROM ${t.values}
     GROUP BY 1, 2`);
}
