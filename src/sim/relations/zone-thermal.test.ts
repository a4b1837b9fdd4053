import { describe, expect, it } from 'vitest';
import { AIR_FACTOR, approach, vavAirflow } from './zone-thermal.js';

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
