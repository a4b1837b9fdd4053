import { ArgsError, HaysimError, OutputError } from '../../errors.js';
import type { IoOperation } from '../../errors.js';
import type { SiteModel } from '../../model/site-model.js';
import { entityId } from '../../model/site-model.js';
import type { Chunk } from '../../sim/sample.js';
import type { BeginOptions, RunDescriptor, Store, WriteSummary } from '../output.js';
import { chunkProblem, writeChunkRows } from './chunk-writer.js';
import { MAX_DECIMALS, ValuesCopyEncoder } from './copy-binary-encoder.js';
import { pointEnumLabels } from './entity-tags.js';
import { writeEntities } from './entity-writer.js';
import { migrate } from './migrations.js';
import type { OrgTables } from './org-key.js';
import { orgTables, validateOrgKey } from './org-key.js';
import { completeChunks, deleteOrgData, findConflict, recordRunStart, upsertOrg } from './org-writer.js';
import type { RunState } from './run-summary.js';
import { recordRunFinish } from './run-summary.js';
import type { SqlReader } from './find-org.js';
import type { SqlClient, SqlClientFactory } from './sql-client.js';
import { storeError } from './store-errors.js';
import type { TagVocabulary } from './tag-defs.js';
import { haystackVocabulary } from './tag-defs.js';
import { distribute } from './citus.js';
import { coreDistribution, haystackScalePlan } from './scale-plan.js';
import { checkRetention, detectServerScale } from './server-scale.js';
import { createHourlyAggregate, finishTimescale, hourlyOrigin, makeHypertable } from './timescale.js';
import { checkTimeZone, createValidationViews } from './validation-views.js';
import { createHourlyView, deferIndexes, ensureValueTables, refreshCurrent, restoreIndexes } from './values-tables.js';
import type { WideContext } from '../wide/wide-chunk-writer.js';
import { writeWideChunk } from '../wide/wide-chunk-writer.js';
import { WideCopyEncoder } from '../wide/wide-copy-encoder.js';
import { DEFAULT_LAYOUT, DEFAULT_WIDE_SCHEMA, type Layout, parseLayout, parseWideSchema } from '../wide/wide-names.js';
import { beginWide, finishWide } from '../wide/wide-run.js';
import { bindAlertRules, type BoundRule } from '../alerts/alert-rules.js';
import { ensureAlertsTable, writeCoreAlerts } from '../alerts/write-alerts.js';
import { dropWide, valuesRelation } from '../wide/wide-tables.js';

export interface CoreStoreOptions {
  /** organization key; names core.values_{org} (validated before connecting) */
  readonly org: string;
  /** display name for a new org; default `Demo Building Corp` for `demo`, else the key */
  readonly orgName?: string;
  /** drop the history PK while loading into an empty table and build it in finish() (embedded engine) */
  readonly bulkIndexDeferral: boolean;
  /** Haystack def lookup for tag_def url/doc/kind; default: src/model/defs */
  readonly tagVocabulary?: TagVocabulary;
  /** `haystack` (default): narrow rows in core.values_{org}; `wide`: one table per equipment (src/outputs/wide/) */
  readonly layout?: Layout;
  /** schema of the wide tables; default `public` */
  readonly wideSchema?: string;
  /** TimescaleDB retention policy, a PostgreSQL interval (`1 years`); refused on a server without TimescaleDB */
  readonly retention?: string;
}

/**
 * The `core` schema store, shared by the PostgreSQL/TimescaleDB and PGlite
 * adapters: they only supply a SqlClient. See datakwip-schema.md.
 */
export class CoreStore implements Store {
  private client: SqlClient | undefined;
  private state: RunState | undefined;
  private readonly tables: OrgTables;
  /** idle encoders: each owns its buffer, so concurrent chunk writes never share one */
  private readonly encoders: ValuesCopyEncoder[] = [];
  /** abandon() ended the client: nothing reopens it (a stopping service must not start the engine again) */
  private abandoned = false;
  private readonly wideEncoders: WideCopyEncoder[] = [];
  private readonly layout: Layout;
  private readonly wideSchema: string;
  /** the wide tables of the run begun, in the wide layout */
  private wide: WideContext | undefined;
  /** the alert rules of the run begun's equipment, and its points' entity ids (haystack layout) */
  private alerts: { rules: BoundRule[]; ids: ReadonlyMap<string, number> } | undefined;

  constructor(
    readonly name: string,
    private readonly connect: SqlClientFactory,
    private readonly target: string,
    private readonly options: CoreStoreOptions,
  ) {
    this.tables = orgTables(validateOrgKey(options.org));
    this.layout = parseLayout(options.layout ?? DEFAULT_LAYOUT, 'layout');
    this.wideSchema = parseWideSchema(options.wideSchema ?? DEFAULT_WIDE_SCHEMA, 'wideSchema');
  }

