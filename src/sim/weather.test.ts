import { describe, expect, it } from 'vitest';
import { ProfileError } from '../errors.js';
import { LocalClock, allocLocalColumns, gridTimestamps } from '../time/clock.js';
import { holidayCalendar } from '../time/holidays.js';
import { clearSkyHorizontal } from './solar.js';
import { WeatherModel, allocWeatherColumns } from './weather.js';
import { NEW_YORK_NORMALS, type WeatherNormals } from './weather-normals.js';

const NY = 'America/New_York';
const MIN = 60_000;
const _DAY = 86_400_000;
const utc = (y: number, mo: number, d: number, h = 0): number => Date.UTC(y, mo - 1, d, h);

interface DayStats {
  month: number;
  max: number;
  min: number;
  hourOfMax: number;
  hourOfMin: number;
  hourOfRhMax: number;
  mean: number;
  dewRange: number;
  rh06: number;
  rh15: number;
}

/** Simulates New York every 30 min for 20 years and summarises each complete local day. */
function simulate(seed: number): DayStats[] {
  const clock = new LocalClock(NY);
  const ts = gridTimestamps(clock.fromLocalMs(utc(2001, 1, 1)), clock.fromLocalMs(utc(2021, 1, 1)), 30 * MIN, 0);
  const local = allocLocalColumns(ts.length);
  clock.fill(ts, local, holidayCalendar('none'));
  const w = allocWeatherColumns(ts.length);
  new WeatherModel(NEW_YORK_NORMALS, seed).fill(ts, w);
  const days: DayStats[] = [];
  let k = 0;
  while (k < ts.length) {
    const day = local.dayIndex[k];
    const s: DayStats = {
      month: local.month[k],
      max: -Infinity,
      min: Infinity,
      hourOfMax: 0,
      hourOfMin: 0,
      hourOfRhMax: 0,
      mean: 0,
      dewRange: 0,
      rh06: NaN,
      rh15: NaN,
    };
    let rhMax = -1;
    let dewMax = -Infinity;
    let dewMin = Infinity;
    let n = 0;
    for (; k < ts.length && local.dayIndex[k] === day; k++, n++) {
      const t = w.dryBulbF[k];
      const h = local.hour[k];
      if (t > s.max) [s.max, s.hourOfMax] = [t, h];
      if (t < s.min) [s.min, s.hourOfMin] = [t, h];
      if (w.relHumidity[k] > rhMax) [rhMax, s.hourOfRhMax] = [w.relHumidity[k], h];
      if (h === 6) s.rh06 = w.relHumidity[k];
      if (h === 15) s.rh15 = w.relHumidity[k];
      dewMax = Math.max(dewMax, w.dewPointF[k]);
      dewMin = Math.min(dewMin, w.dewPointF[k]);
      s.mean += t;
    }
    s.mean /= n;
    s.dewRange = dewMax - dewMin;
    if (n >= 46) days.push(s); // DST days have 46 or 50 half-hours
  }
  return days;
}

const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]): number => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];

