import { loopShare } from './chiller-loading.js';

const MINUTE = 60_000;
/** the standing loop's drift toward the plant room and the loads' temperature, minutes */
export const STANDSTILL_TAU_MIN = 180;
/** a pull-down longer than this is cut off (the plant would have staged on more machines long before), minutes */
const MAX_MIN = 240;
/** within this of the steady call the loop has settled, share of the rating (0.03 K of return) */
const SETTLED = 0.005;
/** restarts memoized before the cache starts over */
const MEMO = 16;

/** The plant at one minute of a pull-down, as its owner fills it in. */
export interface PlantMinute {
  /** the loads' call on the loop, TR */
  loadTr: number;
  /** which chillers run and their load limits (soft-load), by chiller */
  readonly on: Uint8Array;
  readonly limits: Float64Array;
}

/**
 * The chilled-water loop pulled down after the plant stood (a grid outage): the water in the pipes, coils and
 * shells warmed toward the plant room and the loads while the pumps were off, and at the restart the chillers,
 * soft-loading, deliver less than the loads plus the loop's stored heat. The loop's return is integrated minute by
 * minute from the restart, a pure function of the restart (memoized), until it meets the steady call again.
 * Shares are of the chillers' ratings: the return is the setpoint + share × the design ΔT.
 */
export class ChwPullDown {
  private readonly memo = new Map<number, Float64Array>();
  private readonly order: Int32Array;
  readonly minute: PlantMinute;

  constructor(
    private readonly ratings: readonly number[],
    /** the loop's heat capacity in TR·min per K of the return, over the chilled-water design ΔT, K */
    private readonly massTrMinPerK: number,
    private readonly designDtK: number,
    /** fills `minute` for minute m */
    private readonly plantAt: (m: number, minute: PlantMinute) => void,
  ) {
    this.order = new Int32Array(ratings.length);
    this.minute = { loadTr: 0, on: new Uint8Array(ratings.length), limits: new Float64Array(ratings.length) };
  }

  /** The loop's call at t after the plant restarted at `restart` with its return at share `startShare()`; NaN once settled. */
  shareAt(restart: number, t: number, startShare: () => number): number {
    let path = this.memo.get(restart);
    if (!path) {
      if (this.memo.size >= MEMO) this.memo.clear();
      path = this.integrate(restart, startShare());
      this.memo.set(restart, path);
    }
    const k = Math.floor((t - restart) / MINUTE);
    return k >= 0 && k < path.length ? path[k]! : Number.NaN;
  }

  private integrate(restart: number, startShare: number): Float64Array {
    const path: number[] = [];
    const p = this.minute;
    let x = startShare;
    for (let k = 0; k < MAX_MIN; k++) {
      this.plantAt(restart + k * MINUTE, p);
      if (x <= loopShare(p.loadTr, this.ratings, p.limits, p.on, this.order) + SETTLED) break;
      path.push(x);
      // the chillers deliver up to their limits at this return; the rest of the loads' heat warms the loop
      let delivered = 0;
      for (let i = 0; i < this.ratings.length; i++) if (p.on[i]) delivered += Math.min(p.limits[i]!, x) * this.ratings[i]!;
      x += (p.loadTr - delivered) / this.massTrMinPerK / this.designDtK;
    }
    return Float64Array.from(path);
  }
}
