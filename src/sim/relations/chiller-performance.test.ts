import { describe, expect, it } from 'vitest';
import { chilledWaterDeltaT, chillerCop, chillerPowerKw, heatRejectedTons, partLoadFactor } from './chiller-performance.js';

describe('chiller performance', () => {
  it('matches the users’ load bins at their midpoints and never jumps between bins', () => {
    expect(partLoadFactor(0.1)).toBeCloseTo(0.3, 12);
    expect(partLoadFactor(0.3)).toBeCloseTo(0.7, 12);
    expect(partLoadFactor(0.7)).toBeCloseTo(0.95, 12);
    expect(partLoadFactor(1)).toBeCloseTo(0.9, 12);
    for (let x = 0; x < 1.2; x += 0.001) expect(Math.abs(partLoadFactor(x + 0.001) - partLoadFactor(x))).toBeLessThan(0.003);
  });

  it('gives COP 6.2 × 0.95 at 70 % load with 85 °F condenser water, 2 % worse per °F warmer', () => {
    expect(chillerCop(6.2, 0.7, 85)).toBeCloseTo(5.89, 10);
    expect(chillerCop(6.2, 0.7, 90)).toBeCloseTo(5.89 * 0.9, 10);
  });

  it('relates power, tons and COP: 300 tons at COP 6 is 175.85 kW (0.586 kW/ton)', () => {
    expect(chillerPowerKw(300, 6)).toBeCloseTo(175.85, 2);
  });

  it('follows tons = gpm × ΔT / 24 and rejects load plus compressor work', () => {
    expect(chilledWaterDeltaT(400, 960)).toBeCloseTo(10, 12); // 2.4 gpm/ton design
    // realism.md: heat rejected ≈ tons × (1 + 0.284 × kW/ton); 400 tons at 0.56 kW/ton → 463.6 tons
    expect(heatRejectedTons(400, 400 * 0.56)).toBeCloseTo(400 * (1 + 0.284 * 0.56), 0);
  });
});
