import { ArgsError, HaysimError } from '../../errors.js';
import { quoteIdent, quoteLiteral } from '../../sql/sql-quote.js';
import { ALERTS_TABLE, ensureAlertsTable } from '../alerts/write-alerts.js';
import type { SqlReader } from '../core-store/find-org.js';
import type { OrgTables } from '../core-store/org-key.js';
import type { SqlClient } from '../core-store/sql-client.js';
import type { EquipmentMetadata } from './wide-metadata.js';
import type { WideTable } from './wide-names.js';

/**
 * The wide layout's tables: one per equipment in a schema of the user's
 * choice, `equipment_metadata` beside them, and, in core, a view with the
 * narrow shape of `core.values_{org}` so validation and Haystack queries read
 * the same SQL in both layouts. Every table haysim creates there is recorded
 * in core.haysim_wide_table: a name that exists without a record is the
 * users' own, and haysim refuses to touch it.
 */

export const METADATA_TABLE = 'equipment_metadata';
const BOOKKEEPING = 'core.haysim_wide_table';
/** tables of the schema every org writing there shares (rows keyed by equipment id), never dropped by one org */
const SHARED: readonly string[] = [METADATA_TABLE, ALERTS_TABLE];

export const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;

/**
 * Names among the tables (and `equipment_metadata`) that exist in the schema
 * but were not created by haysim for this org (the metadata table may be
 * shared by orgs). Read-only: called before anything is written.
 */
export async function foreignTables(client: SqlClient, schema: string, tables: readonly WideTable[], orgKey: string): Promise<string[]> {
  const names = [...tables.map((t) => t.name), ...SHARED];
  const existing = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
    [schema, names],
  );
  if (existing.length === 0) return [];
  const [book] = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [BOOKKEEPING]);
  const ours = book.present
    ? await client.query<{ name: string; org_key: string }>(
        `SELECT table_name AS name, org_key FROM ${BOOKKEEPING} WHERE schema_name = $1 AND table_name = ANY($2::text[])`,
        [schema, names],
      )
    : [];
  const recorded = new Map(ours.map((r) => [r.name, r.org_key]));
  return existing
    .map((r) => r.name)
    .filter((name) => !recorded.has(name) || (!SHARED.includes(name) && recorded.get(name) !== orgKey))
    .sort();
}

/** Throws the one-line input error (exit 2) for names the users own. */
export function refuseForeign(schema: string, names: readonly string[]): void {
  if (names.length === 0) return;
  const shown = names.slice(0, 5).map((n) => `${schema}.${n}`);
  throw new ArgsError(
    `--layout wide: ${shown.join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''} already ${names.length === 1 ? 'exists' : 'exist'} ` +
      `and haysim did not create ${names.length === 1 ? 'it' : 'them'}; choose another --wide-schema (or --org), or rename ${names.length === 1 ? 'it' : 'them'}`,
  );
}

/**
 * What already sits at `core.values_{org}`: nothing, haysim's unpivot view
 * (wide layout) or a table (haystack layout). The layouts do not mix in one org.
 */
export async function valuesRelation(client: SqlClient, t: OrgTables): Promise<'none' | 'view' | 'table'> {
  const [row] = await client.query<{ kind: string | null }>(
    'SELECT (SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)) AS kind',
    [t.values],
  );
  return row.kind === null ? 'none' : row.kind === 'v' ? 'view' : 'table';
}

