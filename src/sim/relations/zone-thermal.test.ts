import { describe, expect, it } from 'vitest';
import { AIR_FACTOR, approach, recoveryDeviation, vavAirflow } from './zone-thermal.js';

describe('zone thermal relations', () => {
  it('sizes VAV airflow from Q = 1.08 × cfm × ΔT and clamps it to the box', () => {
    // 32,400 BTU/h at 72 °F with 55 °F air: 32,400 / (1.08 × 17) = 1,764.7 cfm
    expect(vavAirflow(32_400, 72, 55, 1000, 3000)).toBeCloseTo(32_400 / (AIR_FACTOR * 17), 6);
    expect(vavAirflow(100_000, 72, 55, 1000, 3000)).toBe(3000);
    expect(vavAirflow(-5_000, 72, 55, 1000, 3000)).toBe(1000);
  });

  it('approaches a target exponentially: 63.2 % of the way after one time constant', () => {
    expect(approach(80, 72, 1, 1)).toBeCloseTo(72 + 8 * Math.exp(-1), 12);
    expect(approach(80, 72, 0, 1)).toBe(80);
  });
});

describe('recovery after a fault', () => {
  it('closes a small deviation exponentially with the room time constant', () => {
    expect(recoveryDeviation(2, 1, 1, 8)).toBeCloseTo(2 * Math.exp(-1), 12);
    expect(recoveryDeviation(-2, 0, 1, 8)).toBe(-2);
  });

  it('closes a large one at the loop’s full rate first, never more than rate/4 per 15 minutes', () => {
    // 12 °F with an 8 °F/h limit and τ 0.5 h: linear down to 4 °F (1 h), then exponential
    expect(recoveryDeviation(12, 0.5, 0.5, 8)).toBeCloseTo(8, 12);
    expect(recoveryDeviation(12, 1.5, 0.5, 8)).toBeCloseTo(4 * Math.exp(-1), 12);
    for (const tau of [0.5, 1, 1.5])
      for (let h = 0; h < 6; h += 0.25) {
        const step = Math.abs(recoveryDeviation(15, h, tau, 8) - recoveryDeviation(15, h + 0.25, tau, 8));
        expect(step).toBeLessThanOrEqual(2 + 1e-9);
      }
  });
});
