import { describe, expect, it } from 'vitest';
import { SampledLag } from './sampled-lag.js';

const MINUTE = 60_000;
const T0 = 1_000 * 60 * MINUTE;

describe('sampled first-order lag', () => {
  // a step from 0 to 1 at T0 (and its negative in the second quantity)
  const step = (t: number, out: Float64Array) => {
    out[0] = t >= T0 ? 1 : 0;
    out[1] = -out[0];
  };

  it('follows a step as 1 − e^(−t/τ), within a sample of it', () => {
    const lag = new SampledLag(2, 12, 3, step);
    expect(lag.at(0, T0 - MINUTE)).toBe(0);
    for (const min of [6, 12, 24, 36]) {
      const y = lag.at(0, T0 + min * MINUTE);
      const exact = 1 - Math.exp(-min / 12);
      // sampled every 3 min and cut at 4 τ: it lies between the exact curve a sample early and a sample late
      expect(y).toBeGreaterThan(1 - Math.exp(-(min - 3) / 12) - 0.02);
      expect(y).toBeLessThan(exact + 0.03);
      expect(lag.at(1, T0 + min * MINUTE)).toBeCloseTo(-y, 12);
    }
    // settled within 4 τ
    expect(lag.at(0, T0 + 60 * MINUTE)).toBeCloseTo(1, 9);
  });

  it('is a pure function of time: the same read in any order', () => {
    const times = Array.from({ length: 200 }, (_, j) => T0 - 30 * MINUTE + j * 17_000);
    const forward = new SampledLag(2, 12, 3, step);
    const a = times.map((t) => forward.at(0, t));
    const backward = new SampledLag(2, 12, 3, step);
    const b = [...times]
      .reverse()
      .map((t) => backward.at(0, t))
      .reverse();
    expect(b).toEqual(a);
  });
});