export async function ensureBookkeeping(tx: SqlClient): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${BOOKKEEPING} (
    schema_name varchar NOT NULL,
    table_name varchar NOT NULL,
    org_key varchar NOT NULL,
    equip_id varchar,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name))`);
}

/**
 * Creates the missing wide tables (`ts timestamptz` primary key, one typed
 * column per point) and adds columns a newer model has; records each table.
 * Returns the tables created now (a hypertable is made of those only).
 */
export async function ensureWideTables(tx: SqlClient, schema: string, tables: readonly WideTable[], orgKey: string): Promise<WideTable[]> {
  await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  await ensureBookkeeping(tx);
  const existing = new Set(
    (
      await tx.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`,
        [schema],
      )
    ).map((r) => r.name),
  );
  const created: WideTable[] = [];
  for (const table of tables) {
    const name = qualified(schema, table.name);
    const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`);
    if (!existing.has(table.name)) {
      await tx.exec(`CREATE TABLE ${name} (ts timestamptz NOT NULL, ${columns.join(', ')},
                       CONSTRAINT ${quoteIdent(`${table.name.slice(0, 58)}_pkey`)} PRIMARY KEY (ts));
                     COMMENT ON TABLE ${name} IS ${quoteLiteral(`haysim: readings of ${table.equipId} (org ${orgKey}), one row per timestamp`)}`);
      created.push(table);
    } else {
      await tx.exec(`ALTER TABLE ${name} ${columns.map((c) => `ADD COLUMN IF NOT EXISTS ${c}`).join(', ')}`);
    }
    await tx.query(
      `INSERT INTO ${BOOKKEEPING} (schema_name, table_name, org_key, equip_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (schema_name, table_name) DO NOTHING`,
      [schema, table.name, orgKey, table.equipId],
    );
  }
  return created;
}

/** `equipment_metadata`, created when missing and recorded as haysim's. */
export async function ensureMetadataTable(tx: SqlClient, schema: string, orgKey: string): Promise<void> {
  const table = qualified(schema, METADATA_TABLE);
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    equipment_id varchar PRIMARY KEY,
    table_name varchar NOT NULL,
    name varchar,
    type varchar NOT NULL,
    location varchar,
    floor int,
    rating varchar,
    nameplate jsonb NOT NULL DEFAULT '{}'::jsonb,
    manufacturer varchar,
    model varchar,
    install_date date,
    feeds varchar[] NOT NULL DEFAULT '{}',
    fed_by varchar[] NOT NULL DEFAULT '{}');
   COMMENT ON TABLE ${table} IS 'haysim: one row per equipment table of this schema'`);
  await tx.query(
    `INSERT INTO ${BOOKKEEPING} (schema_name, table_name, org_key) VALUES ($1, $2, $3) ON CONFLICT (schema_name, table_name) DO NOTHING`,
    [schema, METADATA_TABLE, orgKey],
  );
}

/** This site's rows of `equipment_metadata` (ensureMetadataTable) replaced. */
export async function writeMetadata(tx: SqlClient, schema: string, rows: readonly EquipmentMetadata[]): Promise<void> {
  const table = qualified(schema, METADATA_TABLE);
  await tx.query(`DELETE FROM ${table} WHERE equipment_id = ANY($1::text[])`, [rows.map((r) => r.equipment_id)]);
  await tx.query(
    `INSERT INTO ${table} (equipment_id, table_name, name, type, location, floor, rating, nameplate, manufacturer, model, install_date, feeds, fed_by)
     SELECT equipment_id, table_name, name, type, location, floor, rating, nameplate, manufacturer, model, install_date,
            ARRAY(SELECT jsonb_array_elements_text(feeds)), ARRAY(SELECT jsonb_array_elements_text(fed_by))
       FROM jsonb_to_recordset($1::jsonb) AS x(equipment_id varchar, table_name varchar, name varchar, type varchar, location varchar,
            floor int, rating varchar, nameplate jsonb, manufacturer varchar, model varchar, install_date date, feeds jsonb, fed_by jsonb)`,
    [JSON.stringify(rows)],
  );
}

/** The schema's `alerts` table, created when missing and recorded as haysim's (shared like the metadata). */
export async function ensureWideAlerts(tx: SqlClient, schema: string, orgKey: string): Promise<void> {
  await ensureAlertsTable(tx, qualified(schema, ALERTS_TABLE));
  await tx.query(
    `INSERT INTO ${BOOKKEEPING} (schema_name, table_name, org_key) VALUES ($1, $2, $3) ON CONFLICT (schema_name, table_name) DO NOTHING`,
    [schema, ALERTS_TABLE, orgKey],
  );
}