  async open(): Promise<void> {
    if (this.client) return;
    if (this.abandoned) throw new OutputError('STORE_WRITE_FAILED', this.name, 'connect', this.target, 'abandoned by a stop');
    try {
      this.client = await this.connect();
    } catch (err) {
      throw storeError(err, { output: this.name, operation: 'connect', target: this.target });
    }
  }

  async begin(model: SiteModel, run: RunDescriptor, options: BeginOptions): Promise<ReadonlySet<number>> {
    if (run.org !== this.options.org) {
      throw new ArgsError(`--org ${run.org} does not match the store's org ${this.options.org}`);
    }
    checkTimeZone(model.timeZone);
    const entityIdSet = new Set(model.entities.map(entityId));
    for (const p of model.points) {
      if (!entityIdSet.has(p.id)) throw new HaysimError('PROFILE_INVALID', `point ${p.id} has no entity in the model`);
      if (!Number.isInteger(p.decimals) || p.decimals < 0 || p.decimals > MAX_DECIMALS) {
        throw new HaysimError('PROFILE_INVALID', `point ${p.id} has decimals ${p.decimals}; expected 0-${MAX_DECIMALS}`);
      }
    }
    const client = await this.opened();
    const t = this.tables;
    const share = options.share;
    // alerts belong to their equipment: a shard derives its own equipment's
    const rules = bindAlertRules(share ? { points: model.points.filter((p) => share.points[p.index]), entities: model.entities } : model);
    if (this.layout === 'wide') {
      const begun = await beginWide({
        client,
        model,
        run,
        reset: options.reset,
        share,
        tables: t,
        schema: this.wideSchema,
        orgName: this.options.orgName,
        retention: this.options.retention,
        target: this.target,
        vocabulary: this.options.tagVocabulary ?? haystackVocabulary,
        step: (operation, table, fn) => this.step(operation, table, fn),
      });
      this.state = begun.state;
      this.wide = begun.wide;
      this.alerts = { rules, ids: begun.wide.ids };
      return begun.state.completed;
    }
    const relation = await this.step('read', t.values, () => valuesRelation(client, t));
    if (relation === 'view' && !options.reset) {
      throw new ArgsError(`org "${t.key}" holds the wide layout (${t.values} is a view): pass --layout wide, --reset, or another --org`);
    }
    const scale = await this.step('migrate', t.values, () => detectServerScale(client));
    checkRetention(scale, this.options.retention, this.target);
    const plan = haystackScalePlan(scale, t, model.points.length, run.intervalMs);
    await this.step('migrate', undefined, () => migrate(client));
    const begun = await this.step('write', undefined, () =>
      client.transaction(async (tx) => {
        await distribute(tx, coreDistribution(scale));
        const orgId = await upsertOrg(tx, t, this.options.orgName);
        if (options.reset && (await valuesRelation(tx, t)) === 'view') await dropWide(tx, t);
        if (options.reset) await deleteOrgData(tx, orgId, t);
        else await findConflict(tx, orgId, t, run, share);
        const layout = await ensureValueTables(tx, t);
        await ensureAlertsTable(tx, t.alerts);
        await distribute(tx, plan.distribute);
        for (const hypertable of plan.hypertables) await makeHypertable(tx, hypertable);
        if (!scale.timescale) await createHourlyView(tx, t, layout, hourlyOrigin(model.timeZone));
        const ids = await writeEntities(tx, orgId, model, t, this.options.tagVocabulary ?? haystackVocabulary);
        await createValidationViews(tx, t, { orgId, timeZone: model.timeZone, layout });
        const deferred = await deferIndexes(tx, t, this.options.bulkIndexDeferral && !scale.timescale);
        const completed = await completeChunks(tx, orgId, share);
        const runId = await recordRunStart(tx, orgId, run);
        return { orgId, runId, ids, deferred, completed };
      }),
    );
    if (scale.timescale) await this.step('migrate', t.hourly, () => createHourlyAggregate(client, t, model.timeZone));
    const entityIds = new Int32Array(model.points.length);
    for (const p of model.points) entityIds[p.index] = begun.ids.get(p.id) as number;
    this.state = {
      run,
      orgId: begun.orgId,
      runId: begun.runId,
      tables: t,
      entityIds,
      labels: pointEnumLabels(model),
      completed: begun.completed,
      deferred: begun.deferred,
      timescale: scale.timescale ? { relations: [t.values], aggregates: [t.hourly], retention: this.options.retention } : undefined,
      ...(share ? { share } : {}),
      skipped: new Set(),
      rows: 0,
      chunks: 0,
      events: 0,
    };
    this.alerts = { rules, ids: begun.ids };
    return begun.completed;
  }

