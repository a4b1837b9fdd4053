import type { Topology } from '../../model/topology.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../fault-windows.js';
import type { PointRows } from '../point-rows.js';
import { qualityEvents } from '../quality-events.js';
import { lagSegment } from '../relations/first-order-lag.js';
import { BuildingPhysics, type FaultWindows } from './building-physics.js';
import { type CampusContext, campusContext } from './campus-context.js';
import type { PhysicsKind } from './physics-stage.js';

const MINUTE = 60_000;
/** the replay's grid (the registers' too): a thermal lag's input is sampled every 15 minutes, linear between samples */
export const HISTORY_STEP_MIN = 15;
const STEP = HISTORY_STEP_MIN * MINUTE;
/** lookback of a lag, grid steps: 16 h, over five of the slowest time constant here (a transformer's oil, 3 h) */
const LOOKBACK = 64;
/** grid instants memoized before a cache starts over (a day and a half of lookbacks) */
const MEMO = 320;

interface Channel {
  /** truth row the replay's stage writes the lag's steady input into */
  readonly row: number;
  /** truth row of the run status that picks the time constant (−1: always the running one) */
  readonly runRow: number;
  readonly tauRunMin: number;
  readonly tauStopMin: number;
  /** e^(−h/τ), (1 − e^(−h/τ))/(h/τ) and e^(−h/2τ) over one grid step h, running and stopped (the fold's hot loop) */
  readonly run: readonly [number, number, number];
  readonly stop: readonly [number, number, number];
}

const stepWeights = (tauMin: number): [number, number, number] => {
  const x = HISTORY_STEP_MIN / tauMin;
  return [Math.exp(-x), (1 - Math.exp(-x)) / x, Math.exp(-x / 2)];
};

/**
 * Thermal lags over the campus's own past. A temperature that follows its load with a time constant of minutes to
 * hours (a transformer's oil, a motor's winding, a stopped machine cooling) is a first-order lag of a steady value
 * that is itself a pure function of time: the campus physics replayed at past instants of a fixed 15-minute grid
 * (with the engine's fault windows, its QualityEvents shared, without overrides: what the plant did) gives that steady value there,
 * and the lag is folded exactly over the 16 h before. The state at a grid instant is memoized (a pure function of
 * the instant), and an instant between grid points lags on from the one before with its own present input, so
 * any instant reads the same whatever frame it is in: chunk-independent, live ≡ backfill.
 *
 * Stages register channels when they are built; the replay runs its own copy of the stages (its own campus
 * context, marked `replay`), in which they write the steady inputs and ask for no history.
 */
export class CampusHistory {
  private readonly channels: Channel[] = [];
  private readonly owners = new Set<string>();
  private physics: BuildingPhysics | undefined;
  private readonly inputs = new Map<number, Float64Array>();
  private readonly states = new Map<number, Float64Array>();
  private truth = new Float64Array(0);
  private faults: FaultWindows | undefined;
  private readonly points: number;

  constructor(
    private readonly topology: Topology,
    private readonly rows: PointRows,
    private readonly seed: number,
    private readonly epochMs: number | undefined,
    /** the equipment whose columns are wanted (a shard's): only their lags are ever read */
    private readonly wanted: ReadonlySet<string> | undefined,
  ) {
    this.points = topology.equips.reduce((n, e) => n + e.points.length, 0);
  }

  /**
   * A lag on the steady value the replay writes in `row` of equipment `owner`; its time constant by `runRow`'s state.
   * −1 (no channel, nothing replayed for it) when the owner's columns are not wanted.
   */
  add(owner: string, row: number, tauRunMin: number, tauStopMin = tauRunMin, runRow = -1): number {
    if (this.physics) throw new Error('campus history: channels are added while the stages are built');
    if (this.wanted && !this.wanted.has(owner)) return -1;
    this.owners.add(owner);
    this.channels.push({ row, runRow, tauRunMin, tauStopMin, run: stepWeights(tauRunMin), stop: stepWeights(tauStopMin) });
    return this.channels.length - 1;
  }

  /**
   * The lagged value of `channel` at `t`, whose steady input there is `now` with the machine `running`. Between
   * two samples the input is taken as linear, or, where the machine started or stopped between them, as each
   * sample's held to the midpoint (a stop does not cool what ran a minute before as if it had stopped ten ago).
   */
  at(channel: number, t: number, now: number, running: boolean): number {
    const g = Math.floor(t / STEP);
    const c = this.channels[channel]!;
    const y0 = this.stateAt(g)[channel]!;
    const sample = this.inputsAt(g, g);
    const from = sample[2 * channel]!;
    const h = (t - g * STEP) / MINUTE;
    const tau = running ? c.tauRunMin : c.tauStopMin;
    const was = sample[2 * channel + 1]! > 0;
    if (was === running) return lagSegment(y0, from, now, h, tau);
    const mid = lagSegment(y0, from, from, h / 2, was ? c.tauRunMin : c.tauStopMin);
    return lagSegment(mid, now, now, h / 2, tau);
  }