/**
 * `core.values_{org}` as a view over the wide tables, in the narrow shape
 * (entity_id, ts, value_n, value_b, value_s, value_ts, status, value_dict) the
 * validation and the users' Haystack queries read. NULL cells have no row. The
 * status comes from the ground truth: `fault` inside a fault or maintenance
 * window of the equipment, `stale` inside a stale block, else `ok`, as the
 * engine marks readings.
 */
export async function createUnpivotView(
  tx: SqlClient,
  t: OrgTables,
  cx: {
    readonly schema: string;
    readonly orgId: number;
    readonly tables: readonly WideTable[];
    /** core.entity id per Haystack id */
    readonly ids: ReadonlyMap<string, number>;
  },
): Promise<void> {
  // one branch per point lets a query for some points skip the others at plan time, but PostgreSQL's parser
  // recurses once per UNION ALL: past a few thousand points (the campus) one branch per table unpivots instead
  const perPoint = cx.tables.reduce((n, t) => n + t.columns.length, 0) <= MAX_POINT_BRANCHES;
  const branches = perPoint ? cx.tables.flatMap((table) => pointBranches(table, cx)) : cx.tables.map((table) => tableBranch(table, cx));
  const body =
    branches.length > 0
      ? branches.join('\n    UNION ALL\n    ')
      : `SELECT NULL::int AS entity_id, NULL::timestamptz AS ts, NULL::numeric AS value_n, NULL::boolean AS value_b, NULL::varchar AS value_s,
                NULL::timestamp AS value_ts, NULL::varchar AS status, NULL::jsonb AS value_dict WHERE false`;
  await tx.exec(`CREATE OR REPLACE VIEW ${t.values} AS ${body};
    COMMENT ON VIEW ${t.values} IS ${quoteLiteral(`haysim: the wide tables of schema ${cx.schema} in the narrow shape (layout wide)`)}`);
}

/** the most UNION ALL branches the view gets before it unpivots per table (the parser's stack bounds it) */
const MAX_POINT_BRANCHES = 2_000;

type ViewContext = Parameters<typeof createUnpivotView>[2];

function pointId(c: WideTable['columns'][number], cx: ViewContext): number {
  const id = cx.ids.get(c.pointId);
  if (id === undefined) throw new HaysimError('PROFILE_INVALID', `point ${c.pointId} has no entity in the model`);
  return Math.trunc(id);
}

/** The narrow value columns of a wide cell (`col`, an SQL expression) of a column's type. */
function narrowValues(c: WideTable['columns'][number], col: string): [string, string, string] {
  return [
    c.type === 'double precision' ? `${col}::numeric` : 'NULL::numeric',
    c.type === 'boolean' ? col : 'NULL::boolean',
    c.type === 'text' ? `${col}::varchar` : 'NULL::varchar',
  ];
}

/** One branch per point, its entity id a constant. */
function pointBranches(table: WideTable, cx: ViewContext): string[] {
  const equipId = cx.ids.get(table.equipId);
  return table.columns.map((c) => {
    const id = pointId(c, cx);
    const col = `w.${quoteIdent(c.name)}`;
    const [n, b, s] = narrowValues(c, col);
    return `SELECT ${id} AS entity_id, w.ts, ${n} AS value_n, ${b} AS value_b, ${s} AS value_s, NULL::timestamp AS value_ts,
           ${statusSql(cx.orgId, equipId, id, 'w.ts')} AS status, NULL::jsonb AS value_dict
      FROM ${qualified(cx.schema, table.name)} w WHERE ${col} IS NOT NULL`;
  });
}

/**
 * One branch per table: its points as a VALUES list (entity id, column number) driving a scan of the table
 * that picks the column. The list is the outer side (OFFSET 0 keeps the planner from flattening the scan into
 * a join it may turn round), so a query for some points filters the lists first and never scans the tables
 * holding none of them; a full scan reads each table once per column, as the per-point branches do. The
 * equipment's fault and stale windows are one multirange each per query; a point's own fault (a failed
 * sensor) is looked up only for rows inside a window some point of the table has.
 */
