import { ArgsError, HaysimError } from '../errors.js';
import type { SqlReader } from '../outputs/core-store/find-org.js';
import type { Store } from '../outputs/output.js';
import { READER_ROLE } from '../outputs/core-store/migrations.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { closestName } from '../model/defs/edit-distance.js';
import type { HDict } from 'haystack-core';
import { LocalClock } from '../time/clock.js';
import { loadHaystackEntities } from './haystack-entities.js';
import { haystackQuerySql } from './haystack-query-sql.js';
import { rollupBucketsSql, rollupHours } from './hourly-rollup.js';
import {
  bucketAlignment,
  bucketStartFrom,
  type Bucketing,
  type LayoutSql,
  type Period,
  type Statement,
  type StatsRow,
} from './layout-sql.js';
import { type Catalog, type CatalogColumn, type CatalogEquipment, loadCatalog } from './query-catalog.js';
import { type DataExtent, type GroundTruthEvent, readExtent, readGroundTruth } from './query-ground-truth.js';
import {
  checkPeriod,
  parseAggregation,
  bucketInterval,
  parseLimit,
  parseNumber,
  parseOperator,
  parseSeverity,
  parseSince,
  parseTime,
  pick,
} from './query-inputs.js';
import type {
  Aggregation,
  AlertOptions,
  AlertRow,
  AnomalyOptions,
  ColumnInfo,
  ColumnStats,
  EquipmentInfo,
  EventOptions,
  EventRow,
  LatestOptions,
  QueryLayout,
  QueryResult,
  RangeOptions,
  SeriesRow,
  Severity,
  SqlOptions,
  StatsOptions,
  StatsResult,
  TimeInput,
  TimeRange,
} from './query-types.js';
import { readStatement } from './read-only-statement.js';
import { sqlError, sqlValue } from './sql-values.js';
import { wideQuerySql } from './wide-query-sql.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One equipment in a listing: its columns counted, not listed. */
export interface EquipmentSummary extends Omit<EquipmentInfo, 'columns'> {
  readonly columns: number;
}

/** Where a point's history is kept: its equipment and column (the wide layout's names, in both layouts). */
export interface PointHistory {
  readonly equip: string;
  readonly column: CatalogColumn;
  /** the table its samples are in (quoted): the haystack layout's values and the point's entity id, or its equipment's wide table */
  readonly table:
    | { readonly layout: 'haystack'; readonly name: string; readonly entityId: number }
    | { readonly layout: 'wide'; readonly name: string };
}

export interface OpenQueryOptions {
  /** PostgreSQL/TimescaleDB URL; else `dataDir`, else the embedded store in ./haysim-data */
  readonly url?: string;
  /** folder of the embedded store */
  readonly dataDir?: string;
  /** organization key (default `demo`) */
  readonly org?: string;
}

/**
 * Read-only access to what haysim generated, in either layout and either store: equipment and their
 * columns, latest readings, ranges with time buckets, statistics, threshold anomalies, alerts and plain
 * SQL. Every statement runs in a read-only transaction; every name a caller gives is checked against the
 * catalog read at open (a did-you-mean when unknown) and every value is a bind parameter. Results are
 * plain data with their row count and the time the database took.
 */
export class QueryClient {
  private readonly layoutSql: LayoutSql;
  private readonly histories = new Map<string, PointHistory>();
  /** the site's clock, its offsets memoised across queries */
  private readonly clock: LocalClock;

