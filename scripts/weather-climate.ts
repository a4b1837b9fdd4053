// Climate statistics of the weather model as the built-in office-tower profile configures it,
// next to New York's observed climate, over many years and several seeds (issue 10, point 1).
// Run: npx tsx scripts/weather-climate.ts [years=30] [seeds=1,2,3,4,5]
import { loadProfile } from '../src/profile/load-profile.js';
import { wetBulbF } from '../src/sim/relations/psychrometrics.js';
import { WeatherModel, allocWeatherColumns } from '../src/sim/weather.js';
import { LocalClock, MS_PER_HOUR, MS_PER_MINUTE, allocLocalColumns, gridTimestamps } from '../src/time/clock.js';
import { holidayCalendar } from '../src/time/holidays.js';

const years = Number(process.argv[2] ?? 30);
const seeds = (process.argv[3] ?? '1,2,3,4,5').split(',').map(Number);
const FIRST_YEAR = 2001;
const { profile } = await loadProfile('office-tower');
const normals = { ...profile.weather, latitude: profile.site.latitude, longitude: profile.site.longitude };
const clock = new LocalClock(profile.site.timeZone);
const localMidnight = (y: number, m: number, d: number): number => clock.fromLocalMs(Date.UTC(y, m, d));

interface Day {
  year: number;
  month: number;
  /** 0-based local day of the year */
  yearDay: number;
  high: number;
  low: number;
  mean: number;
}

interface Run {
  days: Day[];
  dry: Float64Array;
  dew: Float64Array;
  wet: Float64Array;
  month: Uint8Array;
}

/** Weather from `from` to `to` (local midnights) every `stepMs`, summarised per complete local day. */
function sample(seed: number, from: number, to: number, stepMs = MS_PER_HOUR): Run {
  const ts = gridTimestamps(from, to, stepMs, 0);
  const local = allocLocalColumns(ts.length);
  clock.fill(ts, local, holidayCalendar('none'));
  const w = allocWeatherColumns(ts.length);
  new WeatherModel(normals, seed).fill(ts, w);
  const days: Day[] = [];
  for (let k = 0; k < ts.length; ) {
    const start = k;
    let [high, low, sum] = [-Infinity, Infinity, 0];
    for (; k < ts.length && local.dayIndex[k] === local.dayIndex[start]; k++) {
      high = Math.max(high, w.dryBulbF[k]);
      low = Math.min(low, w.dryBulbF[k]);
      sum += w.dryBulbF[k];
    }
    const year = new Date(ts[start] + 12 * MS_PER_HOUR).getUTCFullYear();
    days.push({ year, month: local.month[start], yearDay: Math.floor(local.dayOfYear[start]), high, low, mean: sum / (k - start) });
  }
  const wet = w.dryBulbF.map((t, k) => wetBulbF(t, w.relHumidity[k]));
  return { days, dry: w.dryBulbF, dew: w.dewPointF, wet, month: local.month };
}

const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]): number => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
const pct = (a: ArrayLike<number>, p: number): number =>
  Array.from(a).sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
const maxOf = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => Math.max(x, y), -Infinity);
const f1 = (x: number): string => x.toFixed(1).padStart(6);
const longestRun = (flags: boolean[]): number => {
  let [run, best] = [0, 0];
  for (const f of flags) [run, best] = [f ? run + 1 : 0, Math.max(best, f ? run + 1 : 0)];
  return best;
};

function julyOf(seed: number, year: number): string {
  const r = sample(seed, localMidnight(year, 6, 1), localMidnight(year, 7, 1));
  const highs = r.days.map((d) => d.high);
  return [
    `seed ${seed}, July ${year}: days ≥ 90 °F ${highs.filter((h) => h >= 90).length}, longest run ${longestRun(highs.map((h) => h >= 90))},`,
    `days ≥ 99 °F ${highs.filter((h) => h >= 99).length}, max daily low ${f1(Math.max(...r.days.map((d) => d.low)))},`,
    `nights ≥ 80 °F ${r.days.filter((d) => d.low >= 80).length}, max wet bulb ${f1(maxOf(r.wet))}, max dew point ${f1(maxOf(r.dew))}`,
  ].join(' ');
}

const runs = seeds.map((seed) => sample(seed, localMidnight(FIRST_YEAR, 0, 1), localMidnight(FIRST_YEAR + years, 0, 1)));
const days = runs.flatMap((r) => r.days);
console.log(`${seeds.length} seeds × ${years} years (${FIRST_YEAR}–${FIRST_YEAR + years - 1}), hourly; profile office-tower weather`);
console.log(julyOf(1, 2025));

console.log('\nmonth   high normal    low normal  sd(high) sd(low)   [NY sd(high): Jan ~9.5, Apr ~10, Jul ~5.5, Oct ~8]');
for (let m = 0; m < 12; m++) {
  const ds = days.filter((d) => d.month === m);
  const row = [mean(ds.map((d) => d.high)), normals.monthlyHighF[m], mean(ds.map((d) => d.low)), normals.monthlyLowF[m]];
  console.log(`${String(m + 1).padStart(5)} ${row.map(f1).join(' ')}    ${f1(sd(ds.map((d) => d.high)))}  ${f1(sd(ds.map((d) => d.low)))}`);
}

/** One number per station-year. */
const perYear = (f: (ds: Day[]) => number, months?: number[]): number[] =>
  runs.flatMap((r) =>
    Array.from({ length: years }, (_, i) => f(r.days.filter((d) => d.year === FIRST_YEAR + i && (!months || months.includes(d.month))))),
  );
