import type { SiteModel } from '../model/site-model.js';
import type { PointTemplate } from '../model/point-template.js';
import type { Topology } from '../model/topology.js';
import { ArgsError } from '../errors.js';
import { BuildingPhysics, type FaultWindows } from './physics/building-physics.js';
import type { PhysicsKind } from './physics/physics-stage.js';
import { QualityEvents, type QualityWindow } from './quality-events.js';
import { RegisterBook, registerSpecs } from './registers.js';
import { Status, type Chunk, type GroundTruthEvent, type SampleBatch } from './sample.js';
import { SensorModel } from './sensor-model.js';

const DAY = 86_400_000;
/** bound on a chunk's matrix (values): 4 M values is 32 MB of Float64 per matrix */
const MAX_VALUES_PER_CHUNK = 4_000_000;
/** how long after a fault the physics still sees its after-effects (zones pulling back to setpoint) */
const RECOVERY_MS = 4 * 3_600_000;

export interface EngineOptions {
  readonly seed: number;
  readonly intervalMs: number;
  /** start of the time grid and of the registers; nothing is generated before it */
  readonly epochMs: number;
}

/** Readings of a whole chunk before stale blocks are applied, kept for the chunk after it. */
interface Measured {
  readonly chunk: number;
  readonly values: Float64Array;
  readonly status: Uint8Array;
}

/**
 * Turns (model, seed, time) into sample batches. Time is cut into global
 * chunks of one day of grid steps counted from the epoch; everything in a
 * chunk is a pure function of its index, so chunks can be generated in any
 * order, on any worker, and always give the same bytes.
 */
export class Engine {
  readonly stepsPerChunk: number;
  private readonly physics: BuildingPhysics;
  private readonly quality: QualityEvents;
  private readonly sensors: SensorModel;
  private readonly registers: RegisterBook;
  private readonly pointOwner: Int32Array;
  private readonly pointIds: string[];
  /** the chunks measured last, newest first: a chunk and the one before it, which its stale blocks may reach into */
  private measured: Measured[] = [];
  /** true-value matrices reused chunk after chunk (internal only, never handed out) */
  private readonly scratch: Float64Array;

  constructor(
    readonly model: SiteModel,
    private readonly topology: Topology<PhysicsKind>,
    readonly options: EngineOptions,
  ) {
    if (!(options.intervalMs > 0)) throw new ArgsError(`--interval must be positive, got ${options.intervalMs} ms`);
    // a day of steps per chunk, halved until the matrix stays small (1-s or campus-sized runs)
    let steps = Math.max(1, Math.ceil(DAY / options.intervalMs));
    while (steps > 1 && steps * model.points.length > MAX_VALUES_PER_CHUNK) steps = Math.ceil(steps / 2);
    this.stepsPerChunk = steps;
    this.physics = new BuildingPhysics(topology, model, options.seed);
    this.quality = new QualityEvents(topology, options.seed);
    const equipIndex = new Map(topology.equips.map((e, i) => [e.id, i]));
    this.pointOwner = Int32Array.from(model.points, (p) => equipIndex.get(p.equipId) ?? -1);
    this.pointIds = model.points.map((p) => p.id);
    const templates: PointTemplate[] = model.points.map((p) => {
      const equip = topology.equips[equipIndex.get(p.equipId)!]!;
      return equip.points.find((t) => t.key === p.key)!;
    });
    this.sensors = new SensorModel(model.points, templates, topology.site.quality, options.seed, options.epochMs);
    this.registers = new RegisterBook(registerSpecs(model.points), options.epochMs, (ts) => this.truthAt(ts));
    this.scratch = new Float64Array(model.points.length * this.stepsPerChunk);
  }

  get chunkMs(): number {
    return this.stepsPerChunk * this.options.intervalMs;
  }

  chunkStart(chunk: number): number {
    return this.options.epochMs + chunk * this.chunkMs;
  }

