import { describe, expect, it } from 'vitest';
import { clearSkyHorizontal, clearSkyIrradiance, fillClearSky, solarAltitude, sunPosition } from './solar.js';

// Central Park, New York
const LAT = 40.78;
const LON = -73.97;
const MIN = 60_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);

/** The UTC minute of the day's highest sun. */
function solarNoon(dayStart: number): { t: number; altitude: number } {
  let best = { t: 0, altitude: -90 };
  for (let t = dayStart; t < dayStart + 86_400_000; t += MIN) {
    const a = solarAltitude(t, LAT, LON);
    if (a > best.altitude) best = { t, altitude: a };
  }
  return best;
}

describe('sun position', () => {
  it('reaches 90° − latitude + declination at solar noon', () => {
    // declination ≈ +23.44° at the June solstice, −23.44° at the December one, ≈ 0 at the equinox
    expect(solarNoon(utc(2026, 6, 21)).altitude).toBeCloseTo(90 - LAT + 23.44, 0);
    expect(solarNoon(utc(2026, 12, 21)).altitude).toBeCloseTo(90 - LAT - 23.44, 0);
    expect(Math.abs(solarNoon(utc(2026, 3, 20)).altitude - (90 - LAT))).toBeLessThan(0.6);
  });

  it('puts solar noon where the equation of time says (−1.7 min late June, +16.4 min early November)', () => {
    // solar noon (UTC minutes) = 720 − 4·longitude − EoT
    const june = (solarNoon(utc(2026, 6, 21)).t - utc(2026, 6, 21)) / MIN;
    expect(Math.abs(june - (720 - 4 * LON + 1.7))).toBeLessThan(1.5);
    const november = (solarNoon(utc(2026, 11, 3)).t - utc(2026, 11, 3)) / MIN;
    expect(Math.abs(november - (720 - 4 * LON - 16.4))).toBeLessThan(1.5);
  });

  it('is at the horizon at published sunrise/sunset (New York, 21 June 2026: 05:25 and 20:31 EDT)', () => {
    // sunrise/sunset are defined at a geometric altitude of −0.83° (refraction + solar radius)
    expect(solarAltitude(utc(2026, 6, 21, 9, 25), LAT, LON)).toBeGreaterThan(-1.6);
    expect(solarAltitude(utc(2026, 6, 21, 9, 25), LAT, LON)).toBeLessThan(0);
    expect(solarAltitude(utc(2026, 6, 22, 0, 31), LAT, LON)).toBeGreaterThan(-1.6);
    expect(solarAltitude(utc(2026, 6, 22, 0, 31), LAT, LON)).toBeLessThan(0);
  });

  it('rises in the north-east in June, stands south at noon, sets north-west', () => {
    const rise = sunPosition(utc(2026, 6, 21, 9, 25), LAT, LON).azimuthDeg;
    expect(rise).toBeGreaterThan(50);
    expect(rise).toBeLessThan(65);
    expect(sunPosition(solarNoon(utc(2026, 6, 21)).t, LAT, LON).azimuthDeg).toBeCloseTo(180, 0);
    const set = sunPosition(utc(2026, 6, 22, 0, 31), LAT, LON).azimuthDeg;
    expect(set).toBeGreaterThan(295);
    expect(set).toBeLessThan(310);
  });
});

describe('clear-sky irradiance (ASHRAE model)', () => {
  it('matches the hand-worked June-21 noon value: A·e^(−B/sin β)·(sin β + C)', () => {
    const noon = solarNoon(utc(2026, 6, 21));
    const sinB = Math.sin((noon.altitude * Math.PI) / 180);
    const expected = 1088 * Math.exp(-0.205 / sinB) * (sinB + 0.134); // June table row
    expect(clearSkyHorizontal(noon.t, LAT, LON) / expected).toBeCloseTo(1, 2);
    expect(expected).toBeGreaterThan(900);
    expect(expected).toBeLessThan(1000);
  });

  it('is zero at night on every surface', () => {
    const v = clearSkyIrradiance(utc(2026, 6, 21, 5), LAT, LON);
    expect([v.horizontal, v.north, v.east, v.south, v.west, v.directNormal]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('lights east facades in the morning and west ones in the afternoon', () => {
    const morning = clearSkyIrradiance(utc(2026, 9, 15, 13), LAT, LON); // 09:00 EDT
    const afternoon = clearSkyIrradiance(utc(2026, 9, 15, 20), LAT, LON); // 16:00 EDT
    expect(morning.east).toBeGreaterThan(2 * morning.west);
    expect(afternoon.west).toBeGreaterThan(2 * afternoon.east);
    expect(afternoon.south).toBeGreaterThan(afternoon.north);
  });

  it('gives the south facade more than the roof at a low winter noon sun', () => {
    const v = clearSkyIrradiance(solarNoon(utc(2026, 12, 21)).t, LAT, LON);
    expect(v.south).toBeGreaterThan(v.horizontal);
    expect(v.north).toBeLessThan(0.25 * v.south);
  });

  it('lets the June sun reach the north facade early in the morning only', () => {
    const early = clearSkyIrradiance(utc(2026, 6, 21, 10, 30), LAT, LON); // 06:30 EDT, sun in the NE
    const noon = clearSkyIrradiance(solarNoon(utc(2026, 6, 21)).t, LAT, LON);
    const noonDiffuseOnly = noon.north;
    expect(early.north).toBeGreaterThan(noonDiffuseOnly);
    // at noon the north face sees only sky and ground: well under the direct beam
    expect(noon.north).toBeLessThan(0.3 * noon.directNormal);
  });

  it('fills columns identical to the scalar function', () => {
    const ts = Float64Array.from({ length: 96 }, (_, k) => utc(2026, 4, 10) + k * 15 * MIN);
    const cols = {
      horizontal: new Float64Array(96),
      north: new Float64Array(96),
      east: new Float64Array(96),
      south: new Float64Array(96),
      west: new Float64Array(96),
    };
    fillClearSky(ts, LAT, LON, cols);
    ts.forEach((t, k) => {
      const v = clearSkyIrradiance(t, LAT, LON);
      expect([cols.horizontal[k], cols.north[k], cols.east[k], cols.south[k], cols.west[k]]).toEqual([
        v.horizontal,
        v.north,
        v.east,
        v.south,
        v.west,
      ]);
      expect(cols.horizontal[k]).toBe(clearSkyHorizontal(t, LAT, LON));
    });
  });
});
