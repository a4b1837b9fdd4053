import { PGlite } from '@electric-sql/pglite';
import { HDict, HMarker, HNum, HRef, HStr, type HVal } from 'haystack-core';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ArgsError } from '../errors.js';
import type { PointInfo } from '../model/point.js';
import type { SiteModel } from '../model/site-model.js';
import type { RunDescriptor, Store } from '../outputs/output.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { STATUS_NAMES, type Chunk, type GroundTruthEvent } from '../sim/sample.js';
import { formatReport, validateStore, type QueryableStore, type ValidationReport } from './validate-store.js';

/*
 * A hand-made building (one AHU with two VAVs, a chiller, a main meter with
 * two sub-meters, a weather station), two weekdays of 15-minute values from
 * the formulas in `signals`, written through the real core store. Every
 * relation the validator checks holds by construction; each breakage then
 * violates one of them with SQL and must fail exactly the checks it concerns.
 */

const EPOCH = Date.UTC(2025, 0, 6, 5); // Monday 2025-01-06 00:00 in New York
const STEP = 15 * 60_000;
const T = 2 * 96;
const STALE = STATUS_NAMES.indexOf('stale');
const FAULT = STATUS_NAMES.indexOf('fault');

const m = HMarker.make();
const ref = (id: string) => HRef.make(id);
const str = (s: string) => HStr.make(s);
const markers = (names: string) => Object.fromEntries(names.split(' ').map((n) => [n, m]));

interface Spec {
  id: string;
  equip: string;
  markers: string;
  kind: PointInfo['kind'];
  unit?: string;
  decimals: number;
  totalized?: boolean;
  station?: boolean;
}
const pt = (
  equip: string,
  key: string,
  mk: string,
  kind: PointInfo['kind'],
  unit: string | undefined,
  decimals: number,
  extra: Partial<Spec> = {},
): Spec => ({ id: `${equip}.${key}`, equip, markers: mk, kind, unit, decimals, ...extra });

const SPECS: Spec[] = [
  pt('equip-ahu-1', 'fanStatus', 'discharge fan run sensor', 'Bool', undefined, 0),
  pt('equip-ahu-1', 'airFlow', 'discharge air flow sensor', 'Number', 'cfm', 0),
  pt('equip-ahu-1', 'staticPressure', 'discharge air pressure sensor', 'Number', 'inH₂O', 2),
  pt('equip-vav-1-north', 'zoneTemp', 'zone air temp sensor', 'Number', '°F', 1),
  pt('equip-vav-1-north', 'airFlow', 'discharge air flow sensor', 'Number', 'cfm', 0),
  pt('equip-vav-1-south', 'zoneTemp', 'zone air temp sensor', 'Number', '°F', 1),
  pt('equip-vav-1-south', 'airFlow', 'discharge air flow sensor', 'Number', 'cfm', 0),
  pt('equip-chiller-1', 'status', 'run sensor', 'Bool', undefined, 0),
  pt('equip-chiller-1', 'load', 'load sensor', 'Number', '%', 1),
  pt('equip-chiller-1', 'cop', 'efficiency sensor', 'Number', 'COP', 2),
  pt('equip-chiller-1', 'power', 'elec power sensor', 'Number', 'kW', 1),
  pt('equip-chiller-1', 'energy', 'elec energy sensor', 'Number', 'kWh', 1, { totalized: true }),
  pt('equip-chiller-1', 'chwSupplyTemp', 'chilled water leaving temp sensor', 'Number', '°F', 1),
  pt('equip-chiller-1', 'chwReturnTemp', 'chilled water entering temp sensor', 'Number', '°F', 1),
  pt('equip-chiller-1', 'chwFlow', 'chilled water leaving flow sensor', 'Number', 'gal/min', 0),
  pt('meter-main-electric', 'power', 'total active ac elec power sensor', 'Number', 'kW', 1),
  pt('meter-main-electric', 'energy', 'total import ac elec active energy sensor', 'Number', 'kWh', 1, { totalized: true }),
  pt('meter-main-electric', 'voltage', 'avg ac elec volt magnitude sensor', 'Number', 'V', 1),
  pt('meter-main-electric', 'powerFactor', 'avg ac elec pf sensor', 'Number', 'pf', 3),
  pt('meter-floor-1-electric', 'power', 'total active ac elec power sensor', 'Number', 'kW', 1),
  pt('meter-floor-1-electric', 'energy', 'total import ac elec active energy sensor', 'Number', 'kWh', 1, { totalized: true }),
  pt('meter-floor-2-electric', 'power', 'total active ac elec power sensor', 'Number', 'kW', 1),
  pt('meter-floor-2-electric', 'energy', 'total import ac elec active energy sensor', 'Number', 'kWh', 1, { totalized: true }),
  pt('weather-test', 'outsideTemp', 'outside air temp sensor', 'Number', '°F', 1, { station: true }),
  pt('weather-test', 'outsideDewPoint', 'outside air dewPoint sensor', 'Number', '°F', 1, { station: true }),
].sort((a, b) => (a.id < b.id ? -1 : 1));
const POINTS: PointInfo[] = SPECS.map((s, index) => ({
  index,
  id: s.id,
  key: s.id.split('.')[1]!,
  dis: s.id,
  equipId: s.equip,
  siteId: 'site-test',
  kind: s.kind,
  unit: s.unit,
  decimals: s.decimals,
  totalized: s.totalized === true,
}));