  chunkOf(t: number): number {
    return Math.floor((t - this.options.epochMs) / this.chunkMs);
  }

  /** First grid instant at or after t. */
  alignUp(t: number): number {
    const i = this.options.intervalMs;
    return this.options.epochMs + Math.ceil((t - this.options.epochMs) / i) * i;
  }

  /** The chunks a range [start, end) touches, ascending. */
  chunksIn(start: number, end: number): number[] {
    this.checkRange(start, end);
    const out: number[] = [];
    for (let c = this.chunkOf(start); this.chunkStart(c) < end; c++) out.push(c);
    return out;
  }

  checkRange(start: number, end: number): void {
    if (!(end > start))
      throw new ArgsError(`the start (${new Date(start).toISOString()}) must be before the end (${new Date(end).toISOString()})`);
    if (start < this.options.epochMs) {
      throw new ArgsError(
        `the start ${new Date(start).toISOString()} is before the profile's epoch ${new Date(this.options.epochMs).toISOString()} (simulation.epoch): energy registers count from it; set an earlier epoch in the profile`,
      );
    }
  }

  /** The samples of `chunk` restricted to [start, end), with the events that overlap them. */
  computeChunk(chunk: number, start = -Infinity, end = Infinity): Chunk {
    const c0 = this.chunkStart(chunk);
    const B = this.stepsPerChunk;
    const interval = this.options.intervalMs;
    const from = Math.max(0, Math.ceil((start - c0) / interval));
    const to = Math.min(B, Math.ceil((end - c0) / interval));
    const measured = this.measure(chunk);
    const prev = this.chunkOverlapsStaleFromBefore(chunk) ? this.measure(chunk - 1) : undefined;
    const P = this.model.points.length;
    const T = Math.max(0, to - from);
    const timestamps = new Float64Array(T);
    for (let k = 0; k < T; k++) timestamps[k] = c0 + (from + k) * interval;
    // a whole chunk is one copy; a cut one is copied row by row
    const whole = from === 0 && to === B;
    const values = whole ? measured.values.slice() : new Float64Array(P * T);
    const status = whole ? measured.status.slice() : new Uint8Array(P * T);
    for (let r = 0; r < P && !whole; r++) {
      values.set(measured.values.subarray(r * B + from, r * B + to), r * T);
      status.set(measured.status.subarray(r * B + from, r * B + to), r * T);
    }
    const stale = this.quality.staleBetween(c0, c0 + B * interval);
    this.applyStale(stale, chunk, measured, prev, from, T, values, status);
    const spanStart = c0 + from * interval;
    const spanEnd = c0 + to * interval;
    const events: GroundTruthEvent[] = [
      ...stale.map((w) => w.event),
      ...this.quality.faultsBetween(c0, c0 + B * interval).map((w) => w.event),
      ...this.sensors.driftEvents(this.pointIds, c0, c0 + B * interval),
    ].filter((e) => e.end > spanStart && e.start < spanEnd);
    const batch: SampleBatch = { points: this.model.points, timestamps, values, status };
    return { index: chunk, batch, events, complete: from === 0 && to === B };
  }

  private chunkOverlapsStaleFromBefore(chunk: number): boolean {
    const c0 = this.chunkStart(chunk);
    return this.quality.staleBetween(c0, c0 + this.options.intervalMs).some((w) => w.event.start <= c0);
  }