  async writeChunk(chunk: Chunk): Promise<void> {
    const state = this.begun();
    const problem = chunkProblem(chunk, state.entityIds.length);
    if (problem) {
      throw new OutputError('STORE_WRITE_FAILED', this.name, 'write', this.target, `chunk ${chunk.index} is malformed: ${problem}`);
    }
    const client = await this.opened();
    if (this.wide) {
      await this.writeWideChunk(client, state, this.wide, chunk);
      return;
    }
    const encoder = this.encoders.pop() ?? new ValuesCopyEncoder();
    let table = 'core.haysim_chunk';
    try {
      const result = await client.transaction((tx) => writeChunkRows(tx, state, chunk, encoder, (name) => (table = name)));
      if (!result.written) {
        state.skipped.add(chunk.index);
        return;
      }
      state.rows += result.rows;
      state.chunks += 1;
      state.events += result.events;
    } catch (err) {
      throw storeError(err, { output: this.name, operation: 'write', target: this.target, table });
    } finally {
      this.encoders.push(encoder);
    }
  }

  async finish(): Promise<WriteSummary> {
    const state = this.begun();
    const client = await this.opened();
    const t = this.tables;
    if (this.wide) {
      const summary = await finishWide(client, state, this.wide, this.alerts?.rules ?? [], this.target, (operation, table, fn) =>
        this.step(operation, table, fn),
      );
      this.state = undefined;
      this.wide = undefined;
      return summary;
    }
    if (state.deferred) {
      await this.step('write', t.values, () => client.transaction((tx) => restoreIndexes(tx, t)));
      // without the deferral every chunk kept the current table up to date: rebuilding it would only cost time
      // (seconds on a big embedded store, while a stopping live service waits)
      await this.step('write', t.current, () => client.transaction((tx) => refreshCurrent(tx, t)));
    }
    const alerts = this.alerts;
    if (alerts) {
      const range = { orgId: state.orgId, start: state.run.start, end: state.run.end };
      await this.step('write', t.alerts, () => client.transaction((tx) => writeCoreAlerts(tx, t, alerts.rules, alerts.ids, range)));
    }
    const timescale = state.timescale;
    if (timescale) await this.step('write', t.hourly, () => finishTimescale(client, timescale));
    const summary = await this.step('write', 'core.haysim_run', () => recordRunFinish(client, state, this.target));
    await this.step('write', t.values, () =>
      client.exec(`ANALYZE ${t.values}; ANALYZE ${t.current}; ANALYZE ${t.alerts}; ANALYZE core.entity; ANALYZE core.entity_tag`),
    );
    this.state = undefined;
    return summary;
  }

  async query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const client = await this.opened();
    return this.step('read', undefined, () => client.query<R>(sql, params));
  }

  async readOnly<T>(fn: (tx: SqlReader) => Promise<T>): Promise<T> {
    const client = await this.opened();
    return client.readOnly((tx) =>
      fn({
        query: <R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) =>
          this.step('read', undefined, () => tx.query<R>(sql, params)),
      }),
    );
  }

  /** One read statement in one round trip where the driver offers it (readOne), else in readOnly(). */
  async readOne<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const client = await this.opened();
    if (!client.readOne) return this.readOnly((tx) => tx.query<R>(sql, params));
    return this.step('read', undefined, () => client.readOne!<R>(sql, params));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.state = undefined;
    this.wide = undefined;
    if (client) await this.step('close', undefined, () => client.close());
  }

  /** Ends an embedded engine mid-write (its worker thread); a server connection is left to close(). */
  async abandon(): Promise<void> {
    const client = this.client;
    if (!client?.abandon) return;
    this.abandoned = true;
    this.client = undefined;
    this.state = undefined;
    await client.abandon();
  }

  /** A chunk in the wide layout: one transaction, as writeChunkRows, into the equipment tables. */
  private async writeWideChunk(client: SqlClient, state: RunState, wide: WideContext, chunk: Chunk): Promise<void> {
    // two encoders: one table is encoded while the previous one's COPY is in flight
    const encoders: [WideCopyEncoder, WideCopyEncoder] = [
      this.wideEncoders.pop() ?? new WideCopyEncoder(),
      this.wideEncoders.pop() ?? new WideCopyEncoder(),
    ];
    let table = 'core.haysim_chunk';
    try {
      const result = await client.transaction((tx) => writeWideChunk(tx, state, wide, chunk, encoders, (name) => (table = name)));
      if (!result.written) {
        state.skipped.add(chunk.index);
        return;
      }
      state.rows += result.rows;
      state.chunks += 1;
      state.events += result.events;
    } catch (err) {
      throw storeError(err, { output: this.name, operation: 'write', target: this.target, table, schema: this.wideSchema });
    } finally {
      this.wideEncoders.push(...encoders);
    }
  }

  private async opened(): Promise<SqlClient> {
    if (!this.client) await this.open();
    return this.client as SqlClient;
  }

  private begun(): RunState {
    if (!this.state) {
      throw new OutputError(
        'STORE_WRITE_FAILED',
        this.name,
        'write',
        this.target,
        'begin() must be called before writeChunk() and finish()',
      );
    }
    return this.state;
  }

  /** Runs one operation and maps driver errors to OutputErrors naming the operation and table. */
  private async step<T>(operation: IoOperation, table: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeError(err, { output: this.name, operation, target: this.target, table });
    }
  }
}