  private constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
    private readonly catalogMs: number,
    private readonly owned: boolean,
  ) {
    this.layoutSql =
      catalog.layout === 'wide' ? wideQuerySql(catalog.timescale) : haystackQuerySql(catalog.tables.values, catalog.timescale);
    this.clock = new LocalClock(catalog.timeZone);
    const narrow = catalog.layout === 'haystack';
    for (const e of catalog.equipment)
      for (const column of e.columns)
        this.histories.set(column.pointId, {
          equip: e.id,
          column,
          table: narrow
            ? { layout: 'haystack', name: catalog.tables.values, entityId: column.entityId }
            : { layout: 'wide', name: e.table! }, // the wide catalog keeps only equipment with a table
        });
  }

  /** Opens a store (PostgreSQL, or the embedded one) and reads its catalog; close() closes the store. */
  static open(options: OpenQueryOptions = {}): Promise<QueryClient> {
    const org = options.org ?? 'demo';
    const store = options.url ? new PostgresStore({ url: options.url, org }) : new PgliteStore({ dataDir: options.dataDir, org });
    return QueryClient.over(store, { org }, true);
  }

  /** Reads the catalog of an org in a store the caller opened (and closes, unless `owned`). */
  static async over(store: Store, options: { readonly org?: string } = {}, owned = false): Promise<QueryClient> {
    try {
      await store.open();
      const started = performance.now();
      const catalog = await store.readOnly((tx) => loadCatalog(tx, options.org ?? 'demo'));
      return new QueryClient(store, catalog, performance.now() - started, owned);
    } catch (err) {
      if (owned) await store.close().catch(() => undefined);
      throw err;
    }
  }

  get layout(): QueryLayout {
    return this.catalog.layout;
  }

  get org(): string {
    return this.catalog.org;
  }

  /** the site's IANA time zone: times without an offset are local there */
  get timeZone(): string {
    return this.catalog.timeZone;
  }

  async close(): Promise<void> {
    if (this.owned) await this.store.close();
  }

  /** The org's entities as Haystack dicts (site, equipment, points, …), rebuilt from core.entity_tag. */
  entities(): Promise<HDict[]> {
    return this.store.readOnly((tx) => loadHaystackEntities(tx, this.catalog.orgId));
  }

  /** Where a point's history is kept, by the point's Haystack id; undefined for a point without history. */
  historyOf(pointId: string): PointHistory | undefined {
    return this.histories.get(pointId);
  }

  /** Equipment by id, optionally of a type (`chiller`) or an id prefix (`lt_mcc`); query time is the catalog's. */
  async equipment(filter: { readonly type?: string } = {}): Promise<QueryResult<EquipmentSummary>> {
    const type = filter.type;
    const found = this.catalog.equipment.filter((e) => type === undefined || e.type === type || e.id.startsWith(type));
    if (type !== undefined && found.length === 0) {
      const types = [...new Set(this.catalog.equipment.map((e) => e.type))].sort();
      const hint = closestName(type, types);
      throw new ArgsError(
        `--type ${JSON.stringify(type)}: no equipment of this type or id prefix${hint ? `: did you mean ${JSON.stringify(hint)}?` : ''} (types: ${types.join(', ')})`,
      );
    }
    const rows = found.map(({ id, haystackId, name, type, columns }) => ({ id, haystackId, name, type, columns: columns.length }));
    return result(['id', 'type', 'name', 'haystackId', 'columns'], rows, this.catalogMs);
  }

  /** The columns of one equipment, with kind and unit. */
  async columns(equip: string): Promise<QueryResult<ColumnInfo>> {
    const e = this.equip(equip);
    const rows = e.columns.map(({ name, kind, unit, pointId, description }) => ({ name, kind, unit, pointId, description }));
    return result(['name', 'kind', 'unit', 'pointId', 'description'], rows, this.catalogMs);
  }

  /** The newest row of an equipment with any reading of the columns, each column's value there (null where not logged). */
  async latest(equip: string, options: LatestOptions = {}): Promise<QueryResult<SeriesRow>> {
    const e = this.equip(equip);
    const cols = this.pickColumns(e, options.columns);
    return this.series(cols, this.layoutSql.latest(e, cols));
  }

  /** Rows of an equipment in a period: raw, or one per time bucket with `agg` and `every`. */
  async range(equip: string, options: RangeOptions = {}): Promise<QueryResult<SeriesRow>> {
    const e = this.equip(equip);
    const cols = this.pickColumns(e, options.columns);
    if ((options.agg === undefined) !== (options.every === undefined))
      throw new ArgsError('--agg and --every go together: pass both for time buckets, or neither for raw rows');
    const limit = options.limit === undefined ? 10_000 : parseLimit(options.limit, 1_000_000);
    const bucket = options.every === undefined ? undefined : this.bucketing(options.every, parseAggregation(options.agg!));
    if (bucket && !['count', 'first', 'last'].includes(bucket.agg)) {
      const text = cols.find((c) => c.kind === 'text');
      if (text) throw new ArgsError(`--agg ${bucket.agg}: column ${text.name} holds text; use count, first or last, or leave it out`);
    }
    const period = await this.period(e, cols, options);
    const rollup = this.catalog.hourly;
    const hours = bucket && rollup && rollupHours(rollup, bucket, cols, period, this.clock);
    const statement =
      bucket && rollup && hours
        ? rollupBucketsSql(this.catalog.tables.values, rollup, this.catalog.timescale, cols, period, hours, bucket, limit + 1)
        : bucket
          ? this.layoutSql.buckets(e, cols, period, bucket, limit + 1)
          : this.layoutSql.series(e, cols, period, limit + 1);
    return this.series(cols, statement, limit);
  }

  /** Row count and min/max/avg/sum per number or boolean column (booleans as 0/1) over a period. */
  async stats(equip: string, options: StatsOptions = {}): Promise<StatsResult> {
    const e = this.equip(equip);
    const cols = this.pickColumns(e, options.columns, (c) => c.kind !== 'text');
    const text = cols.find((c) => c.kind === 'text');
    if (text) throw new ArgsError(`column ${text.name} of ${e.id} holds text: statistics need number or boolean columns`);
    const period = await this.period(e, cols, options);
    const started = performance.now();
    const [stats, [count]] = await this.store.readOnly(async (tx) => [
      await run<StatsRow>(tx, this.layoutSql.stats(e, cols, period)),
      await run<{ n: number }>(tx, this.layoutSql.timestamps(e, cols, period)),
    ]);
    const ms = performance.now() - started;
    const byK = new Map(stats.map((s) => [Number(s.k), s]));
    const rows = cols.map((c, k): ColumnStats => {
      const s = byK.get(k);
      return { column: c.name, unit: c.unit, count: Number(s?.n ?? 0), min: num(s?.mn), max: num(s?.mx), avg: num(s?.av), sum: num(s?.sm) };
    });
    return { ...result(['column', 'unit', 'count', 'min', 'max', 'avg', 'sum'], rows, ms), timestamps: Number(count?.n ?? 0), ...period };
  }

  /** Rows where a number column crosses a threshold (`>` `>=` `<` `<=` `=` `!=`) in a period, oldest first. */
  async anomalies(equip: string, options: AnomalyOptions): Promise<QueryResult<SeriesRow>> {
    const e = this.equip(equip);
    const [col] = this.pickColumns(e, [options.column]);
    if (col!.kind !== 'number') throw new ArgsError(`--column ${col!.name} of ${e.id} is not a number column (it holds ${col!.kind})`);
    const op = parseOperator(options.op);
    const value = parseNumber(options.value, '--value');
    const limit = options.limit === undefined ? 1_000 : parseLimit(options.limit, 100_000);
    const period = await this.period(e, [col!], options);
    return this.series([col!], this.layoutSql.anomalies(e, col!, period, op, value, limit + 1), limit);
  }

  /** Alerts (newest last) of one equipment or all, optionally of one severity, in a period or the last `since` of the data. */
  async alerts(options: AlertOptions = {}): Promise<QueryResult<AlertRow>> {
    const equip = options.equip === undefined ? undefined : this.equip(options.equip);
    const severity: Severity | undefined = options.severity === undefined ? undefined : parseSeverity(options.severity);
    const limit = options.limit === undefined ? 1_000 : parseLimit(options.limit, 100_000);
    const columns = ['ts', 'equipment', 'severity', 'message', 'metric', 'threshold', 'value', 'faultEvent'];
    const table = this.catalog.alerts;
    if (!table) return result(columns, [], 0);
    const started = performance.now();
    const rows = await this.store.readOnly(async (tx) => {
      const period = await this.alertPeriod(tx, options);
      const equipIds = (equip ? [equip] : this.catalog.equipment).map((e) => e.haystackId);
      return tx.query<{
        t: number;
        equip: string;
        severity: Severity;
        message: string;
        metric: string;
        threshold: number;
        value: number | null;
        fault: string | null;
      }>(
        `SELECT (extract(epoch FROM ts) * 1000)::float8 AS t, equipment_id AS equip, severity, message, metric, threshold, value, fault_event AS fault
           FROM ${table} WHERE ts >= $1::timestamptz AND ts < $2::timestamptz AND equipment_id = ANY($3::text[])
            AND ($4::text IS NULL OR severity = $4::text)
          ORDER BY ts, equipment_id, rule LIMIT $5`,
        [period.from, period.to, equipIds, severity ?? null, limit + 1],
      );
    });
    const ms = performance.now() - started;
    const alerts = rows.slice(0, limit).map((r): AlertRow => {
      const e = this.catalog.byId.get(r.equip);
      return {
        ts: iso(r.t),
        equipment: e?.id ?? r.equip,
        severity: r.severity,
        message: r.message,
        metric: (e && metricColumn(e, r.metric)) ?? r.metric,
        threshold: Number(r.threshold),
        value: num(r.value),
        faultEvent: r.fault,
      };
    });
    return { ...result(columns, alerts, ms), truncated: rows.length > limit };
  }

  /** Ground-truth events overlapping a period (or the last `since` of the data), of one equipment or all, oldest first. */
  async events(options: EventOptions = {}): Promise<QueryResult<EventRow>> {
    const equipment = options.equip === undefined ? this.catalog.equipment : [this.equip(options.equip)];
    const limit = options.limit === undefined ? 1_000 : parseLimit(options.limit, 100_000);
    const types = options.type === undefined ? undefined : [String(options.type)];
    const started = performance.now();
    const events = await this.store.readOnly(async (tx) => {
      const period = await this.alertPeriod(tx, options);
      return readGroundTruth(tx, this.catalog, equipment, {
        from: Date.parse(period.from),
        to: Date.parse(period.to),
        types,
        limit: limit + 1,
      });
    });
    const rows = events.slice(0, limit).map(
      (e): EventRow => ({
        key: e.event,
        type: e.type,
        equipment: e.equipment,
        column: e.column,
        start: iso(e.start),
        end: iso(e.end),
        params: e.params,
      }),
    );
    const columns = ['key', 'type', 'equipment', 'column', 'start', 'end', 'params'];
    return { ...result(columns, rows, performance.now() - started), truncated: events.length > limit };
  }

  /**
   * One read statement (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN) in a read-only transaction, rolled back,
   * as the role that may only read (READER_ROLE) when the session may take it.
   */
  async sql(statement: string, options: SqlOptions = {}): Promise<QueryResult<Record<string, unknown>>> {
    const limit = options.limit === undefined ? 10_000 : parseLimit(options.limit, 1_000_000);
    const read = readStatement(statement, limit);
    const started = performance.now();
    let rows: Record<string, unknown>[];
    try {
      rows = await this.store.readOnly(async (tx) => {
        // read-only by privilege too, where the migrations could create the role: nothing but SELECT is granted it
        if (this.catalog.reader) await tx.query(`SET LOCAL ROLE ${READER_ROLE}`);
        return tx.query(read.text);
      });
    } catch (err) {
      throw sqlError(err);
    }
    const ms = performance.now() - started;
    const kept = rows.slice(0, limit).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sqlValue(v)])));
    return { ...result(Object.keys(rows[0] ?? {}), kept, ms), truncated: read.bounded && rows.length > limit };
  }

  /** The span and sample interval of the data the org's runs wrote; undefined when there is none. */
  extent(): Promise<DataExtent | undefined> {
    return this.store.readOnly((tx) => readExtent(tx, this.catalog));
  }

  /** Ground-truth events of `types` (default all) on the equipment named (default all) overlapping [from, to), oldest first. */
  groundTruth(options: {
    readonly equipment?: readonly string[];
    readonly types?: readonly string[];
    readonly from: TimeInput;
    readonly to: TimeInput;
    readonly limit?: number;
  }): Promise<GroundTruthEvent[]> {
    const equipment = options.equipment?.map((id) => this.equip(id)) ?? this.catalog.equipment;
    const tz = this.catalog.timeZone;
    const from = parseTime(options.from, tz, '--from');
    const to = parseTime(options.to, tz, '--to');
    const limit = options.limit === undefined ? undefined : parseLimit(options.limit, 1_000_000);
    return this.store.readOnly((tx) => readGroundTruth(tx, this.catalog, equipment, { from, to, types: options.types, limit }));
  }

  /** The first start of an `every` bucket at or after `t` (epoch ms): buckets follow the site's clock. */
  bucketStart(t: number, every: string): number {
    const b = this.bucketing(every, 'avg');
    return bucketStartFrom(t, bucketInterval(every).ms, b.align);
  }

  /** Buckets of `every` on the site's clock. */
  private bucketing(every: string, agg: Aggregation): Bucketing {
    const interval = bucketInterval(every);
    const tz = this.catalog.timeZone;
    return { interval: interval.sql, ms: interval.ms, agg, align: bucketAlignment(interval.ms, tz, parseTime('2000-01-03', tz, 'origin')) };
  }

  private equip(name: string): CatalogEquipment {
    return pick(this.catalog.byId, String(name), 'equipment', 'list them with `haysim query equipment`');
  }

  private pickColumns(
    e: CatalogEquipment,
    names: readonly string[] | undefined,
    byDefault: (c: CatalogColumn) => boolean = () => true,
  ): CatalogColumn[] {
    if (names === undefined) {
      const cols = e.columns.filter(byDefault);
      if (cols.length === 0) throw new ArgsError(`equipment ${e.id} has no columns to query`);
      return cols;
    }
    if (names.length === 0) throw new ArgsError('--columns: name at least one column');
    return [...new Set(names)].map((n) =>
      pick(e.byName, String(n), `column of ${e.id}`, `list them with \`haysim query equipment ${e.id}\``),
    );
  }

  /** from/to as given (to after from), else the 24 hours up to the equipment's newest reading. */
  private async period(e: CatalogEquipment, cols: readonly CatalogColumn[], range: TimeRange): Promise<Period> {
    const tz = this.catalog.timeZone;
    let to = range.to === undefined ? undefined : parseTime(range.to, tz, '--to');
    const from = range.from === undefined ? undefined : parseTime(range.from, tz, '--from');
    if (to === undefined) {
      if (from !== undefined) to = from + DAY;
      else {
        const [last] = await this.store.readOnly((tx) => run<{ t: number }>(tx, this.layoutSql.latest(e, cols)));
        to = (last ? Number(last.t) : Date.now()) + 1;
      }
    }
    const start = from ?? to - DAY;
    checkPeriod(start, to);
    return { from: iso(start), to: iso(to) };
  }

  private async alertPeriod(tx: SqlReader, options: AlertOptions | EventOptions): Promise<Period> {
    if (options.since !== undefined && (options.from !== undefined || options.to !== undefined))
      throw new ArgsError('--since goes without --from/--to: pass one or the other');
    if (options.since === undefined && (options.from !== undefined || options.to !== undefined)) {
      const tz = this.catalog.timeZone;
      const to = options.to === undefined ? Date.now() : parseTime(options.to, tz, '--to');
      const from = options.from === undefined ? to - DAY : parseTime(options.from, tz, '--from');
      checkPeriod(from, to);
      return { from: iso(from), to: iso(to) };
    }
    const since = parseSince(options.since ?? '24h');
    const [end] = await tx.query<{ t: number | null }>(
      `SELECT (extract(epoch FROM max(ts)) * 1000)::float8 AS t FROM ${this.catalog.tables.current}`,
    );
    const to = (end?.t === null || end?.t === undefined ? Date.now() : Number(end.t)) + 1;
    return { from: iso(to - since), to: iso(to) };
  }

  /** Runs a series statement and names its c0, c1, … columns; one row more than `limit` means truncated. */
  private async series(cols: readonly CatalogColumn[], statement: Statement, limit = 1): Promise<QueryResult<SeriesRow>> {
    const started = performance.now();
    const raw = this.store.readOne
      ? await this.store.readOne<Record<string, unknown>>(statement.text, statement.params)
      : await this.store.readOnly((tx) => run<Record<string, unknown>>(tx, statement));
    const ms = performance.now() - started;
    const rows = raw.slice(0, limit).map((r) => {
      const row: Record<string, unknown> = { ts: iso(Number(r.t)) };
      cols.forEach((c, i) => (row[c.name] = cell(r[`c${i}`])));
      return row as SeriesRow;
    });
    return { ...result(['ts', ...cols.map((c) => c.name)], rows, ms), truncated: raw.length > limit };
  }
}

function run<R extends Record<string, unknown>>(tx: SqlReader, s: Statement): Promise<R[]> {
  return tx.query<R>(s.text, s.params);
}

function result<R>(columns: readonly string[], rows: readonly R[], queryMs: number): QueryResult<R> {
  return { columns, rows, rowCount: rows.length, queryMs, truncated: false };
}

/** An alert's metric as the column name: the wide layout writes the column, the haystack layout the point key. */
function metricColumn(e: CatalogEquipment, metric: string): string | undefined {
  return e.byName.has(metric) ? metric : e.columns.find((c) => c.pointId === `${e.haystackId}.${metric}`)?.name;
}

function iso(ms: number): string {
  if (!Number.isFinite(ms)) throw new HaysimError('STORE_READ_FAILED', `query: the store returned a timestamp that is not a time (${ms})`);
  return new Date(ms).toISOString();
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function cell(v: unknown): number | boolean | string | null {
  return v === null || v === undefined ? null : typeof v === 'boolean' || typeof v === 'string' ? v : Number(v);
}