describe('WeatherModel (New York normals, 20 simulated years)', () => {
  const days = simulate(42);
  const byMonth = Array.from({ length: 12 }, (_, m) => days.filter((d) => d.month === m));

  it('reproduces the monthly mean daily high and low within 2 °F', () => {
    byMonth.forEach((ds, m) => {
      expect(Math.abs(mean(ds.map((d) => d.max)) - NEW_YORK_NORMALS.monthlyHighF[m]), `high, month ${m + 1}`).toBeLessThan(2);
      expect(Math.abs(mean(ds.map((d) => d.min)) - NEW_YORK_NORMALS.monthlyLowF[m]), `low, month ${m + 1}`).toBeLessThan(2);
    });
  });

  it('has its daily minimum around sunrise and its maximum mid-afternoon (local clock time)', () => {
    byMonth.forEach((ds, m) => {
      const hMin = median(ds.map((d) => d.hourOfMin));
      const hMax = median(ds.map((d) => d.hourOfMax));
      expect(hMin, `month ${m + 1}`).toBeGreaterThanOrEqual(4);
      expect(hMin, `month ${m + 1}`).toBeLessThanOrEqual(8);
      expect(hMax, `month ${m + 1}`).toBeGreaterThanOrEqual(13);
      expect(hMax, `month ${m + 1}`).toBeLessThanOrEqual(17);
    });
    // asymmetric: the rise (min → max) is shorter than the fall (max → next min)
    const rise = median(days.map((d) => d.hourOfMax - d.hourOfMin).filter((x) => x > 0));
    expect(rise).toBeLessThan(11);
  });

  it('has RH highest around dawn and lowest mid-afternoon, with a steady dew point', () => {
    const hRh = median(days.map((d) => d.hourOfRhMax));
    expect(hRh).toBeGreaterThanOrEqual(3);
    expect(hRh).toBeLessThanOrEqual(9);
    const pairs = days.filter((d) => !Number.isNaN(d.rh06) && !Number.isNaN(d.rh15));
    expect(mean(pairs.map((d) => d.rh06 - d.rh15))).toBeGreaterThan(15);
    // dew point moves much less within a day than the dry bulb does
    expect(median(days.map((d) => d.dewRange))).toBeLessThan(0.4 * median(days.map((d) => d.max - d.min)));
  });

  it('varies day to day by several °F, more in winter, with multi-day spells', () => {
    const diffs = days.slice(1).map((d, i) => d.mean - days[i].mean);
    expect(sd(diffs)).toBeGreaterThanOrEqual(3);
    const winter = days
      .slice(1)
      .filter((d) => d.month === 0)
      .map((d, _i) => d.mean - days[days.indexOf(d) - 1].mean);
    const summer = days
      .slice(1)
      .filter((d) => d.month === 6)
      .map((d) => d.mean - days[days.indexOf(d) - 1].mean);
    expect(sd(winter)).toBeGreaterThan(sd(summer));
    expect(sd(winter)).toBeGreaterThanOrEqual(4);
    // anomalies from the monthly mean persist: positive correlation three days apart
    const monthMean = byMonth.map((ds) => mean(ds.map((d) => d.mean)));
    const anomaly = days.map((d) => d.mean - monthMean[d.month]);
    expect(sd(anomaly)).toBeGreaterThanOrEqual(3);
    let c3 = 0;
    for (let i = 3; i < anomaly.length; i++) c3 += anomaly[i] * anomaly[i - 3];
    expect(c3 / (anomaly.length - 3) / sd(anomaly) ** 2).toBeGreaterThan(0.2);
  });

  it('keeps values physical: dew ≤ dry bulb − 0.5, RH in (0,100], cloud in [0,1], sun ≤ clear sky', () => {
    const ts = gridTimestamps(utc(2025, 1, 1), utc(2027, 1, 1), 15 * MIN, 0);
    const w = allocWeatherColumns(ts.length);
    new WeatherModel(NEW_YORK_NORMALS, 7).fill(ts, w);
    let cloudSum = 0;
    for (let k = 0; k < ts.length; k++) {
      if (!(w.dewPointF[k] <= w.dryBulbF[k] - 0.5)) throw new Error(`dew above dry bulb at ${k}`);
      if (!(w.relHumidity[k] > 0 && w.relHumidity[k] <= 100)) throw new Error(`RH ${w.relHumidity[k]}`);
      if (!(w.cloudCover[k] >= 0 && w.cloudCover[k] <= 1)) throw new Error(`cloud ${w.cloudCover[k]}`);
      const clear = clearSkyHorizontal(ts[k], NEW_YORK_NORMALS.latitude, NEW_YORK_NORMALS.longitude);
      if (!(w.solarGlobal[k] >= 0 && w.solarGlobal[k] <= clear)) throw new Error(`sun ${w.solarGlobal[k]} > ${clear}`);
      cloudSum += w.cloudCover[k];
    }
    expect(cloudSum / ts.length).toBeCloseTo(NEW_YORK_NORMALS.meanCloudCover ?? 0.5, 1);
    expect(Math.max(...w.solarGlobal)).toBeGreaterThan(800);
  });

  it('averages its cloud normal, clear or overcast, and keeps the normal days under any sky', () => {
    const ts = gridTimestamps(utc(2020, 1, 1), utc(2026, 1, 1), 60 * MIN, 0);
    const stats = [0.1, 0.5, 0.9].map((meanCloudCover) => {
      const w = allocWeatherColumns(ts.length);
      new WeatherModel({ ...NEW_YORK_NORMALS, meanCloudCover }, 5).fill(ts, w);
      // mean daily range over whole UTC days (New York's day lies within one)
      let range = 0;
      for (let k = 0; k < ts.length; k += 24) {
        const day = w.dryBulbF.subarray(k, k + 24);
        range += Math.max(...day) - Math.min(...day);
      }
      return { meanCloudCover, cloud: mean(Array.from(w.cloudCover)), range: range / (ts.length / 24) };
    });
    for (const s of stats) {
      // clipping at 0 and 1 once pulled a 0.1 sky to 0.19 and a 0.9 sky to 0.81
      expect(Math.abs(s.cloud - s.meanCloudCover), `sky ${s.meanCloudCover}`).toBeLessThan(0.02);
      // the diurnal range narrows with cloud above the sky's own mean, so every sky keeps the normals' range
      expect(Math.abs(s.range - stats[1].range), `sky ${s.meanCloudCover}`).toBeLessThan(0.3);
    }
  });

  it('lets clouds pass the sun minute by minute without changing how much sun a sky lets through', () => {
    const ts = gridTimestamps(utc(2026, 1, 1), utc(2028, 1, 1), MIN, 0);
    const sky = (cloudPassages: boolean) => {
      const w = allocWeatherColumns(ts.length);
      new WeatherModel({ ...NEW_YORK_NORMALS, meanCloudCover: 0.7, cloudPassages }, 11).fill(ts, w);
      return w.solarGlobal;
    };
    const [smooth, passing] = [sky(false), sky(true)];
    const clear = ts.map((t) => clearSkyHorizontal(t, NEW_YORK_NORMALS.latitude, NEW_YORK_NORMALS.longitude));
    const total = (g: Float64Array) => g.reduce((a, b) => a + b, 0);
    // the same energy over two years (Kasten–Czeplak's mean), within 3 %
    expect(Math.abs(total(passing) / total(smooth) - 1)).toBeLessThan(0.03);
    // never above the clear sky; the smooth sky moves by under 1 % of clear sky a minute, the passing one often
    // jumps by a third of it (the sun going in or out), and is sometimes out and sometimes in under the same cover
    let [aboveClear, smoothJumps, passingJumps, sunlit, shaded] = [0, 0, 0, 0, 0];
    for (let k = 1; k < ts.length; k++) {
      if (passing[k] > clear[k] + 1e-9) aboveClear++;
      if (clear[k] < 300) continue;
      if (Math.abs(smooth[k] - smooth[k - 1]) > 0.01 * clear[k] + 15) smoothJumps++;
      if (Math.abs(passing[k] - passing[k - 1]) > clear[k] / 3) passingJumps++;
      if (passing[k] > 0.9 * clear[k]) sunlit++;
      if (passing[k] < 0.5 * clear[k]) shaded++;
    }
    expect(aboveClear).toBe(0);
    expect(smoothJumps).toBe(0);
    expect(passingJumps).toBeGreaterThan(1000);
    expect(sunlit).toBeGreaterThan(0.1 * (sunlit + shaded));
    expect(shaded).toBeGreaterThan(0.1 * (sunlit + shaded));
  });

  it('changes smoothly: no steps at month boundaries or DST changes', () => {
    const ts = gridTimestamps(utc(2026, 1, 1), utc(2027, 1, 1), 15 * MIN, 0);
    const w = allocWeatherColumns(ts.length);
    new WeatherModel(NEW_YORK_NORMALS, 42).fill(ts, w);
    const steps = Array.from(w.dryBulbF.subarray(1), (v, i) => Math.abs(v - w.dryBulbF[i]));
    expect(Math.max(...steps)).toBeLessThan(2.5);
    // around the 2026 transitions (07:00Z Mar 8, 06:00Z Nov 1) the step is ordinary
    const typical = median(steps);
    for (const t of [utc(2026, 3, 8, 7), utc(2026, 11, 1, 6), utc(2026, 2, 1, 5), utc(2026, 7, 1, 4)]) {
      const k = ts.indexOf(t);
      expect(steps[k - 1]).toBeLessThan(4 * typical + 0.3);
    }
  });
});

