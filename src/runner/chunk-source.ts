import type { SiteModel } from '../model/site-model.js';
import type { Engine, EngineOptions } from '../sim/engine.js';
import type { OverrideSchedule } from '../sim/override-schedule.js';
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
  /** chunks it computes at once (default 1): a run asks for as many ahead */
  readonly parallelism?: number;
  /** The samples of `index` restricted to [start, end), as Engine.computeChunk gives them. */
  computeChunk(index: number, start: number, end: number): Promise<Chunk>;
  /** Takes a new override schedule: chunks asked for after it resolves follow it. */
  setOverrides(schedule: OverrideSchedule): Promise<void>;
  close(): Promise<void>;
}

/** The engine on this thread. */
export function engineChunks(engine: Engine): ChunkSource {
  return {
    computeChunk: async (index, start, end) => engine.computeChunk(index, start, end),
    setOverrides: async (schedule) => engine.setOverrides(schedule),
    close: async () => undefined,
  };
}

export interface EngineThreadOptions {
  /** engine threads computing chunks at once (default 1); a run keeps as many chunks coming */
  readonly threads?: number;
  /** threads for the register warm-up, the engine threads included (default warmUpWorkers: by the work and the cores) */
  readonly warmUpThreads?: number;
}

/**
 * Starts the engine of `model` in worker threads, rebuilt there from the
 * profile with the built-in equipment types. The workers' point table is
 * checked against `model`'s, so a caller whose model came from other types
 * gets an error rather than different data (it uses engineChunks instead).
 * Chunks go to the least busy thread: a chunk is a pure function of its
 * index, so the data are the same whatever thread computes it. Before the
 * first chunk, the registers up to its day are integrated by these threads
 * and others at once (register-warm-up.ts) and handed to every engine: the
 * first chunk is known only then (a resumed run skips what it wrote; the
 * live service starts where its state says).
 */
export async function openEngineThread(
  profile: ProfileSource,
  options: EngineOptions,
  model: SiteModel,
  { threads = 1, warmUpThreads }: EngineThreadOptions = {},
): Promise<ChunkSource> {
  const engines = Array.from(
    { length: Math.max(1, threads) },
    () => new WorkerCalls<EngineRequest>(startWorker(import.meta.url, 'engine-worker')),
  );
  const busy = engines.map(() => 0);
  let chunkMs: number;
  try {
    const opened = await Promise.all(engines.map((e) => e.call<EngineOpened>({ op: 'open', profile, options })));
    const expected = model.points.map((p) => p.id);
    for (const { ids } of opened) {
      if (ids.length !== expected.length || ids.some((id, i) => id !== expected[i]))
        throw new Error(
          `the engine thread built a different model from ${profile.file} (${ids.length} points, ${expected.length} expected)`,
        );
    }
    chunkMs = opened[0]!.chunkMs;
  } catch (err) {
    await Promise.all(engines.map((e) => e.terminate()));
    throw err;
  }
  const closing = new AbortController();
  let warm: Promise<void> | undefined;
  const warmUp = async (day: number) => {
    const workers = Math.max(engines.length, warmUpThreads ?? warmUpWorkers(day, model.points.length));
    // alone, the engine thread integrates as it goes
    if (workers < 2 || day === 0 || !model.points.some((p) => p.totalized)) return;
    const checkpoint = await warmUpRegisters(profile, options, model, day, { workers, engines, signal: closing.signal });
    await Promise.all(engines.map((e) => e.call({ op: 'registers', checkpoint })));
  };
  return {
    parallelism: engines.length,
    async computeChunk(index, start, end) {
      warm ??= warmUp(Math.floor((index * chunkMs) / DAY));
      await warm;
      const e = busy.indexOf(Math.min(...busy));
      busy[e]!++;
      try {
        const r = await engines[e]!.call<ChunkReply>({ op: 'chunk', index, start, end });
        const batch = { points: model.points, timestamps: r.timestamps, values: r.values, status: r.status };
        return { index: r.index, batch, events: r.events, ...(r.complete !== undefined ? { complete: r.complete } : {}) };
      } finally {
        busy[e]!--;
      }
    },
    // every thread takes it before any chunk asked for later (a thread answers its calls in order)
    setOverrides: async (schedule) => void (await Promise.all(engines.map((e) => e.call({ op: 'overrides', schedule })))),
    close: async () => {
      closing.abort();
      await Promise.all(engines.map((e) => e.terminate()));
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