const count = (pick: (d: Day) => boolean, months?: number[]): number[] => perYear((ds) => ds.filter(pick).length, months);
const describe = (name: string, a: number[], ny: string): void =>
  console.log(`${name.padEnd(34)} mean ${f1(mean(a))}  p90 ${f1(pct(a, 90))}  max ${f1(maxOf(a))}   NY: ${ny}`);
console.log('\nper station-year');
describe(
  'July days ≥ 90 °F',
  count((d) => d.high >= 90, [6]),
  '5–6 typical',
);
describe(
  'July longest run ≥ 90 °F',
  perYear((ds) => longestRun(ds.map((d) => d.high >= 90)), [6]),
  'heat waves 3–5 days, rare',
);
describe(
  'days ≥ 90 °F (year)',
  count((d) => d.high >= 90),
  '~17',
);
describe(
  'days ≥ 99 °F (year)',
  count((d) => d.high >= 99),
  '< 1 (record 106)',
);
describe(
  'nights with low ≥ 80 °F (year)',
  count((d) => d.low >= 80),
  'rare, < 1',
);
describe(
  'max daily low (year)',
  perYear((ds) => Math.max(...ds.map((d) => d.low))),
  '~78–80, record 87',
);
describe(
  'max high (year)',
  perYear((ds) => Math.max(...ds.map((d) => d.high))),
  '~97',
);
describe(
  'Jan–Feb + Dec days high ≤ 20 °F',
  count((d) => d.high <= 20, [0, 1, 11]),
  '~2–4 a winter',
);
describe(
  'January days high ≤ 32 °F',
  count((d) => d.high <= 32, [0]),
  '~6–7',
);
describe(
  'min low (year)',
  perYear((ds) => Math.min(...ds.map((d) => d.low))),
  '~7, rarely < 0',
);

console.log('\nannual design conditions (hours of all station-years)');
const dry = Float64Array.from(runs.flatMap((r) => Array.from(r.dry)));
const dew = Float64Array.from(runs.flatMap((r) => Array.from(r.dew)));
const wet = Float64Array.from(runs.flatMap((r) => Array.from(r.wet)));
const db04 = pct(dry, 99.6);
console.log(
  `0.4 % dry bulb ${f1(db04)} (NY 91–92), mean coincident wet bulb ${f1(mean(wet.filter((_, k) => Math.abs(dry[k] - db04) < 1)))} (NY ~74)`,
);
console.log(`0.4 % wet bulb ${f1(pct(wet, 99.6))} (NY 76–77), max wet bulb ${f1(maxOf(wet))}`);
console.log(`99.6 % heating dry bulb ${f1(pct(dry, 0.4))} (NY 13–15), 0.4 % dew point ${f1(pct(dew, 99.6))} (NY ~73)`);
console.log(`hours with dew point > dry bulb: ${dew.filter((d, k) => d > dry[k]).length}`);

console.log('\ndew point by month   p5    p50    p95    p99    max   [NY summer mostly 55–72, rarely > 75; winter low]');
for (const m of [0, 3, 6, 7, 9]) {
  const values = runs.flatMap((r) => Array.from(r.dew).filter((_, k) => r.month[k] === m));
  console.log(`${String(m + 1).padStart(5)}       ${[5, 50, 95, 99].map((p) => f1(pct(values, p))).join(' ')} ${f1(maxOf(values))}`);
}

// anomaly = daily mean − that calendar day's mean over all station-years (±7 days), so the seasonal trend is not counted as persistence
const byYearDay = Array.from({ length: 366 }, (_, i) => mean(days.filter((d) => Math.abs(d.yearDay - i) <= 7).map((d) => d.mean)));
console.log('\ndaily mean anomalies               lag-1-day r   sd     [NY r ~0.6–0.75; sd Jan ~8, Jul ~4.5]');
for (const [name, months] of [
  ['winter (DJF)', [11, 0, 1]],
  ['spring (MAM)', [2, 3, 4]],
  ['summer (JJA)', [5, 6, 7]],
  ['fall (SON)', [8, 9, 10]],
] as const) {
  let [c0, c1, n] = [0, 0, 0];
  for (const r of runs) {
    const anomaly = r.days.map((d) => d.mean - byYearDay[d.yearDay]);
    for (let i = 1; i < r.days.length; i++) {
      if (!(months as readonly number[]).includes(r.days[i].month)) continue;
      c0 += anomaly[i] ** 2;
      c1 += anomaly[i] * anomaly[i - 1];
      n++;
    }
  }
  console.log(`  ${name.padEnd(32)} ${f1(c1 / c0)}  ${f1(Math.sqrt(c0 / n))}`);
}

const minute = sample(seeds[0], localMidnight(2025, 0, 1), localMidnight(2026, 0, 1), MS_PER_MINUTE).dry;
const steps = minute.subarray(1).map((v, i) => Math.abs(v - minute[i]));
const hourSteps = minute.filter((_, i) => i % 60 === 0).map((v, i, a) => (i ? Math.abs(v - a[i - 1]) : 0));
console.log(`\n1-minute steps of outdoor air, seed ${seeds[0]}, 2025: median ${steps.length && pct(steps, 50).toFixed(3)} °F,`);
console.log(
  `  p99 ${pct(steps, 99).toFixed(3)} °F, max ${maxOf(steps).toFixed(3)} °F; hourly change p99.9 ${f1(pct(hourSteps, 99.9))}, max ${f1(maxOf(hourSteps))} °F/h`,
);
