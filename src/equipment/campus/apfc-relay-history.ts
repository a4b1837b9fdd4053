import type { Topology } from '../../model/topology.js';
import { fillFaultWindows, newFaultWindows, RECOVERY_MS } from '../../sim/fault-windows.js';
import { BuildingPhysics } from '../../sim/physics/building-physics.js';
import { campusContext } from '../../sim/physics/campus-context.js';
import { HISTORY_STEP_MIN } from '../../sim/physics/campus-history.js';
import type { PhysicsKind, PhysicsContext } from '../../sim/physics/physics-stage.js';
import type { PointRows } from '../../sim/point-rows.js';
import { qualityEvents } from '../../sim/quality-events.js';
import { uniform } from '../../random/rng.js';
import { apfcRelay, inRelayBand, RELAY_MASK_BITS, rotateEqualSteps } from '../../sim/relations/elec-power-quality.js';

const MINUTE = 60_000;
/** the reference grid, minutes: the campus history's, so a register's samples land on it */
const GRID = HISTORY_STEP_MIN;
/** reference grid steps in a block (8 h), and blocks before it its run starts (48 h) */
const BLOCK = 32;
const LOOKBACK_BLOCKS = 6;
/** minutes of bus demand kept (three days either side of the last asked: two blocks' lookbacks), and reference blocks */
const DEMAND_KEPT = 3 * 1440;
const REFERENCES_KEPT = 12;
/**
 * A minute run that parted from the next grid instant's reference (a short excursion the 15-minute grid did not
 * see) goes over to it, where it suits the bus, from a minute drawn per relay and quarter and at least this many
 * minutes after its own last switching, rather than on the quarter hour.
 */
const MEET_SETTLE_MIN = 2;
const MEET_KEY = 0x3e70;
const HANDOVER_KEY = 0x3e90;

/** A block's references as folded so far, per relay: the run carried on from the block before and its own. */
interface BlockFold {
  /** relay × grid instant of the block, −1 where not yet folded */
  readonly refs: Int32Array;
  readonly carried: Int32Array;
  readonly own: Int32Array;
  /** the last grid instant folded, NaN before any */
  readonly upto: Float64Array;
  /** 1 once the block's references follow its own run */
  readonly handed: Uint8Array;
}

/**
 * The APFC relays' switching state as a pure function of time. A relay's steps at t depend on the bus's past,
 * so, as the campus history does for thermal lags, the state is folded over a fixed grid: at every 15-minute
 * instant g the reference state is the relay run over that grid from a settled start 48 to 64 h before (memoized,
 * see reference()); between two grid instants the relay runs minute by minute from the reference, with the
 * discharge lock-out of a step it just took out, and goes over to the next instant's reference where that holds the
 * bus: when it switches, or at a minute of its own once it has parted from it (so the run meets the reference again
 * instead of switching on the quarter hour). A state is the steps in and
 * the order its equal steps rotate in (rotateEqualSteps), so which of two equal steps a relay takes is as much a
 * function of time as how many. The bus demand (kW, kVAr before the capacitors) at the minutes it needs is what the
 * frames record as they step, or else a replay of the campus up to the APFC stage at those minutes: the same
 * numbers (the demand does not depend on the relays), so the state at a minute is the same whatever frame,
 * chunk, shard or instant asks for it.
 */
