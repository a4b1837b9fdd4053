import type { Topology } from '../../model/topology.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../fault-windows.js';
import type { PointRows } from '../point-rows.js';
import { qualityEvents } from '../quality-events.js';
import { lagSegment } from '../relations/first-order-lag.js';
import { BuildingPhysics, type FaultWindows } from './building-physics.js';
import { type CampusContext, campusContext } from './campus-context.js';
import type { PhysicsKind } from './physics-stage.js';
import { bisectSwitches, type Probe, type SwitchSearch } from './switch-minutes.js';

const MINUTE = 60_000;
/** the replay's grid (the registers' too): a thermal lag's input is sampled every 15 minutes, linear between samples */
export const HISTORY_STEP_MIN = 15;
const STEP = HISTORY_STEP_MIN * MINUTE;
/** lookback of a lag, grid steps: 16 h, over five of the slowest time constant here (a transformer's oil, 3 h) */
const LOOKBACK = 64;
/** grid instants memoized before a cache starts over (a day and a half of lookbacks) */
const MEMO = 320;
/**
 * grid instants replayed ahead of a missing one (8 h): time is asked forward, and one replay of many instants
 * costs far less than as many replays of one (a 15-min register day asks its 96 one by one)
 */
const AHEAD = 32;

interface Channel {
  /** truth row the replay's stage writes the lag's steady input into */
  readonly row: number;
  /** truth row of the run status that picks the time constant (−1: always the running one) */
  readonly runRow: number;
  readonly tauRunMin: number;
  readonly tauStopMin: number;
  /** the replay that finds its starts and stops (one per equipment type: probes step the stages up to its own) */
  readonly group: number;
  /** e^(−h/τ) and (1 − e^(−h/τ))/(h/τ) over one grid step h, running and stopped (the fold's hot loop) */
  readonly run: readonly [number, number];
  readonly stop: readonly [number, number];
}

const stepWeights = (tauMin: number): [number, number] => {
  const x = HISTORY_STEP_MIN / tauMin;
  return [Math.exp(-x), (1 - Math.exp(-x)) / x];
};

/** A start or stop inside a grid step: the instant, and the steady input at the last minute before it. */
interface Switch {
  readonly at: number;
  readonly before: number;
}

