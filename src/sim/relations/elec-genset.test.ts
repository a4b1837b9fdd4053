import { describe, expect, it } from 'vitest';
import {
  G2_MAX_FREQUENCY_DIP,
  gensetEngine,
  gensetFrequencyHz,
  gensetFrequencyMinuteMeanHz,
  gensetFuelLph,
  gensetVoltageV,
  JACKET_HEATER_C,
  newGensetEngine,
} from './elec-genset.js';

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

  it('at rest: jacket heater temperature, no oil pressure, no speed', () => {
    gensetEngine(false, 0, 0, 28, e);
    expect(e.coolantTempC).toBe(JACKET_HEATER_C);
    expect(e.oilPressureBar).toBe(0);
    expect(e.rpm).toBe(0);
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
    expect(e.rpm).toBeCloseTo(1500, -1);
    gensetEngine(true, 60, 0.25, 30, e);
    expect(e.exhaustTempC).toBeLessThan(397.5);
  });
});

describe('genset frequency', () => {
  it('steady: isochronous, within 0.1 % of 50 Hz', () => {
    expect(gensetFrequencyHz(0, Number.POSITIVE_INFINITY)).toBe(50);
    expect(gensetFrequencyHz(1, 600)).toBeCloseTo(49.95, 9);
  });

  it('a full block load dips within the ISO 8528-5 G2 −10 % and recovers within seconds', () => {
    const dip = gensetFrequencyHz(1, 0);
    expect(dip).toBeLessThan(49);
    expect(dip).toBeGreaterThanOrEqual(50 * (1 - G2_MAX_FREQUENCY_DIP));
    expect(Math.abs(gensetFrequencyHz(1, 5) - 49.95)).toBeLessThan(0.25); // inside ±0.5 % by 5 s
    expect(gensetFrequencyHz(1, 60)).toBeCloseTo(49.95, 6);
  });

  it('the minute mean of a step shows only a small dip (≈ 0.07 Hz for a full block)', () => {
    const m = gensetFrequencyMinuteMeanHz(1);
    expect(49.95 - m).toBeCloseTo(0.07, 2);
    expect(gensetFrequencyMinuteMeanHz(0.5)).toBeGreaterThan(m);
  });

  it('voltage: dips 15 % on a full block, back within 1 % after 10 s', () => {
    expect(gensetVoltageV(415, 1, 0)).toBeCloseTo(415 * 0.845, 6);
    expect(Math.abs(gensetVoltageV(415, 1, 10) / 415 - 1)).toBeLessThan(0.01);
  });
});
