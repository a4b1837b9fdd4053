import type { PointInfo } from '../model/point.js';
import { hashString } from '../random/rng.js';

/** A cumulative register and the rate point it integrates. */
export interface RegisterSpec {
  readonly row: number;
  readonly sourceRow: number;
  /** source units per hour → register units: kW·h = kWh, cfh·h = ft³, gpm·60 = gal/h */
  readonly perHour: number;
  /** reading at the grid epoch */
  readonly initial: number;
  /** counts the source's rises from off (< 0.5) to on between grid instants instead of integrating it */
  readonly rises: boolean;
}

/** Pairs each totalized point with its equipment's rate point (energy ← power, volume ← flow). */
export function registerSpecs(points: readonly PointInfo[]): RegisterSpec[] {
  const byId = new Map(points.map((p) => [p.id, p]));
  return points
    .filter((p) => p.totalized)
    .map((p) => {
      const sourceKey = p.rateKey ?? (p.key === 'energy' ? 'power' : 'flow');
      const source = byId.get(`${p.equipId}.${sourceKey}`);
      if (!source) throw new Error(`register ${p.id} has no ${sourceKey} point to integrate`);
      const perHour = source.unit === 'gal/min' ? 60 : 1;
      // a meter commissioned years ago: a plausible non-zero reading, stable per point
      const [lo, hi] = p.registerStart ?? [100_000, 1_000_000];
      const initial = lo + (hashString(p.id) % Math.max(1, Math.round(hi - lo)));
      return { row: p.index, sourceRow: source.index, perHour, initial, rises: p.countsRises === true };
    });
}

/** Registers integrate their rate on this fixed grid from the epoch, whatever the output interval. */
export const REGISTER_STEP_MS = 900_000;
const STEPS_PER_DAY = 86_400_000 / REGISTER_STEP_MS;
const STEP_HOURS = REGISTER_STEP_MS / 3_600_000;

/** True values (point-major, P × ts.length) at any instants: the physics, for the register grid. */
export type RateSampler = (timestamps: Float64Array) => Float64Array;

interface Day {
  /** rate of each register's source at the day's 96 grid instants and the next day's first: [i * 97 + j] */
  readonly rates: Float64Array;
  /** register reading at those instants */
  readonly readings: Float64Array;
}

/**
 * Energy and volume registers. A register is its initial reading plus the
 * trapezoid integral of its rate sampled every 15 minutes from the epoch,
 * summed in one fixed order, so any timestamp's reading is the same however
 * a range is cut; between grid instants the rate is taken as linear (a
 * meter integrates continuously), so a 1-s or 1-min run reads the same
 * register as a 15-min run at the instants they share. A count of starts
 * (`countsRises`) adds one at each grid instant that finds its source on
 * after finding it off at the one before, and holds between grid instants:
 * it is as pointwise as the integrals, at the price of seeing a start up to
 * 15 minutes late and not at all a run shorter than the grid's step.
 */
export class RegisterBook {
  /** reading at the start of each day computed so far */
  private readonly dayStarts = new Map<number, Float64Array>();
  private readonly recent = new Map<number, Day>();

  constructor(
    readonly specs: readonly RegisterSpec[],
    private readonly epochMs: number,
    private readonly sample: RateSampler,
  ) {
    this.dayStarts.set(
      0,
      Float64Array.from(specs, (s) => s.initial),
    );
  }

  /** Writes every register's reading at `timestamps` into its row of `truth` (P × T). */
  fill(truth: Float64Array, timestamps: Float64Array): void {
    const T = timestamps.length;
    this.adopt(truth, timestamps);
    let d = NaN;
    let day: Day | undefined;
    const n = STEPS_PER_DAY + 1;
    for (let k = 0; k < T; k++) {
      const t = timestamps[k]!;
      const dk = Math.floor((t - this.epochMs) / 86_400_000);
      if (dk !== d) {
        d = dk;
        day = this.day(d);
      }
      const x = (t - this.epochMs - d * 86_400_000) / REGISTER_STEP_MS;
      const j = Math.floor(x);
      const f = x - j;
      for (let i = 0; i < this.specs.length; i++) {
        const s = this.specs[i]!;
        const at = i * n + j;
        const r0 = day!.rates[at]!;
        const r1 = day!.rates[at + 1]!;
        // a count steps on the grid instant that sees the rise; an integral adds ∫ of the linear rate from
        // the grid instant to t (zero on the grid itself)
        truth[s.row * T + k] = s.rises
          ? day!.readings[at]!
          : day!.readings[at]! + (f * STEP_HOURS * s.perHour * (2 * r0 + (r1 - r0) * f)) / 2;
      }
    }
  }

  /**
   * A frame that is exactly one register day (a 15-min run's chunk) already
   * holds the day's rates: integrate from them instead of sampling again.
   */
  private adopt(truth: Float64Array, timestamps: Float64Array): void {
    const T = timestamps.length;
    if (T !== STEPS_PER_DAY || timestamps[1]! - timestamps[0]! !== REGISTER_STEP_MS) return;
    const offset = timestamps[0]! - this.epochMs;
    if (offset % 86_400_000 !== 0) return;
    const d = offset / 86_400_000;
    if (this.recent.has(d)) return;
    if (!this.dayStarts.has(d) && d > 0) this.day(d - 1);
    const last = this.sample(Float64Array.of(timestamps[T - 1]! + REGISTER_STEP_MS));
    this.remember(
      d,
      this.integrate(d, (row, j) => (j < T ? truth[row * T + j]! : last[row]!)),
    );
  }

  private day(d: number): Day {
    const cached = this.recent.get(d);
    if (cached) return cached;
    let known = 0;
    for (const k of this.dayStarts.keys()) if (k <= d && k > known) known = k;
    let day: Day | undefined;
    for (let c = known; c <= d; c++) day = this.integrateSampled(c);
    this.remember(d, day!);
    return day!;
  }

  private remember(d: number, day: Day): void {
    if (this.recent.size >= 4) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(d, day);
  }

  private integrateSampled(c: number): Day {
    const n = STEPS_PER_DAY + 1;
    const ts = new Float64Array(n);
    for (let j = 0; j < n; j++) ts[j] = this.epochMs + c * 86_400_000 + j * REGISTER_STEP_MS;
    const truth = this.sample(ts);
    return this.integrate(c, (row, j) => truth[row * n + j]!);
  }

  /** Integrates day c's rates (rate(row, j) at its 97 grid instants) from the day's start reading; records the next day's start. */
  private integrate(c: number, rate: (row: number, j: number) => number): Day {
    const n = STEPS_PER_DAY + 1;
    const start = this.dayStarts.get(c)!;
    const rates = new Float64Array(this.specs.length * n);
    const readings = new Float64Array(this.specs.length * n);
    const next = new Float64Array(this.specs.length);
    this.specs.forEach((s, i) => {
      const half = (STEP_HOURS * s.perHour) / 2;
      for (let j = 0; j < n; j++) rates[i * n + j] = Math.max(0, rate(s.sourceRow, j));
      let sum = start[i]!;
      for (let j = 0; j < n; j++) {
        readings[i * n + j] = sum;
        if (j + 1 >= n) continue;
        const r0 = rates[i * n + j]!;
        const r1 = rates[i * n + j + 1]!;
        sum += s.rises ? (r0 < 0.5 && r1 >= 0.5 ? 1 : 0) : (r0 + r1) * half;
      }
      next[i] = readings[i * n + n - 1]!;
    });
    this.dayStarts.set(c + 1, next);
    return { rates, readings };
  }
}
