import type { SiteModel } from '../model/site-model.js';
import type { Sink, RunDescriptor, WriteSummary } from '../outputs/output.js';
import type { Topology } from '../model/topology.js';
import type { PhysicsKind } from '../sim/physics/physics-stage.js';
import type { ShardShare } from '../model/shard.js';
import { Engine } from '../sim/engine.js';
import type { Chunk } from '../sim/sample.js';
import { Status, STATUS_NAMES } from '../sim/sample.js';
import { type ChunkSource, chunkUnlessAborted, engineChunks } from './chunk-source.js';

const MAX_IN_FLIGHT = 2;

export type Phase = 'schema' | 'history' | 'current';

export interface GenerationHooks {
  phase?(phase: Phase, total: number): void;
  progress?(done: number, rows: number): void;
}

export interface GenerationRequest {
  readonly model: SiteModel;
  readonly topology: Topology<PhysicsKind>;
  readonly run: RunDescriptor;
  readonly epochMs: number;
  readonly reset: boolean;
  readonly sinks: readonly Sink[];
  /** stops before the next chunk (the chunks in flight finish): the live service stopping mid-backfill */
  readonly signal?: AbortSignal;
  /** where chunks are computed (default: an engine on this thread); the live service passes its engine thread */
  readonly chunks?: ChunkSource;
  /** chunks being written at once (default 2); a stop waits for them, so the live service writes one at a time */
  readonly maxInFlight?: number;
  /** `--shard K/N`: only these points' rows reach the outputs (default: all) */
  readonly share?: ShardShare;
}

export interface GenerationResult {
  readonly summaries: readonly WriteSummary[];
  readonly rowsGenerated: number;
  readonly chunksGenerated: number;
  readonly chunksSkipped: number;
  /** how much time one chunk covers: a day, or less when a day of every point would be too big a chunk */
  readonly chunkMs: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly events: number;
  readonly historySeconds: number;
  /** everything before this is written: run.end, or where a stop came */
  readonly end: number;
}

/**
 * Streams a time range through the engine into every sink, chunk by chunk.
 * Chunks all sinks already hold are skipped (resume); the next chunk is
 * computed while the previous one is being written, so a database that
 * ingests slower than the engine computes is never left waiting.
 */
