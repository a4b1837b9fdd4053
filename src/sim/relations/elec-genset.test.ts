import { describe, expect, it } from 'vitest';
import { gensetEngine, gensetFuelLph, JACKET_HEATER_C, newGensetEngine } from './elec-genset.js';

describe('genset fuel', () => {
  it('500 kW set: ≈ 135 L/h at full load, ≈ 41.6 at a quarter, ≈ 10.5 idle (published chart within 5 %)', () => {
    expect(gensetFuelLph(500, 500)).toBeCloseTo(135.5, 1);
    expect(Math.abs(gensetFuelLph(125, 500) / 41.6 - 1)).toBeLessThan(0.05);
    expect(Math.abs(gensetFuelLph(375, 500) / 100 - 1)).toBeLessThan(0.05);
    expect(gensetFuelLph(0, 500)).toBeCloseTo(10.5, 9);
  });

  it('specific consumption 0.27–0.30 L/kWh from 75 % to 100 %, worse at part load', () => {
    for (const f of [0.75, 0.85, 1]) {
      const sfc = gensetFuelLph(f * 1000, 1000) / (f * 1000);
      expect(sfc).toBeGreaterThanOrEqual(0.27);
      expect(sfc).toBeLessThanOrEqual(0.3);
    }
    expect(gensetFuelLph(250, 1000) / 250).toBeGreaterThan(gensetFuelLph(500, 1000) / 500);
  });
});

describe('genset engine', () => {
  const e = newGensetEngine();

  it('at rest: jacket heater temperature, no oil pressure', () => {
    gensetEngine(false, 0, 0, 28, e);
    expect(e.coolantTempC).toBe(JACKET_HEATER_C);
    expect(e.oilPressureBar).toBe(0);
  });

  it('warms from 40 °C toward a load-dependent steady state', () => {
    gensetEngine(true, 0, 0.75, 30, e);
    expect(e.coolantTempC).toBeCloseTo(40, 9);
    expect(e.oilPressureBar).toBeCloseTo(4.2 - 0.3 + 1.5, 9);
    let prev = 0;
    for (const m of [1, 3, 5, 10, 20, 60]) {
      gensetEngine(true, m, 0.75, 30, e);
      expect(e.coolantTempC).toBeGreaterThan(prev);
      prev = e.coolantTempC;
    }
    expect(e.coolantTempC).toBeCloseTo(86, 3);
    expect(e.oilPressureBar).toBeCloseTo(3.9, 3);
    expect(e.exhaustTempC).toBeCloseTo(397.5, 3);
    gensetEngine(true, 60, 0.25, 30, e);
    expect(e.exhaustTempC).toBeLessThan(397.5);
  });
});
