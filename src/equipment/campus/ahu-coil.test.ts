import { describe, expect, it } from 'vitest';
import { saturationHumidityRatio as saturationW } from '../../sim/relations/psychrometrics.js';
import { type AhuConditions, ahuAir, COIL_APPROACH_K, enthalpy, humidityRatioFromWetBulb, newAhuAir } from './ahu-coil.js';

const base: AhuConditions = {
  ratedCfm: 20_000,
  vfd: true,
  minSpeed: 0.4,
  load: 0.6,
  setpointC: 24,
  outdoorShare: 0.2,
  ambientC: 32,
  wetBulbC: 22,
  moistureGainW: 0.001,
};
const run = (c: Partial<AhuConditions>) => {
  const out = newAhuAir();
  ahuAir({ ...base, ...c }, out);
  return out;
};

describe('campus AHU air side', () => {
  it('psychrometrics agree with ASHRAE tables', () => {
    // saturation at 20 °C: 0.014758 kg/kg (Magnus: within 1 %); 30 °C dry bulb, 20 °C wet bulb: about 0.0106; h(25 °C, 0.01) = 50.6 kJ/kg
    expect(Math.abs(saturationW(20) / 0.014758 - 1)).toBeLessThan(0.01);
    expect(humidityRatioFromWetBulb(30, 20)).toBeCloseTo(0.0106, 3);
    expect(enthalpy(25, 0.01)).toBeCloseTo(50.6, 0);
    // a wet bulb equal to the dry bulb is saturated air
    expect(humidityRatioFromWetBulb(25, 25)).toBeCloseTo(saturationW(25), 6);
  });

  it('mixes between return and outdoor air, holds the space, and the coil takes the enthalpy the airflow sheds', () => {
    const a = run({});
    expect(a.spaceC).toBeCloseTo(24, 9);
    expect(a.mixedC).toBeGreaterThan(a.returnC);
    expect(a.mixedC).toBeCloseTo(a.returnC + 0.2 * (32 - a.returnC), 9);
    // sensible part alone: ρ·V̇·cp·(MAT − SAT); the coil's duty adds the latent part, never less
    const flow = 20_000 * 0.000471947 * 1.2 * a.speed;
    expect(a.coilKw).toBeGreaterThan(flow * 1.006 * (a.mixedC - a.supplyC));
    expect(a.valve).toBeCloseTo((100 * a.coilKw) / a.designKw, 9);
    // the VAV fan carries the space load at the reset discharge: ρ·V̇·cp·(space − SAT) = the load
    expect(flow * 1.006 * (a.spaceC - a.supplyC)).toBeCloseTo(0.6 * 20_000 * 0.000471947 * 1.2 * 1.006 * (24 - 13), 6);
  });

  it('resets the discharge and opens the valve with load; wide open past design the discharge and space run warm', () => {
    const light = run({ load: 0.2 });
    const heavy = run({ load: 0.9 });
    expect(light.supplyC).toBeGreaterThan(heavy.supplyC);
    expect(light.speed).toBe(0.4);
    expect(heavy.valve).toBeGreaterThan(light.valve);
    expect(heavy.speed).toBeGreaterThan(light.speed);
    // humid outdoor air loads the coil more at the same dry bulb
    expect(run({ wetBulbC: 27 }).valve).toBeGreaterThan(run({ wetBulbC: 20 }).valve);
    const over = run({ load: 1.3, ambientC: 40, wetBulbC: 28, outdoorShare: 0.6 });
    expect(over.valve).toBe(100);
    expect(over.supplyC).toBeGreaterThan(13.01);
    expect(over.spaceC).toBeGreaterThan(24.01);
  });

  it('a constant-volume handler runs full speed and floats its discharge with the load', () => {
    const light = run({ vfd: false, load: 0.3 });
    const heavy = run({ vfd: false, load: 0.9 });
    expect(light.speed).toBe(1);
    expect(light.supplyC).toBeGreaterThan(heavy.supplyC);
    expect(heavy.supplyC).toBeCloseTo(24 - 0.9 * 11, 9);
  });

  it('warm chilled water: the discharge no colder than the water + the approach, the valve wide open, the space warm', () => {
    const design = run({});
    // the design water changes nothing
    expect(run({ chwSupplyC: 7 })).toEqual(design);
    for (const chws of [9, 12, 16]) {
      const warm = run({ chwSupplyC: chws });
      expect(warm.supplyC).toBeGreaterThanOrEqual(chws + COIL_APPROACH_K - 1e-9);
      expect(warm.valve).toBe(100);
      expect(warm.spaceC).toBeGreaterThan(design.spaceC);
      expect(warm.coilKw).toBeLessThan(design.coilKw + 1e-9);
    }
    // the warmer the water, the warmer the space
    expect(run({ chwSupplyC: 16 }).spaceC).toBeGreaterThan(run({ chwSupplyC: 12 }).spaceC);
  });
});