function model(): SiteModel {
  const site = { siteRef: ref('site-test') };
  const equip = (id: string, mk: string, tags: Record<string, HVal> = {}) =>
    HDict.make({ id: ref(id), dis: str(id), ...markers(`${mk} equip`), ...site, ...tags });
  const entities = [
    HDict.make({
      id: ref('site-test'),
      dis: str('Test Tower'),
      site: m,
      tz: str('New_York'),
      area: HNum.make(20000, 'ft²'),
      weatherStationRef: ref('weather-test'),
    }),
    HDict.make({ id: ref('weather-test'), dis: str('Weather'), weatherStation: m }),
    HDict.make({ id: ref('space-floor-1'), dis: str('Floor 1'), ...markers('floor space'), floorNum: HNum.make(1), ...site }),
    ...['north', 'south'].map((z) =>
      HDict.make({
        id: ref(`space-zone-1-${z}`),
        dis: str(`Zone ${z}`),
        ...markers('hvac zone space'),
        spaceRef: ref('space-floor-1'),
        ...site,
      }),
    ),
    equip('equip-chw-plant', 'chilled water plant'),
    equip('equip-chiller-1', 'chiller waterCooling centrifugal', {
      coolingCapacity: HNum.make(400, 'tonref'),
      chilledWaterRef: ref('equip-chw-plant'),
    }),
    equip('equip-ahu-1', 'ahu chilledWaterCooling', { chilledWaterRef: ref('equip-chw-plant') }),
    ...['north', 'south'].map((z) => equip(`equip-vav-1-${z}`, 'vav', { airRef: ref('equip-ahu-1'), spaceRef: ref(`space-zone-1-${z}`) })),
    equip('meter-main-electric', 'ac elec meter siteMeter'),
    ...[1, 2].map((f) => equip(`meter-floor-${f}-electric`, 'ac elec meter', { submeterOf: ref('meter-main-electric') })),
    ...SPECS.map((s) =>
      HDict.make({
        id: ref(s.id),
        dis: str(s.id),
        navName: str(s.id.split('.')[1]!),
        ...markers(`point his ${s.markers}`),
        ...(s.totalized ? { hisTotalized: m } : {}),
        kind: str(s.kind),
        ...(s.unit ? { unit: str(s.unit) } : {}),
        tz: str('New_York'),
        ...site,
        ...(s.station ? { weatherStationRef: ref(s.equip) } : { equipRef: ref(s.equip) }),
      }),
    ),
  ].sort((a, b) => ((a.get('id') as HRef).value < (b.get('id') as HRef).value ? -1 : 1));
  return { profile: 'validate-fixture', timeZone: 'America/New_York', entities, points: POINTS };
}

