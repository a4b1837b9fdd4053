import { CORE_REFERENCE_TABLES, type Distribution } from './citus.js';
import { chunkIntervalHours, chunkIntervalSql, INDEX_BYTES_PER_ROW, rowsPerDay } from './chunk-interval.js';
import type { OrgTables } from './org-key.js';
import type { ServerScale } from './server-scale.js';
import type { HypertablePlan } from './timescale.js';

/** What a run does for scale on this server, chosen before its first statement; empty lists on plain PostgreSQL. */
export interface ScalePlan {
  /** Citus: the layout's tables, distributed once created and before any row goes in */
  readonly distribute: ReadonlyArray<readonly [string, Distribution]>;
  /** TimescaleDB: history tables made hypertables */
  readonly hypertables: readonly HypertablePlan[];
}

const reference: Distribution = { kind: 'reference' };

/** Citus: the core tables as reference tables, at the start of begin()'s transaction, before it writes any. */
export function coreDistribution(scale: ServerScale): ReadonlyArray<readonly [string, Distribution]> {
  return scale.citus ? CORE_REFERENCE_TABLES.map((r) => [r, reference] as const) : [];
}

/** Haystack layout: one values table, every point's rows in it (segment and shard by entity). */
export function haystackScalePlan(scale: ServerScale, t: OrgTables, points: number, intervalMs: number): ScalePlan {
  const load = { tables: 1, rowsPerDayPerTable: points * rowsPerDay(intervalMs), indexBytesPerRow: INDEX_BYTES_PER_ROW.haystack };
  return {
    distribute: scale.citus
      ? [
          [t.values, { kind: 'hash', column: 'entity_id' }],
          [t.current, { kind: 'hash', column: 'entity_id', colocateWith: t.values }],
          [t.alerts, reference],
        ]
      : [],
    hypertables: scale.timescale
      ? [{ relation: t.values, chunkInterval: chunkIntervalSql(chunkIntervalHours(load, scale.chunkBudgetBytes)), segmentBy: 'entity_id' }]
      : [],
  };
}

/** The wide layout's tables: every equipment table of the site, those created by this run, and the shared small ones. */
export interface WideScaleTables {
  /** tables of the site, all written at once by each chunk */
  readonly siteTables: number;
  /** qualified relations created now (an existing table keeps what it is) */
  readonly created: readonly string[];
  /** equipment_metadata and alerts */
  readonly shared: readonly string[];
}

/**
 * Wide layout: a table per equipment, one row per timestamp. Each table is one
 * series, so it compresses without a segment column, and lives whole on one
 * worker (a single-shard table), the tables spread over the workers.
 */
export function wideScalePlan(scale: ServerScale, w: WideScaleTables, intervalMs: number): ScalePlan {
  const load = { tables: w.siteTables, rowsPerDayPerTable: rowsPerDay(intervalMs), indexBytesPerRow: INDEX_BYTES_PER_ROW.wide };
  const chunkInterval = chunkIntervalSql(chunkIntervalHours(load, scale.chunkBudgetBytes));
  return {
    distribute: scale.citus
      ? [...w.created.map((r) => [r, { kind: 'single-shard' }] as const), ...w.shared.map((r) => [r, reference] as const)]
      : [],
    hypertables: scale.timescale ? w.created.map((relation) => ({ relation, chunkInterval })) : [],
  };
}
