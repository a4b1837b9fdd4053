import type { SiteModel } from '../model/site-model.js';
import type { Engine, EngineOptions } from '../sim/engine.js';
import type { Chunk } from '../sim/sample.js';
import { startWorker, WorkerCalls } from '../threads/worker-calls.js';
import type { ChunkReply, EngineOpened, EngineRequest, ProfileSource } from './engine-protocol.js';
import { warmUpRegisters, warmUpWorkers } from './register-warm-up.js';

const DAY = 86_400_000;

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

/**
 * Starts the engine of `model` in a worker thread, rebuilt there from the
 * profile with the built-in equipment types. The worker's point table is
 * checked against `model`'s, so a caller whose model came from other types
 * gets an error rather than different data (it uses engineChunks instead).
 * Before the first chunk, the registers up to its day are integrated by
 * this thread and others at once (register-warm-up.ts) and handed to the
 * engine: the first chunk is known only then (a resumed run skips what it
 * wrote; the live service starts where its state says).
 */
export async function openEngineThread(
  profile: ProfileSource,
  options: EngineOptions,
  model: SiteModel,
  /** threads for the warm-up, this one included (default warmUpWorkers: by the work and the cores) */
  warmUpThreads?: number,
): Promise<ChunkSource> {
  const calls = new WorkerCalls<EngineRequest>(startWorker(import.meta.url, 'engine-worker'));
  let chunkMs: number;
  try {
    const opened = await calls.call<EngineOpened>({ op: 'open', profile, options });
    const expected = model.points.map((p) => p.id);
    if (opened.ids.length !== expected.length || opened.ids.some((id, i) => id !== expected[i]))
      throw new Error(
        `the engine thread built a different model from ${profile.file} (${opened.ids.length} points, ${expected.length} expected)`,
      );
    chunkMs = opened.chunkMs;
  } catch (err) {
    await calls.terminate();
    throw err;
  }
  const closing = new AbortController();
  let warm: Promise<void> | undefined;
  const warmUp = async (day: number) => {
    const workers = warmUpThreads ?? warmUpWorkers(day, model.points.length);
    // alone, the engine thread integrates as it goes
    if (workers < 2 || day === 0 || !model.points.some((p) => p.totalized)) return;
    const checkpoint = await warmUpRegisters(profile, options, model, day, { workers, engine: calls, signal: closing.signal });
    await calls.call({ op: 'registers', checkpoint }, [checkpoint.readings.buffer as ArrayBuffer]);
  };
  return {
    async computeChunk(index, start, end) {
      warm ??= warmUp(Math.floor((index * chunkMs) / DAY));
      await warm;
      const r = await calls.call<ChunkReply>({ op: 'chunk', index, start, end });
      const batch = { points: model.points, timestamps: r.timestamps, values: r.values, status: r.status };
      return { index: r.index, batch, events: r.events, ...(r.complete !== undefined ? { complete: r.complete } : {}) };
    },
    close: () => {
      closing.abort();
      return calls.terminate();
    },
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