  /** Every channel's lagged state at grid instant g, folded from its input LOOKBACK steps before. */
  private stateAt(g: number): Float64Array {
    let y = this.states.get(g);
    if (y) return y;
    const first = g - LOOKBACK;
    this.inputsAt(first, g);
    y = new Float64Array(this.channels.length);
    const steps = Array.from({ length: LOOKBACK + 1 }, (_, j) => this.inputs.get(first + j)!);
    for (let i = 0; i < this.channels.length; i++) {
      const c = this.channels[i]!;
      let v = steps[0]![2 * i]!;
      for (let j = 0; j < LOOKBACK; j++) {
        const a = steps[j]![2 * i]!;
        const b = steps[j + 1]!;
        const wasOn = steps[j]![2 * i + 1]! > 0;
        const isOn = b[2 * i + 1]! > 0;
        const [e, f, half] = isOn ? c.run : c.stop;
        // at() over one grid step, its exponentials looked up
        if (wasOn === isOn) v = e * v + a * (1 - e) + (b[2 * i]! - a) * (1 - f);
        else {
          const before = (wasOn ? c.run : c.stop)[2];
          v = half * (before * v + a * (1 - before)) + b[2 * i]! * (1 - half);
        }
      }
      y[i] = v;
    }
    if (this.states.size >= MEMO) this.states.clear();
    this.states.set(g, y);
    return y;
  }

  /** The replayed inputs of grid instants [from, to] (memoized), the missing ones in one replay; returns `to`'s. */
  private inputsAt(from: number, to: number): Float64Array {
    const missing: number[] = [];
    for (let j = from; j <= to; j++) if (!this.inputs.has(j)) missing.push(j);
    if (missing.length > 0) {
      if (this.inputs.size + missing.length > MEMO) {
        for (const j of [...this.inputs.keys()]) if (j < from || j > to) this.inputs.delete(j);
      }
      this.replay(missing);
    }
    return this.inputs.get(to)!;
  }

  private replay(grid: readonly number[]): void {
    const T = grid.length;
    const ts = Float64Array.from(grid, (j) => j * STEP);
    const physics = (this.physics ??= this.replayPhysics());
    if (this.truth.length < this.points * T) this.truth = new Float64Array(this.points * T);
    const truth = this.truth.subarray(0, this.points * T);
    truth.fill(0);
    physics.run(ts, this.faultsAt(ts), truth);
    for (let k = 0; k < T; k++) {
      const v = new Float64Array(2 * this.channels.length);
      this.channels.forEach((c, i) => {
        v[2 * i] = truth[c.row * T + k]!;
        v[2 * i + 1] = c.runRow < 0 ? 1 : truth[c.runRow * T + k]!;
      });
      this.inputs.set(grid[k]!, v);
    }
  }

  /** The campus's stages again, over a copy of the topology: their own context, so the engine's is left as it is. */
  private replayPhysics(): BuildingPhysics {
    const copy: Topology<PhysicsKind> = { ...(this.topology as Topology<PhysicsKind>) };
    campusContext(copy, this.seed).replay = true;
    return new BuildingPhysics(copy, this.rows, this.seed, this.epochMs, this.owners);
  }

  /** The fault windows at the replayed instants: the engine's own draws (same topology and seed). */
  private faultsAt(ts: Float64Array): FaultWindows {
    const n = this.topology.equips.length * ts.length;
    if (!this.faults || this.faults.faulted.length !== n) {
      this.faults = newFaultWindows(n);
    }
    const events = qualityEvents(this.topology, this.seed);
    return fillFaultWindows(events.faultsBetween(ts[0]! - RECOVERY_MS, ts[ts.length - 1]! + 1), ts, this.faults);
  }
}

const histories = new WeakMap<PointRows, CampusHistory>();

/** The history of the physics whose stages share `ctx.rows` (undefined in a replay: its stages write the steady inputs). */
export function campusHistory(
  campus: CampusContext,
  ctx: {
    readonly topology: Topology;
    readonly rows: PointRows;
    readonly seed: number;
    readonly epochMs?: number;
    readonly wanted?: ReadonlySet<string>;
  },
): CampusHistory | undefined {
  if (campus.replay) return undefined;
  let h = histories.get(ctx.rows);
  if (!h) histories.set(ctx.rows, (h = new CampusHistory(ctx.topology, ctx.rows, ctx.seed, ctx.epochMs, ctx.wanted)));
  return h;
}
