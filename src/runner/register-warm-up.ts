import { availableParallelism } from 'node:os';
import type { SiteModel } from '../model/site-model.js';
import type { EngineOptions } from '../sim/engine.js';
import { extendCheckpoint, initialCheckpoint, type RegisterCheckpoint, registerSpecs } from '../sim/registers.js';
import { startWorker, WorkerCalls } from '../threads/worker-calls.js';
import type { EngineRequest, ProfileSource } from './engine-protocol.js';

/** each thread builds the whole model and they share memory bandwidth: past a few, more add little */
const MAX_WORKERS = 8;
/**
 * Point-days (a day of a point's physics, sampled every 15 min) a thread takes at least: about 7 s of the
 * campus's integrating, several times what starting a thread and building the model there costs. A small
 * site starts no thread: its engine thread integrates years in seconds.
 */
const MIN_POINT_DAYS_PER_WORKER = 1_000_000;

/** Threads worth integrating `days` days of `points` points: one per core, at most 8, none with too little to pay for itself. */
export function warmUpWorkers(days: number, points: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), Math.floor((days * points) / MIN_POINT_DAYS_PER_WORKER)));
}

export interface WarmUpOptions {
  /** threads integrating at once, `engines` included (default warmUpWorkers) */
  readonly workers?: number;
  /** engine threads already open (the run's own, idle until the warm-up ends): they take the last slices */
  readonly engines?: readonly WorkerCalls<EngineRequest>[];
  /** ends the threads started here */
  readonly signal?: AbortSignal;
}

/**
 * Register readings at the start of every day up to `day` (days since the
 * epoch; a chunk may read back days before its own: stale blocks, frozen
 * sensors): days [0, day) cut into contiguous slices, one per worker thread
 * (the engine rebuilt there from the profile), each returning its days'
 * totals, added in day order, so the checkpoint is the same bytes for any
 * number of workers and the same as an engine integrating day by day reads.
 * Memory holds a row of registers per day, never a day's samples.
 */
export async function warmUpRegisters(
  profile: ProfileSource,
  options: EngineOptions,
  model: SiteModel,
  day: number,
  { workers = warmUpWorkers(day, model.points.length), engines = [], signal }: WarmUpOptions = {},
): Promise<RegisterCheckpoint> {
  const started = Array.from(
    { length: Math.max(0, workers - engines.length) },
    () => new WorkerCalls<EngineRequest>(startWorker(import.meta.url, 'engine-worker')),
  );
  const all = [...started, ...engines];
  const stop = () => started.forEach((t) => void t.terminate());
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const slices = await Promise.all(
      all.map(async (thread, w) => {
        if (!engines.includes(thread)) await thread.call({ op: 'open', profile, options });
        const from = Math.floor((day * w) / all.length);
        return thread.call<Float64Array>({ op: 'day-totals', from, to: Math.floor((day * (w + 1)) / all.length) });
      }),
    );
    return extendCheckpoint(initialCheckpoint(registerSpecs(model.points, options.equipIds)), ...slices);
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all(started.map((t) => t.terminate()));
  }
}
