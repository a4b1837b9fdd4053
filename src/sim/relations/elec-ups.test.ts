import { describe, expect, it } from 'vitest';
import {
  END_V_PER_CELL,
  FLOAT_V_PER_CELL,
  newUpsBattery,
  TEST_PASS_V_PER_CELL,
  upsBattery,
  upsCarries,
  upsCellVolts,
  upsEfficiency,
} from './elec-ups.js';

describe('UPS efficiency (IEC 62040-3 double conversion)', () => {
  it('passes the typical curve: 90 % at 10 %, 94 % at 25 %, 95.5 % at 50 %, 96 % at 100 %', () => {
    expect(upsEfficiency(0.1)).toBeCloseTo(0.9, 3);
    expect(upsEfficiency(0.25)).toBeCloseTo(0.94, 2);
    expect(upsEfficiency(0.5)).toBeCloseTo(0.955, 3);
    expect(upsEfficiency(1)).toBeCloseTo(0.96, 3);
    expect(upsEfficiency(0)).toBe(0);
  });

  it('rises with load to a flat top', () => {
    let prev = 0;
    for (let l = 0.02; l <= 0.8; l += 0.02) {
      expect(upsEfficiency(l)).toBeGreaterThan(prev);
      prev = upsEfficiency(l);
    }
  });
});

describe('UPS battery', () => {
  const b = newUpsBattery();
  const cells = 192;

  it('floats at 2.25 V/cell when charged, with a small charge current', () => {
    upsBattery(cells, 200, 15, 120, 0, 10_000, 100, 1, b);
    expect(b.voltageV).toBeCloseTo(cells * FLOAT_V_PER_CELL, 9);
    expect(b.chargePct).toBeCloseTo(100, 6);
    expect(b.currentA).toBeLessThan(0);
    expect(b.currentA).toBeGreaterThan(-2);
  });

  it('autonomy at full load is the sized figure; Peukert stretches half load to 15·2^1.2 = 34.5 min', () => {
    upsBattery(cells, 200, 15, 200, 0, 10_000, 100, 1, b);
    expect(b.runtimeMin).toBeCloseTo(15, 3);
    upsBattery(cells, 200, 15, 100, 0, 10_000, 100, 1, b);
    expect(b.runtimeMin).toBeCloseTo(34.46, 1);
  });

  it('runtime falls with load, with time on battery and with health', () => {
    let prev = Number.POSITIVE_INFINITY;
    for (const kw of [20, 50, 100, 150, 200]) {
      upsBattery(cells, 200, 15, kw, 1, 0, 100, 1, b);
      expect(b.runtimeMin).toBeLessThan(prev);
      prev = b.runtimeMin;
    }
    prev = Number.POSITIVE_INFINITY;
    let prevV = Number.POSITIVE_INFINITY;
    for (const m of [0.5, 2, 5, 10, 14]) {
      upsBattery(cells, 200, 15, 200, m, 0, 100, 1, b);
      expect(b.runtimeMin).toBeLessThan(prev);
      expect(b.voltageV).toBeLessThan(prevV);
      expect(b.currentA).toBeGreaterThan(0);
      prev = b.runtimeMin;
      prevV = b.voltageV;
    }
    upsBattery(cells, 200, 15, 200, 2, 0, 100, 1, b);
    const healthy = { ...b };
    upsBattery(cells, 200, 15, 200, 2, 0, 100, 0.6, b);
    expect(b.runtimeMin).toBeLessThan(healthy.runtimeMin);
    expect(b.voltageV).toBeLessThan(healthy.voltageV);
  });

  it('ends a full-load discharge at 1.75 V/cell, starting near 1.96', () => {
    upsBattery(cells, 200, 15, 200, 1e-6, 0, 100, 1, b);
    expect(b.voltageV / cells).toBeCloseTo(1.96, 2);
    upsBattery(cells, 200, 15, 200, 15, 0, 100, 1, b);
    expect(b.voltageV / cells).toBeCloseTo(1.75, 6);
    expect(b.chargePct).toBeCloseTo(0, 9);
    expect(b.runtimeMin).toBe(0);
  });

  it('recharges monotonically after a discharge to 30 %, current-limited then tapering', () => {
    let prev = 0;
    let prevI = Number.NEGATIVE_INFINITY;
    for (const m of [0, 60, 300, 400, 600, 900, 1500]) {
      upsBattery(cells, 200, 15, 100, 0, m, 30, 1, b);
      expect(b.chargePct).toBeGreaterThanOrEqual(prev);
      expect(b.currentA).toBeGreaterThanOrEqual(prevI); // charge current (negative) shrinks toward float
      prev = b.chargePct;
      prevI = b.currentA;
    }
    upsBattery(cells, 200, 15, 100, 0, 0, 30, 1, b);
    expect(b.chargePct).toBe(30);
    expect(b.voltageV).toBeLessThan(cells * FLOAT_V_PER_CELL);
  });
});

describe('a worn UPS string', () => {
  const b = newUpsBattery();
  const cells = 240;

  it('estimates its runtime in proportion to the capacity left (same load, same charge)', () => {
    upsBattery(cells, 100, 15, 35, 0, 10_000, 100, 1, b);
    const healthy = b.runtimeMin;
    upsBattery(cells, 100, 15, 35, 0, 10_000, 100, 0.45, b);
    expect(b.runtimeMin / healthy).toBeCloseTo(0.45, 9);
  });

  it('sags under load by its internal resistance, rising as 1/health²', () => {
    // 2 minutes into a battery test at 35 % load: the drop below the healthy string is 0.1·0.35·(1/h² − 1) V/cell
    // (plus the slightly larger share of charge a smaller string has used by then)
    upsBattery(cells, 100, 15, 35, 2, 0, 100, 1, b);
    const healthy = b.voltageV / cells;
    upsBattery(cells, 100, 15, 35, 2, 0, 100, 0.6, b);
    const drop = healthy - b.voltageV / cells;
    expect(drop).toBeGreaterThan(0.1 * 0.35 * (1 / 0.36 - 1));
    expect(drop).toBeLessThan(0.1 * 0.35 * (1 / 0.36 - 1) + 0.02);
    expect(upsCellVolts(0.35, 1, 0)).toBeGreaterThan(TEST_PASS_V_PER_CELL);
    expect(upsCellVolts(0.35, 0.45, 0)).toBeLessThan(TEST_PASS_V_PER_CELL);
  });

  it('cannot take a load whose first sag reaches the low-DC cut-off: the inverter trips at once', () => {
    // the cut-off health at 35 % load: 2.06 − 0.1·0.35/h² = 1.75
    const edge = Math.sqrt((0.1 * 0.35) / (2.06 - END_V_PER_CELL));
    expect(upsCarries(0.35, edge * 1.01)).toBe(true);
    expect(upsCarries(0.35, edge * 0.99)).toBe(false);
    upsBattery(cells, 100, 15, 35, 0.1, 0, 100, edge * 0.99, b);
    expect(b.runtimeMin).toBe(0);
    expect(b.currentA).toBe(0);
    upsBattery(cells, 100, 15, 35, 0.1, 0, 100, edge * 1.01, b);
    expect(b.runtimeMin).toBeGreaterThan(0);
    expect(b.currentA).toBeGreaterThan(0);
  });
});
