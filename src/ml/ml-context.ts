import { ArgsError } from '../errors.js';
import type { QueryClient } from '../query/query-client.js';
import type { DataExtent, GroundTruthEvent } from '../query/query-ground-truth.js';
import type { ColumnInfo, SeriesRow } from '../query/query-types.js';
import { Draws } from './ml-draws.js';
import { type SplitName, type SplitOptions, SplitPlan } from './ml-split.js';
import type { FaultLabel, StateRecord } from './ml-types.js';

export interface SampleOptions {
  /** the seed of every draw */
  readonly seed: number;
  /** equipment types or id prefixes (`chiller`, `pump`); default every equipment */
  readonly types?: readonly string[];
  /** equipment ids, instead of types */
  readonly equipment?: readonly string[];
  readonly split?: SplitOptions;
}

/** One candidate equipment: its id, type and columns. */
export interface Candidate {
  readonly id: string;
  readonly type: string;
  readonly columns: readonly ColumnInfo[];
}

/** Draws allowed per record before sampling gives up: a store with gaps needs a few redraws, not thousands. */
export const ATTEMPTS = 200;

/**
 * What every sampler reads once: the candidate equipment, the data's span and grid, the labelled faults
 * on the candidates, the split plan and the seeded draws; and the reads they share (a state at an instant,
 * the faults over a window).
 */
export class SampleContext {
  private constructor(
    readonly q: QueryClient,
    readonly draws: Draws,
    readonly candidates: readonly Candidate[],
    readonly extent: DataExtent,
    readonly faults: readonly GroundTruthEvent[],
    readonly plan: SplitPlan,
  ) {}

  static async open(q: QueryClient, options: SampleOptions): Promise<SampleContext> {
    const listing = (await q.equipment()).rows;
    const ids = new Set<string>();
    if (options.equipment?.length)
      for (const name of options.equipment) {
        await q.columns(name); // an unknown name: the library's did-you-mean
        ids.add(listing.find((e) => e.id === name || e.haystackId === name)!.id);
      }
    else {
      const types = options.types?.length ? options.types : [undefined];
      for (const type of types) for (const e of (await q.equipment(type === undefined ? {} : { type })).rows) ids.add(e.id);
    }
    const listed = new Map(listing.map((e) => [e.id, e.type] as const));
    const candidates: Candidate[] = [];
    for (const id of [...ids].sort()) candidates.push({ id, type: listed.get(id)!, columns: (await q.columns(id)).rows });
    const extent = await q.extent();
    if (!extent) throw new ArgsError(`ml: org "${q.org}" has no generated runs to sample from (haysim generate first)`);
    const faults = await q.groundTruth({ equipment: candidates.map((c) => c.id), types: ['fault'], from: extent.from, to: extent.to });
    const draws = new Draws(options.seed);
    const plan = SplitPlan.make(
      options.split,
      candidates.map((c) => c.id),
      extent,
      draws,
    );
    return new SampleContext(q, draws, candidates, extent, faults, plan);
  }

  /** The candidates in a split (all when unsplit or split by time), optionally only those with a column. */
  pool(split: SplitName | undefined, column?: string): Candidate[] {
    const inSplit = new Set(
      this.plan.equipmentIn(
        this.candidates.map((c) => c.id),
        split,
      ),
    );
    return this.candidates.filter((c) => inSplit.has(c.id) && (column === undefined || c.columns.some((k) => k.name === column)));
  }

  candidate(id: string): Candidate {
    return this.candidates.find((c) => c.id === id)!;
  }

  /** The labelled faults of an equipment overlapping [from, to). */
  faultsIn(equipment: string, from: number, to: number): FaultLabel[] {
    return this.faults
      .filter((f) => f.equipment === equipment && f.start < to && f.end > from)
      .map((f) => ({
        event: f.event,
        kind: f.kind,
        column: f.column,
        start: new Date(f.start).toISOString(),
        end: new Date(f.end).toISOString(),
        params: f.params,
      }));
  }

  /** The equipment's readings at the grid instant t, undefined when it has none there (a gap). */
  async readRow(equipment: string, t: number): Promise<SeriesRow | undefined> {
    const r = await this.q.range(equipment, { from: t, to: t + this.extent.intervalMs, limit: 1 });
    return r.rows[0];
  }

  /** A state record from a row read at `t`, labelled by the ground truth unless `threshold` says otherwise. */
  state(c: Candidate, row: SeriesRow, split: SplitName | undefined, threshold: StateRecord['threshold'] = null): StateRecord {
    const t = Date.parse(row.ts);
    const faults = this.faultsIn(c.id, t, t + 1);
    const { ts, ...features } = row;
    return {
      kind: 'state',
      ...(split ? { split } : {}),
      equipment: c.id,
      type: c.type,
      ts,
      features,
      units: units(c.columns),
      label: threshold || faults.length > 0 ? 'anomaly' : 'normal',
      label_source: threshold ? 'threshold' : 'ground_truth',
      faults,
      threshold,
    };
  }
}

export function units(columns: readonly ColumnInfo[]): Record<string, string | null> {
  return Object.fromEntries(columns.map((c) => [c.name, c.unit]));
}