  /** Full-chunk readings (noise, drift, faults) before stale blocks. */
  private measure(chunk: number): Measured {
    const cached = this.measured.find((m) => m.chunk === chunk);
    if (cached) {
      this.measured = [cached, ...this.measured.filter((m) => m !== cached)];
      return cached;
    }
    const B = this.stepsPerChunk;
    const P = this.model.points.length;
    const c0 = this.chunkStart(chunk);
    const interval = this.options.intervalMs;
    const ts = new Float64Array(B);
    for (let k = 0; k < B; k++) ts[k] = c0 + k * interval;
    const faults = this.quality.faultsBetween(c0 - RECOVERY_MS, c0 + B * interval);
    const truth = this.scratch.fill(0);
    this.physics.run(ts, this.faultWindows(faults, ts), truth);
    this.registers.fill(truth, ts);
    const values = new Float64Array(P * B);
    const status = new Uint8Array(P * B);
    for (let r = 0; r < P; r++) this.sensors.measure(r, truth, ts, 0, B, values, r * B);
    for (const w of faults) this.mark(w, ts, status, B, Status.Fault);
    const result = { chunk, values, status };
    // two kept: the live service asks for a chunk and its predecessor at every tick
    this.measured = [result, this.measured[0]].filter((m) => m !== undefined);
    return result;
  }

  /** True values at any instants (physics is pointwise, so each equals that instant inside any frame). */
  private truthAt(ts: Float64Array): Float64Array {
    const truth = new Float64Array(this.model.points.length * ts.length);
    const windows = this.quality.faultsBetween(ts[0]! - RECOVERY_MS, ts[ts.length - 1]! + 1);
    this.physics.run(ts, this.faultWindows(windows, ts), truth);
    return truth;
  }

  private faultWindows(faults: readonly QualityWindow[], ts: Float64Array): FaultWindows {
    const E = this.topology.equips.length;
    const T = ts.length;
    const faulted = new Uint8Array(E * T);
    const faultStart = new Float64Array(E * T).fill(Number.NaN);
    const recoveredFrom = new Float64Array(E * T).fill(Number.NaN);
    const recoveredHours = new Float64Array(E * T);
    for (const w of faults) {
      const { start, end } = w.event;
      for (const e of w.equips) {
        for (let k = 0; k < T; k++) {
          const t = ts[k]!;
          const i = e * T + k;
          if (t >= start && t < end) {
            faulted[i] = 1;
            faultStart[i] = start;
          } else if (t >= end && t - end < RECOVERY_MS && !(recoveredFrom[i]! > end)) {
            recoveredFrom[i] = end;
            recoveredHours[i] = (end - start) / 3_600_000;
          }
        }
      }
    }
    return { faulted, faultStart, recoveredFrom, recoveredHours };
  }

  private mark(w: QualityWindow, ts: Float64Array, status: Uint8Array, T: number, code: Status): void {
    const equips = new Set(w.equips);
    for (let r = 0; r < this.pointOwner.length; r++) {
      if (!equips.has(this.pointOwner[r]!)) continue;
      for (let k = 0; k < T; k++) if (ts[k]! >= w.event.start && ts[k]! < w.event.end) status[r * T + k] = code;
    }
  }

  /**
   * Stale blocks repeat the last reading before the block; where a fault
   * overlaps, the status says fault but the value stays frozen, so a register
   * never steps back when the block ends.
   */
  private applyStale(
    stale: readonly QualityWindow[],
    chunk: number,
    measured: Measured,
    prev: Measured | undefined,
    from: number,
    T: number,
    values: Float64Array,
    status: Uint8Array,
  ): void {
    const B = this.stepsPerChunk;
    const c0 = this.chunkStart(chunk);
    const interval = this.options.intervalMs;
    for (const w of stale) {
      const first = Math.ceil((w.event.start - c0) / interval);
      const last = Math.ceil((w.event.end - c0) / interval);
      const lo = Math.max(first, from);
      const hi = Math.min(last, from + T);
      if (lo >= hi) continue;
      const equips = new Set(w.equips);
      for (let r = 0; r < this.pointOwner.length; r++) {
        if (!equips.has(this.pointOwner[r]!)) continue;
        const before = first - 1;
        const source = before >= 0 ? measured.values[r * B + before]! : prev ? prev.values[r * B + B + before]! : Number.NaN;
        for (let k = lo; k < hi; k++) {
          const i = r * T + (k - from);
          values[i] = source;
          if (status[i] !== Status.Fault) status[i] = Status.Stale;
        }
      }
    }
  }
}
