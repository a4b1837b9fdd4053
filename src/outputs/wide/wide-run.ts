import { ArgsError, type IoOperation } from '../../errors.js';
import type { ShardShare } from '../../model/shard.js';
import type { SiteModel } from '../../model/site-model.js';
import type { RunDescriptor, WriteSummary } from '../output.js';
import type { BoundRule } from '../alerts/alert-rules.js';
import { ALERTS_TABLE, deleteAlertsOf, writeWideAlerts } from '../alerts/write-alerts.js';
import { pointEnumLabels } from '../core-store/entity-tags.js';
import { writeEntities } from '../core-store/entity-writer.js';
import { migrate } from '../core-store/migrations.js';
import type { OrgTables } from '../core-store/org-key.js';
import { completeChunks, deleteOrgData, findConflict, lockOrg, recordRunStart, upsertOrg } from '../core-store/org-writer.js';
import type { RunState } from '../core-store/run-summary.js';
import { recordRunFinish } from '../core-store/run-summary.js';
import type { SqlClient } from '../core-store/sql-client.js';
import type { TagVocabulary } from '../core-store/tag-defs.js';
import { distribute } from '../core-store/citus.js';
import { coreDistribution, wideScalePlan } from '../core-store/scale-plan.js';
import { checkRetention, detectServerScale } from '../core-store/server-scale.js';
import { finishTimescale, makeHypertable } from '../core-store/timescale.js';
import { createValidationViews } from '../core-store/validation-views.js';
import type { WideContext } from './wide-chunk-writer.js';
import { equipmentMetadata } from './wide-metadata.js';
import { planWideTables } from './wide-names.js';
import {
  createUnpivotView,
  dropWide,
  ensureMetadataTable,
  ensureWideAlerts,
  ensureWideTables,
  foreignTables,
  METADATA_TABLE,
  qualified,
  refreshWideCurrent,
  refuseForeign,
  valuesRelation,
  writeMetadata,
} from './wide-tables.js';

/** Runs one step, mapping driver errors to the store's OutputErrors (CoreStore.step). */
export type Step = <T>(operation: IoOperation, table: string | undefined, fn: () => Promise<T>) => Promise<T>;

export interface WideBegin {
  readonly client: SqlClient;
  readonly model: SiteModel;
  readonly run: RunDescriptor;
  readonly reset: boolean;
  /** `--shard K/N`: every shard creates all tables, entities and metadata (idempotent); it writes its own tables' rows */
  readonly share?: ShardShare;
  readonly tables: OrgTables;
  readonly schema: string;
  readonly orgName?: string;
  /** TimescaleDB retention policy interval (CoreStoreOptions.retention) */
  readonly retention?: string;
  /** the store's target, for messages */
  readonly target: string;
  readonly vocabulary: TagVocabulary;
  readonly step: Step;
}

/**
 * begin() of the wide layout: refuses foreign tables and an org holding the
 * haystack layout before writing anything, then in one transaction the org,
 * the tables, the entities (core.entity as in the haystack layout), the
 * unpivot view, validation views and equipment_metadata.
 */
