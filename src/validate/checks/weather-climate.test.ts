import { PGlite } from '@electric-sql/pglite';
import { HCoord, HDict, HMarker, HRef, HStr } from 'haystack-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import { PgliteStore } from '../../outputs/pglite/pglite-store.js';
import { wetBulbF } from '../../sim/relations/psychrometrics.js';
import { validateStore, type ValidationReport } from '../validate-store.js';
import { climateBandF } from './weather-climate.js';

describe('climateBandF', () => {
  it.each([
    ['New York, January', 40.8, 0, 33.7],
    ['New York, July', 40.8, 6, 77.5],
    ['Phoenix, July', 33.4, 6, 95],
    ['Kuwait, July', 29.2, 6, 99.5],
    ['Reykjavik, January', 64.1, 0, 32.5],
    ['Yakutsk, January', 62, 0, -37.5],
    ['Quito, July', -0.2, 6, 57],
    ['La Paz, July', -16.5, 6, 45],
    ['Sydney, July', -33.9, 6, 55.4],
    ['Sydney, January', -33.9, 0, 73.4],
    ['Singapore, April', 1.3, 3, 82],
  ])('holds the observed monthly mean of %s', (_, latitude, month, meanF) => {
    const [lo, hi] = climateBandF(latitude, month);
    expect(meanF).toBeGreaterThan(lo);
    expect(meanF).toBeLessThan(hi);
  });

  it('rejects New York in °C read as °F, and its seasons swapped', () => {
    expect(climateBandF(40.8, 6)[0]).toBeGreaterThan(25.3);
    expect(climateBandF(40.8, 6)[0]).toBeGreaterThan(33.7);
    expect(climateBandF(40.8, 0)[1]).toBeLessThan(77.5);
  });
});

/* A weather station alone, hourly through July 2025 in New York: a diurnal swing and a slow front over steady humidity. */
const EPOCH = Date.UTC(2025, 6, 1, 4);
const HOUR = 3_600_000;
const T = 31 * 24;
const KEYS = ['outsideTemp', 'outsideHumidity', 'outsideDewPoint', 'outsideWetBulb'] as const;
const MARKERS = ['temp', 'humidity', 'dewPoint', 'wetBulb'];
const POINTS: PointInfo[] = KEYS.map((key, index) => ({
  index,
  id: `wx.${key}`,
  key,
  dis: key,
  equipId: 'wx',
  siteId: 'site',
  kind: 'Number',
  unit: key === 'outsideHumidity' ? '%RH' : '°F',
  decimals: 1,
  totalized: false,
}));

function weather(k: number): number[] {
  const temp = 77 + 7 * Math.sin((2 * Math.PI * (k - 9)) / 24) + 4 * Math.sin((2 * Math.PI * k) / 96);
  const dew = 63 + 2 * Math.sin((2 * Math.PI * k) / 130);
  const magnus = (f: number) => {
    const c = ((f - 32) * 5) / 9;
    return (17.62 * c) / (243.12 + c);
  };
  const rh = 100 * Math.exp(magnus(dew) - magnus(temp));
  return [temp, rh, dew, wetBulbF(temp, rh)];
}

async function writeStation(db: PGlite): Promise<void> {
  const m = HMarker.make();
  const site = { siteRef: HRef.make('site') };
  const entities = [
    HDict.make({ id: HRef.make('site'), dis: HStr.make('Site'), site: m, tz: HStr.make('New_York') }),
    HDict.make({
      id: HRef.make('wx'),
      dis: HStr.make('Station'),
      weatherStation: m,
      geoCoord: HCoord.make({ latitude: 40.78, longitude: -73.97 }),
      ...site,
    }),
    ...POINTS.map((p, i) =>
      HDict.make({
        id: HRef.make(p.id),
        dis: HStr.make(p.id),
        point: m,
        his: m,
        sensor: m,
        outside: m,
        air: m,
        [MARKERS[i]]: m,
        kind: HStr.make('Number'),
        unit: HStr.make(p.unit!),
        tz: HStr.make('New_York'),
        weatherStationRef: HRef.make('wx'),
        ...site,
      }),
    ),
  ];
  const store = new PgliteStore({ instance: db, org: 'demo' });
  await store.open();
  const run = { org: 'demo', profile: 'wx', seed: 1, intervalMs: HOUR, fingerprint: 'wx', start: EPOCH, end: EPOCH + T * HOUR };
  await store.begin({ profile: 'wx', timeZone: 'America/New_York', entities, points: POINTS }, run, { reset: true });
  const timestamps = Float64Array.from({ length: T }, (_, k) => EPOCH + k * HOUR);
  const values = new Float64Array(POINTS.length * T);
  for (let k = 0; k < T; k++) weather(k).forEach((v, p) => (values[p * T + k] = Math.round(v * 10) / 10));
  await store.writeChunk({ index: 0, batch: { points: POINTS, timestamps, values, status: new Uint8Array(values.length) }, events: [] });
  await store.finish();
}

