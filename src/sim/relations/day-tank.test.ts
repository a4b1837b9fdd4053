import { describe, expect, it } from 'vitest';
import { dayTankAfterRun, dayTankReading, dayTankRunning, TANK_HIGH_PCT, TANK_LOW_PCT, TRANSFER_PUMP_L_PER_MIN } from './day-tank.js';

describe('day tank', () => {
  it('falls at the burn rate from the high switch, and stays between the switches however long the run', () => {
    const cap = 1250;
    const lph = 135; // a 500 kW set at full load
    // 10 minutes burn 22.5 L: 1.8 % of the tank
    expect(dayTankRunning(lph, 10, cap)).toBeCloseTo(TANK_HIGH_PCT - (100 * 22.5) / cap, 9);
    let prev = dayTankRunning(lph, 0, cap);
    for (let m = 1; m <= 600; m++) {
      const level = dayTankRunning(lph, m, cap);
      expect(level).toBeGreaterThanOrEqual(TANK_LOW_PCT - 1e-9);
      expect(level).toBeLessThanOrEqual(TANK_HIGH_PCT + 1e-9);
      // a minute moves the level by the burn, or by the pump's fill less the burn
      const step = level - prev;
      expect(step).toBeGreaterThan(-(100 * lph) / 60 / cap - 1e-9);
      expect(step).toBeLessThan((100 * TRANSFER_PUMP_L_PER_MIN) / cap + 1e-9);
      prev = level;
    }
    // the low switch after burning one band; back at the high one when the pump (gross) has delivered that band
    // and what the engine burnt meanwhile
    const burnPerMin = (100 * lph) / 60 / cap;
    const pumpPerMin = (100 * TRANSFER_PUMP_L_PER_MIN) / cap;
    const drain = (TANK_HIGH_PCT - TANK_LOW_PCT) / burnPerMin;
    const refill = (TANK_HIGH_PCT - TANK_LOW_PCT) / (pumpPerMin - burnPerMin);
    expect(dayTankRunning(lph, drain, cap)).toBeCloseTo(TANK_LOW_PCT, 9);
    expect(dayTankRunning(lph, drain + refill / 2, cap)).toBeCloseTo((TANK_LOW_PCT + TANK_HIGH_PCT) / 2, 9);
    expect(pumpPerMin * refill).toBeCloseTo(TANK_HIGH_PCT - TANK_LOW_PCT + burnPerMin * refill, 9);
    expect(dayTankRunning(lph, 3 * (drain + refill) + 1, cap)).toBeCloseTo(TANK_HIGH_PCT - burnPerMin, 6);
  });

  it('is topped back up to the high switch after a run at the pump rate, and reads the fuel expanding with heat', () => {
    expect(dayTankAfterRun(84, 0, 1000)).toBe(84);
    expect(dayTankAfterRun(84, 1, 1000)).toBeCloseTo(87, 9);
    expect(dayTankAfterRun(84, 5, 1000)).toBe(TANK_HIGH_PCT);
    expect(dayTankReading(90, 30)).toBe(90);
    // diesel expands about 0.08 %/K: 10 K warmer reads 0.8 % more of the same fuel
    expect(dayTankReading(90, 40) / 90).toBeCloseTo(1.008, 9);
  });
});
