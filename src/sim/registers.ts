import type { PointInfo } from '../model/point.js';
import { hashString } from '../random/rng.js';
import { POWER_KEYS, type RegisterSampling } from './physics/frame.js';

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

/**
 * Pairs each totalized point with its equipment's rate point (energy ← power, volume ← flow): of every
 * equipment, or of `equipIds` alone (a shard's: the others' registers are never read).
 */
export function registerSpecs(points: readonly PointInfo[], equipIds?: readonly string[]): RegisterSpec[] {
  const byId = new Map(points.map((p) => [p.id, p]));
  const wanted = equipIds && new Set(equipIds);
  return points
    .filter((p) => p.totalized && (!wanted || wanted.has(p.equipId)))
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

/** The registers' frames: columns wanted only of the equipment whose registers integrate more than their POWER_KEYS rows. */
export function registerSampling(
  specs: readonly RegisterSpec[],
  points: readonly PointInfo[],
  equips: readonly { readonly id: string }[],
): RegisterSampling {
  const sampled = new Set(specs.filter((s) => !POWER_KEYS.has(points[s.sourceRow]!.key)).map((s) => points[s.sourceRow]!.equipId));
  return { wanted: Uint8Array.from(equips, (e) => (sampled.has(e.id) ? 1 : 0)) };
}

/** Registers integrate their rate on this fixed grid from the epoch, whatever the output interval. */
export const REGISTER_STEP_MS = 900_000;
const DAY = 86_400_000;
const STEPS_PER_DAY = DAY / REGISTER_STEP_MS;
/** a day's grid instants and the next day's first */
const GRID = STEPS_PER_DAY + 1;
const STEP_HOURS = REGISTER_STEP_MS / 3_600_000;

/** True values (point-major, P × ts.length) at any instants: the physics, for the register grid. */
export type RateSampler = (timestamps: Float64Array) => Float64Array;

/** Register readings at the start of consecutive days: row k (a reading per register, in RegisterSpec order) is day `first + k`'s. */
export interface RegisterCheckpoint {
  /** days since the epoch */
  readonly first: number;
  readonly readings: Float64Array;
}

/** The readings at the epoch. */
export function initialCheckpoint(specs: readonly RegisterSpec[]): RegisterCheckpoint {
  return { first: 0, readings: Float64Array.from(specs, (s) => s.initial) };
}

/**
 * `from` continued by the days after its last: `totals` are their totals,
 * day-major (a row of registers a day), in day order across the arrays;
 * each day's start is the day before's plus its total, as RegisterBook
 * steps from one day to the next.
 */
export function extendCheckpoint(from: RegisterCheckpoint, ...totals: readonly Float64Array[]): RegisterCheckpoint {
  const R = from.readings.length;
  const readings = new Float64Array(from.readings.length + totals.reduce((n, t) => n + t.length, 0));
  readings.set(from.readings);
  let at = from.readings.length;
  for (const days of totals) {
    for (let d = 0; d < days.length; d += R, at += R) readings.set(nextStart(readings.subarray(at - R, at), days, d), at);
  }
  return { first: from.first, readings };
}

/** The next day's start: a day's start plus its totals (from `at` in `totals`). */
function nextStart(start: Float64Array, totals: Float64Array, at: number): Float64Array {
  return start.map((v, i) => v + totals[at + i]!);
}

/** One day of every register, independent of the days before it. */
interface DayIntegral {
  /** rate of each register's source at the day's grid instants: [i * GRID + j] */
  readonly rates: Float64Array;
  /** Σ of the day's trapezoids before grid instant j, summed from 0: [i * GRID + j]; j = STEPS_PER_DAY holds the day's total */
  readonly partial: Float64Array;
}

interface Day extends DayIntegral {
  /** reading at the day's start */
  readonly start: Float64Array;
}

/**
 * Energy and volume registers. A register is its initial reading plus the
 * trapezoid integral of its rate sampled every 15 minutes from the epoch.
 * Each day's trapezoids are summed from 0 on their own, so a day's total
 * needs no other day (worker threads compute them in parallel:
 * runner/register-warm-up.ts); a day's start reading is the initial one plus
 * the totals of the days before, added in day order, and a reading inside a
 * day is its start plus the partial sum. Every reading is thus the same
 * however a range is cut or wherever the totals were computed. Between grid
 * instants the rate is taken as linear (a meter integrates continuously), so
 * a 1-s or 1-min run reads the same register as a 15-min run at the instants
 * they share.
 * A count of starts (`countsRises`) adds one at each grid instant that
 * finds its source on after finding it off at the one before, and holds
 * between grid instants: it is as pointwise as the integrals, at the price
 * of seeing a start up to 15 minutes late and not at all a run shorter than
 * the grid's step.
 */
export class RegisterBook {
  /** reading at the start of each day known so far (a row of registers a day: memory stays small) */
  private readonly dayStarts = new Map<number, Float64Array>();
  private readonly recent = new Map<number, Day>();

  constructor(
    readonly specs: readonly RegisterSpec[],
    private readonly epochMs: number,
    private readonly sample: RateSampler,
  ) {
    this.seed(initialCheckpoint(specs));
  }

  /** Takes readings known at days' starts (a warm-up's, for the same profile and seed): those days are not integrated again. */
  seed(checkpoint: RegisterCheckpoint): void {
    const R = this.specs.length;
    if (R > 0 && checkpoint.readings.length % R !== 0)
      throw new Error(`a register checkpoint of ${checkpoint.readings.length} readings for ${R} registers`);
    for (let at = 0; at < checkpoint.readings.length; at += R)
      this.dayStarts.set(checkpoint.first + at / R, checkpoint.readings.subarray(at, at + R));
  }

  /** Forgets what was integrated from the day holding t on (the rates changed there: an override). */
  forgetFrom(t: number): void {
    const d = Math.floor((t - this.epochMs) / DAY);
    for (const k of [...this.recent.keys()]) if (k >= d) this.recent.delete(k);
    for (const k of [...this.dayStarts.keys()]) if (k > d) this.dayStarts.delete(k);
  }

  /** The totals of days [from, to), day-major (a row of registers a day). */
  dayTotals(from: number, to: number): Float64Array {
    const R = this.specs.length;
    const totals = new Float64Array(Math.max(0, to - from) * R);
    for (let c = from; c < to; c++) totals.set(this.totalsOf(this.integrateSampled(c)), (c - from) * R);
    return totals;
  }

  /** Writes every register's reading at `timestamps` into its row of `truth` (P × T). */
  fill(truth: Float64Array, timestamps: Float64Array): void {
    const T = timestamps.length;
    if (this.specs.length === 0) return;
    this.adopt(truth, timestamps);
    let d = NaN;
    let day: Day | undefined;
    for (let k = 0; k < T; k++) {
      const t = timestamps[k]!;
      const dk = Math.floor((t - this.epochMs) / DAY);
      if (dk !== d) {
        d = dk;
        day = this.day(d);
      }
      const x = (t - this.epochMs - d * DAY) / REGISTER_STEP_MS;
      const j = Math.floor(x);
      const f = x - j;
      for (let i = 0; i < this.specs.length; i++) {
        const s = this.specs[i]!;
        const at = i * GRID + j;
        const r0 = day!.rates[at]!;
        const r1 = day!.rates[at + 1]!;
        // a count steps on the grid instant that sees the rise; an integral adds ∫ of the linear rate from
        // the grid instant to t (zero on the grid itself)
        truth[s.row * T + k] = s.rises
          ? day!.start[i]! + day!.partial[at]!
          : day!.start[i]! + day!.partial[at]! + (f * STEP_HOURS * s.perHour * (2 * r0 + (r1 - r0) * f)) / 2;
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
    if (offset % DAY !== 0) return;
    const d = offset / DAY;
    if (this.recent.has(d)) return;
    const last = this.sample(Float64Array.of(timestamps[T - 1]! + REGISTER_STEP_MS));
    this.remember(d, { start: this.startOf(d), ...this.integrate((row, j) => (j < T ? truth[row * T + j]! : last[row]!)) });
  }

  private day(d: number): Day {
    const cached = this.recent.get(d);
    if (cached) return cached;
    const day = { start: this.startOf(d), ...this.integrateSampled(d) };
    this.remember(d, day);
    return day;
  }

  /** Day d's start reading: from the nearest day known before it, adding each day's total in turn. */
  private startOf(d: number): Float64Array {
    let known = 0;
    for (const k of this.dayStarts.keys()) if (k <= d && k > known) known = k;
    if (known < d) this.seed(extendCheckpoint({ first: known, readings: this.dayStarts.get(known)! }, this.dayTotals(known, d)));
    return this.dayStarts.get(d)!;
  }

  /** Caches day d and records the next day's start (a forward run never samples a day twice). */
  private remember(d: number, day: Day): void {
    if (this.recent.size >= 4) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(d, day);
    this.dayStarts.set(d + 1, nextStart(day.start, this.totalsOf(day), 0));
  }

  private totalsOf(day: DayIntegral): Float64Array {
    return Float64Array.from(this.specs, (_, i) => day.partial[i * GRID + STEPS_PER_DAY]!);
  }

  private integrateSampled(c: number): DayIntegral {
    const ts = new Float64Array(GRID);
    for (let j = 0; j < GRID; j++) ts[j] = this.epochMs + c * DAY + j * REGISTER_STEP_MS;
    const truth = this.sample(ts);
    return this.integrate((row, j) => truth[row * GRID + j]!);
  }

  /** A day's rates (rate(row, j) at its grid instants) and the partial sums of its trapezoids. */
  private integrate(rate: (row: number, j: number) => number): DayIntegral {
    const rates = new Float64Array(this.specs.length * GRID);
    const partial = new Float64Array(this.specs.length * GRID);
    this.specs.forEach((s, i) => {
      const half = (STEP_HOURS * s.perHour) / 2;
      for (let j = 0; j < GRID; j++) rates[i * GRID + j] = Math.max(0, rate(s.sourceRow, j));
      let sum = 0;
      for (let j = 0; j < GRID; j++) {
        partial[i * GRID + j] = sum;
        if (j + 1 >= GRID) continue;
        const r0 = rates[i * GRID + j]!;
        const r1 = rates[i * GRID + j + 1]!;
        sum += s.rises ? (r0 < 0.5 && r1 >= 0.5 ? 1 : 0) : (r0 + r1) * half;
      }
    });
    return { rates, partial };
  }
}
