// The weather model's statistics against New York's observed climate (NOAA 1991–2020 normals and
// records for Central Park, ASHRAE design conditions for Central Park/LaGuardia), over 4 seeds × 25
// years of hourly values. Tolerances cover both sampling noise and the spread between the stations.
import { describe, expect, it } from 'vitest';
import { LocalClock, MS_PER_HOUR, MS_PER_MINUTE, allocLocalColumns, gridTimestamps } from '../time/clock.js';
import { holidayCalendar } from '../time/holidays.js';
import { wetBulbF } from './relations/psychrometrics.js';
import { WeatherModel, allocWeatherColumns, type WeatherColumns } from './weather.js';
import { NEW_YORK_NORMALS } from './weather-normals.js';

const YEARS = 25;
const SEEDS = [1, 2, 3, 77];
const clock = new LocalClock('America/New_York');
const midnight = (y: number, m: number): number => clock.fromLocalMs(Date.UTC(y, m, 1));

interface Day {
  year: number;
  month: number;
  high: number;
  low: number;
  mean: number;
}

function hourly(seed: number, from: number, to: number, stepMs = MS_PER_HOUR): { w: WeatherColumns; month: Uint8Array; days: Day[] } {
  const ts = gridTimestamps(from, to, stepMs, 0);
  const local = allocLocalColumns(ts.length);
  clock.fill(ts, local, holidayCalendar('none'));
  const w = allocWeatherColumns(ts.length);
  new WeatherModel(NEW_YORK_NORMALS, seed).fill(ts, w);
  const days: Day[] = [];
  let start = 0;
  for (let k = 1; k <= ts.length; k++) {
    if (k < ts.length && local.dayIndex[k] === local.dayIndex[start]) continue;
    const temps = w.dryBulbF.subarray(start, k);
    const year = new Date(ts[start] + 12 * MS_PER_HOUR).getUTCFullYear();
    days.push({ year, month: local.month[start], high: Math.max(...temps), low: Math.min(...temps), mean: mean(temps) });
    start = k;
  }
  return { w, month: local.month, days };
}

const mean = (a: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum / a.length;
};
const sd = (a: number[]): number => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
const quantile = (a: ArrayLike<number>, q: number): number => Float64Array.from(a).sort()[Math.floor(q * (a.length - 1))];
const longestRun = (flags: boolean[]): number =>
  flags.reduce(([run, best], f) => [f ? run + 1 : 0, Math.max(best, f ? run + 1 : 0)], [0, 0])[1];

