import type { SiteModel } from '../model/site-model.js';
import type { Chunk } from '../sim/sample.js';

/** What a run writes, identifying the data so a re-run can resume or refuse. */
export interface RunDescriptor {
  /** organization key (validated: lower-case letters, digits, underscore) */
  readonly org: string;
  readonly profile: string;
  readonly seed: number;
  readonly intervalMs: number;
  /** hash of the profile and everything else that changes values */
  readonly fingerprint: string;
  /** epoch ms, inclusive / exclusive */
  readonly start: number;
  readonly end: number;
}

export interface WriteSummary {
  /** entity rows by Haystack kind marker (site, space, equip, point, ...) */
  readonly entities: Readonly<Record<string, number>>;
  readonly rowsWritten: number;
  readonly chunksWritten: number;
  readonly chunksSkipped: number;
  readonly eventsWritten: number;
  /** where the data is, for people: a path or redacted URL */
  readonly location: string;
}

/**
 * An output that only writes. Lifecycle: open → begin → writeChunk* → finish → close.
 * close() is called on success, failure and interrupt.
 */
export interface Sink {
  readonly name: string;
  open(): Promise<void>;
  /** Prepares the target for a run (schema, entities); returns chunk indexes already complete. */
  begin(model: SiteModel, run: RunDescriptor, options: { reset: boolean }): Promise<ReadonlySet<number>>;
  /** Writes one chunk atomically: all of it or nothing. */
  writeChunk(chunk: Chunk): Promise<void>;
  /** Completes the run (current values, indexes) and reports what was written. */
  finish(): Promise<WriteSummary>;
  close(): Promise<void>;
}

/** A store also reads back: validation, the live service and the API use SQL over the core schema. */
export interface Store extends Sink {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}
