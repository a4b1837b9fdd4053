import type { SiteModel } from '../model/site-model.js';
import { historyLogging, type PointTemplate } from '../model/point-template.js';
import type { Topology } from '../model/topology.js';
import { ArgsError } from '../errors.js';
import { BuildingPhysics, type FaultWindows } from './physics/building-physics.js';
import type { PhysicsKind } from './physics/physics-stage.js';
import type { RegisterSampling } from './physics/frame.js';
import { type QualityEvents, type QualityWindow, qualityEvents } from './quality-events.js';
import { type RegisterCheckpoint, RegisterBook, registerSampling, registerSpecs } from './registers.js';
import { Status, type Chunk, type GroundTruthEvent, type SampleBatch } from './sample.js';
import { SensorModel } from './sensor-model.js';
import { FaultCode } from './fault-catalog.js';
import { ChunkColumn, InstantReadings, type Readings } from './instant-readings.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from './fault-windows.js';
import { checkSchedule, fillTracks, firstDifference, type Override, type OverrideSchedule } from './override-schedule.js';

const DAY = 86_400_000;
/** bound on a chunk's matrix (values): 4 M values is 32 MB of Float64 per matrix */
const MAX_VALUES_PER_CHUNK = 4_000_000;
/** instants outside their chunk kept measured: a stale block several chunks long asks for the same one in each */
const INSTANTS_KEPT = 8;

export interface EngineOptions {
  readonly seed: number;
  readonly intervalMs: number;
  /** start of the time grid and of the registers; nothing is generated before it */
  readonly epochMs: number;
  /**
   * Only these equipment's readings are wanted (a shard's or an `--equip` selection's): the physics stops
   * after the last stage they need and other points are not measured. Their rows are the same bytes as in a
   * whole run; the others' are left unfilled (the caller marks them Missing).
   */
  readonly equipIds?: readonly string[];
  /** commanded values of writable points (pointWrites to a live service); none: the unwritten simulation */
  readonly overrides?: OverrideSchedule;
}

/** Readings of a whole chunk before stale blocks are applied (noise, drift, faults). */
interface Measured {
  readonly chunk: number;
  readonly values: Float64Array;
  readonly status: Uint8Array;
}

/** A chunk as measured, with its readings (before sensor faults) where the stale blocks running on past its end froze. */
interface MeasuredChunk extends Measured {
  readonly staleSources: readonly Readings[];
}

