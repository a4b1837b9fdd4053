import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOffice } from '../../test/fixtures/query-stores.js';
import { describeWithPostgres } from '../../test/helpers/postgres.js';
import { expectSameRows } from '../../test/helpers/same-rows.js';
import { ArgsError } from '../errors.js';
import type { Store } from '../outputs/output.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { QueryClient } from './query-client.js';
import type { SeriesRow } from './query-types.js';

/*
 * The query library over the same office-tower days (15 min, 2025-03-08 to 03-11 in New York, the spring-forward
 * Sunday in the middle) in four stores: PostgreSQL and the embedded store (PGlite), each in both layouts. Every
 * store gives the same answers; buckets follow the site's clock (checked against the raw readings grouped here
 * with Intl); `query sql` refuses every kind of write on both stores with one line and exit 2.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const TZ = 'America/New_York';
const START = Date.parse('2025-03-08T00:00:00-05:00');
const END = Date.parse('2025-03-11T00:00:00-04:00');
const FROM = new Date(START).toISOString();
/** the local day of the fall-back change, 25 hours */
const FALL_START = Date.parse('2025-11-02T00:00:00-04:00');
const FALL_END = Date.parse('2025-11-03T00:00:00-05:00');
const TO = new Date(END).toISOString();
const SAMPLE = ['equip_chiller_1', 'equip_ahu_1', 'equip_vav_3_north', 'meter_main_electric', 'weather_metro_city'];
const HOUR = 3_600_000;
const scratch = mkdtempSync(join(tmpdir(), 'haysim-query-stores-'));

