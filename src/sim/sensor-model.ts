import type { PointInfo } from '../model/point.js';
import type { PointTemplate } from '../model/point-template.js';
import type { SiteSpec } from '../model/topology.js';
import type { GroundTruthEvent } from './sample.js';
import { gaussian, gaussianFromBits, hashString, hashWithPrefix, streamPrefix, uniform } from '../random/rng.js';

const DAY = 86_400_000;
const MONTH = 30 * DAY;

/** How one point's sensor turns a true value into a reading. */
interface SensorSpec {
  readonly key: number;
  readonly noise: number;
  readonly relativeNoise: number;
  readonly scale: number;
  readonly nonNegative: boolean;
  readonly percent: boolean;
  readonly bool: boolean;
  readonly totalized: boolean;
  /** calibration cycle length, ms (0: does not drift) */
  readonly cycle: number;
  readonly phase: number;
}

/**
 * Measurement layer: Gaussian noise keyed by (seed, point, second), slow
 * drift that a periodic calibration resets (a step in offset), rounding to
 * the point's reported precision. Pure in time, like the physics.
 */
export class SensorModel {
  private readonly specs: SensorSpec[];

  constructor(
    points: readonly PointInfo[],
    templates: readonly PointTemplate[],
    private readonly quality: SiteSpec['quality'],
    private readonly seed: number,
    private readonly epochMs: number,
  ) {
    const [minDays, maxDays] = quality.calibrationDays;
    this.specs = points.map((p, i) => {
      const t = templates[i]!;
      const key = hashString(p.id);
      const cycle = t.drifts && quality.driftPerMonth > 0 ? (minDays + (maxDays - minDays) * uniform(seed, key, 7)) * DAY : 0;
      return {
        key,
        noise: quality.noise ? (t.noise ?? 0) : 0,
        relativeNoise: quality.noise ? (t.relativeNoise ?? 0) : 0,
        scale: 10 ** p.decimals,
        nonNegative: p.unit !== '°F' && p.unit !== undefined && !p.unit.startsWith('°'),
        percent: p.unit === '%' || p.unit === '%RH',
        bool: p.kind === 'Bool',
        totalized: p.totalized,
        cycle,
        phase: cycle * uniform(seed, key, 8),
      };
    });
  }

  /** Converts row `r` of `truth` (length T, timestamps ts) into readings in `out`. */
  measure(r: number, truth: Float64Array, ts: Float64Array, from: number, to: number, out: Float64Array, outOffset: number): void {
    const s = this.specs[r]!;
    const T = ts.length;
    const base = r * T;
    if (s.bool || s.totalized) {
      for (let k = from; k < to; k++) out[outOffset + k - from] = Math.round(truth[base + k]! * s.scale) / s.scale;
      return;
    }
    const prefix = streamPrefix(this.seed, s.key);
    const { cycle, noise, relativeNoise, scale, nonNegative, percent } = s;
    const noisy = noise > 0 || relativeNoise > 0;
    const low = nonNegative ? 0 : -Infinity;
    const high = percent ? 100 : Infinity;
    // drift is linear within a calibration cycle: work out the line once per cycle, not per value
    let cycleEnd = -Infinity;
    let cycleStart = 0;
    let offset0 = 0;
    let rate = 0;
    for (let k = from; k < to; k++) {
      const t = ts[k]!;
      let v = truth[base + k]!;
      if (cycle > 0) {
        if (t >= cycleEnd || t < cycleStart) {
          const n = Math.floor((t - this.epochMs - s.phase) / cycle);
          cycleStart = this.epochMs + s.phase + n * cycle;
          cycleEnd = cycleStart + cycle;
          offset0 = this.offset(s, n, 0);
          rate = this.ratePerMonth(s, n) / MONTH;
        }
        v += offset0 + rate * (t - cycleStart);
      }
      if (noisy) v += gaussianFromBits(hashWithPrefix(prefix, Math.floor(t / 1000))) * (noise + relativeNoise * Math.abs(v));
      if (v < low) v = low;
      else if (v > high) v = high;
      out[outOffset + k - from] = Math.round(v * scale) / scale;
    }
  }

  private offset(s: SensorSpec, n: number, elapsed: number): number {
    return 0.1 * this.quality.driftPerMonth * gaussian(this.seed, s.key ^ 0x11, n) + (this.ratePerMonth(s, n) * elapsed) / MONTH;
  }

  /** Drift rate of calibration cycle n: typically half the profile's figure, never over 1.5× it. */
  private ratePerMonth(s: SensorSpec, n: number): number {
    return 0.5 * this.quality.driftPerMonth * Math.max(-3, Math.min(3, gaussian(this.seed, s.key ^ 0x22, n)));
  }

  /** Drift periods and the calibrations that end them, overlapping [from, to). */
  driftEvents(pointIds: readonly string[], from: number, to: number): GroundTruthEvent[] {
    const events: GroundTruthEvent[] = [];
    this.specs.forEach((s, r) => {
      if (s.cycle === 0) return;
      const first = Math.floor((from - this.epochMs - s.phase) / s.cycle);
      for (let n = first; this.epochMs + s.phase + n * s.cycle < to; n++) {
        const start = this.epochMs + s.phase + n * s.cycle;
        const end = start + s.cycle;
        const id = pointIds[r]!;
        const rate = this.ratePerMonth(s, n).toFixed(3);
        events.push({
          id: `drift:${id}:${n}`,
          type: 'drift',
          entityId: id,
          start: Math.round(start),
          end: Math.round(end),
          params: { ratePerMonth: Number(rate) },
        });
        if (end < to && end >= from) {
          events.push({
            id: `calibration:${id}:${n + 1}`,
            type: 'calibration',
            entityId: id,
            start: Math.round(end),
            end: Math.round(end) + 60_000,
            params: {
              offsetBefore: Number(this.offset(s, n, s.cycle).toFixed(3)),
              offsetAfter: Number(this.offset(s, n + 1, 0).toFixed(3)),
            },
          });
        }
      }
    });
    return events;
  }
}
