import { describe, expect, it } from 'vitest';
import { linkeClearSkyHorizontal } from './linke-clear-sky.js';
import { clearSkyHorizontal, solarAltitude } from './solar.js';

// Pune, the March equinox's local noon (06:37 UTC)
const [LAT, LON] = [18.5, 73.86];
const NOON = Date.parse('2025-03-20T06:37:00Z');

describe('Ineichen–Perez clear sky', () => {
  it('matches the hand-worked noon value: 0.868 · I0 · cos z · exp(−0.0387 · AM · T_L) at sea level', () => {
    const sinAlt = Math.sin((solarAltitude(NOON, LAT, LON) * Math.PI) / 180);
    // Kasten–Young air mass 1/cos z within 0.1 % this high; I0 = 1367 W/m² · 1.0086 (Earth–Sun distance on 20 March)
    const byHand = 0.868 * 1367 * 1.0086 * sinAlt * Math.exp(-0.0387 * (1 / sinAlt) * 4);
    expect(linkeClearSkyHorizontal(NOON, LAT, LON, 4, 0) / byHand).toBeCloseTo(1, 2);
  });

  it('dims with haze, brightens with height, is 0 with the sun down, and is the ASHRAE clear sky near T_L 2–3', () => {
    const at = (tl: number, h = 0) => linkeClearSkyHorizontal(NOON, LAT, LON, tl, h);
    expect(at(5)).toBeLessThan(at(4));
    expect(at(4)).toBeLessThan(at(3));
    expect(at(4, 640)).toBeGreaterThan(at(4));
    expect(linkeClearSkyHorizontal(NOON + 12 * 3_600_000, LAT, LON, 4, 0)).toBe(0);
    // ASHRAE's clear sky is one clean mid-latitude atmosphere
    const ashrae = clearSkyHorizontal(NOON, LAT, LON);
    expect(ashrae).toBeLessThan(at(2));
    expect(ashrae).toBeGreaterThan(at(3.5));
  });

  it('gives a hazy March day at Pune 6.3–7.2 kWh/m² of clear-sky sun (T_L 4.8 at 640 m)', () => {
    let wh = 0;
    const midnight = Date.parse('2025-03-15T00:00:00+05:30');
    for (let m = 0; m < 1440; m++) wh += linkeClearSkyHorizontal(midnight + m * 60_000, LAT, LON, 4.8, 640) / 60;
    expect(wh / 1000).toBeGreaterThan(6.3);
    expect(wh / 1000).toBeLessThan(7.2);
  });
});
