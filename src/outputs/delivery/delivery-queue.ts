import { emptyStats, errorMessage } from './delivery-stats.js';
import type { DeliveryEvent, DeliveryStats } from './delivery-stats.js';
import { retryDelay } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';
import type { SpillFile } from './spill-file.js';
import { readingsIn } from './transport.js';
import type { Delivery, Transport } from './transport.js';

/**
 * What happens when the queue is full because the receiver is slow or down:
 * `block` makes push() wait (back-pressure to the generator), `spill` appends to
 * the spill file and replays it in order later, `drop` discards and counts.
 */
export type OverflowPolicy = 'block' | 'spill' | 'drop';

export interface DeliveryQueueOptions {
  /** readings held in memory, in flight included */
  readonly maxReadings: number;
  readonly maxBytes: number;
  readonly overflow: OverflowPolicy;
  /** required for `spill`; opened by the caller */
  readonly spill?: SpillFile;
  /** sends in flight at once (each in its own lane) */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  /** jitter source in [0, 1); Math.random unless a test pins it */
  readonly random?: () => number;
  readonly onEvent?: (event: DeliveryEvent) => void;
}

export interface DrainResult {
  /** readings in memory that were not delivered (lost) */
  readonly undelivered: number;
  /** readings still in the spill file, replayed by the next run that uses it */
  readonly keptInSpill: number;
}

interface Entry {
  readonly item: Delivery;
  /** messages of the item already delivered */
  sent: number;
  attempt: number;
}

/** A FIFO with O(1) shift, compacting now and then (lanes can hold 100,000 single-reading items). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const x = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i];
  }
}

/**
 * Bounded, ordered, retrying delivery shared by the HTTP and MQTT sinks.
 * Items of one lane go one at a time in push order, retries included, so a
 * sink that keeps each point in one lane keeps every point's readings in order.
 * Spilled items re-enter in file order, and while anything is in the spill file
 * new items go there too, so nothing overtakes them.
 */