export async function runGeneration(req: GenerationRequest, hooks: GenerationHooks = {}): Promise<GenerationResult> {
  const { run } = req;
  const engine = new Engine(req.model, req.topology, {
    seed: run.seed,
    intervalMs: run.intervalMs,
    epochMs: req.epochMs,
    ...(req.share ? { equipIds: [...req.share.equipIds] } : {}),
  });
  const chunks = engine.chunksIn(run.start, run.end);
  const source = req.chunks ?? engineChunks(engine);
  hooks.phase?.('schema', req.sinks.length);
  // chunks coming: one per engine thread and one more, so the engines compute on while a write waits for
  // a slot; engine threads start on the first ones while the sinks prepare (a large site's tables take
  // seconds to create), and a resumed run that holds those already drops them
  const ahead = Math.max(1, source.parallelism ?? 1) + 1;
  const early = new Map(
    (req.chunks && !req.signal?.aborted ? chunks.slice(0, ahead) : []).map((index) => {
      const computing = source.computeChunk(index, run.start, run.end);
      computing.catch(() => undefined); // awaited below when used; a failure then is reported there
      return [index, computing] as const;
    }),
  );
  const done: ReadonlySet<number>[] = [];
  for (const sink of req.sinks)
    done.push(
      await sink.begin(req.model, run, {
        reset: req.reset,
        grid: { epochMs: req.epochMs, chunkMs: engine.chunkMs },
        ...(req.share ? { share: req.share } : {}),
      }),
    );
  const needed = (c: number) => done.some((d) => !d.has(c));
  const todo = chunks.filter(needed);
  for (const index of early.keys()) if (!needed(index)) early.delete(index);
  hooks.phase?.('history', chunks.length);
  const statusCounts = new Array<number>(STATUS_NAMES.length).fill(0);
  const eventIds = new Set<string>();
  let rows = 0;
  let progressed = chunks.length - todo.length;
  hooks.progress?.(progressed, 0);
  const started = performance.now();
  // two chunks in flight: a database server ingests one while the next is encoded and sent
  const inFlight: Promise<void>[] = [];
  const coming: Promise<Chunk | undefined>[] = [];
  let asked = 0;
  const ask = () => {
    while (coming.length < ahead && asked < todo.length) {
      const index = todo[asked++]!;
      const computing = (!req.signal?.aborted && early.get(index)) || chunkUnlessAborted(source, index, run.start, run.end, req.signal);
      early.delete(index); // once taken, the chunk is the queue's to hold
      computing.catch(() => undefined); // awaited in turn; one left behind by a stop or a failure is nobody's
      coming.push(computing);
    }
  };
  let end = run.end;
  try {
    for (const index of todo) {
      ask();
      const chunk = await coming.shift();
      if (!chunk) {
        end = Math.max(run.start, engine.chunkStart(index));
        break;
      }
      ask();
      if (req.share) keepShare(chunk, req.share.points);
      const present = countStatus(chunk, statusCounts, req.share?.points);
      for (const e of chunk.events) if (!req.share || req.share.owns(e.entityId)) eventIds.add(e.id);
      if (inFlight.length >= (req.maxInFlight ?? MAX_IN_FLIGHT)) await inFlight.shift();
      const write = Promise.all(req.sinks.map((sink, i) => (done[i]!.has(index) ? undefined : sink.writeChunk(chunk)))).then(() => {
        rows += present;
        hooks.progress?.(++progressed, rows);
      });
      write.catch(() => undefined); // handled where it is awaited; never an unhandled rejection meanwhile
      inFlight.push(write);
      // the event loop gets a turn between chunks even when the outputs answer at once: signals, the control API
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (inFlight.length > 0) await inFlight.shift();
  } catch (error) {
    // let the other write finish or roll back before the caller closes the outputs
    await Promise.allSettled(inFlight);
    throw error;
  }
  const historySeconds = (performance.now() - started) / 1000;
  hooks.phase?.('current', req.sinks.length);
  const summaries: WriteSummary[] = [];
  // stopped early, the run is left as a kill would leave it (consistent, resumable): finishing a bulk load
  // (indexes, the current table) can take longer than a service may take to stop; the next run does it
  if (!req.signal?.aborted) for (const sink of req.sinks) summaries.push(await sink.finish());
  return {
    summaries,
    rowsGenerated: rows,
    chunksGenerated: todo.length,
    chunksSkipped: chunks.length - todo.length,
    chunkMs: engine.chunkMs,
    statusCounts: Object.fromEntries(STATUS_NAMES.map((n, i) => [n, statusCounts[i]!])),
    events: eventIds.size,
    historySeconds,
    end,
  };
}

/** Marks the rows of points outside the share Missing: outputs skip them, so every output writes only the share. */
function keepShare(chunk: Chunk, share: Uint8Array): void {
  const { status, timestamps } = chunk.batch;
  const n = timestamps.length;
  for (let p = 0; p < share.length; p++) if (!share[p]) status.fill(Status.Missing, p * n, (p + 1) * n);
}

/** Counts the statuses of the share's rows (a shard's summary speaks of its own grid); returns how many are present. */
function countStatus(chunk: Chunk, counts: number[], share: Uint8Array | undefined): number {
  const { status, timestamps } = chunk.batch;
  const n = timestamps.length;
  let missing = 0;
  let rows = 0;
  for (let p = 0; p * n < status.length; p++) {
    if (share && !share[p]) continue;
    rows += n;
    for (let i = p * n; i < (p + 1) * n; i++) {
      const st = status[i]!;
      counts[st]!++;
      if (st === Status.Missing) missing++;
    }
  }
  return rows - missing;
}