/** A whole chunk as the historian holds it: stale blocks, change-of-value logging and gaps applied. */
interface Logged extends Measured {
  readonly stale: readonly QualityWindow[];
  readonly gaps: readonly QualityWindow[];
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
  /** each equipment's point rows: a window of an equipment marks only its own */
  private readonly rowsOfEquip: Int32Array[];
  private readonly pointIds: string[];
  private readonly pointRow: Map<string, number>;
  /** per point: 0 logged every interval, 1 on any change of value (Bool, enum), 2 on a change of one resolution step (setpoints) */
  private readonly covMode: Uint8Array;
  private readonly covScale: Float64Array;
  /** the chunks logged last, newest first: the live service asks for a chunk at every tick */
  private logged: Logged[] = [];
  /** the arrays of the chunk last dropped from that cache, measured into next: fresh memory costs a page fault per 4 kB */
  private spare: Measured | undefined;
  /** true-value matrices reused chunk after chunk (internal only, never handed out) */
  private readonly scratch: Float64Array;
  /** fault-window columns of a chunk's frame, refilled for each chunk (physics reads them only while it runs) */
  private chunkWindows: FaultWindows | undefined;
  /** per row: 1 where the point is a register */
  private readonly isRegister: Uint8Array;
  /** instants measured outside their chunk, oldest first */
  private instants: Readings[] = [];
  /** 1 where the point's readings are wanted (options.equipIds); undefined: every point */
  private readonly wanted: Uint8Array | undefined;
  /** ids of the points the physics takes as inputs when overridden (PhysicsKind.overridable) */
  readonly overridable: ReadonlySet<string>;
  private schedule: OverrideSchedule = [];
  /** the schedule by truth row, each row's overrides sorted by start */
  private overridesByRow = new Map<number, Override[]>();

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
    const wantedEquips = options.equipIds && new Set(options.equipIds);
    this.wanted = wantedEquips && Uint8Array.from(model.points, (p) => (wantedEquips.has(p.equipId) ? 1 : 0));
    this.physics = new BuildingPhysics(topology, model, options.seed, options.epochMs, wantedEquips);
    this.quality = qualityEvents(topology, options.seed);
    const equipIndex = new Map(topology.equips.map((e, i) => [e.id, i]));
    const owned: number[][] = topology.equips.map(() => []);
    model.points.forEach((p, r) => {
      const e = equipIndex.get(p.equipId);
      if (e !== undefined) owned[e]!.push(r);
    });
    this.rowsOfEquip = owned.map((rows) => Int32Array.from(rows));
    this.pointIds = model.points.map((p) => p.id);
    this.pointRow = new Map(this.pointIds.map((id, r) => [id, r]));
    const templates: PointTemplate[] = model.points.map((p) => {
      const equip = topology.equips[equipIndex.get(p.equipId)!]!;
      return equip.points.find((t) => t.key === p.key)!;
    });
    this.sensors = new SensorModel(model.points, templates, topology.site.quality, options.seed, options.epochMs);
    const cov = topology.site.quality.cov.points;
    const modes = { interval: 0, change: 1, step: 2 } as const;
    this.covMode = Uint8Array.from(templates, (t) => modes[historyLogging(t, cov)]);
    this.covScale = Float64Array.from(model.points, (p) => 10 ** p.decimals);
    const registers = registerSpecs(model.points, options.equipIds);
    const sampling = registerSampling(registers, model.points, topology.equips);
    this.registers = new RegisterBook(registers, options.epochMs, (ts) => this.truthAt(ts, sampling));
    this.isRegister = new Uint8Array(model.points.length);
    for (const s of registers) this.isRegister[s.row] = 1;
    this.scratch = new Float64Array(model.points.length * this.stepsPerChunk);
    this.overridable = new Set(
      topology.equips.flatMap((e) => {
        const keys = topology.types.find((k) => k.name === e.type)?.overridable ?? [];
        return keys.map((key) => `${e.id}.${key}`).filter((id) => this.pointRow.has(id));
      }),
    );
    this.setOverrides(options.overrides ?? []);
  }

  /**
   * Takes a new override schedule: chunks and register days from its first difference with the one before
   * are computed again (those before it are the same under either).
   */
  setOverrides(schedule: OverrideSchedule): void {
    checkSchedule(schedule, this.overridable, this.pointRow);
    const from = firstDifference(this.schedule, schedule);
    this.schedule = schedule;
    this.overridesByRow = new Map();
    for (const o of [...schedule].sort((a, b) => a.start - b.start)) {
      const row = this.pointRow.get(o.point)!;
      const list = this.overridesByRow.get(row);
      if (list) list.push(o);
      else this.overridesByRow.set(row, [o]);
    }
    if (from === Infinity) return;
    this.logged = this.logged.filter((m) => this.chunkStart(m.chunk + 1) <= from);
    this.instants = this.instants.filter((i) => i.t < from);
    this.registers.forgetFrom(from);
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

  /** The register totals of days [from, to) since the epoch, day-major: a warm-up's slice (runner/register-warm-up.ts). */
  registerDayTotals(from: number, to: number): Float64Array {
    return this.registers.dayTotals(from, to);
  }

  /** Register readings at days' starts, from a warm-up of the same profile and seed: those days are not integrated again. */
  seedRegisters(checkpoint: RegisterCheckpoint): void {
    this.registers.seed(checkpoint);
  }

  /** The samples of `chunk` restricted to [start, end), with the events that overlap them. */
  computeChunk(chunk: number, start = -Infinity, end = Infinity): Chunk {
    const c0 = this.chunkStart(chunk);
    const B = this.stepsPerChunk;
    const interval = this.options.intervalMs;
    const from = Math.max(0, Math.ceil((start - c0) / interval));
    const to = Math.min(B, Math.ceil((end - c0) / interval));
    const logged = this.log(chunk);
    const P = this.model.points.length;
    const T = Math.max(0, to - from);
    const timestamps = new Float64Array(T);
    for (let k = 0; k < T; k++) timestamps[k] = c0 + (from + k) * interval;
    // a whole chunk is one copy; a cut one, or only the wanted rows (the others' pages never touched), row by row
    const whole = from === 0 && to === B && !this.wanted;
    const values = whole ? logged.values.slice() : new Float64Array(P * T);
    const status = whole ? logged.status.slice() : new Uint8Array(P * T);
    for (let r = 0; r < P && !whole; r++) {
      if (this.wanted && !this.wanted[r]) continue;
      values.set(logged.values.subarray(r * B + from, r * B + to), r * T);
      status.set(logged.status.subarray(r * B + from, r * B + to), r * T);
    }
    const spanStart = c0 + from * interval;
    const spanEnd = c0 + to * interval;
    const chunkEnd = c0 + B * interval;
    const events: GroundTruthEvent[] = [
      ...logged.stale.map((w) => w.event),
      ...this.quality.faultsBetween(c0, chunkEnd).map((w) => w.event),
      ...this.physics.eventsBetween(c0, chunkEnd),
      ...this.sensors.driftEvents(this.pointIds, c0, chunkEnd),
      // a gap or spike between two logged instants left nothing in the data: only those the grid sees are truth
      ...logged.gaps.map((w) => w.event).filter((e) => this.alignUp(e.start) < e.end),
      ...this.sensors.spikeEvents(this.pointIds, this.options.epochMs, interval, spanStart, spanEnd),
    ].filter((e) => e.end > spanStart && e.start < spanEnd);
    const batch: SampleBatch = { points: this.model.points, timestamps, values, status };
    return { index: chunk, batch, events, complete: from === 0 && to === B };
  }

  /** A whole chunk as logged (cached: the live service asks for the same chunk at every tick). */
  private log(chunk: number): Logged {
    const cached = this.logged.find((m) => m.chunk === chunk);
    if (cached) return cached;
    const c0 = this.chunkStart(chunk);
    const chunkEnd = c0 + this.stepsPerChunk * this.options.intervalMs;
    const stale = this.quality.staleBetween(c0, chunkEnd);
    const measured = this.measure(chunk, stale);
    const values = measured.values;
    const status = measured.status;
    this.applyStale(stale, c0, measured);
    // kept once this chunk's own stale blocks have read the instants they need, which they would push out
    for (const source of measured.staleSources) this.keepInstant(source);
    const gaps = this.quality.gapsBetween(c0, chunkEnd);
    for (const w of gaps) this.mark(w, c0, status, Status.Missing);
    this.applyCov(c0, values, status);
    const result: Logged = { chunk, values, status, stale, gaps };
    const dropped = this.logged[1];
    if (dropped) this.spare = dropped;
    this.logged = [result, this.logged[0]].filter((m) => m !== undefined);
    return result;
  }

  /** Full-chunk readings (noise, drift, faults) before stale blocks. */
  private measure(chunk: number, stale: readonly QualityWindow[]): MeasuredChunk {
    const B = this.stepsPerChunk;
    const P = this.model.points.length;
    const c0 = this.chunkStart(chunk);
    const interval = this.options.intervalMs;
    const ts = new Float64Array(B);
    for (let k = 0; k < B; k++) ts[k] = c0 + k * interval;
    const faults = this.quality.faultsBetween(c0 - RECOVERY_MS, c0 + B * interval);
    const truth = this.scratch;
    // rows of the others are not read (their power rows, which a meter sums, are rewritten at every step)
    if (!this.wanted) truth.fill(0);
    else for (let r = 0; r < P; r++) if (this.wanted[r]) truth.fill(0, r * B, (r + 1) * B);
    this.physics.run(ts, this.faultWindows(faults, ts), truth, fillTracks(this.overridesByRow, ts));
    this.registers.fill(truth, ts);
    const values = this.spare?.values ?? new Float64Array(P * B);
    const status = this.spare?.status.fill(0) ?? new Uint8Array(P * B);
    this.spare = undefined;
    for (let r = 0; r < P; r++) if (!this.wanted || this.wanted[r]) this.sensors.measure(r, truth, ts, 0, B, values, r * B);
    const staleSources = this.staleSources(stale, c0, values);
    this.applySensorFaults(faults, c0, values);
    for (const w of faults) if (w.status === 'fault') this.mark(w, c0, status, Status.Fault);
    return { chunk, values, status, staleSources };
  }

  /** The readings at one instant, exactly as a chunk holding that instant measures them (pointwise physics). */
  private readingsAt(t: number): Readings {
    return (
      this.instants.find((i) => i.t === t) ??
      this.keepInstant(new InstantReadings(t, this.truthAt(Float64Array.of(t)), this.sensors, this.registers, this.isRegister))
    );
  }

  private keepInstant(instant: Readings): Readings {
    if (this.instants.length >= INSTANTS_KEPT) this.instants.shift();
    this.instants.push(instant);
    return instant;
  }

  /**
   * The chunk's readings (`values`, before sensor faults) at the instants where the stale blocks running on
   * past its end froze: the next chunk's applyStale asks for them, and would step the whole physics there again.
   */
  private staleSources(stale: readonly QualityWindow[], c0: number, values: Float64Array): Readings[] {
    const B = this.stepsPerChunk;
    const interval = this.options.intervalMs;
    const sources: Readings[] = [];
    for (const w of stale) {
      if (w.event.end <= c0 + B * interval) continue;
      const k = Math.ceil((w.event.start - c0) / interval) - 1;
      const t = c0 + k * interval;
      if (k >= 0 && !sources.some((s) => s.t === t)) sources.push(new ChunkColumn(t, values, k, B));
    }
    return sources;
  }

  /** True values at any instants (physics is pointwise, so each equals that instant inside any frame). */
  private truthAt(ts: Float64Array, sampling?: RegisterSampling): Float64Array {
    const truth = new Float64Array(this.model.points.length * ts.length);
    const windows = this.quality.faultsBetween(ts[0]! - RECOVERY_MS, ts[ts.length - 1]! + 1);
    this.physics.run(ts, this.faultWindows(windows, ts), truth, fillTracks(this.overridesByRow, ts), sampling);
    return truth;
  }

  private faultWindows(faults: readonly QualityWindow[], ts: Float64Array): FaultWindows {
    return fillFaultWindows(faults, ts, this.windowColumnsFor(ts.length));
  }

  /**
   * Fault-window columns for a frame of T timestamps (8 per equipment): a chunk's are allocated once and
   * reused, other lengths (single instants, register samples) get their own.
   */
  private windowColumnsFor(T: number): FaultWindows {
    let columns = T === this.stepsPerChunk ? this.chunkWindows : undefined;
    if (!columns) {
      columns = newFaultWindows(this.topology.equips.length * T);
      if (T === this.stepsPerChunk) this.chunkWindows = columns;
    }
    return columns;
  }

  /**
   * What a faulty sensor reports over the chunk (from c0): a bias adds its offset, a flat-lined input
   * holds the reading of the instant it froze (measured there directly: every reading is a pure function
   * of its instant), a failed one reads the bottom of its range.
   */
  private applySensorFaults(faults: readonly QualityWindow[], c0: number, values: Float64Array): void {
    const B = this.stepsPerChunk;
    for (const w of faults) {
      if (w.point === undefined) continue;
      const r = this.pointRow.get(w.point);
      const [lo, hi] = this.gridSpan(w, c0);
      if (r === undefined || lo >= hi || (this.wanted && !this.wanted[r])) continue;
      const row = values.subarray(r * B + lo, r * B + hi);
      if (w.code === FaultCode.SensorBias)
        for (let i = 0; i < row.length; i++) row[i] = Math.round((row[i]! + w.value!) * this.covScale[r]!) / this.covScale[r]!;
      else if (w.code === FaultCode.FailedSensor) row.fill(w.value!);
      else if (w.code === FaultCode.FlatLinedSensor) row.fill(this.readingsAt(w.event.start).at(r));
    }
  }

  /** Sets `code` on the grid instants of a whole chunk (from c0) inside the window, on the points of its equipment. */
  private mark(w: QualityWindow, c0: number, status: Uint8Array, code: Status): void {
    const B = this.stepsPerChunk;
    const [lo, hi] = this.gridSpan(w, c0);
    if (lo >= hi) return;
    if (w.point !== undefined) {
      const r = this.pointRow.get(w.point);
      if (r !== undefined) status.fill(code, r * B + lo, r * B + hi);
      return;
    }
    for (const e of new Set(w.equips)) for (const r of this.rowsOfEquip[e]!) status.fill(code, r * B + lo, r * B + hi);
  }

  /** The chunk's grid indexes [lo, hi) inside a window. */
  private gridSpan(w: QualityWindow, c0: number): [number, number] {
    const interval = this.options.intervalMs;
    const lo = Math.max(0, Math.ceil((w.event.start - c0) / interval));
    const hi = Math.min(this.stepsPerChunk, Math.ceil((w.event.end - c0) / interval));
    return [lo, hi];
  }

  /**
   * Stale blocks repeat the last reading before the block; where a fault
   * overlaps, the status says fault but the value stays frozen, so a register
   * never steps back when the block ends. A block may have started days before
   * the chunk: the reading before it is measured at that instant directly
   * (every reading is a pure function of its instant), not looked up in an
   * earlier chunk.
   */
  private applyStale(stale: readonly QualityWindow[], c0: number, measured: Measured): void {
    const B = this.stepsPerChunk;
    const interval = this.options.intervalMs;
    const { values, status } = measured;
    for (const w of stale) {
      const [lo, hi] = this.gridSpan(w, c0);
      if (lo >= hi) continue;
      const first = Math.ceil((w.event.start - c0) / interval);
      const t = c0 + (first - 1) * interval;
      const source = first < 1 && t >= this.options.epochMs ? this.readingsAt(t) : undefined;
      for (const e of new Set(w.equips)) {
        for (const r of this.rowsOfEquip[e]!) {
          if (this.wanted && !this.wanted[r]) continue;
          const v = first >= 1 ? values[r * B + first - 1]! : source ? source.at(r) : Number.NaN;
          for (let i = r * B + lo; i < r * B + hi; i++) {
            values[i] = v;
            if (status[i] !== Status.Fault) status[i] = Status.Stale;
          }
        }
      }
    }
  }

  /**
   * Change-of-value logging on a whole chunk: a row is kept when the value or
   * the status changed since the last row kept, at the first instant of every
   * heartbeat period (counted from the epoch) and at the chunk's start, so a
   * chunk never depends on the one before it; the first row after a gap is
   * always logged (the collector subscribes again). Dropped rows become Missing.
   */
  private applyCov(c0: number, values: Float64Array, status: Uint8Array): void {
    const B = this.stepsPerChunk;
    const interval = this.options.intervalMs;
    const heartbeat = this.topology.site.quality.cov.heartbeatMinutes * 60_000;
    const epoch = this.options.epochMs;
    for (let r = 0; r < this.covMode.length; r++) {
      const mode = this.covMode[r]!;
      if (mode === 0 || (this.wanted && !this.wanted[r])) continue;
      const half = 0.5 / this.covScale[r]!;
      let lastV = Number.NaN;
      let lastS = -1;
      for (let k = 0; k < B; k++) {
        const i = r * B + k;
        const st = status[i]!;
        if (st === Status.Missing) {
          lastS = -1;
          continue;
        }
        const t = c0 + k * interval;
        const beat = k === 0 || Math.floor((t - epoch) / heartbeat) !== Math.floor((t - interval - epoch) / heartbeat);
        const v = values[i]!;
        const changed = mode === 1 ? v !== lastV : !(Math.abs(v - lastV) < half);
        if (beat || changed || st !== lastS) {
          lastV = v;
          lastS = st;
        } else status[i] = Status.Missing;
      }
    }
  }
}
