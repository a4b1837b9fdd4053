import type { z } from 'zod';
import type { ShardShare } from '../model/shard.js';
import type { SiteModel } from '../model/site-model.js';
import type { Chunk } from '../sim/sample.js';
import type { SqlReader } from './core-store/find-org.js';

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

/** The engine's chunk grid: chunk i covers [epochMs + i·chunkMs, epochMs + (i+1)·chunkMs). */
export interface ChunkGrid {
  readonly epochMs: number;
  readonly chunkMs: number;
}

/** What begin() is told beyond the model and the run. */
export interface BeginOptions {
  readonly reset: boolean;
  /** the engine's chunk grid: an output that keeps files by period rather than by chunk names the complete chunks with it */
  readonly grid?: ChunkGrid;
  /**
   * `--shard K/N`: the equipment this process writes (default: all). Chunks carry every point, the others'
   * as Status.Missing; an output writes the share's tables, files, events and alerts, and records and
   * resumes its chunks per shard, never touching another shard's.
   */
  readonly share?: ShardShare;
}

/**
 * An output that only writes. Lifecycle: open → begin → writeChunk* → finish → close.
 * close() is called on success, failure and interrupt.
 */
export interface Sink {
  readonly name: string;
  open(): Promise<void>;
  /** Prepares the target for a run (schema, entities); returns chunk indexes already complete (the share's, when sharded). */
  begin(model: SiteModel, run: RunDescriptor, options: BeginOptions): Promise<ReadonlySet<number>>;
  /** Writes one chunk atomically: all of it or nothing. */
  writeChunk(chunk: Chunk): Promise<void>;
  /** Completes the run (current values, indexes) and reports what was written. */
  finish(): Promise<WriteSummary>;
  close(): Promise<void>;
  /**
   * Optional: ends the output at once, a write in progress included, as a
   * kill would (that write never commits; the next run writes it again). The
   * live service calls it, then close(), when a stop outlasts its grace period.
   */
  abandon?(): Promise<void>;
}

/** A store also reads back: validation, the live service and the API use SQL over the core schema. */
export interface Store extends Sink {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs fn in a read-only transaction that is always rolled back: nothing its statements do (a SET
   * included) outlives it. The query library reads through it.
   */
  readOnly<T>(fn: (tx: SqlReader) => Promise<T>): Promise<T>;
  /**
   * Optional: one read statement the caller built itself, in a read-only session without a transaction
   * block (one round trip); the query library's single-statement reads use it when present.
   */
  readOne?<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** What every output of a run shares: stores name their tables after the organization. */
export interface OutputContext {
  /** organization key (validated: lower-case letters, digits, underscore) */
  readonly org: string;
  /** how a store lays out history: `haystack` (default) or `wide` (one table per equipment); sinks ignore it */
  readonly layout?: 'haystack' | 'wide';
  /** schema of the wide tables (default `public`) */
  readonly wideSchema?: string;
}

/**
 * Which options a command line offers, and how: giving the output's own flag
 * selects the output and sets `select`; the options in `also` get flags of
 * their own. Flag names default to `--<output>` for `select` and
 * `--<output>-<option>` (kebab-case) for the rest; `names` overrides them.
 */
export interface OutputFlags<K extends string> {
  readonly select: K;
  readonly also?: readonly K[];
  readonly names?: Partial<Record<K, string>>;
  /** environment variable read when the selecting flag is absent (DATABASE_URL) */
  readonly env?: string;
}

/** An output's options as its `<name>-options.ts` declares them: the schema and which of its options are flags. */
export interface OutputOptions<S extends z.ZodObject = z.ZodObject> {
  /** what the output does with the selecting flag's value, for help: `POST the readings as JSON to this receiver` */
  readonly summary: string;
  /** every option, each with a description: help text, defaults and validation come from here */
  readonly schema: S;
  readonly flags: OutputFlags<Extract<keyof S['shape'], string>>;
}

/** One entry of the outputs registry (src/outputs/registry.ts). */
export interface OutputDefinition<S extends z.ZodObject = z.ZodObject> extends OutputOptions<S> {
  /** registry key, lower-case kebab: what users type */
  readonly name: string;
  /** a store also reads back (a run writes to one store at most); a sink only writes */
  readonly kind: 'store' | 'sink';
  /** builds the output from validated options; opens nothing (that is open()'s job) */
  create(options: z.output<S>, context: OutputContext): Sink;
}

/** Types one registry entry against its own schema; the registry holds them side by side. */
export function defineOutput<S extends z.ZodObject>(definition: OutputDefinition<S>): OutputDefinition {
  return definition as unknown as OutputDefinition;
}
