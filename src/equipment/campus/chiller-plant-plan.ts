import { loadLimit, loopShare } from './chiller-loading.js';
import { type ChillerStaging, STAGE_MS } from './chiller-staging.js';

const MINUTE = 60_000;

/**
 * The chiller plant as its staging plans it with every chiller available, at any minute: which chillers run, their
 * load limits (soft-loading since the plan started them, unloading before it stops them) and the share each carries.
 * What a stopped machine stopped from and what a fouled machine's cut-out sees are read here.
 */
export class ChillerPlantPlan {
  private readonly limits: Float64Array;
  private readonly on: Uint8Array;
  private readonly order: Int32Array;
  /** what each chiller stopped from, by the stop instant it was computed for */
  private readonly last: { stop: number; call: number; limit: number }[];

  constructor(
    readonly staging: ChillerStaging,
    private readonly ratings: readonly number[],
    /** the plant's load at an instant, TR */
    private readonly loadAt: (t: number) => number,
  ) {
    const n = ratings.length;
    this.limits = new Float64Array(n);
    this.on = new Uint8Array(n);
    this.order = new Int32Array(n);
    this.last = ratings.map(() => ({ stop: Number.NaN, call: 0.5, limit: 1 }));
  }

  /** whether the plan runs chiller i at t */
  runs(i: number, t: number): boolean {
    return this.staging.planned(periodOf(t))[i] === 1;
  }

  /** Minutes until the plan stops chiller i, running at t, at the next period's start (Infinity: it runs on). */
  toStopMinutes(i: number, t: number): number {
    const next = periodOf(t) + STAGE_MS;
    return this.staging.planned(next)[i] ? Number.POSITIVE_INFINITY : (next - t) / MINUTE;
  }

  /** Fills `on` and `limits` with the plan's chillers and their load limits at t. */
  fill(t: number, on: Uint8Array, limits: Float64Array): void {
    const period = periodOf(t);
    on.set(this.staging.planned(period));
    for (let i = 0; i < this.ratings.length; i++)
      limits[i] = on[i] ? loadLimit((t - this.staging.since(i, period)) / MINUTE, this.toStopMinutes(i, t)) : 0;
  }

  /** Chiller i's share of its rating at t by the plan; NaN if the plan has it off. */
  share(i: number, t: number): number {
    const call = this.call(t);
    return this.on[i] ? Math.min(this.limits[i]!, call) : Number.NaN;
  }

  /** Each chiller's share of its rating at t by the plan, 0 for those it has off. */
  shares(t: number, out: Float64Array): void {
    const call = this.call(t);
    for (let i = 0; i < this.ratings.length; i++) out[i] = this.on[i] ? Math.min(this.limits[i]!, call) : 0;
  }

  /** The loop's call on the chillers the plan runs at t (their limits filled in for `share`). */
  private call(t: number): number {
    this.fill(t, this.on, this.limits);
    return loopShare(this.loadAt(t), this.ratings, this.limits, this.on, this.order);
  }

  /** When chiller i, off at t, last stopped: at `cut` (a trip, a fault, an outage; NaN: none) if the plan ran it then. */
  stoppedAt(i: number, t: number, cut: number): number {
    if (Number.isNaN(cut)) return this.staging.since(i, periodOf(t));
    return this.runs(i, cut) ? cut : this.staging.since(i, periodOf(Math.min(t, cut)));
  }

  /**
   * The loop's call on chiller i and its load limit the minute before it stopped at `stop`, by the plan (an unloading
   * machine's leaving water is near the return when it stops); half load when the plan did not run it.
   */
  before(i: number, stop: number): { readonly call: number; readonly limit: number } {
    const last = this.last[i]!;
    if (last.stop !== stop) {
      last.stop = stop;
      const call = Number.isFinite(stop) ? this.call(stop - MINUTE) : Number.NaN;
      const ran = Number.isFinite(stop) && this.on[i] === 1;
      last.call = ran ? call : 0.5;
      last.limit = ran ? this.limits[i]! : 1;
    }
    return last;
  }
}

const periodOf = (t: number) => Math.floor(t / STAGE_MS) * STAGE_MS;