function tableBranch(table: WideTable, cx: ViewContext): string {
  const equip = cx.ids.get(table.equipId);
  const ids = table.columns.map((c) => pointId(c, cx));
  const cells = table.columns.map((c) => narrowValues(c, `w.${quoteIdent(c.name)}`));
  const pick = (slot: 0 | 1 | 2, none: string) => {
    const arms = cells.flatMap((v, k) => (v[slot] === none ? [] : [`WHEN ${k} THEN ${v[slot]}`]));
    return arms.length ? `CASE m.k ${arms.join(' ')} END` : none;
  };
  const org = Math.trunc(cx.orgId);
  const windows = (entities: string, types: string) =>
    `(SELECT range_agg(tstzrange(e.start_ts, e.end_ts)) FROM core.haysim_event e
       WHERE e.org_id = ${org} AND e.entity_id IN (${entities}) AND e.type IN (${types})
         AND coalesce(e.params->>'status', 'fault') = 'fault')`;
  const status =
    equip === undefined
      ? `'ok'::varchar`
      : `(CASE WHEN coalesce(${windows(String(Math.trunc(equip)), `'fault', 'maintenance'`)} @> x.ts, false) THEN 'fault'
               WHEN coalesce(${windows(ids.join(', '), `'fault'`)} @> x.ts, false) AND EXISTS (SELECT 1 FROM core.haysim_event e
                 WHERE e.org_id = ${org} AND e.entity_id = m.entity_id AND e.type = 'fault' AND coalesce(e.params->>'status', 'fault') = 'fault'
                   AND tstzrange(e.start_ts, e.end_ts) @> x.ts) THEN 'fault'
               WHEN coalesce(${windows(String(Math.trunc(equip)), `'stale'`)} @> x.ts, false) THEN 'stale' ELSE 'ok' END)::varchar`;
  return `SELECT m.entity_id, x.ts, x.value_n, x.value_b, x.value_s, NULL::timestamp AS value_ts, ${status} AS status, NULL::jsonb AS value_dict
      FROM (VALUES ${ids.map((id, k) => `(${id}, ${k})`).join(', ')}) m(entity_id, k)
      CROSS JOIN LATERAL (SELECT w.ts, ${pick(0, 'NULL::numeric')} AS value_n, ${pick(1, 'NULL::boolean')} AS value_b,
                                 ${pick(2, 'NULL::varchar')} AS value_s
                            FROM ${qualified(cx.schema, table.name)} w OFFSET 0) x
     WHERE x.value_n IS NOT NULL OR x.value_b IS NOT NULL OR x.value_s IS NOT NULL`;
}

/**
 * A reading's status from the ground truth, as the engine marks it: `fault` inside a fault or maintenance
 * window of its equipment that took it down (status-ok degradations leave readings ok) or a fault on the
 * point itself that the controller flags (a failed sensor), else `stale` inside a stale block, else `ok`.
 * Each set of windows is one multirange from an uncorrelated subquery, computed once per query; a row costs
 * a containment test (a correlated lookup per row cost 100+ µs on a day of the office tower).
 */
function statusSql(orgId: number, equip: number | undefined, point: number, ts: string): string {
  if (equip === undefined) return `'ok'::varchar`;
  const windows = (entities: string, types: string) =>
    `(SELECT range_agg(tstzrange(e.start_ts, e.end_ts)) FROM core.haysim_event e
       WHERE e.org_id = ${Math.trunc(orgId)} AND e.entity_id IN (${entities}) AND e.type IN (${types})
         AND coalesce(e.params->>'status', 'fault') = 'fault')`;
  const faulted = windows(`${Math.trunc(equip)}, ${Math.trunc(point)}`, `'fault', 'maintenance'`);
  return `(CASE WHEN coalesce(${faulted} @> ${ts}, false) THEN 'fault'
               WHEN coalesce(${windows(String(Math.trunc(equip)), `'stale'`)} @> ${ts}, false) THEN 'stale' ELSE 'ok' END)::varchar`;
}

/**
 * `core.values_{org}_current` (one row per point: its newest reading), as in the haystack layout: each
 * column's newest non-NULL row, found walking the table's ts index backwards.
 */
