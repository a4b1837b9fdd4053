import type { SiteModel } from '../model/site-model.js';
import type { RunDescriptor, Sink } from '../outputs/output.js';
import type { Topology } from '../model/topology.js';
import type { PhysicsKind } from '../sim/physics/physics-stage.js';
import { type ChunkSource, chunkUnlessAborted, engineChunks, openEngineThread } from '../runner/chunk-source.js';
import type { ProfileSource } from '../runner/engine-protocol.js';
import { runGeneration } from '../runner/run-generation.js';
import { Engine } from '../sim/engine.js';
import { presentRows } from '../sim/sample.js';
import { LagWatch } from './lag-watch.js';
import { throughOutages } from './store-outage.js';
import { configSnapshot, type SimulatorStateStore } from './simulator-state.js';
import { type OverrideSchedule, replaceFrom } from '../sim/override-schedule.js';
import type { OverrideStore } from './override-store.js';

const DAY = 86_400_000;

export interface LiveOptions {
  readonly model: SiteModel;
  readonly topology: Topology<PhysicsKind>;
  readonly epochMs: number;
  /** the run without its range: the service decides the range as time goes by */
  readonly run: Omit<RunDescriptor, 'start' | 'end'>;
  readonly sinks: readonly Sink[];
  readonly state: SimulatorStateStore;
  /** where the schedule of pointWrites to live points is kept (none: writes feed nothing back) */
  readonly overrideStore?: OverrideStore;
  /** simulated seconds per wall-clock second (1: real time) */
  readonly acceleration: number;
  /** days to backfill when the store has nothing yet */
  readonly backfillDays: number;
  /** wall clock, epoch ms (injectable for tests) */
  readonly clock?: () => number;
  /** wall-clock window over which growing lag means the rate is beyond the outputs (default 60 s) */
  readonly lagWindowMs?: number;
  /** told, in plain words, when the service falls behind or catches up (the CLI prints it) */
  readonly warn?: (message: string) => void;
  /**
   * The profile the model was built from (with the built-in equipment
   * types): given, the engine runs in a worker thread, so the control API and
   * signals are answered however long a chunk takes to compute. Without it
   * (a model from other equipment types) the engine runs on this thread.
   */
  readonly profileSource?: ProfileSource;
}

export interface LiveMetrics {
  ticks: number;
  rows: number;
  errors: number;
  /** simulated timestamp of the last tick written */
  lastTick?: number;
  /** wall-clock delay between a tick's timestamp coming due and its write committing, ms */
  lagMs: number;
  /** simulated seconds due (by the wall clock) but not yet written: 0 when keeping up */
  lagSeconds: number;
  startedAt?: number;
  backfilledRows: number;
}

/**
 * Runs the engine against the wall clock: at each interval boundary it
 * computes that timestamp with the same engine `generate` uses and writes it
 * to every sink, so live output equals a backfill of the same range. On start
 * it fills the gap since the last written timestamp in bulk first.
 */
export class LiveService {
  readonly metrics: LiveMetrics = { ticks: 0, rows: 0, errors: 0, lagMs: 0, lagSeconds: 0, backfilledRows: 0 };
  private readonly engine: Engine;
  private readonly clock: () => number;
  private stopping = new AbortController();
  private active = false;
  private readonly lagWatch: LagWatch;
  private wake: (() => void) | undefined;
  private chunkSource: Promise<ChunkSource> | undefined;
  private wallOrigin: number;
  private simOrigin: number;
  /** what pointWrites commanded, in simulated time (loaded from the store before the first chunk) */
  private overrides: OverrideSchedule | undefined;
  /** what the control API may change; applied at the next start */
  readonly settings: { acceleration: number; backfillDays: number };

  constructor(readonly options: LiveOptions) {
    const o = options;
    this.engine = new Engine(o.model, o.topology, { seed: o.run.seed, intervalMs: o.run.intervalMs, epochMs: o.epochMs });
    this.clock = o.clock ?? Date.now;
    // simulated time before the first start is the wall clock's (a write may come before it)
    this.wallOrigin = this.simOrigin = this.clock();
    this.settings = { acceleration: o.acceleration, backfillDays: o.backfillDays };
    this.lagWatch = new LagWatch(o.lagWindowMs ?? 60_000, o.run.intervalMs);
  }

  /** Simulated now: wall time, sped up from the moment the service started. */
  simNow(): number {
    return this.simOrigin + (this.clock() - this.wallOrigin) * this.settings.acceleration;
  }

  get running(): boolean {
    return this.active;
  }

  /** Catches up, then ticks until stop(); resolves after the stop is recorded. */
  async run(): Promise<void> {
    this.stopping = new AbortController();
    // the engine thread is started once and kept across stop/start through the control API
    this.chunkSource ??= this.openChunks().catch((error) => {
      this.chunkSource = undefined;
      throw error;
    });
    await this.runWith(await this.chunkSource);
  }

  /** Ends the engine thread; the session calls it once the service is done for good. */
  async close(): Promise<void> {
    const source = this.chunkSource;
    this.chunkSource = undefined;
    await (await source?.catch(() => undefined))?.close();
  }

