import { describe, expect, it } from 'vitest';
import { ATMOSPHERE_BAR } from './refrigerant-r134a.js';
import { foulingLiftK, newScrewCircuit, type ScrewCircuitInput, screwCircuit } from './screw-chiller-circuit.js';

const design = (over: Partial<ScrewCircuitInput> = {}): ScrewCircuitInput => ({
  running: true,
  load: 1,
  chwLeavingC: 7,
  cwLeavingC: 35,
  cwEnteringC: 29.5,
  fouling: 0,
  filterAge: 0,
  wobble: 0,
  unit: 0,
  chwStillC: 22,
  cwStillC: 30,
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

  it('stopped: equalised at the colder shell, EXV shut, no vibration, oil warm on its heater', () => {
    const c = screwCircuit(design({ running: false }), newScrewCircuit());
    expect(c.evapSatC).toBe(22);
    expect(c.condSatC).toBe(22);
    // 6.08 bar abs at 22 °C
    expect(c.evapPressureBar).toBeCloseTo(6.08 - ATMOSPHERE_BAR, 1);
    expect(c.condPressureBar).toBe(c.evapPressureBar);
    expect(c.exvPercent).toBe(0);
    expect(c.vibrationMmS).toBe(0);
    expect(c.oilDiffBar).toBe(0);
    expect(c.oilC).toBe(36);
    expect(c.dischargeC).toBe(31);
  });
});
