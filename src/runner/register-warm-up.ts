import { availableParallelism } from 'node:os';
import type { SiteModel } from '../model/site-model.js';
import type { EngineOptions } from '../sim/engine.js';
import { extendCheckpoint, initialCheckpoint, type RegisterCheckpoint, registerSpecs } from '../sim/registers.js';
import { startWorker, WorkerCalls } from '../threads/worker-calls.js';
import type { EngineRequest, ProfileSource } from './engine-protocol.js';

/** each thread builds the whole model and they share memory bandwidth: past a few, more add little */
const MAX_WORKERS = 8;
/** a thread takes about a second to start and build the campus model, about 15 campus days of integrating */
const MIN_DAYS_PER_WORKER = 30;

/** Threads worth starting to integrate `days` days: one per core, at most 8, none with too few days to pay for itself. */
export function warmUpWorkers(days: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), Math.floor(days / MIN_DAYS_PER_WORKER)));
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
  workers = warmUpWorkers(day),
  signal?: AbortSignal,
): Promise<RegisterCheckpoint> {
  const threads = Array.from({ length: workers }, () => new WorkerCalls<EngineRequest>(startWorker(import.meta.url, 'engine-worker')));
  const stop = () => threads.forEach((t) => void t.terminate());
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const slices = await Promise.all(
      threads.map(async (thread, w) => {
        await thread.call({ op: 'open', profile, options });
        const from = Math.floor((day * w) / workers);
        return thread.call<Float64Array>({ op: 'day-totals', from, to: Math.floor((day * (w + 1)) / workers) });
      }),
    );
    return extendCheckpoint(initialCheckpoint(registerSpecs(model.points)), ...slices);
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
