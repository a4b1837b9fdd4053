import { describe, expect, it } from 'vitest';
import { ATMOSPHERE_BAR, r134aSatPressureBar, r134aSatTempC } from './refrigerant-r134a.js';

// R-134a saturation table (NIST REFPROP via the ASHRAE Handbook — Fundamentals), °C → bar absolute
const TABLE: readonly (readonly [number, number])[] = [
  [-20, 1.327],
  [-10, 2.006],
  [0, 2.928],
  [5, 3.497],
  [10, 4.146],
  [20, 5.717],
  [30, 7.702],
  [40, 10.166],
  [50, 13.179],
  [60, 16.818],
];

describe('R-134a saturation', () => {
  it('matches the saturation table within 0.3 % from −20 to 60 °C', () => {
    for (const [t, p] of TABLE) expect(Math.abs(r134aSatPressureBar(t) / p - 1), `${t} °C`).toBeLessThan(0.003);
  });

  it('reads 2.93 bar abs (1.91 bar gauge) at 0 °C and 10.17 bar abs at 40 °C', () => {
    expect(r134aSatPressureBar(0)).toBeCloseTo(2.93, 2);
    expect(r134aSatPressureBar(0) - ATMOSPHERE_BAR).toBeCloseTo(1.91, 2);
    expect(r134aSatPressureBar(40)).toBeCloseTo(10.17, 1);
  });

  it('inverts: the temperature of the pressure is the temperature', () => {
    for (let t = -20; t <= 60; t += 0.5) expect(r134aSatTempC(r134aSatPressureBar(t))).toBeCloseTo(t, 9);
    expect(r134aSatTempC(10.166)).toBeCloseTo(40, 1);
  });
});