  private async openChunks(): Promise<ChunkSource> {
    const { profileSource } = this.options;
    await this.loadOverrides();
    return profileSource
      ? openEngineThread(profileSource, { ...this.engine.options, overrides: this.overrides }, this.options.model)
      : engineChunks(this.engine);
  }

  private async loadOverrides(): Promise<OverrideSchedule> {
    if (this.overrides) return this.overrides;
    const stored = (await this.options.overrideStore?.load()) ?? [];
    // a profile changed since may have lost a point: its overrides are left out
    const schedule = stored.filter((o) => this.engine.overridable.has(o.point));
    this.engine.setOverrides(schedule);
    this.overrides = schedule;
    return schedule;
  }

  /** Whether a pointWrite to `point` feeds the simulation (its equipment's physics takes it as an input). */
  takesOverride(point: string): boolean {
    return this.options.overrideStore !== undefined && this.engine.overridable.has(point);
  }

  /**
   * A pointWrite or relinquish at simulated instant `from`: `point`'s commanded values from then on are
   * `timeline` (nothing: back to the simulation's own). Kept in the store first, then the steps computed
   * after it follow it; false when the simulation does not take the point.
   */
  async override(point: string, from: number, timeline: readonly { start: number; end: number; value: number }[]): Promise<boolean> {
    if (!this.takesOverride(point)) return false;
    const next = replaceFrom(
      await this.loadOverrides(),
      point,
      from,
      timeline.map((o) => ({ point, ...o })),
    );
    this.engine.setOverrides(next); // checks it before it is kept
    await this.options.overrideStore!.save(next);
    this.overrides = next;
    await (await this.chunkSource?.catch(() => undefined))?.setOverrides(next);
    return true;
  }

  private async runWith(chunks: ChunkSource): Promise<void> {
    const { state, run } = this.options;
    const interval = run.intervalMs;
    this.wallOrigin = this.clock();
    this.simOrigin = this.wallOrigin;
    await state.ensureTables();
    const config = configSnapshot({ ...run, start: 0, end: 0 }, { acceleration: this.settings.acceleration });
    if (await state.initialize(config)) await state.log('initialized', `service ${state.serviceName} initialized`, config);
    const previous = await state.read();
    if (previous?.lastRunTimestamp !== undefined) {
      // the simulated clock kept running (at its speed) while the service was down: that is the gap to fill
      const resumed = previous.lastRunTimestamp + (this.wallOrigin - previous.updatedAt) * this.settings.acceleration;
      this.simOrigin = Math.max(this.wallOrigin, resumed);
    }
    this.metrics.startedAt = this.clock();
    this.active = true;
    await state.update({ status: 'running', config, errorMessage: null });
    await state.log('started', `started at ${new Date(this.simNow()).toISOString()}`, { acceleration: this.settings.acceleration });
    try {
      let next =
        previous?.lastRunTimestamp !== undefined
          ? previous.lastRunTimestamp + interval
          : this.engine.alignUp(this.simNow() - this.settings.backfillDays * DAY);
      const from = next;
      next = await this.throughOutages(() => this.catchUp(from, chunks));
      const stopped = this.stopping.signal;
      if (!stopped.aborted)
        await Promise.all(
          this.options.sinks.map((sink) => sink.begin(this.options.model, { ...run, start: next, end: next + interval }, { reset: false })),
        );
      const begun = !stopped.aborted;
      while (!stopped.aborted) {
        const due = this.lastDue();
        if (next > due) await this.sleep((next - this.simNow()) / this.settings.acceleration);
        else next = await this.write(next, due, chunks);
        await new Promise<void>((resolve) => setImmediate(resolve)); // signals and the control API get their turn
      }
      if (begun) await Promise.all(this.options.sinks.map((sink) => sink.finish()));
      await state.update({ status: 'stopped' });
      await state.log('stopped', `stopped after ${this.metrics.ticks} ticks`, { ...this.metrics });
      this.active = false;
    } catch (error) {
      this.active = false;
      this.metrics.errors++;
      const message = (error as Error).message;
      await state.update({ status: 'error', errorMessage: message }).catch(() => undefined);
      await state.log('error', message).catch(() => undefined);
      throw error;
    }
  }

  /** Asks the loop to stop after the tick in progress (a tick is one transaction: it commits or rolls back). */
  stop(): void {
    this.stopping.abort();
    this.wake?.();
  }

  /** Writes everything due but missing in bulk, with the same runner `generate` uses; returns the next timestamp due. */
  private async catchUp(from: number, chunks: ChunkSource): Promise<number> {
    const interval = this.options.run.intervalMs;
    const due = this.engine.alignUp(this.simNow() - interval + 1);
    if (due <= from) return from;
    const end = due + interval;
    const result = await runGeneration({
      model: this.options.model,
      topology: this.options.topology,
      epochMs: this.options.epochMs,
      reset: false,
      sinks: this.options.sinks,
      run: { ...this.options.run, start: from, end },
      signal: this.stopping.signal,
      chunks,
      // the next chunk is computed in the engine thread meanwhile; a stop waits for one write, not two
      maxInFlight: 1,
    });
    this.metrics.backfilledRows += result.rowsGenerated;
    if (result.end <= from) return from;
    await this.options.state.update({
      lastRunTimestamp: result.end - interval,
      totalizers: await this.totalizersAt(result.end - interval, chunks),
    });
    await this.options.state.log('gaps_filled', `filled ${new Date(from).toISOString()} … ${new Date(result.end).toISOString()}`, {
      from: new Date(from).toISOString(),
      to: new Date(result.end).toISOString(),
      rows: result.rowsGenerated,
      chunksSkipped: result.chunksSkipped,
    });
    return result.end;
  }