describe('WeatherModel purity', () => {
  const ts = gridTimestamps(utc(2026, 3, 1), utc(2026, 4, 1), 5 * MIN, 0);

  it.each([
    ['a smooth sky', NEW_YORK_NORMALS],
    ['clouds passing the sun', { ...NEW_YORK_NORMALS, cloudPassages: true }],
  ])('gives identical arrays for one call and for three pieces filled in reverse order (%s)', (_, normals) => {
    const whole = allocWeatherColumns(ts.length);
    new WeatherModel(normals, 42).fill(ts, whole);
    const model = new WeatherModel(normals, 42);
    const cuts = [0, 1234, 5000, ts.length];
    const pieces = [2, 1, 0].map((i) => {
      const cols = allocWeatherColumns(cuts[i + 1] - cuts[i]);
      model.fill(ts.subarray(cuts[i], cuts[i + 1]), cols);
      return { from: cuts[i], cols };
    });
    for (const { from, cols } of pieces) {
      for (const key of ['dryBulbF', 'dewPointF', 'relHumidity', 'cloudCover', 'solarGlobal'] as const) {
        cols[key].forEach((v, i) => {
          if (!Object.is(v, whole[key][from + i])) throw new Error(`${key}[${from + i}] differs`);
        });
      }
    }
  });

  it('depends on the seed', () => {
    const a = allocWeatherColumns(ts.length);
    const b = allocWeatherColumns(ts.length);
    new WeatherModel(NEW_YORK_NORMALS, 1).fill(ts, a);
    new WeatherModel(NEW_YORK_NORMALS, 2).fill(ts, b);
    expect(a.dryBulbF.some((v, i) => Math.abs(v - b.dryBulbF[i]) > 3)).toBe(true);
  });
});

describe('WeatherModel input', () => {
  it('derives a dew point from the lows when none is given', () => {
    const { monthlyDewPointF: _omit, ...noDew } = NEW_YORK_NORMALS;
    const ts = gridTimestamps(utc(2026, 7, 1), utc(2026, 8, 1), 60 * MIN, 0);
    const w = allocWeatherColumns(ts.length);
    new WeatherModel(noDew, 3).fill(ts, w);
    const avgDew = mean(Array.from(w.dewPointF));
    expect(avgDew).toBeGreaterThan(50);
    expect(avgDew).toBeLessThan(70);
  });

  it('rejects bad normals with a ProfileError naming every field', () => {
    const bad: WeatherNormals = { ...NEW_YORK_NORMALS, monthlyHighF: [1, 2, 3], frontPeriodDays: 0, latitude: 123 };
    expect(() => new WeatherModel(bad, 1)).toThrow(ProfileError);
    try {
      new WeatherModel(bad, 1);
    } catch (e) {
      const paths = (e as ProfileError).problems.map((p) => p.path);
      expect(paths).toEqual(['weather.monthlyHighF', 'weather.frontPeriodDays', 'weather.latitude']);
      expect((e as Error).message).toMatch(/expected 12 monthly values/);
    }
  });
});
