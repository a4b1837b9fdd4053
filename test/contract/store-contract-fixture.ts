/**
 * Fixture of the store contract: a tiny hand-built site (chiller, VAV, main
 * electric meter and a floor sub-meter) with values given by formulas, and
 * the answers to the users' validation queries computed from those formulas
 * in plain JS, independently of any SQL.
 */
import { HCoord, HDate, HDict, HMarker, HNum, HRef, HStr } from 'haystack-core';
import type { HVal } from 'haystack-core';
import type { PointInfo } from '../../src/model/point.js';
import type { SiteModel } from '../../src/model/site-model.js';
import type { RunDescriptor } from '../../src/outputs/output.js';
import type { Chunk, GroundTruthEvent } from '../../src/sim/sample.js';

/** Friday 2026-01-02 00:00 UTC (Thursday 19:00 in New York). */
export const EPOCH = Date.UTC(2026, 0, 2);
export const INTERVAL_MS = 15 * 60_000;
/** one UTC day per chunk */
export const STEPS = 96;
export const ZONE = 'America/New_York';
export const MODES = ['off', 'lead', 'standby'] as const;

const p = (index: number, id: string, key: string, kind: PointInfo['kind'], decimals: number, unit?: string): PointInfo => ({
  index,
  id,
  key,
  dis: key,
  equipId: id.slice(0, id.lastIndexOf('.')),
  siteId: 'site-test',
  kind,
  unit,
  decimals,
  totalized: key === 'energy',
});

export const POINTS: readonly PointInfo[] = [
  p(0, 'equip-vav-1.zoneTemp', 'zoneTemp', 'Number', 1, '°F'),
  p(1, 'equip-chiller-1.status', 'status', 'Bool', 0),
  p(2, 'equip-chiller-1.cop', 'cop', 'Number', 2, 'COP'),
  p(3, 'equip-chiller-1.mode', 'mode', 'Str', 0),
  p(4, 'meter-main-electric.energy', 'energy', 'Number', 2, 'kWh'),
  p(5, 'meter-floor-1.energy', 'energy', 'Number', 2, 'kWh'),
];
export const [ZONE_TEMP, RUN, COP, MODE, MAIN_ENERGY, SUB_ENERGY] = POINTS;

const m = HMarker.make();
const ref = (id: string) => HRef.make(id);
const str = (s: string) => HStr.make(s);
const markers = (...names: string[]) => Object.fromEntries(names.map((n) => [n, m]));

function pointDict(pt: PointInfo, tags: Record<string, HVal>): HDict {
  return HDict.make({
    id: ref(pt.id),
    dis: str(pt.dis),
    navName: str(pt.key),
    point: m,
    his: m,
    kind: str(pt.kind),
    tz: str('New_York'),
    equipRef: ref(pt.equipId),
    siteRef: ref('site-test'),
    ...(pt.unit ? { unit: str(pt.unit) } : {}),
    ...tags,
  });
}

export function storeModel(): SiteModel {
  const entities = [
    HDict.make({
      id: ref('equip-chiller-1'),
      dis: str('Chiller #1 - Primary'),
      ...markers('chiller', 'equip'),
      siteRef: ref('site-test'),
      coolingCapacity: HNum.make(400, 'tonref'),
      installDate: HDate.make('2018-03-15'),
      manufacturer: str('Carrier'),
    }),
    pointDict(COP, markers('efficiency', 'sensor')),
    pointDict(MODE, { ...markers('sensor'), enum: str(MODES.join(',')) }),
    pointDict(RUN, markers('run', 'sensor')),
    HDict.make({
      id: ref('equip-vav-1'),
      dis: str('VAV-1N'),
      ...markers('vav', 'equip'),
      siteRef: ref('site-test'),
      spaceRef: ref('floor-1'),
    }),
    pointDict(ZONE_TEMP, markers('zone', 'air', 'temp', 'sensor')),
    HDict.make({
      id: ref('floor-1'),
      dis: str('Floor 1'),
      ...markers('floor', 'space'),
      floorNum: HNum.make(1),
      siteRef: ref('site-test'),
    }),
    HDict.make({
      id: ref('meter-floor-1'),
      dis: str('Floor 1 Sub-meter'),
      ...markers('ac', 'elec', 'meter', 'equip'),
      submeterOf: ref('meter-main-electric'),
      siteRef: ref('site-test'),
    }),
    pointDict(SUB_ENERGY, markers('elec', 'energy', 'sensor', 'hisTotalized')),
    HDict.make({
      id: ref('meter-main-electric'),
      dis: str('Main Electric Meter'),
      ...markers('ac', 'elec', 'meter', 'equip', 'siteMeter'),
      siteRef: ref('site-test'),
    }),
    pointDict(MAIN_ENERGY, markers('elec', 'energy', 'sensor', 'hisTotalized')),
    HDict.make({
      id: ref('site-test'),
      dis: str('Test Tower'),
      site: m,
      area: HNum.make(150000, 'ft²'),
      tz: str('New_York'),
      geoCoord: HCoord.make({ latitude: 40.7128, longitude: -74.006 }),
      yearBuilt: HNum.make(2018),
      dateOpened: HDate.make('2018-03-15'),
      weatherStationRef: ref('weather-test'),
    }),
    HDict.make({ id: ref('weather-test'), dis: str('Test Weather'), weatherStation: m, tz: str('New_York') }),
  ];
  return { profile: 'store-contract', timeZone: ZONE, entities, points: POINTS };
}

export function storeRun(overrides: Partial<RunDescriptor> = {}): RunDescriptor {
  return {
    org: 'demo',
    profile: 'store-contract',
    seed: 7,
    intervalMs: INTERVAL_MS,
    fingerprint: 'fp-store-1',
    start: EPOCH,
    end: EPOCH + 3 * 86_400_000,
    ...overrides,
  };
}

