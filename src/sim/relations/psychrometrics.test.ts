import { describe, expect, it } from 'vitest';
import { humidityRatio, wetBulbF } from './psychrometrics.js';

describe('psychrometrics', () => {
  it('gives the ASHRAE humidity ratio at a 55 °F dew point (≈ 0.0092 lb/lb)', () => {
    expect(humidityRatio(55)).toBeCloseTo(0.0092, 3);
  });

  it('puts wet bulb between dew point and dry bulb, equal to dry bulb when saturated', () => {
    expect(wetBulbF(95, 40)).toBeGreaterThan(74);
    expect(wetBulbF(95, 40)).toBeLessThan(78); // psychrometric chart: ≈ 75.6 °F
    expect(wetBulbF(70, 99)).toBeCloseTo(70, 0);
  });
});
