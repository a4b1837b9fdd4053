import type { SiteModel } from '../model/site-model.js';
import type { Engine, EngineOptions } from '../sim/engine.js';
import type { Chunk, GroundTruthEvent } from '../sim/sample.js';
import { startWorker, WorkerCalls } from '../threads/worker-calls.js';

/**
 * Where a run's chunks come from: the engine on this thread, or the same
 * engine in a worker thread. A day of a large site takes the engine a tenth
 * of a second, its first chunk seconds (the registers count from the epoch):
 * on the thread that serves a live service's control API and signals that
 * is seconds of silence, so the live service computes in a worker.
 */
export interface ChunkSource {
  /** The samples of `index` restricted to [start, end), as Engine.computeChunk gives them. */
  computeChunk(index: number, start: number, end: number): Promise<Chunk>;
  close(): Promise<void>;
}

/** The engine on this thread. */
export function engineChunks(engine: Engine): ChunkSource {
  return {
    computeChunk: async (index, start, end) => engine.computeChunk(index, start, end),
    close: async () => undefined,
  };
}

/** The profile as loaded: a worker thread builds the same model from it (a model holds functions; it cannot cross). */
export interface ProfileSource {
  readonly text: string;
  /** the file it came from, for messages */
  readonly file: string;
}

/** What the main thread asks of the engine worker (engine-worker.ts). */
export type EngineRequest =
  | { readonly op: 'open'; readonly profile: ProfileSource; readonly options: EngineOptions }
  | { readonly op: 'chunk'; readonly index: number; readonly start: number; readonly end: number };

/** A chunk as it crosses the thread boundary: the point table stays behind (the main thread has it). */
export interface ChunkReply {
  readonly index: number;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly events: readonly GroundTruthEvent[];
  readonly complete?: boolean;
}

/**
 * Starts the engine of `model` in a worker thread, rebuilt there from the
 * profile with the built-in equipment types. The worker's point table is
 * checked against `model`'s, so a caller whose model came from other types
 * gets an error rather than different data (it uses engineChunks instead).
 */
export async function openEngineThread(profile: ProfileSource, options: EngineOptions, model: SiteModel): Promise<ChunkSource> {
  const calls = new WorkerCalls<EngineRequest>(startWorker(import.meta.url, 'engine-worker'));
  try {
    const ids = await calls.call<string[]>({ op: 'open', profile, options });
    const expected = model.points.map((p) => p.id);
    if (ids.length !== expected.length || ids.some((id, i) => id !== expected[i]))
      throw new Error(`the engine thread built a different model from ${profile.file} (${ids.length} points, ${expected.length} expected)`);
  } catch (err) {
    await calls.terminate();
    throw err;
  }
  return {
    async computeChunk(index, start, end) {
      const r = await calls.call<ChunkReply>({ op: 'chunk', index, start, end });
      const batch = { points: model.points, timestamps: r.timestamps, values: r.values, status: r.status };
      return { index: r.index, batch, events: r.events, ...(r.complete !== undefined ? { complete: r.complete } : {}) };
    },
    close: () => calls.terminate(),
  };
}

/**
 * The chunk, or undefined when `signal` aborts first: a stopping service does
 * not wait for a computation it will not write (the worker is ended on close).
 */
export async function chunkUnlessAborted(
  source: ChunkSource,
  index: number,
  start: number,
  end: number,
  signal: AbortSignal | undefined,
): Promise<Chunk | undefined> {
  if (signal?.aborted) return undefined;
  const computing = source.computeChunk(index, start, end);
  if (!signal) return computing;
  computing.catch(() => undefined); // abandoned on abort: its failure (the worker ended) is nobody's
  let onAbort = () => {};
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([computing, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
