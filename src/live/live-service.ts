import type { SiteModel } from '../model/site-model.js';
import type { RunDescriptor, Sink } from '../outputs/output.js';
import type { Topology } from '../model/topology.js';
import type { PhysicsKind } from '../sim/physics/physics-stage.js';
import { runGeneration } from '../runner/run-generation.js';
import { Engine } from '../sim/engine.js';
import { configSnapshot, type SimulatorStateStore } from './simulator-state.js';

const DAY = 86_400_000;

export interface LiveOptions {
  readonly model: SiteModel;
  readonly topology: Topology<PhysicsKind>;
  readonly epochMs: number;
  /** the run without its range: the service decides the range as time goes by */
  readonly run: Omit<RunDescriptor, 'start' | 'end'>;
  readonly sinks: readonly Sink[];
  readonly state: SimulatorStateStore;
  /** simulated seconds per wall-clock second (1: real time) */
  readonly acceleration: number;
  /** days to backfill when the store has nothing yet */
  readonly backfillDays: number;
  /** wall clock, epoch ms (injectable for tests) */
  readonly clock?: () => number;
}

export interface LiveMetrics {
  ticks: number;
  rows: number;
  errors: number;
  /** simulated timestamp of the last tick written */
  lastTick?: number;
  /** wall-clock delay between a tick's timestamp coming due and its write committing, ms */
  lagMs: number;
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
  readonly metrics: LiveMetrics = { ticks: 0, rows: 0, errors: 0, lagMs: 0, backfilledRows: 0 };
  private readonly engine: Engine;
  private readonly clock: () => number;
  private stopping = false;
  private active = false;
  private wake: (() => void) | undefined;
  private wallOrigin = 0;
  private simOrigin = 0;
  /** what the control API may change; applied at the next start */
  readonly settings: { acceleration: number; backfillDays: number };

  constructor(readonly options: LiveOptions) {
    const o = options;
    this.engine = new Engine(o.model, o.topology, { seed: o.run.seed, intervalMs: o.run.intervalMs, epochMs: o.epochMs });
    this.clock = o.clock ?? Date.now;
    this.settings = { acceleration: o.acceleration, backfillDays: o.backfillDays };
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
    const { state, run } = this.options;
    const interval = run.intervalMs;
    this.stopping = false;
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
      next = await this.catchUp(next);
      const begun = this.options.sinks.map((sink) =>
        sink.begin(this.options.model, { ...run, start: next, end: next + interval }, { reset: false }),
      );
      await Promise.all(begun);
      while (!this.stopping) {
        const wait = (next - this.simNow()) / this.settings.acceleration;
        if (wait > 0) await this.sleep(wait);
        if (this.stopping) break;
        await this.tick(next);
        next += interval;
      }
      await Promise.all(this.options.sinks.map((sink) => sink.finish()));
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
    this.stopping = true;
    this.wake?.();
  }

  /** Writes everything due but missing in bulk, with the same runner `generate` uses; returns the next timestamp due. */
  private async catchUp(from: number): Promise<number> {
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
    });
    this.metrics.backfilledRows += result.rowsGenerated;
    await this.options.state.update({ lastRunTimestamp: end - interval, totalizers: await this.totalizersAt(end - interval) });
    await this.options.state.log('gaps_filled', `filled ${new Date(from).toISOString()} … ${new Date(end).toISOString()}`, {
      from: new Date(from).toISOString(),
      to: new Date(end).toISOString(),
      rows: result.rowsGenerated,
      chunksSkipped: result.chunksSkipped,
    });
    return end;
  }

  private async tick(t: number): Promise<void> {
    const interval = this.options.run.intervalMs;
    const chunk = this.engine.computeChunk(this.engine.chunkOf(t), t, t + interval);
    await Promise.all(this.options.sinks.map((sink) => sink.writeChunk(chunk)));
    const rows = chunk.batch.values.length;
    this.metrics.ticks++;
    this.metrics.rows += rows;
    this.metrics.lastTick = t;
    this.metrics.lagMs = Math.max(0, (this.simNow() - t) / this.settings.acceleration);
    await this.options.state.update({ lastRunTimestamp: t, totalizers: registerReadings(chunk.batch.points, chunk.batch.values, 1, 0) });
    // one log line per minute of simulated time at most: a 1-s service must not write 86,400 log rows a day
    if (interval >= 60_000 || t % 60_000 < interval) {
      await this.options.state.log('data_generated', `${rows} values at ${new Date(t).toISOString()}`, {
        ts: new Date(t).toISOString(),
        rows,
        lagMs: Math.round(this.metrics.lagMs),
      });
    }
  }

  private async totalizersAt(t: number): Promise<Record<string, number>> {
    const chunk = this.engine.computeChunk(this.engine.chunkOf(t), t, t + this.options.run.intervalMs);
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