export async function beginWide(w: WideBegin): Promise<{ state: RunState; wide: WideContext }> {
  const { client, model, run, tables: t, schema, step } = w;
  const plan = planWideTables(model);
  refuseForeign(schema, await step('read', undefined, () => foreignTables(client, schema, plan, t.key)));
  if ((await step('read', t.values, () => valuesRelation(client, t))) === 'table') {
    throw new ArgsError(
      `--layout wide: org "${t.key}" holds the haystack layout (${t.values} is a table); use another --org for the wide layout`,
    );
  }
  const scale = await step('migrate', undefined, () => detectServerScale(client));
  checkRetention(scale, w.retention, w.target);
  await step('migrate', undefined, () => migrate(client));
  const shared = [qualified(schema, METADATA_TABLE), qualified(schema, ALERTS_TABLE)];
  const begun = await step('write', undefined, () =>
    client.transaction(async (tx) => {
      await distribute(tx, coreDistribution(scale));
      const orgId = await upsertOrg(tx, t, w.orgName);
      const relation = await valuesRelation(tx, t);
      if (relation === 'table') {
        // --reset of an org in the haystack layout: its table is haysim's values table, emptied, not dropped
        throw new ArgsError(`--layout wide: org "${t.key}" holds the haystack layout (${t.values} is a table); use another --org`);
      }
      if (w.reset) {
        await dropWide(tx, t);
        await deleteOrgData(tx, orgId, t);
      } else await findConflict(tx, orgId, t, run, w.share);
      const created = await ensureWideTables(tx, schema, plan, t.key);
      await ensureWideAlerts(tx, schema, t.key);
      await ensureMetadataTable(tx, schema, t.key);
      const scalePlan = wideScalePlan(
        scale,
        { siteTables: plan.length, created: created.map((c) => qualified(schema, c.name)), shared },
        run.intervalMs,
      );
      await distribute(tx, scalePlan.distribute);
      for (const hypertable of scalePlan.hypertables) await makeHypertable(tx, hypertable);
      const ids = await writeEntities(tx, orgId, model, t, w.vocabulary);
      await createUnpivotView(tx, t, { schema, orgId, tables: plan, ids });
      await createValidationViews(tx, t, { orgId, timeZone: model.timeZone, layout: { tsZoned: true } });
      await writeMetadata(tx, schema, equipmentMetadata(model, plan));
      if (w.reset)
        await deleteAlertsOf(
          tx,
          qualified(schema, ALERTS_TABLE),
          plan.map((p) => p.equipId),
        );
      const completed = await completeChunks(tx, orgId, w.share);
      const runId = await recordRunStart(tx, orgId, run);
      return { orgId, runId, ids, completed };
    }),
  );
  const entityIds = new Int32Array(model.points.length);
  for (const p of model.points) entityIds[p.index] = begun.ids.get(p.id) as number;
  const state: RunState = {
    run,
    orgId: begun.orgId,
    runId: begun.runId,
    tables: t,
    entityIds,
    labels: pointEnumLabels(model),
    completed: begun.completed,
    deferred: false,
    // every table of the site, created by this run or an earlier one
    timescale: scale.timescale
      ? { relations: plan.map((table) => qualified(schema, table.name)), aggregates: [], retention: w.retention }
      : undefined,
    ...(w.share ? { share: w.share } : {}),
    skipped: new Set(),
    rows: 0,
    chunks: 0,
    events: 0,
  };
  const share = w.share;
  const own = share ? plan.filter((table) => share.equipIds.has(table.equipId)) : plan;
  return { state, wide: { schema, tables: own, ids: begun.ids } };
}

/** finish() of the wide layout: compression policies (TimescaleDB), the current table, the run's alerts, summary, statistics. */
export async function finishWide(
  client: SqlClient,
  state: RunState,
  wide: WideContext,
  rules: readonly BoundRule[],
  target: string,
  step: Step,
): Promise<WriteSummary> {
  const timescale = state.timescale;
  if (timescale) await step('write', undefined, () => finishTimescale(client, timescale));
  await step('write', state.tables.current, () =>
    client.transaction(async (tx) => {
      await lockOrg(tx, state.tables.key); // shards finishing together would race to create the table
      await refreshWideCurrent(tx, state.tables, { ...wide, orgId: state.orgId });
    }),
  );
  await step('write', qualified(wide.schema, ALERTS_TABLE), () =>
    client.transaction((tx) => writeWideAlerts(tx, wide, rules, { orgId: state.orgId, start: state.run.start, end: state.run.end })),
  );
  const summary = await step('write', 'core.haysim_run', () => recordRunFinish(client, state, target));
  await step('write', undefined, () =>
    client.exec(
      `${wide.tables.map((t) => `ANALYZE ${qualified(wide.schema, t.name)};`).join(' ')} ANALYZE ${qualified(wide.schema, ALERTS_TABLE)}; ANALYZE core.entity; ANALYZE core.entity_tag`,
    ),
  );
  return summary;
}
