import type { PointInfo } from '../model/point.js';

/**
 * Data-quality status per value, the Haystack `curStatus` vocabulary, plus
 * `missing`: a row the historian never logged (a collection gap, or a
 * change-of-value log that had nothing new to write). Stored as a byte in
 * batches; outputs write the name, and skip `missing` rows entirely.
 */
export const STATUS_NAMES = ['ok', 'stale', 'fault', 'down', 'disabled', 'unknown', 'missing'] as const;
export enum Status {
  Ok = 0,
  Stale = 1,
  Fault = 2,
  Down = 3,
  Disabled = 4,
  Unknown = 5,
  /** no row: outputs write nothing for it (the value still holds what the sensor read, for registers and resume) */
  Missing = 6,
}

/** Rows of a batch that outputs write: every value whose status is not Missing. */
export function presentRows(batch: Pick<SampleBatch, 'status'>): number {
  const s = batch.status;
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] !== Status.Missing) n++;
  return n;
}

/**
 * The only thing that crosses from the engine into outputs: all points'
 * values for one run of uniformly spaced timestamps, as a point-major matrix
 * (`values[p * timestamps.length + k]` is point p at timestamps[k]).
 * One matrix per chunk instead of an object per value keeps the hot path
 * allocation-free; a matrix rather than (point, ts) index columns because
 * almost every point has a row at every timestamp: the few rows a historian
 * did not log carry `Status.Missing`, and outputs skip them.
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

/**
 * Why a batch does not fit a model of `pointCount` points, or undefined when it
 * does: the model's points in index order, `points × timestamps` values and as
 * many statuses, timestamps finite and strictly ascending. Every output checks
 * a chunk with this before writing any of it: the typed arrays are read by
 * position, so a wrong shape would write wrong rows, not fail.
 */
export function batchShapeProblem(batch: SampleBatch, pointCount: number): string | undefined {
  const { points, timestamps, values, status } = batch;
  if (points.length !== pointCount) return `${points.length} points; the model has ${pointCount}`;
  const misplaced = points.findIndex((p, i) => p.index !== i);
  if (misplaced >= 0) return `point ${points[misplaced]!.id} has index ${points[misplaced]!.index} at position ${misplaced}`;
  if (values.length !== points.length * timestamps.length) {
    return `${values.length} values for ${points.length} points × ${timestamps.length} timestamps`;
  }
  if (status.length !== values.length) return `${status.length} statuses for ${values.length} values`;
  for (let k = 0; k < timestamps.length; k++) {
    if (!Number.isFinite(timestamps[k]) || (k > 0 && timestamps[k]! <= timestamps[k - 1]!)) {
      return `timestamps are not finite and strictly ascending at position ${k}`;
    }
  }
  return undefined;
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