/** The local calendar day and hour of an instant in New York, as Intl gives them. */
const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});
function localParts(t: number): { day: string; hour: number } {
  const p = Object.fromEntries(local.formatToParts(t).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describeWithPostgres('query library on PostgreSQL and the embedded store, both layouts, across a DST change', (server) => {
  let url: string;
  const clients = new Map<string, QueryClient>();
  const fall: QueryClient[] = [];
  const lite = (layout: string) => join(scratch, layout);

  beforeAll(async () => {
    url = await server.createDatabase('q_stores');
    const stores: [string, Store, string][] = [
      ['PostgreSQL haystack', new PostgresStore({ url, org: 'hay', layout: 'haystack' }), 'hay'],
      ['PostgreSQL wide', new PostgresStore({ url, org: 'wide', layout: 'wide' }), 'wide'],
      ['embedded haystack', new PgliteStore({ dataDir: lite('haystack'), org: 'demo', layout: 'haystack' }), 'demo'],
      ['embedded wide', new PgliteStore({ dataDir: lite('wide'), org: 'demo', layout: 'wide' }), 'demo'],
    ];
    for (const [, store, org] of stores)
      try {
        await loadOffice(store, org, START, END, 15 * 60_000);
      } finally {
        await store.close();
      }
    clients.set('PostgreSQL haystack', await QueryClient.open({ url, org: 'hay' }));
    clients.set('PostgreSQL wide', await QueryClient.open({ url, org: 'wide' }));
    clients.set('embedded haystack', await QueryClient.open({ dataDir: lite('haystack') }));
    clients.set('embedded wide', await QueryClient.open({ dataDir: lite('wide') }));
    // the fall-back Sunday, in one store of each kind and layout
    for (const store of [
      new PostgresStore({ url, org: 'fall', layout: 'haystack' }),
      new PgliteStore({ dataDir: lite('fall'), org: 'demo', layout: 'wide' }),
    ])
      try {
        await loadOffice(store, store instanceof PostgresStore ? 'fall' : 'demo', FALL_START, FALL_END, 15 * 60_000);
      } finally {
        await store.close();
      }
    fall.push(await QueryClient.open({ url, org: 'fall' }), await QueryClient.open({ dataDir: lite('fall') }));
  }, 300_000);
  afterAll(async () => {
    await Promise.all([...clients.values(), ...fall].map((q) => q.close()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('gives the same equipment, latest, ranges, buckets, stats, anomalies, alerts and events in every store and layout', async () => {
    const [ref, ...others] = [...clients];
    const [, q0] = ref!;
    expect([...clients.values()].map((q) => q.layout)).toEqual(['haystack', 'wide', 'haystack', 'wide']);
    expect([...clients.values()].map((q) => q.timeZone)).toEqual([TZ, TZ, TZ, TZ]);
    const events = await q0.events({ from: FROM, to: TO });
    expect(events.rowCount).toBeGreaterThan(0);
    for (const [name, q] of others) {
      expect((await q.equipment()).rows, name).toEqual((await q0.equipment()).rows);
      expectSameRows(await q0.alerts({ since: '7d' }), await q.alerts({ since: '7d' }), `${name} alerts`);
      expectSameRows(events, await q.events({ from: FROM, to: TO }), `${name} events`);
      for (const id of SAMPLE) {
        const what = `${name} ${id}`;
        expect((await q.columns(id)).rows, what).toEqual((await q0.columns(id)).rows);
        expectSameRows(await q0.latest(id), await q.latest(id), `${what} latest`);
        expectSameRows(await q0.range(id, { from: FROM, to: TO }), await q.range(id, { from: FROM, to: TO }), `${what} range`);
        const numeric = (await q0.columns(id)).rows.filter((c) => c.kind !== 'text').map((c) => c.name);
        for (const [agg, every, columns] of [
          ['avg', '1h', numeric],
          ['max', '6h', numeric],
          ['count', '1d', undefined],
          ['last', '15m', undefined],
        ] as const) {
          const o = { from: FROM, to: TO, agg, every, columns };
          expectSameRows(await q0.range(id, o), await q.range(id, o), `${what} ${agg} per ${every}`);
        }
        const [s0, s] = [await q0.stats(id, { from: FROM, to: TO }), await q.stats(id, { from: FROM, to: TO })];
        expectSameRows(s0, s, `${what} stats`);
        expect(s.timestamps, what).toBe(s0.timestamps);
      }
      const o = { column: 'power_kw', op: '>', value: 50, from: FROM, to: TO } as const;
      expectSameRows(await q0.anomalies('equip_chiller_1', o), await q.anomalies('equip_chiller_1', o), `${name} anomalies`);
    }
    expect(
      (await q0.anomalies('equip_chiller_1', { column: 'power_kw', op: '>', value: 50, from: FROM, to: TO })).rowCount,
    ).toBeGreaterThan(0);
  });

  it('buckets on the site clock: a 23-hour spring-forward day, no 02:00 hour, 6-hour buckets at local 00/06/12/18', async () => {
    for (const [name, q] of clients) {
      const raw = (await q.range('equip_chiller_1', { from: FROM, to: TO, columns: ['power_kw'], limit: 100_000 })).rows;
      const readings = raw.filter((r) => r.power_kw !== null).map((r) => Date.parse(r.ts));
      expect(readings.length, name).toBeGreaterThan(250);
      const count = (every: string) =>
        q.range('equip_chiller_1', { from: FROM, to: TO, columns: ['power_kw'], agg: 'count', every, limit: 100_000 });
      const tally = (key: (t: number) => string) => {
        const m = new Map<string, number>();
        for (const t of readings) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
        return m;
      };
      const keyed = (rows: readonly SeriesRow[], key: (t: number) => string) =>
        new Map(rows.map((r) => [key(Date.parse(r.ts)), r.power_kw]));

      const daily = (await count('1d')).rows;
      expect(
        daily.map((r) => r.ts),
        name,
      ).toEqual(['2025-03-08T05:00:00.000Z', '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
      expect(Date.parse(daily[2]!.ts) - Date.parse(daily[1]!.ts), `${name}: the Sunday lasts 23 h`).toBe(23 * HOUR);
      expect(
        keyed(daily, (t) => localParts(t).day),
        name,
      ).toEqual(tally((t) => localParts(t).day));
      expect(daily[1]!.power_kw, name).toBeLessThanOrEqual(92);

      const night = (await count('1h')).rows.filter((r) => localParts(Date.parse(r.ts)).day === '2025-03-09').slice(0, 5);
      expect(
        night.map((r) => localParts(Date.parse(r.ts)).hour),
        `${name}: local hours`,
      ).toEqual([0, 1, 3, 4, 5]);
      expect(
        night.map((r) => r.ts),
        name,
      ).toEqual(['05', '06', '07', '08', '09'].map((h) => `2025-03-09T${h}:00:00.000Z`));

      const quarterDays = (await count('6h')).rows;
      const sunday = quarterDays.filter((r) => localParts(Date.parse(r.ts)).day === '2025-03-09').map((r) => r.ts);
      expect(sunday, name).toEqual([
        '2025-03-09T05:00:00.000Z',
        '2025-03-09T10:00:00.000Z',
        '2025-03-09T16:00:00.000Z',
        '2025-03-09T22:00:00.000Z',
      ]);
      const sixHours = (t: number) => {
        const p = localParts(t);
        return `${p.day} ${Math.floor(p.hour / 6)}`;
      };
      expect(keyed(quarterDays, sixHours), name).toEqual(tally(sixHours));
    }
  });

  it('keeps the two 01:00 hours of the fall-back night apart, in a 25-hour day and a 7-hour first quarter', async () => {
    const period = { from: FALL_START, to: FALL_END, columns: ['power_kw'] };
    for (const q of fall) {
      const what = `${q.layout} ${q.org}`;
      const readings = (await q.range('equip_chiller_1', { ...period, limit: 10_000 })).rows.filter((r) => r.power_kw !== null);
      expect(readings.length, what).toBeGreaterThan(90);
      const daily = (await q.range('equip_chiller_1', { ...period, agg: 'count', every: '1d' })).rows;
      expect(daily, what).toEqual([{ ts: '2025-11-02T04:00:00.000Z', power_kw: readings.length }]);
      const hourly = (await q.range('equip_chiller_1', { ...period, agg: 'count', every: '1h' })).rows;
      expect(hourly.length, what).toBe(25);
      expect(
        hourly.filter((r) => localParts(Date.parse(r.ts)).hour === 1).map((r) => r.ts),
        what,
      ).toEqual(['2025-11-02T05:00:00.000Z', '2025-11-02T06:00:00.000Z']);
      expect(Math.max(...hourly.map((r) => r.power_kw as number)), what).toBeLessThanOrEqual(4);
      const [first] = (await q.range('equip_chiller_1', { ...period, agg: 'count', every: '6h' })).rows;
      const inFirst = readings.filter((r) => Date.parse(r.ts) < Date.parse('2025-11-02T06:00:00-05:00')).length;
      expect(first, what).toEqual({ ts: '2025-11-02T04:00:00.000Z', power_kw: inFirst });
      expect(inFirst, `${what}: 00:00–06:00 local is 7 hours`).toBeGreaterThan(24);
    }
  });

  it('refuses writes, DDL and calls acting outside the transaction on either store with one line and exit 2, and reads as the read-only role', {
    timeout: 300_000,
  }, async () => {
    const stores: [string, string[]][] = [
      ['PostgreSQL', ['--db', url, '--org', 'hay']], // its orgs: hay, wide and fall
      ['embedded', ['--data-dir', lite('haystack')]],
    ];
    const refused: [string, RegExp][] = [
      ["INSERT INTO core.org (key, name) VALUES ('evil', 'x')", /only a read is allowed .* not INSERT/],
      ["UPDATE core.org SET name = 'x'", /not UPDATE/],
      ['DELETE FROM core.org', /not DELETE/],
      ['CREATE TABLE core.evil (a int)', /not CREATE/],
      ['ALTER TABLE core.org ADD COLUMN evil int', /not ALTER/],
      ['TRUNCATE core.org', /not TRUNCATE/],
      ['with d as (delete from core.org returning *) select * from d', /not a read|data-modifying/],
      ["select nextval('core.entity_id_seq')", /nextval\(\) is not allowed/],
      ["select set_config('role', 'postgres', false)", /set_config\(\) is not allowed/],
      ['select pg_advisory_lock(42)', /pg_advisory_lock\(\) is not allowed/],
      ["COPY (select 1) TO PROGRAM 'touch /tmp/haysim-pwned'", /not COPY/],
      ["select dblink_exec('dbname=postgres', 'drop table core.org')", /dblink_exec\(\) is not allowed/],
      ['select 1; DROP TABLE core.org', /one statement only/],
      ["select lo_import('/etc/passwd')", /lo_import\(\) is not allowed/],
      ["select lo_export(1, '/tmp/haysim-pwned')", /lo_export\(\) is not allowed/],
      ['select lo_creat(-1)', /lo_creat\(\) is not allowed/],
      ['select pg_current_logfile()', /permission denied/],
    ];
    // every statement through the library on both stores; a few through the CLI (one line, exit 2) on each
    for (const name of ['PostgreSQL haystack', 'embedded haystack'])
      for (const [statement, message] of refused) {
        const err = await clients
          .get(name)!
          .sql(statement)
          .catch((e: unknown) => e);
        expect(err, `${name}: ${statement}`).toBeInstanceOf(ArgsError);
        expect((err as Error).message, `${name}: ${statement}`).toMatch(message);
      }
    const viaCli = new Set([
      'CREATE TABLE core.evil (a int)',
      "select nextval('core.entity_id_seq')",
      'select 1; DROP TABLE core.org',
      'select pg_current_logfile()',
    ]);
    for (const [store, flags] of stores) {
      for (const [statement, message] of refused.filter(([s]) => viaCli.has(s))) {
        const r = haysim(['query', 'sql', statement, ...flags]);
        expect(r.code, `${store}: ${statement}`).toBe(2);
        expect(r.stderr, `${store}: ${statement}`).toMatch(message);
        expect(r.stderr.trim().split('\n'), `${store}: ${statement}`).toHaveLength(1);
      }
      const who = haysim([
        'query',
        'sql',
        `select current_user as u, (select count(*) from core.org)::int as orgs`,
        '--format',
        'json',
        ...flags,
      ]);
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout).rows, store).toEqual([{ u: 'haysim_reader', orgs: store === 'PostgreSQL' ? 3 : 1 }]);
    }
    const q = clients.get('embedded haystack')!;
    expect((await q.sql(`select to_regclass('core.evil') is null as none, count(*)::int as n from core.org`)).rows).toEqual([
      { none: true, n: 1 },
    ]);
  });
});
