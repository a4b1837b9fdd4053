import type { Cell, SeriesRow } from '../query/query-types.js';
import type { SplitName } from './ml-split.js';

/**
 * The records ML sampling writes, one per JSONL line: self-describing (equipment, type, time or window,
 * features with their units, a label and where the label comes from), keys in the snake_case training
 * libraries read. A preference pair has TRL's `prompt` / `chosen` / `rejected` text.
 */

/** `ground_truth`: the simulation's labelled faults (core.haysim_event); `threshold`: a reading beyond mean ± k·σ. */
export type LabelSource = 'ground_truth' | 'threshold';
export type Label = 'normal' | 'anomaly';

/** A labelled fault covering the record. */
export interface FaultLabel {
  readonly event: string;
  readonly kind: string | null;
  /** the column it is on, null when on the whole equipment */
  readonly column: string | null;
  readonly start: string;
  readonly end: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** How a threshold anomaly was found: the column's mean and σ over a scan window, and the reading beyond them. */
export interface ThresholdLabel {
  readonly column: string;
  readonly unit: string | null;
  readonly value: number;
  readonly mean: number;
  readonly std: number;
  readonly k: number;
  readonly window_start: string;
  readonly window_end: string;
}

interface Common {
  /** present when the records are split */
  readonly split?: SplitName;
  readonly equipment: string;
  readonly type: string;
  readonly units: Readonly<Record<string, string | null>>;
  readonly label: Label;
  readonly label_source: LabelSource;
  /** the labelled faults covering the instant or overlapping the window (also listed for a threshold label) */
  readonly faults: readonly FaultLabel[];
}

/** One equipment's readings at one instant. */
export interface StateRecord extends Common {
  readonly kind: 'state';
  readonly ts: string;
  readonly features: Readonly<Record<string, Cell>>;
  readonly threshold: ThresholdLabel | null;
}

/** One equipment over a window, a step per bucket (averages) or per reading. */
export interface TrajectoryRecord extends Common {
  readonly kind: 'trajectory';
  readonly start: string;
  readonly end: string;
  /** bucket width (`15m`), or `raw` */
  readonly every: string;
  readonly steps: readonly SeriesRow[];
}

/** One side of a pair: where the window is from and its mean on the metric. */
export interface PairSide {
  readonly equipment: string;
  readonly start: string;
  readonly end: string;
  readonly mean: number;
  readonly values: readonly (number | null)[];
}

/** A preference pair (TRL's standard format) and what it was built from. */
export interface PairRecord {
  readonly prompt: string;
  readonly chosen: string;
  readonly rejected: string;
  readonly split?: SplitName;
  readonly type: string;
  readonly metric: string;
  readonly unit: string | null;
  /** `lower`: the lower mean is preferred */
  readonly better: 'lower';
  readonly every: string;
  readonly chosen_window: PairSide;
  readonly rejected_window: PairSide;
}

export type MlRecord = StateRecord | TrajectoryRecord | PairRecord;
