import { describe, expect, it } from 'vitest';
import { ATMOSPHERE_BAR } from './refrigerant-r134a.js';
import {
  chargeApproachK,
  foulingLiftK,
  newScrewCircuit,
  type ScrewCircuitInput,
  screwCircuit,
  screwStandstill,
} from './screw-chiller-circuit.js';

const design = (over: Partial<ScrewCircuitInput> = {}): ScrewCircuitInput => ({
  load: 1,
  chwLeavingC: 7,
  cwLeavingC: 35,
  cwEnteringC: 29.5,
  fouling: 0,
  filterAge: 0,
  wobble: 0,
  unit: 0,
  chargeLoss: 0,
  onMinutes: Number.POSITIVE_INFINITY,
  offBeforeMinutes: Number.POSITIVE_INFINITY,
  plantRoomC: 31,
  ...over,
});

describe('screw chiller refrigerant circuit', () => {
  it('at full load and AHRI water: evaporating 5.3 °C (2.52 bar g), condensing 36.8 °C (8.34 bar g)', () => {
    const c = screwCircuit(design(), newScrewCircuit());
    expect(c.evapSatC).toBeCloseTo(5.3, 10); // 7 − (0.4 + 1.3)
    expect(c.condSatC).toBeCloseTo(36.8, 10); // 35 + (0.3 + 1.5)
    // R-134a table: 3.53 bar abs at 5.3 °C, 9.33 bar abs at 36.8 °C
    expect(c.evapPressureBar).toBeCloseTo(3.53 - ATMOSPHERE_BAR, 1);
    expect(c.condPressureBar).toBeCloseTo(9.33 - ATMOSPHERE_BAR, 1);
    expect(c.suctionSuperheatK).toBeCloseTo(3.2, 10);
    // 10 + 0.3 × 31.5 K of lift above condensing
    expect(c.dischargeC).toBeCloseTo(36.8 + 10 + 0.3 * 31.5, 10);
    expect(c.subcoolingK).toBeCloseTo(5.5, 10);
    expect(c.oilDiffBar).toBeCloseTo(c.condPressureBar - c.evapPressureBar - 0.25, 10);
  });

  it('fouled condenser tubes raise the condensing temperature and pressure by the fouling lift', () => {
    const clean = screwCircuit(design(), newScrewCircuit());
    const fouled = screwCircuit(design({ fouling: 1 }), newScrewCircuit());
    expect(fouled.condSatC - clean.condSatC).toBeCloseTo(foulingLiftK(1, 1), 10);
    expect(foulingLiftK(1, 1)).toBeCloseTo(1.5, 10);
    expect(fouled.condPressureBar).toBeGreaterThan(clean.condPressureBar + 0.3);
    expect(fouled.evapSatC).toBe(clean.evapSatC);
  });

  it('opens the EXV with load and with a smaller pressure difference (cold condenser water)', () => {
    const half = screwCircuit(design({ load: 0.5 }), newScrewCircuit()).exvPercent;
    const full = screwCircuit(design(), newScrewCircuit()).exvPercent;
    const winter = screwCircuit(design({ cwLeavingC: 24, cwEnteringC: 19 }), newScrewCircuit()).exvPercent;
    expect(full).toBeGreaterThan(half);
    expect(winter).toBeGreaterThan(full);
    expect(winter).toBeLessThanOrEqual(100);
  });

  it('short of charge: colder evaporating, more superheat, wider EXV, less subcooling', () => {
    const full = screwCircuit(design({ load: 0.7 }), newScrewCircuit());
    const short = screwCircuit(design({ load: 0.7, chargeLoss: 0.3 }), newScrewCircuit());
    // the approach grows by 3 × 30 % of its 1.31 K
    expect(full.evapSatC - short.evapSatC).toBeCloseTo(chargeApproachK(0.7, 0.3), 10);
    expect(chargeApproachK(0.7, 0.3)).toBeCloseTo(1.31 * 0.9, 10);
    expect(short.suctionSuperheatK - full.suctionSuperheatK).toBeGreaterThan(3);
    expect(short.exvPercent).toBeGreaterThan(full.exvPercent * 1.5);
    expect(short.subcoolingK).toBeLessThan(full.subcoolingK * 0.5);
    expect(short.subcoolingK).toBeGreaterThan(0);
  });

  it('stopped: each shell settles to its water, approaches and subcooling fade to 0, EXV shut, metal to the room', () => {
    const last = screwCircuit(design(), newScrewCircuit());
    const at = (offMinutes: number) =>
      screwStandstill(last, { evapWaterC: 12, condWaterC: 33, plantRoomC: 31, offMinutes }, newScrewCircuit());
    const now = at(0);
    expect(now.dischargeC).toBeCloseTo(last.dischargeC, 10);
    const later = at(600);
    expect(later.evapSatC).toBeCloseTo(12, 3);
    expect(later.condSatC).toBeCloseTo(33, 3);
    // 4.43 bar abs at 12 °C
    expect(later.evapPressureBar).toBeCloseTo(4.43 - ATMOSPHERE_BAR, 1);
    expect(later.subcoolingK).toBeCloseTo(0, 3);
    expect(later.suctionSuperheatK).toBeCloseTo((12 + 31) / 2 - 12, 2);
    expect(later.dischargeC).toBeCloseTo(31, 2);
    expect(later.oilC).toBeCloseTo(35, 1);
    for (const c of [now, at(5), later]) {
      expect(c.exvPercent).toBe(0);
      expect(c.vibrationMmS).toBe(0);
      expect(c.evapSatC).toBeLessThanOrEqual(12);
      expect(c.condSatC).toBeGreaterThanOrEqual(33);
      expect(c.subcoolingK).toBeGreaterThanOrEqual(0);
    }
  });
});
