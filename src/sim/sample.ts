import type { PointInfo } from '../model/point.js';

/**
 * Data-quality status per value, the Haystack `curStatus` vocabulary.
 * Stored as a byte in batches; outputs write the name.
 */
export const STATUS_NAMES = ['ok', 'stale', 'fault', 'down', 'disabled', 'unknown'] as const;
export enum Status {
  Ok = 0,
  Stale = 1,
  Fault = 2,
  Down = 3,
  Disabled = 4,
  Unknown = 5,
}

/**
 * The only thing that crosses from the engine into outputs: all points'
 * values for one run of uniformly spaced timestamps, as a point-major matrix
 * (`values[p * timestamps.length + k]` is point p at timestamps[k]).
 * One matrix per chunk instead of an object per value keeps the hot path
 * allocation-free; a matrix rather than (point, ts) index columns because every
 * point has a value at every timestamp.
 *
 * Values are already rounded to the point's decimals. Bool points hold 0/1.
 * NaN means no value (written as SQL NULL).
 */
export interface SampleBatch {
  readonly points: readonly PointInfo[];
  /** epoch milliseconds, ascending */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly status: Uint8Array;
}

/** A ground-truth record of a data-quality problem or fault the engine injected. */
export interface GroundTruthEvent {
  /** stable id, e.g. `stale:equip-ahu-1:20261014` */
  readonly id: string;
  /** `stale`, `fault`, `maintenance`, `drift`, `calibration`, ... */
  readonly type: string;
  /** Haystack id of the entity affected (an equip or a point) */
  readonly entityId: string;
  /** epoch ms, inclusive */
  readonly start: number;
  /** epoch ms, exclusive */
  readonly end: number;
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One unit of loading: a chunk of the time grid. Chunk indexes are global
 * (counted on the profile's grid from its epoch), so any range split into
 * pieces names the same chunks and a store can record which are complete.
 */
export interface Chunk {
  readonly index: number;
  readonly batch: SampleBatch;
  /** ground-truth events overlapping the batch's time span (the same event may come with several chunks; its id dedupes) */
  readonly events: readonly GroundTruthEvent[];
  /** false when the run's start or end cuts the chunk (absent: whole chunk) */
  readonly complete?: boolean;
}