/** Every signal at step k (local time = UTC − 5 h in January; both days are weekdays). */
function signals(k: number, energy: Map<string, number>): Map<string, number> {
  const h = ((k * 15) / 60) % 24;
  const occupied = h >= 7 && h < 19;
  const running = h >= 8 && h < 18;
  const load = running ? 35 + 15 * Math.sin((Math.PI * (h - 8)) / 10) : 0;
  const cop = running ? 4.5 + load / 40 : 0;
  const chillerKw = running ? ((load / 100) * 400 * 3.517) / cop : 0;
  const vav = [0, 1].map((i) => (occupied ? 1000 + 20 * load + 100 * i : 0));
  const sub1 = 40 + 60 * Number(occupied);
  const sub2 = 35 + 50 * Number(occupied);
  const main = sub1 + sub2 + chillerKw + 30;
  const oat = 38 + 8 * Math.sin((2 * Math.PI * (h - 9)) / 24);
  const v = new Map<string, number>([
    ['equip-ahu-1.fanStatus', Number(occupied)],
    ['equip-ahu-1.airFlow', (vav[0]! + vav[1]!) * 1.03],
    ['equip-ahu-1.staticPressure', occupied ? 1.0 : 0.02],
    ['equip-vav-1-north.zoneTemp', occupied ? 72 + 0.4 * Math.sin(k / 3) : 68 + 0.3 * Math.sin(k / 5)],
    ['equip-vav-1-north.airFlow', vav[0]!],
    ['equip-vav-1-south.zoneTemp', occupied ? 72.6 + 0.4 * Math.sin(k / 4) : 68.5 + 0.3 * Math.sin(k / 6)],
    ['equip-vav-1-south.airFlow', vav[1]!],
    ['equip-chiller-1.status', Number(running)],
    ['equip-chiller-1.load', load],
    ['equip-chiller-1.cop', cop],
    ['equip-chiller-1.power', chillerKw],
    ['equip-chiller-1.chwSupplyTemp', running ? 44 : 52],
    // 2.4 gpm/ton at design; ΔT from tons = gpm × ΔT / 24
    ['equip-chiller-1.chwFlow', running ? 960 : 0],
    ['equip-chiller-1.chwReturnTemp', running ? 44 + ((load / 100) * 400 * 24) / 960 : 52],
    ['meter-main-electric.power', main],
    ['meter-main-electric.voltage', 480 + 3 * Math.sin(k / 7)],
    ['meter-main-electric.powerFactor', 0.92 + 0.02 * Math.sin(k / 11)],
    ['meter-floor-1-electric.power', sub1],
    ['meter-floor-2-electric.power', sub2],
    ['weather-test.outsideTemp', oat],
    ['weather-test.outsideDewPoint', 25 + Math.sin(k / 9)],
  ]);
  // registers integrate their power over the step that ends at k
  for (const equip of ['equip-chiller-1', 'meter-main-electric', 'meter-floor-1-electric', 'meter-floor-2-electric']) {
    const total = (energy.get(equip) ?? 10_000) + v.get(`${equip}.power`)! * 0.25;
    energy.set(equip, total);
    v.set(`${equip}.energy`, total);
  }
  return v;
}

/** Stale: both VAV-south points 10:00–19:45 on day 1 (last value repeats). Fault: AHU static 01:00–10:45 on day 2 (no value). */
const EVENTS: GroundTruthEvent[] = [
  {
    id: 'stale:equip-vav-1-south:1',
    type: 'stale',
    entityId: 'equip-vav-1-south',
    start: EPOCH + 40 * STEP,
    end: EPOCH + 80 * STEP,
    params: {},
  },
  {
    id: 'fault:equip-ahu-1.staticPressure:1',
    type: 'fault',
    entityId: 'equip-ahu-1.staticPressure',
    start: EPOCH + 100 * STEP,
    end: EPOCH + 140 * STEP,
    params: {},
  },
];