describe('weather climate checks on PGlite', () => {
  let db: PGlite;
  const V = 'core."values_demo"';
  const id = async (point: string) =>
    (await db.query<{ id: number }>('SELECT id FROM core.entity WHERE haystack_id = $1', [point])).rows[0]!.id;
  const report = () =>
    validateStore({ query: async (sql, params) => (await db.query<never>(sql, params ? [...params] : undefined)).rows }, { org: 'demo' });
  const weatherChecks = (r: ValidationReport) =>
    Object.fromEntries(r.checks.filter((c) => c.id.startsWith('physics.outside-')).map((c) => [c.id, c]));
  const broken = async (sql: string[]) => {
    await db.exec('BEGIN');
    try {
      for (const s of sql) await db.exec(s);
      return weatherChecks(await report());
    } finally {
      await db.exec('ROLLBACK');
    }
  };

  beforeAll(async () => {
    db = new PGlite();
    await writeStation(db);
  });
  afterAll(async () => db?.close());

  it('passes a plausible July, measuring each figure', async () => {
    const checks = weatherChecks(await report());
    expect(Object.keys(checks).sort()).toEqual([
      'physics.outside-month',
      'physics.outside-order',
      'physics.outside-rate',
      'physics.outside-wet',
    ]);
    for (const c of Object.values(checks)) expect(c.passed, `${c.id}: ${c.detail}`).toBe(true);
    expect(checks['physics.outside-month']!.detail).toMatch(/^2025-07 77\.\d °F \(44–96\)$/);
    expect(checks['physics.outside-wet']!.detail).toMatch(/^max wet bulb 7\d\.\d °F/);
  });

  it('fails a muggy heat no sea can feed (wet bulb above 82 °F)', async () => {
    const [t, rh] = [await id('wx.outsideTemp'), await id('wx.outsideHumidity')];
    const hot = `ts >= '2025-07-10T16:00Z' AND ts < '2025-07-10T22:00Z'`;
    const checks = await broken([
      `UPDATE ${V} SET value_n = 98 WHERE entity_id = ${t} AND ${hot}`,
      `UPDATE ${V} SET value_n = 60 WHERE entity_id = ${rh} AND ${hot}`,
    ]);
    expect(checks['physics.outside-wet']!.passed).toBe(false);
    expect(checks['physics.outside-wet']!.detail).toMatch(/^max wet bulb 8[4-9]\.\d °F/);
  });

  it('says why a cool range passes the wet-bulb limit', async () => {
    const checks = await broken([`UPDATE ${V} SET value_n = LEAST(value_n, 80) WHERE entity_id = ${await id('wx.outsideTemp')}`]);
    expect(checks['physics.outside-wet']!.passed).toBe(true);
    expect(checks['physics.outside-wet']!.detail).toMatch(/^dry bulb ≤ 82 °F in all \d+ readings/);
  });

  it('fails a wet bulb above the dry bulb', async () => {
    const checks = await broken([`UPDATE ${V} SET value_n = value_n + 30 WHERE entity_id = ${await id('wx.outsideWetBulb')}`]);
    expect(checks['physics.outside-order']!.passed).toBe(false);
  });

  it('fails a 30 °F jump within an hour', async () => {
    const checks = await broken([
      `UPDATE ${V} SET value_n = value_n + 30 WHERE entity_id = ${await id('wx.outsideTemp')} AND ts = '2025-07-15T12:00Z'`,
    ]);
    expect(checks['physics.outside-rate']!.passed).toBe(false);
    expect(checks['physics.outside-rate']!.detail).toMatch(/^max 3\d\.\d °F\/h on wx at 2025-07-15T1[12]:00:00\.000Z/);
  });

  it('fails a July in °C labelled °F', async () => {
    const checks = await broken([`UPDATE ${V} SET value_n = (value_n - 32) / 1.8 WHERE entity_id = ${await id('wx.outsideTemp')}`]);
    expect(checks['physics.outside-month']!.passed).toBe(false);
    expect(checks['physics.outside-month']!.detail).toMatch(/^outside the band: 2025-07 25\.\d °F/);
  });
});