export class ApfcRelayHistory {
  /** true while its own replay steps: the APFC stage then only records the demand */
  replaying = false;
  private readonly index: ReadonlyMap<string, number>;
  private readonly n: number;
  /** minute → kW, kVAr and tripped (1) per relay, NaN where not yet recorded */
  private readonly demand = new Map<number, Float64Array>();
  /** 8-h block → reference relay states (relay × grid instant of the block; rotateEqualSteps), −1 where not yet folded */
  private readonly references = new Map<number, BlockFold>();
  /** each relay's last minute-state asked (a frame asks minute after minute): relay state, steps taken out then */
  private readonly last: { minute: number; state: number; off: number; switched: number }[];
  private physics: BuildingPhysics | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly rows: PointRows,
    private readonly seed: number,
    private readonly epochMs: number | undefined,
    apfcIds: readonly string[],
    private readonly banks: readonly (readonly number[])[],
  ) {
    this.index = new Map(apfcIds.map((id, i) => [id, i]));
    this.n = apfcIds.length;
    this.last = apfcIds.map(() => ({ minute: Number.NaN, state: 0, off: 0, switched: Number.NEGATIVE_INFINITY }));
  }

  /** Position of relay `id` in the history's arrays. */
  relayOf(id: string): number {
    return this.index.get(id)!;
  }

  /** The bus demand of relay i at time t (a frame's or a replay's), kept if t is on the minute. */
  record(t: number, i: number, kw: number, kvar: number, tripped: boolean): void {
    if (t % MINUTE !== 0) return;
    const row = this.row(t / MINUTE);
    row[3 * i] = kw;
    row[3 * i + 1] = kvar;
    row[3 * i + 2] = tripped ? 1 : 0;
  }

  /** Relay i's step mask at t: its reference on a grid instant, else run on minute by minute from it. */
  maskAt(i: number, t: number): number {
    const minute = Math.floor(t / MINUTE);
    const g = Math.floor(minute / GRID);
    if (minute === g * GRID) return this.reference(i, g) & RELAY_MASK_BITS;
    const last = this.last[i]!;
    if (last.minute === minute) return last.state & RELAY_MASK_BITS;
    const start = this.reference(i, g);
    let from = last.minute;
    if (!(from < minute && from >= g * GRID)) {
      from = g * GRID;
      last.state = start;
      last.off = 0;
      last.switched = Number.NEGATIVE_INFINITY;
    }
    this.ensure(
      Array.from({ length: minute - from }, (_, j) => from + 1 + j),
      i,
    );
    const steps = this.banks[i]!;
    const startMask = start & RELAY_MASK_BITS;
    const next = this.reference(i, g + 1);
    const nextMask = next & RELAY_MASK_BITS;
    // the next reference differs from this one's though this one still holds the bus then: the grid's runs parted
    const atNext = this.demand.get((g + 1) * GRID)!;
    const gridParted = inRelayBand(startMask, atNext[3 * i]!, atNext[3 * i + 1]!, steps);
    const meetFrom = g * GRID + 1 + Math.floor(uniform(this.seed, MEET_KEY + i, g) * (GRID - 2));
    for (let m = from + 1; m <= minute; m++) {
      const d = this.demand.get(m)!;
      const [kw, kvar] = [d[3 * i]!, d[3 * i + 1]!];
      const blocked = d[3 * i + 2] ? (1 << steps.length) - 1 : last.off;
      const held = last.state & RELAY_MASK_BITS;
      const mask = apfcRelay(held, kw, kvar, steps, blocked);
      const nextSuits = nextMask !== held && (nextMask & blocked) === 0 && inRelayBand(nextMask, kw, kvar, steps);
      let state = last.state;
      // a switching between grid instants lands where the next one's reference will be, if that suits the bus now
      if (mask !== held) state = nextSuits ? next : rotateEqualSteps(state, mask, steps);
      // a run that left its quarter's reference, or whose next reference parted from it while it held the bus, meets
      // the next one at a minute of its own, not on the quarter hour
      else if (nextSuits && (held !== startMask || gridParted) && m >= meetFrom && m - last.switched >= MEET_SETTLE_MIN) state = next;
      if ((state & RELAY_MASK_BITS) !== held) last.switched = m;
      last.off = held & ~state;
      last.state = state;
    }
    last.minute = minute;
    return last.state & RELAY_MASK_BITS;
  }

  /**
   * Relay i's reference state at grid instant g. Each block's run starts settled (all steps out) LOOKBACK_BLOCKS
   * blocks before it; a relay holds any state its band allows, so two runs begun at different blocks can stay
   * apart. A block therefore carries on the run the block before ended on until the two runs agree, or until a
   * grid instant drawn per relay and block, where it takes its own: the reference meets itself across block
   * boundaries, and where the runs disagree the switching between them falls at an hour of its own.
   */
  private reference(i: number, g: number): number {
    const block = Math.floor(g / BLOCK);
    let fold = this.references.get(block);
    if (!fold) {
      if (this.references.size >= REFERENCES_KEPT) this.references.clear();
      fold = {
        refs: new Int32Array(this.n * BLOCK).fill(-1),
        carried: new Int32Array(this.n),
        own: new Int32Array(this.n),
        upto: new Float64Array(this.n).fill(Number.NaN),
        handed: new Uint8Array(this.n),
      };
      this.references.set(block, fold);
    }
    const { refs, carried, own, upto, handed } = fold;
    const at = i * BLOCK - block * BLOCK;
    if (refs[at + g]! >= 0) return refs[at + g]!;
    const first = block * BLOCK;
    if (Number.isNaN(upto[i]!)) {
      // the two runs up to the block: the one the block before took (begun a block earlier), and this block's
      carried[i] = this.run(i, (block - LOOKBACK_BLOCKS - 1) * BLOCK, first - 1, 0);
      own[i] = this.run(i, (block - LOOKBACK_BLOCKS) * BLOCK, first - 1, 0);
      upto[i] = first - 1;
    }
    const handover = first + Math.floor(uniform(this.seed, HANDOVER_KEY + i, block) * BLOCK);
    this.ensureGrid(i, upto[i]! + 1, g);
    for (let j = upto[i]! + 1; j <= g; j++) {
      own[i] = this.decide(i, j, own[i]!);
      if (!handed[i]) {
        carried[i] = this.decide(i, j, carried[i]!);
        if (carried[i] === own[i] || j >= handover) handed[i] = 1;
      }
      refs[at + j] = handed[i] ? own[i]! : carried[i]!;
    }
    upto[i] = g;
    return refs[at + g]!;
  }

  /** Relay i's state run over the grid's demand at instants from..to (inclusive) from `state`. */
  private run(i: number, from: number, to: number, state: number): number {
    this.ensureGrid(i, from, to);
    let s = state;
    for (let j = from; j <= to; j++) s = this.decide(i, j, s);
    return s;
  }

  /** Relay i's decision at grid instant j from `state` (its demand recorded). */
  private decide(i: number, j: number, state: number): number {
    const steps = this.banks[i]!;
    const d = this.demand.get(j * GRID)!;
    const mask = apfcRelay(state & RELAY_MASK_BITS, d[3 * i]!, d[3 * i + 1]!, steps, d[3 * i + 2] ? (1 << steps.length) - 1 : 0);
    return rotateEqualSteps(state, mask, steps);
  }

  /** Replays relay i's demand at grid instants from..to (inclusive) where not recorded yet. */
  private ensureGrid(i: number, from: number, to: number): void {
    if (to < from) return;
    this.ensure(
      Array.from({ length: to - from + 1 }, (_, j) => (from + j) * GRID),
      i,
    );
  }

  /** The demand row of a minute, created empty (NaN) if new. */
  private row(minute: number): Float64Array {
    let row = this.demand.get(minute);
    if (!row) {
      if (this.demand.size >= 2 * DEMAND_KEPT) {
        for (const m of this.demand.keys()) if (Math.abs(m - minute) > DEMAND_KEPT) this.demand.delete(m);
      }
      this.demand.set(minute, (row = new Float64Array(3 * this.n).fill(Number.NaN)));
    }
    return row;
  }

  /** Replays, in one frame, the minutes of `minutes` whose demand of relay i is not recorded yet. */
  private ensure(minutes: readonly number[], i: number): void {
    const missing = minutes.filter((m) => Number.isNaN(this.demand.get(m)?.[3 * i] ?? Number.NaN));
    if (missing.length === 0) return;
    const ts = Float64Array.from(missing, (m) => m * MINUTE);
    const physics = (this.physics ??= this.replayPhysics());
    const faults = qualityEvents(this.topology, this.seed).faultsBetween(ts[0]! - RECOVERY_MS, ts[ts.length - 1]! + 1);
    const points = this.topology.equips.reduce((s, e) => s + e.points.length, 0);
    this.replaying = true;
    try {
      physics.run(
        ts,
        fillFaultWindows(faults, ts, newFaultWindows(this.topology.equips.length * ts.length)),
        new Float64Array(points * ts.length),
      );
    } finally {
      this.replaying = false;
    }
  }

  /** The campus's stages over a copy of the topology (their own context), stepped up to the APFC panels'. */
  private replayPhysics(): BuildingPhysics {
    const copy: Topology<PhysicsKind> = { ...(this.topology as Topology<PhysicsKind>) };
    campusContext(copy, this.seed).replay = true;
    return new BuildingPhysics(copy, this.rows, this.seed, this.epochMs, new Set(this.index.keys()));
  }
}

const histories = new WeakMap<PointRows, ApfcRelayHistory>();

/** The relay history of the physics whose stages share `ctx.rows` (its replay's stages share it too). */
export function apfcRelayHistory(ctx: PhysicsContext, apfcIds: readonly string[], banks: readonly (readonly number[])[]): ApfcRelayHistory {
  let h = histories.get(ctx.rows);
  if (!h) histories.set(ctx.rows, (h = new ApfcRelayHistory(ctx.topology, ctx.rows, ctx.seed, ctx.epochMs, apfcIds, banks)));
  return h;
}
