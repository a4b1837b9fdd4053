import type { EngineOptions } from '../sim/engine.js';
import type { RegisterCheckpoint } from '../sim/registers.js';
import type { OverrideSchedule } from '../sim/override-schedule.js';
import type { GroundTruthEvent } from '../sim/sample.js';

/** The profile as loaded: a worker thread builds the same model from it (a model holds functions; it cannot cross). */
export interface ProfileSource {
  readonly text: string;
  /** the file it came from, for messages */
  readonly file: string;
}

/** What the main thread asks of an engine worker (engine-worker.ts). */
export type EngineRequest =
  | { readonly op: 'open'; readonly profile: ProfileSource; readonly options: EngineOptions }
  | { readonly op: 'chunk'; readonly index: number; readonly start: number; readonly end: number }
  /** register totals of days [from, to): a warm-up's slice (register-warm-up.ts) */
  | { readonly op: 'day-totals'; readonly from: number; readonly to: number }
  /** register readings known at a day's start: a warm-up's result */
  | { readonly op: 'registers'; readonly checkpoint: RegisterCheckpoint }
  /** a new override schedule (a pointWrite to the live service) */
  | { readonly op: 'overrides'; readonly schedule: OverrideSchedule };

/** The engine worker's answer to 'open'. */
export interface EngineOpened {
  /** its point table, to check against the caller's model */
  readonly ids: readonly string[];
  readonly chunkMs: number;
}

/** A chunk as it crosses the thread boundary: the point table stays behind (the main thread has it). */
export interface ChunkReply {
  readonly index: number;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly events: readonly GroundTruthEvent[];
  readonly complete?: boolean;
}