function chunks(): Chunk[] {
  const energy = new Map<string, number>();
  const all = Array.from({ length: T }, (_, k) => signals(k, energy));
  return [0, 1].map((day) => {
    const n = 96;
    const values = new Float64Array(POINTS.length * n);
    const status = new Uint8Array(POINTS.length * n);
    const timestamps = Float64Array.from({ length: n }, (_, i) => EPOCH + (day * n + i) * STEP);
    for (const p of POINTS) {
      for (let i = 0; i < n; i++) {
        const k = day * n + i;
        const t = timestamps[i]!;
        const ev = EVENTS.find((e) => t >= e.start && t < e.end && (e.entityId === p.id || e.entityId === p.equipId));
        const scale = 10 ** p.decimals;
        const exact = Math.round(all[k]!.get(p.id)! * scale) / scale;
        if (ev?.type === 'stale') {
          status[p.index * n + i] = STALE;
          values[p.index * n + i] = i > 0 ? values[p.index * n + i - 1]! : exact;
        } else if (ev?.type === 'fault') {
          status[p.index * n + i] = FAULT;
          values[p.index * n + i] = NaN;
        } else values[p.index * n + i] = exact;
      }
    }
    const span = [timestamps[0]!, timestamps[0]! + n * STEP];
    return {
      index: day,
      batch: { points: POINTS, timestamps, values, status },
      events: EVENTS.filter((e) => e.start >= span[0]! && e.start < span[1]!),
    };
  });
}

const RUN: RunDescriptor = {
  org: 'demo',
  profile: 'validate-fixture',
  seed: 1,
  intervalMs: STEP,
  fingerprint: 'validate-fixture-1',
  start: EPOCH,
  end: EPOCH + T * STEP,
};

async function writeFixture(store: Store): Promise<void> {
  await store.open();
  await store.begin(model(), RUN, { reset: true });
  for (const c of chunks()) await store.writeChunk(c);
  await store.finish();
}

const failedIds = (r: ValidationReport) =>
  r.checks
    .filter((c) => !c.passed)
    .map((c) => c.id)
    .sort();
const detailOf = (r: ValidationReport, id: string) => r.checks.find((c) => c.id === id)?.detail ?? `(no check ${id})`;
const at = (k: number) => new Date(EPOCH + k * STEP).toISOString();

/** A SQL session the breakages run in: each inside BEGIN … ROLLBACK. */
interface Session {
  store: QueryableStore;
  exec(sql: string, params?: unknown[]): Promise<void>;
}

const ID = (hid: string) => `(SELECT id FROM core.entity WHERE haystack_id = '${hid}')`;
const V = 'core.values_demo';
/** Keeps values_demo_current equal to the last rows, so a breakage of history touches only its own check. */
const SYNC_CURRENT = `UPDATE core.values_demo_current c SET (ts, value_n, value_b, value_s, status) =
  (SELECT ts, value_n, value_b, value_s, status FROM ${V} h WHERE h.entity_id = c.entity_id ORDER BY ts DESC LIMIT 1)`;
const tagRow = (hid: string, tag: string) => `entity_id = ${ID(hid)} AND tag_id = (SELECT id FROM core.tag_def WHERE name = '${tag}')`;