export async function refreshWideCurrent(
  tx: SqlClient,
  t: OrgTables,
  cx: { readonly schema: string; readonly orgId: number; readonly tables: readonly WideTable[]; readonly ids: ReadonlyMap<string, number> },
): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${t.current} (
      entity_id int PRIMARY KEY,
      ts timestamptz NOT NULL,
      value_n numeric, value_b bool, value_s varchar, value_ts timestamp, status varchar, value_dict jsonb)`);
  const pointIds = cx.tables.flatMap((table) => table.columns.map((c) => cx.ids.get(c.pointId) ?? 0));
  await tx.query(`DELETE FROM ${t.current} WHERE entity_id = ANY($1::int[])`, [pointIds]);
  for (const table of cx.tables) {
    const equipId = cx.ids.get(table.equipId);
    const parts = table.columns.map((c) => {
      const col = quoteIdent(c.name);
      const n = c.type === 'double precision' ? `w.v::numeric` : 'NULL::numeric';
      const b = c.type === 'boolean' ? 'w.v' : 'NULL::boolean';
      const s = c.type === 'text' ? 'w.v::varchar' : 'NULL::varchar';
      const id = cx.ids.get(c.pointId) ?? 0;
      return `SELECT ${Math.trunc(id)}, w.ts, ${n}, ${b}, ${s}, ${statusSql(cx.orgId, equipId, id, 'w.ts')}
        FROM (SELECT ts, ${col} AS v FROM ${qualified(cx.schema, table.name)} WHERE ${col} IS NOT NULL ORDER BY ts DESC LIMIT 1) w`;
    });
    await tx.exec(`INSERT INTO ${t.current} (entity_id, ts, value_n, value_b, value_s, status) ${parts.join(' UNION ALL ')}`);
  }
}

/**
 * --reset in the wide layout: the view (and the validation views over it)
 * and every table haysim created for this org; the metadata rows stay for
 * writeMetadata to replace.
 */
export async function dropWide(tx: SqlClient, t: OrgTables): Promise<void> {
  await ensureBookkeeping(tx);
  await tx.exec(`DROP VIEW IF EXISTS ${t.values} CASCADE`);
  const ours = await tx.query<{ schema_name: string; table_name: string }>(
    `SELECT schema_name, table_name FROM ${BOOKKEEPING} WHERE org_key = $1 AND table_name <> ALL($2::text[])`,
    [t.key, SHARED],
  );
  for (const r of ours) await tx.exec(`DROP TABLE IF EXISTS ${qualified(r.schema_name, r.table_name)}`);
  await tx.query(`DELETE FROM ${BOOKKEEPING} WHERE org_key = $1 AND table_name <> ALL($2::text[])`, [t.key, SHARED]);
}

/** A wide table as readers find it: its quoted, qualified name and its columns. */
export interface WideTableRef {
  readonly table: string;
  readonly columns: ReadonlySet<string>;
}

/**
 * The org's wide tables by equipment (Haystack) id with their columns, when core.values_{org} is the view
 * over them (the wide layout); undefined in the haystack layout. Validation and the query library read
 * the layout this way.
 */
export async function orgWideTables(store: SqlReader, t: OrgTables): Promise<Map<string, WideTableRef> | undefined> {
  const [kind] = await store.query<{ view: boolean; book: boolean }>(
    `SELECT coalesce((SELECT c.relkind = 'v' FROM pg_class c WHERE c.oid = to_regclass($1)), false) AS view,
            to_regclass('core.haysim_wide_table') IS NOT NULL AS book`,
    [t.values],
  );
  if (!kind?.view || !kind.book) return undefined;
  const rows = await store.query<{ equip: string; schema: string; name: string; cols: string[] }>(
    `SELECT b.equip_id AS equip, b.schema_name AS schema, b.table_name AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = to_regclass(quote_ident(b.schema_name) || '.' || quote_ident(b.table_name))
                     AND a.attnum > 0 AND NOT a.attisdropped) AS cols
       FROM core.haysim_wide_table b WHERE b.org_key = $1 AND b.equip_id IS NOT NULL`,
    [t.key],
  );
  return new Map(rows.map((r) => [r.equip, { table: qualified(r.schema, r.name), columns: new Set(r.cols) }] as const));
}