/**
 * Thermal lags over the campus's own past. A temperature that follows its load with a time constant of minutes to
 * hours (a transformer's oil, a motor's winding, a stopped machine cooling) is a first-order lag of a steady value
 * that is itself a pure function of time: the campus physics replayed at past instants of a fixed 15-minute grid
 * (with the engine's fault windows, its QualityEvents shared, without overrides: what the plant did) gives that
 * steady value there, and the lag is folded exactly over the 16 h before. A machine that started or stopped
 * between two grid points did so at a minute the replay finds by bisection (run status is a pure function of
 * time too), and its lag switches time constant there. The state at a grid instant is memoized (a pure function of
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
  /** the equipment types of the channels' owners, a channel's group indexing them */
  private readonly groups: string[] = [];
  /** by group: the stages up to its type's, its owners' columns written (the starts' and stops' probes) */
  private readonly probes: BuildingPhysics[] = [];
  private readonly inputs = new Map<number, Float64Array>();
  private readonly states = new Map<number, Float64Array>();
  /** by grid step j: the starts and stops of the channels whose run status differs at grid instants j − 1 and j */
  private readonly switches = new Map<number, Map<number, Switch>>();
  private truth = new Float64Array(0);
  /** fault-window columns by the number of instants replayed (a probe's few, the grid's one, a first fold's many) */
  private readonly faults = new Map<number, FaultWindows>();
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
    if (this.physics || this.probes.length > 0) throw new Error('campus history: channels are added while the stages are built');
    if (this.wanted && !this.wanted.has(owner)) return -1;
    this.owners.add(owner);
    const type = this.topology.equips.find((e) => e.id === owner)!.type;
    const group = this.groups.includes(type) ? this.groups.indexOf(type) : this.groups.push(type) - 1;
    const weights = { run: stepWeights(tauRunMin), stop: stepWeights(tauStopMin) };
    this.channels.push({ row, runRow, tauRunMin, tauStopMin, group, ...weights });
    return this.channels.length - 1;
  }

  /**
   * The lagged value of `channel` at `t`, whose steady input there is `now` with the machine `running`. Between
   * two samples the input is taken as linear, or, where the machine started or stopped since the last one, as
   * that sample's held until the start or stop and `now` after it, each with its own time constant.
   */
  at(channel: number, t: number, now: number, running: boolean): number {
    const g = Math.floor(t / STEP);
    const c = this.channels[channel]!;
    const y0 = this.stateAt(g)[channel]!;
    const sample = this.inputsAt(g, g);
    const from = sample[2 * channel]!;
    const tau = running ? c.tauRunMin : c.tauStopMin;
    const was = sample[2 * channel + 1]! > 0;
    if (was === running) return lagSegment(y0, from, now, (t - g * STEP) / MINUTE, tau);
    const s = this.switchBefore(g, channel, running, t, from);
    const before = lagSegment(y0, from, s.before, (s.at - g * STEP) / MINUTE, was ? c.tauRunMin : c.tauStopMin);
    return lagSegment(before, now, now, (t - s.at) / MINUTE, tau);
  }

  /**
   * The start or stop by which `channel`, in its old state at grid instant g (steady input `from`), reads `on` at
   * `t` inside the step after it: the step's own when the machine keeps its new state to the step's end and its
   * switch is not after `t` (what the fold at the next grid instant takes), else one looked for before `t` (a
   * machine that switched back within the step).
   */
  private switchBefore(g: number, channel: number, on: boolean, t: number, from: number): Switch {
    if (this.inputsAt(g, g + 1)[2 * channel + 1]! > 0 === on) {
      const s = this.switchesIn([g + 1])
        .get(g + 1)!
        .get(channel)!;
      if (s.at <= t) return s;
    }
    const search: SwitchSearch = { channel, start: g * STEP, on, lo: g * STEP, hi: t, loInput: from };
    this.bisect([search]);
    return { at: search.hi, before: search.loInput };
  }

  /** Every channel's lagged state at grid instant g, folded from its input LOOKBACK steps before. */
  private stateAt(g: number): Float64Array {
    let y = this.states.get(g);
    if (y) return y;
    const first = g - LOOKBACK;
    this.inputsAt(first, g);
    y = new Float64Array(this.channels.length);
    const steps = Array.from({ length: LOOKBACK + 1 }, (_, j) => this.inputs.get(first + j)!);
    const C = this.channels.length;
    const switches = this.switchesIn(Array.from({ length: LOOKBACK }, (_, j) => first + j + 1));
    for (let i = 0; i < C; i++) {
      const c = this.channels[i]!;
      let v = steps[0]![2 * i]!;
      for (let j = 0; j < LOOKBACK; j++) {
        const a = steps[j]![2 * i]!;
        const b = steps[j + 1]![2 * i]!;
        const wasOn = steps[j]![2 * i + 1]! > 0;
        const isOn = steps[j + 1]![2 * i + 1]! > 0;
        if (wasOn === isOn) {
          // at() over one grid step, its exponentials looked up
          const [e, f] = isOn ? c.run : c.stop;
          v = e * v + a * (1 - e) + (b - a) * (1 - f);
        } else {
          // the input toward the last minute's before the switch, as the engine's minutes lagged, then held
          const t0 = (first + j) * STEP;
          const s = switches.get(first + j + 1)!.get(i)!;
          v = lagSegment(v, a, s.before, (s.at - t0) / MINUTE, wasOn ? c.tauRunMin : c.tauStopMin);
          v = lagSegment(v, b, b, (t0 + STEP - s.at) / MINUTE, isOn ? c.tauRunMin : c.tauStopMin);
        }
      }
      y[i] = v;
    }
    if (this.states.size >= MEMO) this.states.clear();
    this.states.set(g, y);
    return y;
  }

  /**
   * The starts and stops in grid steps `steps` (memoized): those not yet known, found together by bisection. The
   * inputs of each step's grid instants are replayed already.
   */
  private switchesIn(steps: readonly number[]): Map<number, Map<number, Switch>> {
    const searches: SwitchSearch[] = [];
    const missing = steps.filter((j) => !this.switches.has(j));
    // the steps ahead whose inputs are replayed already, found in the same rounds
    const last = steps[steps.length - 1]!;
    if (missing.length > 0)
      for (let j = last + 1; j <= last + AHEAD && this.inputs.has(j) && this.inputs.has(j - 1); j++)
        if (!this.switches.has(j)) missing.push(j);
    for (const j of missing) {
      const a = this.inputs.get(j - 1)!;
      const b = this.inputs.get(j)!;
      const start = (j - 1) * STEP;
      for (let i = 0; i < this.channels.length; i++) {
        const on = b[2 * i + 1]! > 0;
        if (a[2 * i + 1]! > 0 === on) continue;
        searches.push({ channel: i, start, on, lo: start, hi: start + STEP, loInput: a[2 * i]! });
      }
    }
    this.bisect(searches);
    if (this.switches.size + missing.length > MEMO) evict(this.switches, steps[0]!, last + AHEAD);
    for (const j of missing) this.switches.set(j, new Map());
    for (const s of searches) this.switches.get(s.start / STEP + 1)!.set(s.channel, { at: s.hi, before: s.loInput });
    return this.switches;
  }

  /** Bisects `searches` to their minutes, each channel probed in its group's replay. */
  private bisect(searches: readonly SwitchSearch[]): void {
    bisectSwitches(
      searches,
      (channel) => this.channels[channel]!.group,
      (group, ts): Probe => {
        const physics = (this.probes[group] ??= this.replayPhysics(this.ownersOf(group)));
        const truth = this.replay(physics, ts);
        const T = ts.length;
        return {
          on: (channel, k) => truth[this.channels[channel]!.runRow * T + k]! > 0,
          input: (channel, k) => truth[this.channels[channel]!.row * T + k]!,
        };
      },
    );
  }

  private ownersOf(group: number): Set<string> {
    const type = this.groups[group];
    return new Set(this.topology.equips.filter((e) => e.type === type && this.owners.has(e.id)).map((e) => e.id));
  }

  /** The replayed inputs of grid instants [from, to] (memoized), the missing ones in one replay; returns `to`'s. */
  private inputsAt(from: number, to: number): Float64Array {
    const missing: number[] = [];
    for (let j = from; j <= to; j++) if (!this.inputs.has(j)) missing.push(j);
    if (missing.length > 0) {
      for (let j = to + 1; j <= to + AHEAD; j++) if (!this.inputs.has(j)) missing.push(j);
      if (this.inputs.size + missing.length > MEMO) evict(this.inputs, from, to + AHEAD);
      this.replayInputs(missing);
    }
    return this.inputs.get(to)!;
  }

  /** The steady inputs and run statuses of the channels at grid instants `grid`, from one replay. */
  private replayInputs(grid: readonly number[]): void {
    const T = grid.length;
    this.physics ??= this.replayPhysics(this.owners);
    const truth = this.replay(
      this.physics,
      Float64Array.from(grid, (j) => j * STEP),
    );
    for (let k = 0; k < T; k++) {
      const v = new Float64Array(2 * this.channels.length);
      this.channels.forEach((c, i) => {
        v[2 * i] = truth[c.row * T + k]!;
        v[2 * i + 1] = c.runRow < 0 ? 1 : truth[c.runRow * T + k]!;
      });
      this.inputs.set(grid[k]!, v);
    }
  }

  /** The campus's true values at instants `ts` (point-major), replayed by `physics`; valid until the next replay. */
  private replay(physics: BuildingPhysics, ts: Float64Array): Float64Array {
    const T = ts.length;
    if (this.truth.length < this.points * T) this.truth = new Float64Array(this.points * T);
    const truth = this.truth.subarray(0, this.points * T);
    truth.fill(0);
    physics.run(ts, this.faultsAt(ts), truth);
    return truth;
  }

  /**
   * The campus's stages again, `owners`' columns written, over a copy of the topology: their own context, so the
   * engine's is left as it is.
   */
  private replayPhysics(owners: ReadonlySet<string>): BuildingPhysics {
    const copy: Topology<PhysicsKind> = { ...(this.topology as Topology<PhysicsKind>) };
    campusContext(copy, this.seed).replay = true;
    return new BuildingPhysics(copy, this.rows, this.seed, this.epochMs, owners);
  }

  /** The fault windows at the replayed instants: the engine's own draws (same topology and seed). */
  private faultsAt(ts: Float64Array): FaultWindows {
    let faults = this.faults.get(ts.length);
    if (!faults) {
      if (this.faults.size >= 16) this.faults.clear();
      this.faults.set(ts.length, (faults = newFaultWindows(this.topology.equips.length * ts.length)));
    }
    const events = qualityEvents(this.topology, this.seed);
    return fillFaultWindows(events.faultsBetween(ts[0]! - RECOVERY_MS, ts[ts.length - 1]! + 1), ts, faults);
  }
}

/** Forgets the grid steps of `memo` but [from − LOOKBACK, to]: what a fold up to any of from..to reads. */
function evict(memo: Map<number, unknown>, from: number, to: number): void {
  for (const j of [...memo.keys()]) if (j < from - LOOKBACK || j > to) memo.delete(j);
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