export class DeliveryQueue {
  private readonly stats_: DeliveryStats = emptyStats();
  private readonly lanes = new Map<string, Fifo<Entry>>();
  /** lanes with a waiting head and nothing in flight or in back-off */
  private readonly ready = new Fifo<string>();
  private active = 0;
  private failedRun = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  /** serializes spill-file appends and replays */
  private spillChain: Promise<void> = Promise.resolve();
  private replaying = false;
  /** appends queued on spillChain, not yet written */
  private spilling = 0;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly options: DeliveryQueueOptions,
  ) {
    if (options.overflow === 'spill' && !options.spill) throw new Error('the spill policy needs a spill file');
    this.stats_.spillPending = options.spill?.pending ?? 0;
    this.replay();
  }

  /** A copy of the statistics. */
  get stats(): DeliveryStats {
    return { ...this.stats_, spillPending: this.options.spill?.pending ?? 0 };
  }

  /** Accepts an item: in memory, spilled or dropped by the policy; under `block` waits for room. */
  async push(item: Delivery): Promise<void> {
    const n = item.readings;
    if (item.targets.length === 0) return;
    const spill = this.options.spill;
    for (;;) {
      if (this.closed) throw new Error('the delivery queue is closed');
      if (spill && (spill.pending > 0 || this.replaying || this.spilling > 0)) return this.toSpill(item);
      if (this.fits(item)) return this.admit(item);
      if (this.options.overflow === 'drop') return this.drop(n, 'queue full');
      if (this.options.overflow === 'spill') return this.toSpill(item);
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
  }

  /** Waits until everything (memory and spill file) is delivered or given up, or the timeout passes. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    if (!this.idle()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    return this.leftovers();
  }

  /** Stops sending and retrying; what is left is reported, the spill file keeps its part. */
  async close(timeoutMs: number): Promise<DrainResult> {
    await this.drain(timeoutMs);
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of this.roomWaiters.splice(0)) wake();
    await this.spillChain;
    const final = this.leftovers();
    this.options.onEvent?.({ type: 'closed', ...final, path: this.options.spill?.path });
    return final;
  }

  private leftovers(): DrainResult {
    let undelivered = 0;
    for (const fifo of this.lanes.values()) for (const e of fifo) undelivered += readingsIn(e.item, e.sent);
    return { undelivered, keptInSpill: this.options.spill?.pending ?? 0 };
  }

  private fits(item: Delivery): boolean {
    const s = this.stats_;
    // an item larger than the limits alone still goes through, one at a time, rather than never
    if (s.queued === 0) return true;
    return s.queued + item.readings <= this.options.maxReadings && s.queuedBytes + item.bytes <= this.options.maxBytes;
  }

  private admit(item: Delivery): void {
    const s = this.stats_;
    s.queued += item.readings;
    s.queuedBytes += item.bytes;
    s.peakQueued = Math.max(s.peakQueued, s.queued);
    s.peakQueuedBytes = Math.max(s.peakQueuedBytes, s.queuedBytes);
    let fifo = this.lanes.get(item.lane);
    if (!fifo) {
      fifo = new Fifo<Entry>();
      this.lanes.set(item.lane, fifo);
      this.ready.push(item.lane);
    }
    fifo.push({ item, sent: 0, attempt: 0 });
    this.dispatch();
  }

  private drop(readings: number, reason: string): void {
    this.stats_.dropped += readings;
    this.options.onEvent?.({ type: 'dropped', readings, reason });
  }

  private toSpill(item: Delivery): Promise<void> {
    const spill = this.options.spill!;
    this.spilling++;
    const op = this.spillChain.then(async () => {
      try {
        if (await spill.append(item)) {
          this.stats_.spilled += item.readings;
          this.options.onEvent?.({ type: 'spilled', readings: item.readings, path: spill.path });
        } else this.drop(item.readings, `spill file ${spill.path} is full`);
      } finally {
        this.spilling--;
      }
      // memory may have emptied while this waited its turn: nothing else would start the replay
      this.replay();
    });
    this.spillChain = op.catch(() => undefined);
    return op;
  }

  /** Moves spilled items back into memory, in file order, while there is room. */
  private replay(): void {
    const spill = this.options.spill;
    if (!spill || this.replaying || this.closed || spill.pending === 0) return;
    this.replaying = true;
    const op = this.spillChain.then(async () => {
      try {
        for (let next = await spill.peek(); next && !this.closed && this.fits(next); next = await spill.peek()) {
          await spill.take();
          this.stats_.replayed += next.readings;
          this.options.onEvent?.({ type: 'replayed', readings: next.readings, path: spill.path });
          this.admit(next);
        }
      } finally {
        this.replaying = false;
      }
    });
    this.spillChain = op.catch((error: unknown) => this.noteError(error));
  }

  private dispatch(): void {
    while (this.active < this.options.concurrency && this.ready.size > 0 && !this.closed) {
      const lane = this.ready.shift()!;
      const entry = this.lanes.get(lane)!.peek()!;
      this.active++;
      void this.attempt(lane, entry);
    }
  }

  private async attempt(lane: string, entry: Entry): Promise<void> {
    const { item } = entry;
    const n = item.targets.length;
    entry.attempt++;
    if (entry.attempt > 1) this.stats_.retried += readingsIn(item, entry.sent);
    const result = await this.transport.send(item, entry.sent);
    this.active--;
    const s = this.stats_;
    const sentBefore = entry.sent;
    entry.sent = Math.min(n, entry.sent + result.delivered);
    s.sent += readingsIn(item, sentBefore, entry.sent);
    if (result.error === undefined) {
      s.lastSuccess = Date.now();
      if (this.failedRun > 0) this.options.onEvent?.({ type: 'recovered', afterFailedAttempts: this.failedRun });
      this.failedRun = 0;
      return this.complete(lane);
    }
    s.failedAttempts++;
    this.failedRun++;
    this.noteError(result.error);
    const error = errorMessage(result.error);
    const readings = readingsIn(item, entry.sent);
    if (this.closed || result.retryable === false || entry.attempt >= this.options.retry.maxAttempts) {
      s.failed += readings;
      this.options.onEvent?.({ type: 'gave-up', lane, attempt: entry.attempt, readings, error });
      return this.complete(lane);
    }
    const delayMs = retryDelay(this.options.retry, entry.attempt, this.options.random);
    this.options.onEvent?.({ type: 'retry', lane, attempt: entry.attempt, delayMs, readings, error });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(lane);
      this.dispatch();
    }, delayMs);
    this.timers.add(timer);
    this.dispatch();
  }

  /** The lane's head is done (delivered or given up): free its room and move on. */
  private complete(lane: string): void {
    const fifo = this.lanes.get(lane)!;
    const { item } = fifo.shift()!;
    const s = this.stats_;
    s.queued -= item.readings;
    s.queuedBytes -= item.bytes;
    if (fifo.size > 0) this.ready.push(lane);
    else this.lanes.delete(lane);
    for (const wake of this.roomWaiters.splice(0)) wake();
    this.replay();
    this.dispatch();
    if (this.idle()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private idle(): boolean {
    return this.stats_.queued === 0 && (this.options.spill?.pending ?? 0) === 0 && !this.replaying && this.spilling === 0;
  }

  private noteError(error: unknown): void {
    this.stats_.lastError = { at: Date.now(), message: errorMessage(error) };
  }
}