interface Breakage {
  name: string;
  sql: string[];
  fails: string[];
  detail: RegExp;
  check?: string;
}
const BREAKAGES: Breakage[] = [
  {
    name: 'an unknown tag',
    sql: [
      `INSERT INTO core.tag_def (name) VALUES ('zoneTmp')`,
      `INSERT INTO core.entity_tag (entity_id, tag_id, value_b) VALUES (${ID('equip-vav-1-north.zoneTemp')}, (SELECT id FROM core.tag_def WHERE name = 'zoneTmp'), true)`,
      `UPDATE core.entity SET tags = tags || '{"zoneTmp": true}' WHERE id = ${ID('equip-vav-1-north.zoneTemp')}`,
    ],
    fails: ['haystack.known-tags'],
    detail: /zoneTmp on 1 entity \(e\.g\. equip-vav-1-north\.zoneTemp\), did you mean \w+\?/,
  },
  {
    name: 'a dangling equipRef in entity_tag',
    sql: [`UPDATE core.entity_tag SET value_ref = 999999 WHERE ${tagRow('equip-vav-1-north.zoneTemp', 'equipRef')}`],
    fails: ['haystack.refs-resolve'],
    detail: /equip-vav-1-north\.zoneTemp\.equipRef → #999999 \(no such entity\)/,
  },
  {
    name: 'a VAV fed by a missing AHU',
    sql: [
      `UPDATE core.entity_tag SET value_ref = NULL, value_s = 'equip-ahu-9' WHERE ${tagRow('equip-vav-1-north', 'airRef')}`,
      `UPDATE core.entity SET tags = tags || '{"airRef": "@equip-ahu-9"}' WHERE id = ${ID('equip-vav-1-north')}`,
    ],
    fails: ['haystack.refs-resolve', 'physics.ahu-airflow', 'relationships.vav-air-ref'],
    check: 'relationships.vav-air-ref',
    detail: /equip-vav-1-north\.airRef → @equip-ahu-9 \(missing\)/,
  },
  {
    name: 'a decreasing register',
    sql: [`UPDATE ${V} SET value_n = value_n - 200 WHERE entity_id = ${ID('meter-main-electric.energy')} AND ts = '${at(30)}'`],
    fails: ['time-series.registers'],
    detail: new RegExp(`1 decreases on 1 registers: meter-main-electric\\.energy -\\d+\\.\\d at ${at(30).replace(/\./g, '\\.')}`),
  },
  {
    name: 'a gap',
    sql: [`DELETE FROM ${V} WHERE entity_id = ${ID('equip-vav-1-north.zoneTemp')} AND ts = '${at(50)}'`],
    fails: ['time-series.complete'],
    detail: new RegExp(
      `1 of 25 points incomplete, 1 rows missing: equip-vav-1-north\\.zoneTemp 191/192 \\(first missing ${at(50).replace(/\./g, '\\.')}\\)`,
    ),
  },
  {
    name: 'a zone at 95 °F',
    sql: [`UPDATE ${V} SET value_n = 95 WHERE entity_id = ${ID('equip-vav-1-north.zoneTemp')} AND ts = '${at(50)}'`],
    fails: ['physics.zone-temp-range', 'time-series.jumps'],
    check: 'physics.zone-temp-range',
    detail: new RegExp(
      `max 95\\.0 °F; 1 outside 55–90, worst 95\\.0 °F on equip-vav-1-north\\.zoneTemp at ${at(50).replace(/\./g, '\\.')}`,
    ),
  },
  {
    name: 'sub-meters exceeding the main meter',
    // floor 1 triples, its register with it (so only the balance against the main breaks)
    sql: [
      `UPDATE ${V} SET value_n = value_n * 3 WHERE entity_id = ${ID('meter-floor-1-electric.power')}`,
      `UPDATE ${V} SET value_n = value_n * 3 - 2 * 10000 WHERE entity_id = ${ID('meter-floor-1-electric.energy')}`,
    ],
    fails: ['physics.submeters-below-main'],
    detail: /Σsub\/main avg \d+\.\d%, max \d+\.\d%; below main at \d+\.\d% of 192 timestamps \(need 99\.0%\)/,
  },
  {
    name: 'a stale row without ground truth',
    sql: [`UPDATE ${V} SET status = 'stale' WHERE entity_id = ${ID('meter-main-electric.voltage')} AND ts = '${at(10)}'`],
    fails: ['quality.ground-truth'],
    detail: new RegExp(`meter-main-electric\\.voltage stale at ${at(10).replace(/\./g, '\\.')} has no event`),
  },
  {
    name: 'an invalid unit',
    sql: [
      `UPDATE core.entity_tag SET value_s = 'degF' WHERE ${tagRow('weather-test.outsideTemp', 'unit')}`,
      `UPDATE core.entity SET tags = tags || '{"unit": "degF"}' WHERE id = ${ID('weather-test.outsideTemp')}`,
    ],
    fails: ['haystack.units'],
    detail: /"degF" on 1 \(e\.g\. weather-test\.outsideTemp\.unit\)/,
  },
  {
    name: 'a point without unit',
    sql: [
      `DELETE FROM core.entity_tag WHERE ${tagRow('equip-chiller-1.load', 'unit')}`,
      `UPDATE core.entity SET tags = tags - 'unit' WHERE id = ${ID('equip-chiller-1.load')}`,
    ],
    fails: ['haystack.required-tags'],
    detail: /equip-chiller-1\.load lacks unit/,
  },
  {
    name: 'a chiller without coolingCapacity',
    sql: [
      `DELETE FROM core.entity_tag WHERE ${tagRow('equip-chiller-1', 'coolingCapacity')}`,
      `UPDATE core.entity SET tags = tags - 'coolingCapacity' WHERE id = ${ID('equip-chiller-1')}`,
    ],
    fails: ['physics.chiller-power'],
    detail: /no readings to check; no usable coolingCapacity on equip-chiller-1$/,
  },
  {
    name: 'chiller power inconsistent with load and COP',
    sql: [`UPDATE ${V} SET value_n = value_n * 1.3 WHERE entity_id = ${ID('equip-chiller-1.power')}`],
    // the energy register no longer integrates the power either
    fails: ['physics.chiller-power', 'physics.register-integral'],
    check: 'physics.chiller-power',
    detail: /0\.0% of 80 running readings within 10%/,
  },
  {
    name: 'CHW flow too low for the reported load',
    sql: [`UPDATE ${V} SET value_n = value_n / 2 WHERE entity_id = ${ID('equip-chiller-1.chwFlow')}`],
    fails: ['physics.chiller-water-balance'],
    detail: /water-side\/reported tons avg 0\.50\d; within 20% in 0\.0% of 80 running readings/,
  },
  {
    name: 'dew point above dry bulb',
    sql: [
      `UPDATE ${V} d SET value_n = o.value_n + 2 FROM ${V} o WHERE d.entity_id = ${ID('weather-test.outsideDewPoint')} AND o.entity_id = ${ID('weather-test.outsideTemp')} AND o.ts = d.ts`,
    ],
    fails: ['physics.dew-point'],
    detail: /dry bulb − dew point avg -2\.0 min -2\.0; dew ≤ dry bulb \+ 0\.5 in 0\.0% of 192 readings/,
  },
  {
    name: 'duct static with the fan off',
    sql: [`UPDATE ${V} SET value_n = 0.5 WHERE entity_id = ${ID('equip-ahu-1.staticPressure')} AND value_n < 0.1`],
    fails: ['physics.ahu-static-off'],
    detail: /max 0\.50 with the fan off \(equip-ahu-1\)/,
  },
  {
    name: 'no stale or fault rows at all',
    sql: [`UPDATE ${V} SET status = 'ok'`],
    // the repeated (stale) VAV airflows, now claimed ok, no longer add up to the AHU's
    fails: ['physics.ahu-airflow', 'quality.fault-share', 'quality.stale-share'],
    check: 'quality.stale-share',
    detail: /^0\.0% \(0 of 4800 rows; expected 1\.00%–5\.00%\)$/,
  },
];

