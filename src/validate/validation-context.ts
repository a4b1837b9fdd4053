import { ArgsError, HaysimError } from '../errors.js';
import { findOrg } from '../outputs/core-store/find-org.js';
import { orgTables, type OrgTables, validateOrgKey } from '../outputs/core-store/org-key.js';
import { isValidTimeZone } from '../time/clock.js';
import { ianaTimeZone } from '../time/haystack-time-zone.js';
import { EntityIndex, type StoreEntity, type StoreTag } from './entity-index.js';

/** The little validation needs from a store: parameterised SQL over the core schema. */
export interface QueryableStore {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface ValidateOptions {
  /** organization key (core.org.key) */
  org: string;
  /** IANA zone for occupied hours and days; default: from the site's `tz` tag, else UTC */
  timeZone?: string;
  /** sample interval; default: the latest haysim run of the org, else inferred from the data */
  intervalMs?: number;
  /** epoch ms, start inclusive, end exclusive; default: the latest haysim run, else the data's extent */
  range?: { start: number; end: number };
  /** the site (Haystack id) the org must hold, and the profile it comes from, for the error when it does not */
  site?: { id: string; profile: string };
}

/**
 * SQL fragments for the org's history table. Every query over it binds the
 * range as $1 and $2 so fragments can be combined freely.
 */
export interface ValuesSql {
  /** quoted core."values_{org}" */
  readonly table: string;
  /** the SQL type of ts ranges are cast to: timestamptz, or timestamp (UTC wall time) on older installs */
  readonly cast: 'timestamptz' | 'timestamp';
  /** quoted core."values_{org}_current", null when the table is missing */
  readonly current: string | null;
  /** $1/$2 for the range, typed as the column is (timestamptz, or UTC wall time in timestamp) */
  readonly rangeParams: readonly [string, string];
  inRange(alias: string): string;
  epochMs(alias: string): string;
  /** local wall time of alias.ts in the zone bound as parameter `tzParam` */
  local(alias: string, tzParam: string): string;
  /**
   * A condition true unless the row is a spike in the ground truth (one bad poll the engine labelled, type
   * `spike`): checks of physical limits judge the building, not a sensor's outliers (TRUE without events).
   */
  notSpike(alias: string): string;
  /**
   * SQL: the row lies inside a ground-truth fault whose signature names its point (`params.points`): a
   * hunting loop's swing or a failed sensor's reading is the fault, not the building (FALSE without events).
   */
  inFault(alias: string): string;
  /**
   * SQL: no status-ok fault of the equipment (entity id `equipSql`) covers epoch ms `tSql` or ended in the 4 h
   * before it: a leaking valve or a stuck damper is the fault, not the sequence (TRUE without events).
   */
  outsideFault(equipSql: string, tSql: string): string;
  /**
   * SQL: a fault or maintenance of the row's equipment (or of the air handler feeding it) ended within `withinMs`
   * of the row: the room turning back when the air returns is the fault's end, not a sensor's outlier (FALSE without events).
   */
  nearFaultEnd(alias: string, withinMs: number): string;
  /**
   * SQL: the row's equipment (or the air handler feeding it) was down for a fault or maintenance at the row, or
   * came back within `afterMs` before it: a room without air floats past what the plant holds it to (FALSE without events).
   */
  inOutage(alias: string, afterMs: number): string;
}

export interface ValidationContext {
  readonly store: QueryableStore;
  readonly org: string;
  readonly orgId: number;
  readonly tables: OrgTables;
  readonly timeZone: string;
  readonly intervalMs: number;
  readonly range: { readonly start: number; readonly end: number };
  /** a timestamp of the sample grid (the run's start, else the first sample): expected timestamps are origin + k·interval */
  readonly gridOrigin: number;
  /** where interval and range came from, for the report */
  readonly rangeSource: string;
  readonly entities: EntityIndex;
  readonly tags: readonly StoreTag[];
  readonly values: ValuesSql;
  /** runs SQL, turning driver errors into a HaysimError naming `what` */
  query<R extends Record<string, unknown>>(what: string, sql: string, params?: readonly unknown[]): Promise<R[]>;
}

async function guarded<R extends Record<string, unknown>>(
  store: QueryableStore,
  what: string,
  sql: string,
  params?: readonly unknown[],
): Promise<R[]> {
  try {
    return await store.query<R>(sql, params);
  } catch (err) {
    if (err instanceof HaysimError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new HaysimError('STORE_READ_FAILED', `validate: reading ${what} failed: ${msg}`, { cause: err });
  }
}

export async function loadContext(store: QueryableStore, options: ValidateOptions): Promise<ValidationContext> {
  const org = validateOrgKey(options.org);
  const tables = orgTables(org);
  const q = <R extends Record<string, unknown>>(what: string, sql: string, params?: readonly unknown[]) =>
    guarded<R>(store, what, sql, params);

  const orgId = await findOrg({ query: (sql, params) => q('core.org', sql, params) }, org);
  const [schema] = await q<{ values: boolean; current: boolean; run: boolean; events: boolean; ts_type: string | null }>(
    'the core schema',
    `SELECT to_regclass($1) IS NOT NULL AS values,
            to_regclass($2) IS NOT NULL AS current, to_regclass('core.haysim_run') IS NOT NULL AS run,
            to_regclass('core.haysim_event') IS NOT NULL AS events,
            (SELECT format_type(atttypid, atttypmod) FROM pg_attribute
              WHERE attrelid = to_regclass($1) AND attname = 'ts' AND NOT attisdropped) AS ts_type`,
    [tables.values, tables.current],
  );
  if (!schema.values)
    throw new HaysimError('STORE_READ_FAILED', `validate: ${tables.values} does not exist; generate data for org "${org}" first`);

  const entityRows = await q<{ id: number; hid: string | null; tags: Record<string, unknown> | null }>(
    'core.entity',
    'SELECT id, haystack_id AS hid, tags FROM core.entity WHERE org_id = $1 AND disabled_ts IS NULL ORDER BY id',
    [orgId],
  );
  const entities = new EntityIndex(
    entityRows.map((r): StoreEntity => ({ id: Number(r.id), hid: r.hid ?? `#${r.id}`, tags: r.tags ?? {} })),
  );
  const expected = options.site;
  if (expected && !entities.find('site').some((s) => s.hid === expected.id)) {
    const held = entities.find('site').map((s) => s.hid);
    throw new ArgsError(
      `--profile ${expected.profile}: org "${org}" does not hold its site ${expected.id} (it holds ${held.length ? held.join(', ') : 'no site'}); generate it first or pass the right --org`,
    );
  }
  const tags = await loadTags(q, orgId);

  const zoned = schema.ts_type !== 'timestamp without time zone';
  const timeZone = resolveTimeZone(options.timeZone, entities);
  const run = schema.run ? await latestRun(q, orgId) : undefined;
  const pointIds = entities.find('point').map((p) => p.id);
  let intervalMs = options.intervalMs ?? run?.interval;
  let range = options.range ?? (run ? { start: run.start, end: run.end } : undefined);
  const rangeSource = options.range ? 'given range' : run ? `haysim run #${run.id}` : 'extent of the data';
  let gridOrigin = run?.start;
  if (intervalMs === undefined || range === undefined || gridOrigin === undefined) {
    const extent = await dataExtent(q, tables.values, pointIds, intervalMs === undefined);
    intervalMs ??= extent.interval;
    range ??= { start: extent.start, end: extent.end + intervalMs };
    gridOrigin ??= extent.start;
  }
  if (!(intervalMs > 0)) throw new ArgsError(`--interval: expected a positive interval, got ${intervalMs} ms`);
  if (!(range.end > range.start)) throw new ArgsError(`--start/--end: the range is empty (${iso(range.start)} … ${iso(range.end)})`);

  const values = valuesSql(tables, zoned, schema.current, range, schema.events ? orgId : undefined);
  return {
    store,
    org,
    orgId,
    tables,
    timeZone,
    intervalMs,
    range,
    gridOrigin,
    rangeSource,
    entities,
    tags,
    values,
    query: q,
  };
}

type Q = <R extends Record<string, unknown>>(what: string, sql: string, params?: readonly unknown[]) => Promise<R[]>;

async function loadTags(q: Q, orgId: number): Promise<StoreTag[]> {
  const rows = await q<{
    e: number;
    name: string;
    n: number | null;
    b: boolean | null;
    s: string | null;
    ref: number | null;
    ts: boolean;
    dict: boolean;
    list: boolean;
  }>(
    'core.entity_tag',
    `SELECT t.entity_id AS e, d.name, t.value_n::float8 AS n, t.value_b AS b, t.value_s AS s, t.value_ref AS ref,
            t.value_ts IS NOT NULL AS ts, t.value_dict IS NOT NULL AS dict, t.value_list IS NOT NULL AS list
       FROM core.entity_tag t
       JOIN core.entity e ON e.id = t.entity_id
       JOIN core.tag_def d ON d.id = t.tag_id
      WHERE e.org_id = $1 AND e.disabled_ts IS NULL AND t.disabled_ts IS NULL
      ORDER BY t.entity_id, d.name`,
    [orgId],
  );
  return rows.map((r) => ({
    entityId: Number(r.e),
    name: r.name,
    n: r.n === null ? null : Number(r.n),
    b: r.b,
    s: r.s,
    ref: r.ref === null ? null : Number(r.ref),
    hasTs: r.ts,
    hasDict: r.dict,
    hasList: r.list,
  }));
}

async function latestRun(q: Q, orgId: number) {
  const [row] = await q<{ id: number; start: number; end: number; interval: number }>(
    'core.haysim_run',
    `SELECT id, extract(epoch FROM start_ts)::float8 * 1000 AS start, extract(epoch FROM end_ts)::float8 * 1000 AS "end",
            interval_ms::float8 AS interval
       FROM core.haysim_run WHERE org_id = $1
      ORDER BY (finished_at IS NOT NULL) DESC, id DESC LIMIT 1`,
    [orgId],
  );
  return row && { id: Number(row.id), start: Number(row.start), end: Number(row.end), interval: Number(row.interval) };
}

/** First and last timestamp of the org's history, and the most common step of one point. */
async function dataExtent(q: Q, table: string, pointIds: number[], needInterval: boolean) {
  const [ext] = await q<{ start: number | null; end: number | null; probe: number | null }>(
    'the extent of the history',
    `SELECT extract(epoch FROM min(ts))::float8 * 1000 AS start, extract(epoch FROM max(ts))::float8 * 1000 AS "end",
            min(entity_id) AS probe
       FROM ${table} WHERE entity_id = ANY($1::int[])`,
    [pointIds],
  );
  if (ext.start === null || ext.end === null || ext.probe === null) {
    throw new HaysimError('VALIDATION_FAILED', `validate: ${table} holds no history for the org's points; nothing to validate`);
  }
  if (!needInterval) return { start: Number(ext.start), end: Number(ext.end), interval: 0 };
  const steps = await q<{ d: number }>(
    'the sample interval',
    `SELECT extract(epoch FROM ts - lag(ts) OVER (ORDER BY ts))::float8 * 1000 AS d
       FROM (SELECT ts FROM ${table} WHERE entity_id = $1 ORDER BY ts LIMIT 200) s`,
    [ext.probe],
  );
  const counts = new Map<number, number>();
  for (const { d } of steps) if (d !== null && d > 0) counts.set(Math.round(d), (counts.get(Math.round(d)) ?? 0) + 1);
  const interval = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  if (interval === undefined)
    throw new ArgsError('--interval: cannot infer the sample interval from one row per point; pass it explicitly');
  return { start: Number(ext.start), end: Number(ext.end), interval };
}

function resolveTimeZone(given: string | undefined, entities: EntityIndex): string {
  if (given !== undefined) {
    if (!isValidTimeZone(given)) throw new ArgsError(`--time-zone "${given}": not an IANA time zone (e.g. America/New_York)`);
    return given;
  }
  return ianaTimeZone(
    entities
      .find('site')
      .map((s) => s.tags.tz)
      .find((t): t is string => typeof t === 'string'),
  );
}

function valuesSql(
  tables: OrgTables,
  zoned: boolean,
  hasCurrent: boolean,
  range: { start: number; end: number },
  eventsOrg: number | undefined,
): ValuesSql {
  // timestamp-without-zone installs hold UTC wall time
  const cast = zoned ? 'timestamptz' : 'timestamp';
  const param = (ms: number) => (zoned ? iso(ms) : iso(ms).replace('Z', ''));
  return {
    table: tables.values,
    cast,
    current: hasCurrent ? tables.current : null,
    rangeParams: [param(range.start), param(range.end)],
    inRange: (a) => `${a}.ts >= $1::${cast} AND ${a}.ts < $2::${cast}`,
    epochMs: (a) => `(extract(epoch FROM ${a}.ts)::float8 * 1000)`,
    local: (a, tz) => (zoned ? `(${a}.ts AT TIME ZONE ${tz}::text)` : `((${a}.ts AT TIME ZONE 'UTC') AT TIME ZONE ${tz}::text)`),
    notSpike: (a) => {
      if (eventsOrg === undefined) return 'TRUE';
      const at = zoned ? `${a}.ts` : `(${a}.ts AT TIME ZONE 'UTC')`;
      return `NOT EXISTS (SELECT 1 FROM core.haysim_event se WHERE se.org_id = ${Math.trunc(eventsOrg)} AND se.entity_id = ${a}.entity_id
                 AND se.type = 'spike' AND se.start_ts <= ${at} AND ${at} < se.end_ts)`;
    },
    outsideFault: (equip, t) => {
      if (eventsOrg === undefined) return 'TRUE';
      return `NOT EXISTS (SELECT 1 FROM core.haysim_event oe WHERE oe.org_id = ${Math.trunc(eventsOrg)} AND oe.entity_id = ${equip}
                AND oe.type = 'fault' AND oe.params->>'status' = 'ok' AND ${t} >= extract(epoch FROM oe.start_ts)::float8 * 1000
                AND ${t} < extract(epoch FROM oe.end_ts)::float8 * 1000 + 14400000)`;
    },
    nearFaultEnd: (a, within) => {
      if (eventsOrg === undefined) return 'FALSE';
      const at = zoned ? `${a}.ts` : `(${a}.ts AT TIME ZONE 'UTC')`;
      return `EXISTS (SELECT 1 FROM core.entity np JOIN core.entity nq ON nq.org_id = np.org_id AND nq.haystack_id = substr(np.tags->>'equipRef', 2)
                JOIN core.haysim_event ne ON ne.org_id = ${Math.trunc(eventsOrg)} AND ne.type IN ('fault', 'maintenance')
                 AND (ne.haystack_id = nq.haystack_id OR ne.haystack_id = substr(nq.tags->>'airRef', 2))
               WHERE np.id = ${a}.entity_id AND abs(extract(epoch FROM ne.end_ts - ${at})) * 1000 <= ${Number(within)})`;
    },
    inOutage: (a, after) => {
      if (eventsOrg === undefined) return 'FALSE';
      const at = zoned ? `${a}.ts` : `(${a}.ts AT TIME ZONE 'UTC')`;
      return `EXISTS (SELECT 1 FROM core.entity op JOIN core.entity oq ON oq.org_id = op.org_id AND oq.haystack_id = substr(op.tags->>'equipRef', 2)
                JOIN core.haysim_event oe ON oe.org_id = ${Math.trunc(eventsOrg)} AND oe.type IN ('fault', 'maintenance')
                 AND coalesce(oe.params->>'status', 'fault') = 'fault'
                 AND (oe.haystack_id = oq.haystack_id OR oe.haystack_id = substr(oq.tags->>'airRef', 2))
               WHERE op.id = ${a}.entity_id AND oe.start_ts <= ${at} AND ${at} < oe.end_ts + make_interval(secs => ${Number(after) / 1000}))`;
    },
    inFault: (a) => {
      if (eventsOrg === undefined) return 'FALSE';
      const at = zoned ? `${a}.ts` : `(${a}.ts AT TIME ZONE 'UTC')`;
      return `EXISTS (SELECT 1 FROM core.haysim_event fe JOIN core.entity fp ON fp.id = ${a}.entity_id
                WHERE fe.org_id = ${Math.trunc(eventsOrg)} AND fe.type = 'fault' AND fe.start_ts <= ${at} AND ${at} < fe.end_ts
                  AND (',' || (fe.params->>'points') || ',') LIKE '%,' || fp.haystack_id || ',%')`;
    },
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
