import { describe, expect, it } from 'vitest';
import { correctedPowerFactor } from './power-factor.js';

const bank = { steps: 8, stepKvar: 15, key: 42 };
const none = { motorsKw: 0, drivesKw: 0, elevatorsKw: 0, officeKw: 0 };

describe('power factor after a capacitor bank', () => {
  it('is the load’s own PF when less than a step is wanted: 10 kW of office load at PF 0.93', () => {
    // 10 kW of office load wants (3.95 − 10 × tan(acos 0.96) = 2.92) / 15 < 1 step: none switch in
    expect(correctedPowerFactor({ ...none, officeKw: 10 }, bank, 1, 0)).toBeCloseTo(0.93, 6);
  });

  it('never overcorrects to a leading PF and never exceeds 1', () => {
    for (let t = 0; t < 200; t++) {
      for (const kw of [20, 80, 150, 300, 600]) {
        const pf = correctedPowerFactor(
          { motorsKw: kw * 0.3, drivesKw: kw * 0.1, elevatorsKw: kw * 0.1, officeKw: kw * 0.5 },
          bank,
          1,
          t * 600_000,
        );
        expect(pf).toBeGreaterThan(0.85);
        expect(pf).toBeLessThanOrEqual(1);
      }
    }
  });

  it('sags below the target when every step is in: 1,000 kW of chillers at PF 0.86 less 120 kVAr', () => {
    const kvar = 1000 * Math.tan(Math.acos(0.86)) - 8 * 15;
    expect(correctedPowerFactor({ ...none, motorsKw: 1000 }, bank, 1, 0)).toBeCloseTo(1000 / Math.hypot(1000, kvar), 9);
  });

  it('switches between neighbouring step counts over time when a steady load wants 4.8 steps, so PF scatters at one kW', () => {
    // 171.0 kVAr − 340 kW × tan(acos 0.96) = 71.8 kVAr wanted: 4.79 steps of 15
    const load = { motorsKw: 100, drivesKw: 30, elevatorsKw: 40, officeKw: 170 };
    const seen = new Set<number>();
    for (let w = 0; w < 100; w++) seen.add(Number(correctedPowerFactor(load, bank, 7, w * 600_000).toFixed(4)));
    expect(seen.size).toBe(2);
  });
});
