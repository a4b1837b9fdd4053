import { gaussian, uniform } from '../../random/rng.js';
import { MS_PER_DAY } from '../../time/clock.js';

const MONTH = 30 * MS_PER_DAY;

/** The profile's drift settings (`quality:`) that a sensor's drift depends on. */
export interface DriftSettings {
  /** typical drift, units per 30 days */
  readonly driftPerMonth: number;
  /** days between calibrations, drawn per sensor in this range */
  readonly calibrationDays: readonly [number, number];
}

/** A drifting sensor's calibration cycle: its length and where the first one starts after the epoch, ms. */
export interface DriftCycle {
  readonly key: number;
  /** 0: the sensor does not drift */
  readonly cycle: number;
  readonly phase: number;
}

/**
 * The calibration cycle of the sensor with hash `key` (hashString of its
 * point id). Shared by the sensor layer, which adds the offset to the reading,
 * and the physics, which closes control loops on the reading: a loop drives
 * the drifted reading to setpoint, so the room carries the opposite offset.
 */
export function driftCycle(seed: number, key: number, drifts: boolean, q: DriftSettings): DriftCycle {
  const [minDays, maxDays] = q.calibrationDays;
  const cycle = drifts && q.driftPerMonth > 0 ? (minDays + (maxDays - minDays) * uniform(seed, key, 7)) * MS_PER_DAY : 0;
  return { key, cycle, phase: cycle * uniform(seed, key, 8) };
}

/** Drift rate of calibration cycle n, units per 30 days: typically half the profile's figure, never over 1.5× it. */
export function driftRatePerMonth(seed: number, c: DriftCycle, q: DriftSettings, n: number): number {
  return 0.5 * q.driftPerMonth * Math.max(-3, Math.min(3, gaussian(seed, c.key ^ 0x22, n)));
}

/** Offset `elapsed` ms into calibration cycle n: a small residual after calibration plus the cycle's linear drift. */
export function driftOffsetInCycle(seed: number, c: DriftCycle, q: DriftSettings, n: number, elapsed: number): number {
  return 0.1 * q.driftPerMonth * gaussian(seed, c.key ^ 0x11, n) + (driftRatePerMonth(seed, c, q, n) * elapsed) / MONTH;
}

/** The sensor's drift offset at time t (epoch ms), for a grid whose energy registers start at epochMs. */
export function driftOffsetAt(seed: number, c: DriftCycle, q: DriftSettings, epochMs: number, t: number): number {
  if (c.cycle === 0) return 0;
  const n = Math.floor((t - epochMs - c.phase) / c.cycle);
  return driftOffsetInCycle(seed, c, q, n, t - (epochMs + c.phase + n * c.cycle));
}

/**
 * driftOffsetAt for one sensor with the current cycle's line memoized (a pure
 * function of the cycle index, so call order never changes a value).
 */
export class DriftTrack {
  private n = NaN;
  private start = 0;
  private offset0 = 0;
  private rate = 0;

  constructor(
    private readonly seed: number,
    private readonly c: DriftCycle,
    private readonly q: DriftSettings,
    private readonly epochMs: number,
  ) {}

  at(t: number): number {
    const c = this.c;
    if (c.cycle === 0) return 0;
    const n = Math.floor((t - this.epochMs - c.phase) / c.cycle);
    if (n !== this.n) this.enter(n);
    return this.offset0 + this.rate * (t - this.start);
  }

  /** `at` of ts[from..to) into out[0..): a row's offsets in one call (a call per instant returns each one boxed). */
  fill(ts: Float64Array, from: number, to: number, out: Float64Array): void {
    for (let k = from; k < to; k++) out[k - from] = this.at(ts[k]!);
  }

  /** Memoizes cycle n's line (kept out of `at`, which stays small enough to inline into per-sample loops). */
  private enter(n: number): void {
    const c = this.c;
    this.n = n;
    this.start = this.epochMs + c.phase + n * c.cycle;
    this.offset0 = driftOffsetInCycle(this.seed, c, this.q, n, 0);
    this.rate = driftRatePerMonth(this.seed, c, this.q, n) / MONTH;
  }
}