export const tsOf = (g: number) => EPOCH + g * INTERVAL_MS;
export const running = (g: number) => g % 8 < 5;
const mainRegister = (g: number) => (5_000_000 + 1237 * g) / 100;

/** The value of a point at global step g: number, boolean, enum name or null (no value). */
export function pointValueAt(point: number, g: number): number | boolean | string | null {
  switch (point) {
    case 0:
      return g % 37 === 5 ? null : (700 + ((g * 7) % 50)) / 10;
    case 1:
      return running(g);
    case 2:
      return running(g) ? (400 + ((g * 3) % 170)) / 100 : 0;
    case 3:
      return MODES[g % 3];
    case 4:
      return g % 29 === 4 ? mainRegister(g - 1) : mainRegister(g); // stale: the last value repeats
    default:
      return (100_000 + 225 * g) / 100;
  }
}

export function statusOf(point: number, g: number): 'ok' | 'stale' | 'fault' {
  if (point === 0) return g % 37 === 5 ? 'fault' : g % 13 === 3 ? 'stale' : 'ok';
  if (point === 2 && g % 19 === 11) return 'fault';
  if (point === 4 && g % 29 === 4) return 'stale';
  return 'ok';
}

const STATUS_CODES = { ok: 0, stale: 1, fault: 2 } as const;

/** Chunk `index` holding steps firstStep.. (a misaligned firstStep makes colliding chunks). */
export function storeChunk(index: number, firstStep = index * STEPS, steps = STEPS): Chunk {
  const n = POINTS.length;
  const timestamps = new Float64Array(steps);
  const values = new Float64Array(n * steps);
  const status = new Uint8Array(n * steps);
  for (let k = 0; k < steps; k++) {
    const g = firstStep + k;
    timestamps[k] = tsOf(g);
    for (let pt = 0; pt < n; pt++) {
      const v = pointValueAt(pt, g);
      values[pt * steps + k] =
        v === null ? NaN : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? MODES.indexOf(v as (typeof MODES)[number]) : v;
      status[pt * steps + k] = STATUS_CODES[statusOf(pt, g)];
    }
  }
  const start = tsOf(firstStep);
  const events: GroundTruthEvent[] =
    steps === 0
      ? []
      : [
          {
            id: `stale:meter-main-electric.energy:${index}`,
            type: 'stale',
            entityId: 'meter-main-electric.energy',
            start,
            end: start + INTERVAL_MS,
            params: { reason: 'comm loss' },
          },
          {
            id: `maintenance:equip-chiller-1:${index}`,
            type: 'maintenance',
            entityId: 'equip-chiller-1',
            start,
            end: start + 4 * INTERVAL_MS,
            params: { planned: true, hours: 1 },
          },
        ];
  return { index, batch: { points: POINTS, timestamps, values, status }, events };
}

/** Local calendar parts in the site's zone, from Intl (independent of the database). */
const fmt = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  weekday: 'short',
});
export function localParts(ms: number): { date: string; hour: number; weekday: string } {
  const parts = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: parts.weekday };
}

const steps = (chunks: readonly number[]) => chunks.flatMap((c) => Array.from({ length: STEPS }, (_, k) => c * STEPS + k));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Users' query 1 as written: UTC session, hours 8..18 inclusive, every status. */
export function naiveOccupiedAvg(chunks: readonly number[]): number {
  const hourOk = (g: number) => new Date(tsOf(g)).getUTCHours() >= 8 && new Date(tsOf(g)).getUTCHours() <= 18;
  return mean(
    steps(chunks)
      .filter((g) => pointValueAt(0, g) !== null && hourOk(g))
      .map((g) => pointValueAt(0, g) as number),
  );
}

/** Users' query 3 as written: per UTC date, the sum of every energy reading. */
export function naiveDailyKwh(chunks: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of steps(chunks)) {
    const date = new Date(tsOf(g)).toISOString().slice(0, 10);
    out.set(date, (out.get(date) ?? 0) + (pointValueAt(4, g) as number) + (pointValueAt(5, g) as number));
  }
  return out;
}

/** Correct occupied average: ok readings, Monday-Friday, 08:00-18:00 New York time. */
export function occupiedAvg(chunks: readonly number[]): { avg: number; readings: number } {
  const xs = steps(chunks)
    .filter((g) => {
      const l = localParts(tsOf(g));
      return statusOf(0, g) === 'ok' && !['Sat', 'Sun'].includes(l.weekday) && l.hour >= 8 && l.hour < 18;
    })
    .map((g) => pointValueAt(0, g) as number);
  return { avg: mean(xs), readings: xs.length };
}

/** Correct COP series: ok readings while the chiller runs. */
export function copSeries(chunks: readonly number[]): { ts: number; cop: number }[] {
  return steps(chunks)
    .filter((g) => running(g) && statusOf(2, g) === 'ok')
    .map((g) => ({ ts: tsOf(g), cop: pointValueAt(2, g) as number }));
}

/** Correct daily kWh of the main meter register: differences of consecutive ok readings, by local date of the interval start. */
export function dailyKwh(chunks: readonly number[]): Map<string, number> {
  const ok = steps(chunks).filter((g) => statusOf(4, g) === 'ok');
  const out = new Map<string, number>();
  for (let i = 1; i < ok.length; i++) {
    const date = localParts(tsOf(ok[i - 1])).date;
    out.set(date, (out.get(date) ?? 0) + (pointValueAt(4, ok[i]) as number) - (pointValueAt(4, ok[i - 1]) as number));
  }
  return out;
}
