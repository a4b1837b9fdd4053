import { HaysimError, OutputError } from '../../errors.js';
import type { IoOperation } from '../../errors.js';
import type { SiteModel } from '../../model/site-model.js';
import type { Chunk, SampleBatch } from '../../sim/sample.js';
import { batchShapeProblem, presentRows } from '../../sim/sample.js';
import { entityType } from '../../model/entity-facts.js';
import type { RunDescriptor, Sink, WriteSummary } from '../output.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { DrainResult } from './delivery-queue.js';
import type { DeliveryOptions } from './delivery-options.js';
import { emptyStats, errorMessage } from './delivery-stats.js';
import type { DeliveryEvent, DeliveryStats } from './delivery-stats.js';
import { SpillFile } from './spill-file.js';
import type { Delivery, Transport } from './transport.js';

/** Turns a batch into Deliveries: lanes and grouping are the adapter's choice. */
export interface ChunkEncoder {
  /** points of the model the encoder was built for */
  readonly pointCount: number;
  encode(batch: SampleBatch): Iterable<Delivery>;
}

/** Hooks a library caller may pass to any streaming sink. */
export interface StreamingHooks {
  /** failures, retries, drops, spills and the close report; library code never prints */
  readonly onEvent?: (event: DeliveryEvent) => void;
  /** jitter source for retry back-off (tests pin it) */
  readonly random?: () => number;
}

/**
 * The Sink lifecycle of the streaming sinks (HTTP, MQTT) around a DeliveryQueue;
 * an adapter supplies only its transport and encoder.
 *
 * writeChunk() resolves once the chunk is accepted (queued, spilled or dropped by
 * the policy), not delivered: under `block` it waits for room. finish() waits for
 * delivery. A receiver keeps no state haysim can read, so begin() reports no
 * chunks complete: a resumed run re-sends (at least once); within a run a whole
 * chunk is sent once (pieces of a chunk, like live ticks, are each sent).
 */
export abstract class StreamingSink implements Sink {
  abstract readonly name: string;
  private queue: DeliveryQueue | undefined;
  private spill: SpillFile | undefined;
  private encoder: ChunkEncoder | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private lastStats: DeliveryStats = emptyStats();
  private run = { entities: {} as Record<string, number>, chunks: new Set<number>(), skipped: 0, accepted: 0, sentAtBegin: 0 };
  private report: DrainResult | undefined;

  constructor(
    protected readonly delivery: DeliveryOptions,
    private readonly concurrency: number,
    protected readonly hooks: StreamingHooks = {},
  ) {}

  /** where readings go, for messages: no credentials */
  protected abstract get target(): string;
  protected abstract connect(): Promise<Transport>;
  protected abstract disconnect(): Promise<void>;
  protected abstract createEncoder(model: SiteModel): ChunkEncoder;

  /** Delivery statistics so far (after close: the final ones). */
  get stats(): DeliveryStats {
    return this.queue?.stats ?? { ...this.lastStats };
  }

  /** What the last close() could not deliver, or undefined before a close. */
  get closeReport(): DrainResult | undefined {
    return this.report;
  }

  async open(): Promise<void> {
    if (this.queue) return;
    const d = this.delivery;
    if (d.overflow === 'spill' && d.spillFile) {
      const path = d.spillFile;
      this.spill = await this.io('connect', path, 'cannot open the spill file', () => SpillFile.open(path, d.spillMaxBytes));
    }
    let transport: Transport;
    try {
      transport = await this.connect();
    } catch (error) {
      await this.spill?.close().catch(() => undefined);
      this.spill = undefined;
      throw this.wrap('connect', this.target, 'cannot connect', error);
    }
    this.queue = new DeliveryQueue(transport, {
      maxReadings: d.maxQueuedReadings,
      maxBytes: d.maxQueuedBytes,
      overflow: d.overflow,
      spill: this.spill,
      concurrency: this.concurrency,
      random: this.hooks.random,
      onEvent: this.hooks.onEvent,
      retry: { baseDelayMs: d.retryBaseMs, maxDelayMs: d.retryMaxMs, maxAttempts: d.maxAttempts ?? Infinity },
    });
  }

