/**
 * The "bounded random walk with soft bounds", pure in time. Instead of a
 * sequential walk (whose value at t needs every step before it), a sum of
 * smooth value-noise octaves with knots uniform in [−1, 1]: bounded knots give
 * a hard bound on the slope, so the time scale can be stretched until the
 * largest possible change between two readings is within the configured
 * drift. softBound then bends values near the range edges (a soft bounce) and
 * never leaves them.
 */
import { hashString, mix, uniform } from '../random/rng.js';
import { MS_PER_HOUR } from '../time/clock.js';

export interface Octave {
  readonly hours: number;
  readonly weight: number;
}

/** Catmull-Rom weights' derivative summed in absolute value peaks at 3 (mid-segment): |dz/dt| ≤ 3·Σ weight/period. */
const MAX_SLOPE_PER_KNOT = 3;

/** One octave: knots at multiples of `periodMs`, memoizing the last segment's four knots. */
class UniformTrack {
  private k = NaN;
  private readonly g = [0, 0, 0, 0];

  constructor(
    private readonly seed: number,
    private readonly key: number,
    private readonly periodMs: number,
  ) {}

  at(t: number): number {
    const x = t / this.periodMs;
    const k = Math.floor(x);
    if (k !== this.k) {
      for (let i = 0; i < 4; i++) this.g[i] = 2 * uniform(this.seed, this.key, k - 1 + i) - 1;
      this.k = k;
    }
    const f = x - k;
    const f2 = f * f;
    const f3 = f2 * f;
    const [g0, g1, g2, g3] = this.g as [number, number, number, number];
    return 0.5 * ((-f3 + 2 * f2 - f) * g0 + (3 * f3 - 5 * f2 + 2) * g1 + (-3 * f3 + 4 * f2 + f) * g2 + (f3 - f2) * g3);
  }
}

/** A unit walk z(t), |z| ≤ 1.25, whose step over `stepMs` never exceeds maxStep (in units of z). */
export class BoundedWalk {
  private readonly tracks: UniformTrack[];
  private readonly weights: number[];
  /** how much slower than the nominal octaves the walk runs (≥ 1) to honour maxStep */
  readonly stretch: number;

  constructor(seed: number, name: string, octaves: readonly Octave[], stepMs: number, maxStep: number) {
    const total = octaves.reduce((s, o) => s + o.weight, 0);
    this.weights = octaves.map((o) => o.weight / total);
    const slope = octaves.reduce((s, o, i) => s + (MAX_SLOPE_PER_KNOT * this.weights[i]!) / (o.hours * MS_PER_HOUR), 0);
    this.stretch = Math.max(1, (slope * stepMs) / maxStep);
    const key = hashString(name);
    this.tracks = octaves.map((o, i) => new UniformTrack(seed, mix(key, i + 1), o.hours * MS_PER_HOUR * this.stretch));
  }

  at(t: number): number {
    let z = 0;
    for (let i = 0; i < this.tracks.length; i++) z += this.weights[i]! * this.tracks[i]!.at(t);
    return z;
  }
}

const KNEE = 0.6;
/**
 * Identity inside ±0.6, then bends smoothly (C1) toward ±1 without reaching
 * it: values near the edges slow down and turn back instead of sticking to a
 * hard wall. Its slope is ≤ 1, so it never increases a step.
 */
export function softBound(x: number): number {
  const a = Math.abs(x);
  if (a <= KNEE) return x;
  return Math.sign(x) * (KNEE + (1 - KNEE) * Math.tanh((a - KNEE) / (1 - KNEE)));
}