describe('validateStore on PGlite', () => {
  let db: PGlite;
  let session: Session;

  beforeAll(async () => {
    db = new PGlite();
    await writeFixture(new PgliteStore({ instance: db, org: 'demo' }));
    session = {
      store: { query: async (sql, params) => (await db.query<never>(sql, params ? [...params] : undefined)).rows },
      exec: async (sql, params) => void (await db.query(sql, params)),
    };
  });
  afterAll(async () => db?.close());

  it('passes a physically consistent dataset, through the Store interface', async () => {
    const store = new PgliteStore({ instance: db, org: 'demo' });
    const report = await validateStore(store, { org: 'demo' });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(new Set(report.checks.map((c) => c.category))).toEqual(
      new Set(['haystack', 'relationships', 'time-series', 'physics', 'quality']),
    );
    // measured figures, from the formulas above
    expect(detailOf(report, 'time-series.complete')).toMatch(
      /^25 points × 192 timestamps, all present; 2025-01-06T05:00:00\.000Z … 2025-01-08T05:00:00\.000Z \(haysim run #\d+\)$/,
    );
    expect(detailOf(report, 'physics.occupied-zone-temp')).toMatch(
      /^avg 72\.\d\d °F over \d+ readings, weekdays 8:00–18:00 America\/New_York/,
    );
    expect(detailOf(report, 'quality.stale-share')).toBe('1.67% (80 of 4800 rows; expected 1.00%–5.00%)');
    expect(detailOf(report, 'quality.fault-share')).toBe('0.83% (40 of 4800 rows; expected 0.50%–4.00%)');
    expect(detailOf(report, 'quality.ground-truth')).toBe('100.0% covered (fault 100.0% of 40, stale 100.0% of 80)');
    expect(detailOf(report, 'relationships.submeters')).toBe('2 sub-meters under 1 site meter(s)');
    expect(detailOf(report, 'physics.chiller-cop')).toMatch(/^80 running readings, COP 5\.\d\d–5\.\d\d/);
    expect(formatReport(report).split('\n').at(-1)).toBe(`PASS: ${report.checks.length}/${report.checks.length} checks passed`);
  });

  it('gives the same verdict with the run parameters passed explicitly', async () => {
    const report = await validateStore(session.store, {
      org: 'demo',
      timeZone: 'America/New_York',
      intervalMs: STEP,
      range: { start: EPOCH, end: EPOCH + T * STEP },
    });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(detailOf(report, 'time-series.complete')).toContain('(given range)');
  });

  it('counts missing rows when the range reaches past the data', async () => {
    const report = await validateStore(session.store, { org: 'demo', range: { start: EPOCH, end: EPOCH + (T + 4) * STEP } });
    expect(detailOf(report, 'time-series.complete')).toMatch(/^25 of 25 points incomplete, 100 rows missing/);
  });

  it('treats running-only relations as not applicable in a night-only range', async () => {
    const report = await validateStore(session.store, { org: 'demo', range: { start: EPOCH, end: EPOCH + 24 * STEP } });
    // six hours hold none of the injected stale and fault blocks: too short a span to judge shares, not a failure
    expect(failedIds(report), formatReport(report)).toEqual([]);
    for (const id of ['quality.ok-share', 'quality.stale-share', 'quality.fault-share']) {
      expect(detailOf(report, id)).toBe('n/a: 0.25 days is too short for event shares (needs a full day)');
    }
    for (const id of [
      'physics.chiller-cop',
      'physics.chiller-power',
      'physics.chw-delta-t',
      'physics.ahu-airflow',
      'physics.occupied-zone-temp',
    ]) {
      expect(detailOf(report, id)).toMatch(/^n\/a: no /);
    }
    expect(detailOf(report, 'physics.register-integral')).toMatch(/^4 registers, 4 register-days, all within 5%/);
  });

  it('infers interval and range from the data when no haysim run is recorded', async () => {
    await session.exec('BEGIN');
    try {
      await session.exec('DELETE FROM core.haysim_run');
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual([]);
      expect(detailOf(report, 'time-series.complete')).toBe(
        '25 points × 192 timestamps, all present; 2025-01-06T05:00:00.000Z … 2025-01-08T05:00:00.000Z (extent of the data)',
      );
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('reads an older install whose ts columns are timestamp without time zone (UTC wall time)', async () => {
    await session.exec('BEGIN');
    try {
      // a session zone far from UTC: any place that compared wall time with instants would now be off by hours
      await session.exec(`SET LOCAL TimeZone = 'Asia/Kolkata'`);
      // the store's convenience views pin the column type; they are not needed here
      const views = await session.store.query<{ name: string }>(`SELECT viewname AS name FROM pg_views WHERE schemaname = 'core'`);
      for (const { name } of views) await session.exec(`DROP VIEW IF EXISTS core."${name}" CASCADE`);
      for (const t of [V, 'core.values_demo_current'])
        await session.exec(`ALTER TABLE ${t} ALTER COLUMN ts TYPE timestamp USING ts AT TIME ZONE 'UTC'`);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual([]);
      expect(detailOf(report, 'quality.ground-truth')).toBe('100.0% covered (fault 100.0% of 40, stale 100.0% of 80)');
      expect(detailOf(report, 'physics.occupied-zone-temp')).toMatch(/over 128 readings/);
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it.each(BREAKAGES)('fails on $name', async ({ sql, fails, detail, check }) => {
    await session.exec('BEGIN');
    try {
      for (const s of sql) await session.exec(s);
      await session.exec(SYNC_CURRENT);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual(fails);
      expect(report.passed).toBe(false);
      expect(detailOf(report, check ?? fails[0]!)).toMatch(detail);
      expect(formatReport(report)).toMatch(new RegExp(`^FAIL: ${fails.length} of \\d+ checks failed`, 'm'));
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('fails when the current table is out of date', async () => {
    await session.exec('BEGIN');
    try {
      await session.exec(
        `UPDATE core.values_demo_current SET value_n = value_n + 1 WHERE entity_id = ${ID('meter-main-electric.voltage')}`,
      );
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report)).toEqual(['time-series.current']);
      expect(detailOf(report, 'time-series.current')).toBe('0 missing, 1 differ, 0 without history (e.g. meter-main-electric.voltage)');
    } finally {
      await session.exec('ROLLBACK');
    }
  });

  it('rejects a malformed or unknown org and a bad time zone', async () => {
    await expect(validateStore(session.store, { org: 'Demo; DROP' })).rejects.toThrow(ArgsError);
    await expect(validateStore(session.store, { org: 'nosuch' })).rejects.toThrow(
      /--org "nosuch": no organization with this key in the store \(found: demo\)/,
    );
    await expect(validateStore(session.store, { org: 'demo', timeZone: 'Mars/Olympus' })).rejects.toThrow(/not an IANA time zone/);
  });
});

/**
 * The run's PostgreSQL server from test/helpers/global-setup.ts (src/ cannot import
 * test/helpers under the build's rootDir, so this reads the provided value itself).
 */
const provided = (inject as unknown as (key: string) => { url: string | null; runId: string; skipReason: string } | undefined)(
  'haysimPostgres',
);
if (!provided?.url)
  console.warn(`\n!!! PostgreSQL tests SKIPPED: validateStore on PostgreSQL — ${provided?.skipReason || 'no haysim globalSetup'}\n`);

/** A fresh database named like test/helpers/postgres.ts names them (`_x{runId}_`), so the run's cleanup drops it. */
async function createDatabase(url: string, runId: string): Promise<string> {
  const name = `hsvalidate_x${runId}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

(provided?.url ? describe : describe.skip)('validateStore on PostgreSQL', () => {
  let client: pg.Client;
  let session: Session;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createDatabase(provided!.url!, provided!.runId) });
    await client.connect();
    await writeFixture(new PostgresStore({ client, org: 'demo' }));
    session = {
      store: { query: async (sql, params) => (await client.query(sql, params ? [...params] : undefined)).rows },
      exec: async (sql, params) => void (await client.query(sql, params)),
    };
  });
  afterAll(async () => client?.end());

  it('passes the consistent dataset', async () => {
    const report = await validateStore(session.store, { org: 'demo' });
    expect(failedIds(report), formatReport(report)).toEqual([]);
    expect(detailOf(report, 'quality.stale-share')).toBe('1.67% (80 of 4800 rows; expected 1.00%–5.00%)');
  });

  it.each(
    BREAKAGES.filter((b) => ['a gap', 'a zone at 95 °F', 'sub-meters exceeding the main meter', 'a decreasing register'].includes(b.name)),
  )('fails on $name', async ({ sql, fails, detail, check }) => {
    await session.exec('BEGIN');
    try {
      for (const s of sql) await session.exec(s);
      await session.exec(SYNC_CURRENT);
      const report = await validateStore(session.store, { org: 'demo' });
      expect(failedIds(report), formatReport(report)).toEqual(fails);
      expect(detailOf(report, check ?? fails[0]!)).toMatch(detail);
    } finally {
      await session.exec('ROLLBACK');
    }
  });
});
