import { describe, expect, it } from 'vitest';
import {
  affinityShaftFraction,
  ie3Efficiency,
  motorEfficiency,
  motorPowerFactor,
  motorThermal,
  partLoadEfficiency,
  partLoadPowerFactor,
  ratedPowerFactor,
  vibrationZone,
} from './elec-motor.js';

describe('motor efficiency (IEC 60034-30-1 IE3, 4-pole)', () => {
  it('full load equals the IE3 table: 15 kW 92.1 %, 75 kW 95.0 %, 250 kW 96.0 %', () => {
    expect(motorEfficiency(15, 1)).toBeCloseTo(0.921, 9);
    expect(motorEfficiency(75, 1)).toBeCloseTo(0.95, 9);
    expect(motorEfficiency(250, 1)).toBeCloseTo(0.96, 9);
    expect(ie3Efficiency(0.75)).toBeCloseTo(0.825, 9);
  });

  it('interpolates between ratings and rises with size', () => {
    const e = ie3Efficiency(12);
    expect(e).toBeGreaterThan(0.914);
    expect(e).toBeLessThan(0.921);
    let prev = 0;
    for (const kw of [1, 3, 7, 20, 50, 100, 180]) {
      expect(ie3Efficiency(kw)).toBeGreaterThan(prev);
      prev = ie3Efficiency(kw);
    }
  });

  it('is flat from 50 to 100 %, peaks near 75 %, falls steeply below 25 %', () => {
    expect(motorEfficiency(15, 0.75)).toBeGreaterThan(motorEfficiency(15, 1));
    expect(motorEfficiency(15, 0.5)).toBeGreaterThan(0.911);
    // hand-worked: loss 1/0.921 − 1 = 0.0858; at 25 %: 0.25 / (0.25 + 0.0858·(0.35 + 0.65/16)) = 0.8817
    expect(motorEfficiency(15, 0.25)).toBeCloseTo(0.8817, 3);
    expect(motorEfficiency(15, 0.1)).toBeLessThan(0.8);
    expect(motorEfficiency(15, 0)).toBe(0);
  });
});

describe('motor power factor', () => {
  it('~0.85 at full load for mid sizes, falling to 0.2–0.3 at 10 %', () => {
    expect(motorPowerFactor(37, 1)).toBeCloseTo(0.85, 9);
    expect(motorPowerFactor(15, 0.5)).toBeGreaterThan(0.68);
    expect(motorPowerFactor(15, 0.5)).toBeLessThan(0.78);
    const low = motorPowerFactor(15, 0.1);
    expect(low).toBeGreaterThan(0.2);
    expect(low).toBeLessThan(0.3);
    expect(motorPowerFactor(15, 0)).toBeLessThan(0.1);
  });
});

describe('affinity laws', () => {
  it('cube at 80 % speed with no static head: 0.512', () => {
    expect(affinityShaftFraction(0.8, 0)).toBeCloseTo(0.512, 12);
  });
  it('static head flattens the curve: 30 % static at 80 % speed → 0.8·(0.3 + 0.7·0.64) = 0.5984', () => {
    expect(affinityShaftFraction(0.8, 0.3)).toBeCloseTo(0.5984, 12);
    expect(affinityShaftFraction(1, 0.3)).toBe(1);
    expect(affinityShaftFraction(0, 0.3)).toBe(0);
  });
});

describe('motor thermal and vibration', () => {
  const t = { windingTempC: 0, bearingTempC: 0, vibrationMmS: 0 };
  it('class B rise: 80 K over ambient at full load', () => {
    motorThermal(1, 40, 0, t);
    expect(t.windingTempC).toBeCloseTo(120, 9);
    expect(t.bearingTempC).toBeCloseTo(62, 9);
    expect(vibrationZone(t.vibrationMmS)).toBe('A');
  });
  it('temperatures rise with load; wear raises bearing temperature and moves vibration through the ISO 10816-3 zones', () => {
    motorThermal(0.5, 35, 0, t);
    const half = t.windingTempC;
    motorThermal(0.9, 35, 0, t);
    expect(t.windingTempC).toBeGreaterThan(half);
    const zones = [0, 0.5, 0.75, 1].map((w) => {
      motorThermal(0.8, 35, w, t);
      return vibrationZone(t.vibrationMmS);
    });
    expect(zones).toEqual(['A', 'B', 'C', 'D']);
    motorThermal(0.8, 35, 1, t);
    expect(t.bearingTempC).toBeGreaterThan(80);
  });
  it('stopped: ambient, no vibration', () => {
    motorThermal(0, 31, 0.5, t);
    expect(t).toEqual({ windingTempC: 31, bearingTempC: 31, vibrationMmS: 0 });
  });
});

describe('hot-loop forms', () => {
  it('agree with the by-rating functions', () => {
    for (const kw of [2.2, 18.5, 110]) {
      for (const l of [0, 0.3, 0.8, 1.1]) {
        expect(partLoadEfficiency(ie3Efficiency(kw), l)).toBe(motorEfficiency(kw, l));
        expect(partLoadPowerFactor(ie3Efficiency(kw), ratedPowerFactor(kw), l)).toBe(motorPowerFactor(kw, l));
      }
    }
  });
});