describe('WeatherModel climate (New York, 4 seeds × 25 years, hourly)', () => {
  const runs = SEEDS.map((seed) => hourly(seed, midnight(2001, 0), midnight(2001 + YEARS, 0)));
  const days = runs.flatMap((r) => r.days);
  /** one value per station-year from that year's days (optionally only some months) */
  const perYear = (f: (ds: Day[]) => number, months?: number[]): number[] =>
    runs.flatMap((r) =>
      Array.from({ length: YEARS }, (_, i) => f(r.days.filter((d) => d.year === 2001 + i && (!months || months.includes(d.month))))),
    );
  const hours = (pick: (w: WeatherColumns, k: number) => number, months?: number[]): number[] => {
    const out: number[] = [];
    for (const r of runs) for (let k = 0; k < r.month.length; k++) if (!months || months.includes(r.month[k])) out.push(pick(r.w, k));
    return out;
  };

  it('matches the NOAA monthly mean daily high and low within 1.5 °F', () => {
    for (let m = 0; m < 12; m++) {
      const ds = days.filter((d) => d.month === m);
      expect(Math.abs(mean(ds.map((d) => d.high)) - NEW_YORK_NORMALS.monthlyHighF[m]), `high, month ${m + 1}`).toBeLessThan(1.5);
      expect(Math.abs(mean(ds.map((d) => d.low)) - NEW_YORK_NORMALS.monthlyLowF[m]), `low, month ${m + 1}`).toBeLessThan(1.5);
    }
  });

  it('has summers calmer than winters: daily highs spread ~5–6 °F in July, ~10 °F in January', () => {
    const spread = (m: number) => sd(days.filter((d) => d.month === m).map((d) => d.high));
    expect(spread(6)).toBeGreaterThan(4);
    expect(spread(6)).toBeLessThan(7.5);
    expect(spread(0)).toBeGreaterThan(8);
    expect(spread(0)).toBeLessThan(12.5);
  });

  it('has 3–9 July days ≥ 90 °F a year, heat waves as multi-day but rare events', () => {
    expect(mean(perYear((ds) => ds.filter((d) => d.high >= 90).length, [6]))).toBeGreaterThanOrEqual(3);
    expect(mean(perYear((ds) => ds.filter((d) => d.high >= 90).length, [6]))).toBeLessThanOrEqual(9);
    const runsOf90 = perYear((ds) => longestRun(ds.map((d) => d.high >= 90)), [6]);
    const share = (ok: (n: number) => boolean) => runsOf90.filter(ok).length / runsOf90.length;
    expect(share((n) => n >= 3)).toBeGreaterThan(0.2); // three-day heat waves most summers…
    expect(share((n) => n >= 3)).toBeLessThan(0.95);
    expect(share((n) => n >= 10)).toBeLessThan(0.05); // …ten days in a row about once in decades
    // the mean hottest day of the year is about 97 °F, the record 106 °F
    expect(mean(perYear((ds) => Math.max(...ds.map((d) => d.high))))).toBeGreaterThan(93);
    expect(mean(perYear((ds) => Math.max(...ds.map((d) => d.high))))).toBeLessThan(100);
  });

  it('keeps summer nights below 80 °F but for rare exceptions (record high minimum 87 °F)', () => {
    expect(mean(perYear((ds) => ds.filter((d) => d.low >= 80).length))).toBeLessThan(1);
    const warmestNight = perYear((ds) => Math.max(...ds.map((d) => d.low)));
    expect(mean(warmestNight)).toBeGreaterThan(74);
    expect(mean(warmestNight)).toBeLessThan(82);
    expect(Math.max(...warmestNight)).toBeLessThan(90);
  });

  it('has cold snaps in winter: January highs ≤ 32 °F on ~4–10 days, lows rarely below 0 °F', () => {
    const freezingDays = mean(perYear((ds) => ds.filter((d) => d.high <= 32).length, [0]));
    expect(freezingDays).toBeGreaterThan(3);
    expect(freezingDays).toBeLessThan(11);
    expect(mean(perYear((ds) => ds.filter((d) => d.high <= 20).length, [11, 0, 1]))).toBeGreaterThan(0.3);
    const coldest = perYear((ds) => Math.min(...ds.map((d) => d.low)));
    expect(mean(coldest)).toBeGreaterThan(0); // mean coldest night of the year ≈ 8 °F
    expect(mean(coldest)).toBeLessThan(16);
    expect(coldest.filter((t) => t < 0).length / coldest.length).toBeLessThan(0.2);
  });

  it('meets the ASHRAE design conditions of New York: 0.4 % dry bulb, wet bulb and 99.6 % heating', () => {
    const dry = hours((w, k) => w.dryBulbF[k]);
    const wet = hours((w, k) => wetBulbF(w.dryBulbF[k], w.relHumidity[k]));
    expect(quantile(dry, 0.996)).toBeGreaterThan(89); // ASHRAE 91–92 °F
    expect(quantile(dry, 0.996)).toBeLessThan(95);
    expect(quantile(wet, 0.996)).toBeGreaterThan(74); // ASHRAE 76–77 °F
    expect(quantile(wet, 0.996)).toBeLessThan(79);
    expect(quantile(dry, 0.004)).toBeGreaterThan(8); // ASHRAE 13–15 °F
    expect(quantile(dry, 0.004)).toBeLessThan(19);
  });

  it('keeps dew points below the dry bulb, mostly 55–72 °F in summer and low in winter', () => {
    const summerDew = hours((w, k) => w.dewPointF[k], [6, 7]);
    expect(quantile(summerDew, 0.1)).toBeGreaterThan(50);
    expect(quantile(summerDew, 0.9)).toBeLessThan(73);
    expect(summerDew.filter((d) => d > 75).length / summerDew.length).toBeLessThan(0.01);
    expect(summerDew.every((d) => d < 82)).toBe(true);
    expect(
      quantile(
        hours((w, k) => w.dewPointF[k], [0]),
        0.5,
      ),
    ).toBeLessThan(25);
    expect(hours((w, k) => w.dryBulbF[k] - w.dewPointF[k]).every((spread) => spread >= 0)).toBe(true);
  });

  it('persists anomalies from day to day (lag-1 autocorrelation 0.5–0.85, as in the mid-latitudes)', () => {
    for (const r of runs) {
      const monthMean = Array.from({ length: 12 }, (_, m) => mean(r.days.filter((d) => d.month === m).map((d) => d.mean)));
      const anomaly = r.days.map((d) => d.mean - monthMean[d.month]);
      const lag1 = mean(anomaly.slice(1).map((a, i) => a * anomaly[i])) / mean(anomaly.map((a) => a * a));
      expect(lag1).toBeGreaterThan(0.5);
      expect(lag1).toBeLessThan(0.85);
    }
  });

  it('moves smoothly at 1-minute resolution (a few hundredths of a °F a minute, no jumps)', () => {
    for (const month of [0, 6]) {
      const { w } = hourly(1, midnight(2025, month), midnight(2025, month + 1), MS_PER_MINUTE);
      const steps = w.dryBulbF.subarray(1).map((v, i) => Math.abs(v - w.dryBulbF[i]));
      expect(quantile(steps, 0.5)).toBeLessThan(0.05);
      expect(quantile(steps, 0.5)).toBeGreaterThan(0.003);
      expect(Math.max(...steps)).toBeLessThan(0.2);
    }
  });
});