  /**
   * While a store is unreachable the service says so on stderr, and records
   * the outage in the activity log once it can (the log may live in the very
   * store that went away).
   */
  private throughOutages<T>(step: () => Promise<T>): Promise<T> {
    return throughOutages(step, {
      signal: this.stopping.signal,
      sleep: (ms) => this.sleep(ms),
      clock: this.clock,
      began: (outage) => this.options.warn?.(`store unreachable, retrying with back-off: ${outage.message}`),
      ended: async (outage) => {
        const seconds = Math.round((this.clock() - outage.since) / 1000);
        this.options.warn?.(`store reachable again after ${seconds} s; resuming where it stopped`);
        await this.options.state.log('outage', `store unreachable for ${seconds} s (${outage.attempts} attempts): ${outage.message}`, {
          since: new Date(outage.since).toISOString(),
          seconds,
          attempts: outage.attempts,
        });
      },
    });
  }

  /** The newest grid instant the wall clock has reached. */
  private lastDue(): number {
    return this.engine.alignUp(this.simNow() - this.options.run.intervalMs + 1);
  }

  /**
   * Writes every timestamp due from `from` up to `due`, within one chunk, as
   * one transaction per output: a tick when keeping up, the backlog in
   * chunk-sized pieces (bounded memory) when behind. Returns the next timestamp.
   */
  private async write(from: number, due: number, chunks: ChunkSource): Promise<number> {
    const interval = this.options.run.intervalMs;
    const index = this.engine.chunkOf(from);
    const end = Math.min(due + interval, this.engine.chunkStart(index + 1));
    // a stop while the engine works writes nothing more: the tick is written by the next run
    const chunk = await chunkUnlessAborted(chunks, index, from, end, this.stopping.signal);
    if (!chunk) return from;
    // each output retried on its own: one that took the chunk is not given it twice
    await Promise.all(this.options.sinks.map((sink) => this.throughOutages(() => sink.writeChunk(chunk))));
    const { points, values, timestamps } = chunk.batch;
    const last = end - interval;
    this.metrics.ticks += timestamps.length;
    this.metrics.rows += presentRows(chunk.batch);
    this.metrics.lastTick = last;
    const behind = Math.max(0, this.simNow() - last);
    this.metrics.lagMs = behind / this.settings.acceleration;
    this.metrics.lagSeconds = Math.max(0, this.lastDue() - last) / 1000;
    const totalizers = registerReadings(points, values, timestamps.length, timestamps.length - 1);
    await this.throughOutages(() => this.options.state.update({ lastRunTimestamp: last, totalizers }));
    // one log line per minute of simulated time at most: a 1-s service must not write 86,400 log rows a day
    if (interval >= 60_000 || Math.floor((end - 1) / 60_000) * 60_000 >= from) {
      await this.throughOutages(() =>
        this.options.state.log('data_generated', `${presentRows(chunk.batch)} values at ${new Date(last).toISOString()}`, {
          ts: new Date(last).toISOString(),
          rows: values.length,
          steps: timestamps.length,
          lagMs: Math.round(this.metrics.lagMs),
          lagSeconds: this.metrics.lagSeconds,
        }),
      );
    }
    await this.watchLag();
    return end;
  }

  /** Says plainly when the configured rate is beyond what the outputs take, and when the service has caught up. */
  private async watchLag(): Promise<void> {
    const lagMs = this.metrics.lagSeconds * 1000;
    const verdict = this.lagWatch.observe(this.clock(), lagMs);
    if (!verdict) return;
    const rate = `×${this.settings.acceleration} at ${this.options.run.intervalMs / 1000} s per tick`;
    const message =
      verdict === 'falling_behind'
        ? `falling behind: ${Math.round(lagMs / 1000)} simulated s due but not written and growing; the outputs do not take ${rate}: lower --acceleration or raise --interval`
        : `caught up: lag is back under one tick`;
    this.options.warn?.(message);
    await this.options.state.log(verdict, message, { lagSeconds: this.metrics.lagSeconds, acceleration: this.settings.acceleration });
  }

  private async totalizersAt(t: number, chunks: ChunkSource): Promise<Record<string, number>> {
    const chunk = await chunks.computeChunk(this.engine.chunkOf(t), t, t + this.options.run.intervalMs);
    return registerReadings(chunk.batch.points, chunk.batch.values, 1, 0);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** Register (totalizer) readings of a batch at column k, by point id. */
function registerReadings(points: SiteModel['points'], values: Float64Array, T: number, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of points) if (p.totalized) out[p.id] = values[p.index * T + k]!;
  return out;
}