  async begin(model: SiteModel, _run: RunDescriptor, _options: { reset: boolean }): Promise<ReadonlySet<number>> {
    await this.chain;
    const entities: Record<string, number> = {};
    for (const type of model.entities.map(entityType)) entities[type] = (entities[type] ?? 0) + 1;
    this.encoder = this.createEncoder(model);
    this.run = { entities, chunks: new Set(), skipped: 0, accepted: 0, sentAtBegin: this.stats.sent };
    return new Set();
  }

  writeChunk(chunk: Chunk): Promise<void> {
    const done = this.chain.then(() => this.accept(chunk));
    this.chain = done.catch(() => undefined);
    return done;
  }

  async finish(): Promise<WriteSummary> {
    await this.chain;
    const queue = this.running('finish');
    const left = await queue.drain(this.delivery.flushTimeoutMs);
    const s = queue.stats;
    if (left.undelivered > 0 || left.keptInSpill > 0) {
      const where = left.keptInSpill > 0 ? `, ${left.keptInSpill} wait in the spill file ${this.spill?.path}` : '';
      const detail = `${left.undelivered} readings still queued after ${this.delivery.flushTimeoutMs} ms${where} (last error: ${s.lastError?.message ?? 'none'})`;
      throw new OutputError('SINK_WRITE_FAILED', this.name, 'flush', this.target, detail);
    }
    return {
      entities: { ...this.run.entities },
      rowsWritten: s.sent - this.run.sentAtBegin,
      chunksWritten: this.run.chunks.size,
      chunksSkipped: this.run.skipped,
      eventsWritten: 0,
      location: this.target,
    };
  }

  /**
   * Waits up to closeTimeoutMs for the queue, then disconnects. Throws when
   * readings were lost (not delivered and not kept in the spill file); the
   * numbers stay in `closeReport` and `stats`. Safe to call twice.
   */
  async close(): Promise<void> {
    await this.chain;
    const queue = this.queue;
    this.queue = undefined;
    this.encoder = undefined;
    if (!queue) return;
    const report = await queue.close(this.delivery.closeTimeoutMs);
    this.report = report;
    this.lastStats = queue.stats;
    const results = await Promise.allSettled([this.disconnect(), this.spill?.close()]);
    this.spill = undefined;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (report.undelivered > 0) {
      const kept = report.keptInSpill > 0 ? `; ${report.keptInSpill} are kept in the spill file for the next run` : '';
      const detail = `${report.undelivered} readings were not delivered within ${this.delivery.closeTimeoutMs} ms${kept} (last error: ${this.lastStats.lastError?.message ?? 'none'})`;
      throw new OutputError('SINK_WRITE_FAILED', this.name, 'close', this.target, detail);
    }
    if (failed) throw this.wrap('close', this.target, 'cannot disconnect', failed.reason);
  }

  private async accept(chunk: Chunk): Promise<void> {
    const queue = this.running('writeChunk');
    const problem = batchShapeProblem(chunk.batch, this.encoder!.pointCount);
    if (problem)
      throw new OutputError('SINK_WRITE_FAILED', this.name, 'write', this.target, `chunk ${chunk.index} is malformed: ${problem}`);
    // only whole chunks are remembered: a live service sends one piece of the same chunk per tick
    const whole = chunk.complete !== false;
    if (whole && this.run.chunks.has(chunk.index)) {
      this.run.skipped++;
      return;
    }
    try {
      for (const item of this.encoder!.encode(chunk.batch)) await queue.push(item);
    } catch (error) {
      throw this.wrap('write', this.target, `cannot queue chunk ${chunk.index}`, error);
    }
    if (whole) this.run.chunks.add(chunk.index);
    this.run.accepted += presentRows(chunk.batch);
  }

  private running(method: string): DeliveryQueue {
    if (!this.queue || !this.encoder)
      throw new Error(`${this.constructor.name}.${method}() called before open() and begin(), or after close()`);
    return this.queue;
  }

  private async io<T>(operation: IoOperation, target: string, what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.wrap(operation, target, what, error);
    }
  }

  protected wrap(operation: IoOperation, target: string, what: string, error: unknown): HaysimError {
    if (error instanceof HaysimError) return error;
    return new OutputError('SINK_WRITE_FAILED', this.name, operation, target, `${what}: ${errorMessage(error)}`, error);
  }
}
