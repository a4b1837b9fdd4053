import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOffice } from '../../test/fixtures/query-stores.js';
import { describeWithPostgres } from '../../test/helpers/postgres.js';
import { expectSameRows } from '../../test/helpers/same-rows.js';
import { ArgsError } from '../errors.js';
import type { Store } from '../outputs/output.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { QueryClient } from './query-client.js';
import { AGGREGATIONS } from './query-types.js';

/*
 * The query library on PostgreSQL over the same office-tower days in both layouts (org `hay`, org `wide`):
 * the same answers, answers that match a computation from the raw rows, and bad input refused as an input
 * error before any SQL carries it.
 */

const START = Date.UTC(2025, 6, 14, 6);
const END = Date.UTC(2025, 6, 16, 6);
const FROM = '2025-07-14T06:00:00Z';
const TO = '2025-07-16T06:00:00Z';
const SAMPLE = ['equip_chiller_1', 'equip_ahu_1', 'equip_vav_3_north', 'meter_main_electric', 'weather_metro_city'];

/** Every statement a store was sent, text and parameters, to show what reached SQL. */
function recording(store: Store): { store: Store; sent: string[] } {
  const sent: string[] = [];
  const record = (sql: string, params?: readonly unknown[]) => sent.push(`${sql} ${JSON.stringify(params ?? [])}`);
  const wrapped: Store = Object.assign(Object.create(store) as Store, {
    readOnly: <T>(fn: Parameters<Store['readOnly']>[0]) =>
      store.readOnly((tx) =>
        fn({
          query: (sql, params) => {
            record(sql, params);
            return tx.query(sql, params);
          },
        }),
      ) as Promise<T>,
    readOne: <R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
      record(sql, params);
      return store.readOne!<R>(sql, params);
    },
  });
  return { store: wrapped, sent };
}

describeWithPostgres('query library on PostgreSQL, both layouts', (server) => {
  let url: string;
  let hay: QueryClient;
  let wide: QueryClient;
  let rec: ReturnType<typeof recording>;
  let recorded: QueryClient;
  let raw: PostgresStore;

  beforeAll(async () => {
    url = await server.createDatabase('q_layouts');
    for (const [org, layout] of [
      ['hay', 'haystack'],
      ['wide', 'wide'],
    ] as const) {
      const store = new PostgresStore({ url, org, layout });
      try {
        await loadOffice(store, org, START, END, 15 * 60_000);
      } finally {
        await store.close();
      }
    }
    hay = await QueryClient.open({ url, org: 'hay' });
    wide = await QueryClient.open({ url, org: 'wide' });
    raw = new PostgresStore({ url, org: 'hay' });
    rec = recording(new PostgresStore({ url, org: 'wide' }));
    recorded = await QueryClient.over(rec.store, { org: 'wide' });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([hay?.close(), wide?.close(), raw?.close(), rec?.store.close()]);
  });

  it('reads each org in its layout and lists the same equipment with the same columns', async () => {
    expect([hay.layout, wide.layout]).toEqual(['haystack', 'wide']);
    expect(hay.timeZone).toBe('America/New_York');
    const [h, w] = [await hay.equipment(), await wide.equipment()];
    expect(h.rows).toEqual(w.rows);
    expect(h.rowCount).toBe(85); // 84 equipment and the weather station
    expect((await hay.equipment({ type: 'chiller' })).rows.map((r) => r.id)).toEqual(['equip_chiller_1', 'equip_chiller_2']);
    expect((await hay.columns('equip_chiller_1')).rows).toEqual((await wide.columns('equip-chiller-1')).rows);
  });

  it('gives the same latest, raw range, buckets of every aggregation, stats and anomalies in both layouts', async () => {
    for (const id of SAMPLE) {
      expectSameRows(await hay.latest(id), await wide.latest(id));
      expectSameRows(await hay.range(id, { from: FROM, to: TO }), await wide.range(id, { from: FROM, to: TO }));
      for (const agg of AGGREGATIONS) {
        const numeric = ['avg', 'min', 'max', 'sum'].includes(agg);
        const columns = numeric ? (await hay.columns(id)).rows.filter((c) => c.kind !== 'text').map((c) => c.name) : undefined;
        const o = { from: FROM, to: TO, agg, every: '1h', columns };
        expectSameRows(await hay.range(id, o), await wide.range(id, o));
      }
      const [hs, ws] = [await hay.stats(id, { from: FROM, to: TO }), await wide.stats(id, { from: FROM, to: TO })];
      expectSameRows(hs, ws);
      expect(hs.timestamps).toBe(ws.timestamps);
    }
    const o = { column: 'power_kw', op: '>=', value: 100, from: FROM, to: TO } as const;
    const [ha, wa] = [await hay.anomalies('equip_chiller_1', o), await wide.anomalies('equip_chiller_1', o)];
    expect(ha.rowCount).toBeGreaterThan(0);
    expectSameRows(ha, wa);
    expectSameRows(await hay.alerts({ since: '7d' }), await wide.alerts({ since: '7d' }));
  });

  it('matches what the raw rows give, computed here', async () => {
    const rows = await raw.query<{ t: number; v: number }>(
      `SELECT (extract(epoch FROM ts) * 1000)::float8 AS t, value_n::float8 AS v FROM core.values_hay
        WHERE entity_id = (SELECT id FROM core.entity WHERE haystack_id = 'equip-chiller-1.power' AND org_id = (SELECT id FROM core.org WHERE key = 'hay')) AND value_n IS NOT NULL
          AND ts >= $1 AND ts < $2 ORDER BY ts`,
      [FROM, TO],
    );
    expect(rows.length).toBeGreaterThan(150);
    const hours = new Map<number, number[]>();
    for (const r of rows)
      hours.set(Math.floor(r.t / 3_600_000) * 3_600_000, [...(hours.get(Math.floor(r.t / 3_600_000) * 3_600_000) ?? []), r.v]);
    for (const q of [hay, wide]) {
      const avg = await q.range('equip_chiller_1', { from: FROM, to: TO, columns: ['power_kw'], agg: 'avg', every: '1h' });
      expect(avg.rows.map((r) => Date.parse(r.ts))).toEqual([...hours.keys()]);
      avg.rows.forEach((r) => {
        const vs = hours.get(Date.parse(r.ts))!;
        expect(r.power_kw).toBeCloseTo(vs.reduce((a, b) => a + b, 0) / vs.length, 9);
      });
      // 6-hour buckets follow the site's clock: the first ends at 06:00 EDT, 10:00 UTC
      const last = await q.range('equip_chiller_1', { from: FROM, to: TO, columns: ['power_kw'], agg: 'last', every: '6h' });
      expect(last.rows[0]!.ts).toBe('2025-07-14T04:00:00.000Z');
      expect(last.rows[0]!.power_kw).toBe(rows.filter((r) => r.t < Date.parse('2025-07-14T06:00:00-04:00')).at(-1)!.v);
      const [s] = (await q.stats('equip_chiller_1', { from: FROM, to: TO, columns: ['power_kw'] })).rows;
      const vs = rows.map((r) => r.v);
      expect(s).toMatchObject({ count: vs.length, min: Math.min(...vs), max: Math.max(...vs) });
      expect(s!.sum!).toBeCloseTo(
        vs.reduce((a, b) => a + b, 0),
        6,
      );
      const over = await q.anomalies('equip_chiller_1', { column: 'power_kw', op: '>', value: 100, from: FROM, to: TO });
      expect(over.rows.map((r) => r.power_kw)).toEqual(vs.filter((v) => v > 100));
      const latest = await q.latest('equip_chiller_1', { columns: ['power_kw'] });
      expect(latest.rows).toEqual([{ ts: new Date(rows.at(-1)!.t).toISOString(), power_kw: rows.at(-1)!.v }]);
      expect(latest.rowCount).toBe(1);
      expect(latest.queryMs).toBeGreaterThan(0);
    }
  });

  it('refuses bad input with one line before any SQL carries it', async () => {
    const payload = "x'; DROP TABLE core.org; --";
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'unknown equipment',
        () => recorded.latest('equip_chiller_l'),
        /unknown equipment "equip_chiller_l": did you mean "equip_chiller_1"\?/,
      ],
      [
        'unknown column',
        () => recorded.latest('equip_chiller_1', { columns: ['power_kW'] }),
        /unknown column of equip_chiller_1 "power_kW": did you mean "power_kw"\?/,
      ],
      [
        'bad operator',
        () => recorded.anomalies('equip_chiller_1', { column: 'power_kw', op: '=>' as never, value: 1 }),
        /--op "=>": unknown operator/,
      ],
      ['from after to', () => recorded.range('equip_chiller_1', { from: TO, to: FROM }), /--from .* must be before --to/],
      [
        'interval not allowed',
        () => recorded.range('equip_chiller_1', { agg: 'avg', every: '7m' }),
        /--every "7m": not an allowed interval/,
      ],
      ['unknown aggregation', () => recorded.range('equip_chiller_1', { agg: 'median' as never, every: '1h' }), /--agg "median"/],
      ['a type nothing has', () => recorded.equipment({ type: 'chilr' }), /did you mean "chiller"\?/],
      [
        'text in numeric stats',
        () =>
          recorded
            .stats('equip_ahu_1', { columns: ['status'] })
            .then(() => recorded.range('equip_vav_3_north', { agg: 'avg', every: '1h', columns: ['occ_mode'] })),
        /holds text|unknown column/,
      ],
    ];
    const injections: [string, () => Promise<unknown>][] = [
      ['equipment', () => recorded.latest(payload)],
      ['column', () => recorded.range('equip_chiller_1', { columns: [payload] })],
      ['operator', () => recorded.anomalies('equip_chiller_1', { column: 'power_kw', op: payload as never, value: 1 })],
      ['value', () => recorded.anomalies('equip_chiller_1', { column: 'power_kw', op: '>', value: payload as never })],
      ['aggregation', () => recorded.range('equip_chiller_1', { agg: payload as never, every: '1h' })],
      ['interval', () => recorded.range('equip_chiller_1', { agg: 'avg', every: payload })],
      ['from', () => recorded.range('equip_chiller_1', { from: payload })],
      ['to', () => recorded.stats('equip_chiller_1', { to: payload })],
      ['type', () => recorded.equipment({ type: payload })],
      ['alert equipment', () => recorded.alerts({ equip: payload })],
      ['severity', () => recorded.alerts({ severity: payload as never })],
      ['since', () => recorded.alerts({ since: payload })],
      ['limit', () => recorded.range('equip_chiller_1', { limit: payload as never })],
    ];
    for (const [name, call, message] of cases) await expect(call(), name).rejects.toThrow(message);
    for (const [name, call] of injections) await expect(call(), name).rejects.toBeInstanceOf(ArgsError);
    expect(rec.sent.filter((s) => s.includes('DROP TABLE'))).toEqual([]);
    for (const [name, call] of cases) await call().catch((e: unknown) => expect(e, name).toBeInstanceOf(ArgsError));
  });

  it('runs one read statement and refuses anything else, changing nothing', async () => {
    const ok = await wide.sql('select key, 1 + 1 as two from core.org order by key');
    expect(ok.rows).toEqual([
      { key: 'hay', two: 2 },
      { key: 'wide', two: 2 },
    ]);
    expect((await wide.sql('select * from core.entity', { limit: 5 })).truncated).toBe(true);
    const before = await raw.query<{ n: number; seq: number }>(
      `SELECT (SELECT count(*) FROM core.org)::int AS n, (SELECT last_value FROM core.entity_id_seq)::int AS seq`,
    );
    const refused: [string, RegExp][] = [
      ["INSERT INTO core.org (key, name) VALUES ('evil', 'x')", /only a read is allowed .* not INSERT/],
      ['DROP TABLE core.org', /not DROP/],
      ['select 1; DROP TABLE core.org', /one statement only/],
      ['select 1 ; ; ', /one statement only/],
      ["COPY (select 1) TO PROGRAM 'touch /tmp/haysim-pwned'", /not COPY/],
      ['with d as (delete from core.org returning *) select * from d', /data-modifying|not a read/],
      ["select nextval('core.entity_id_seq')", /nextval\(\) is not allowed/],
      ["select setval('core.entity_id_seq', 1)", /setval\(\) is not allowed/],
      ["select lo_export(1, '/tmp/haysim-pwned')", /lo_export\(\) is not allowed/],
      ["select lo_import('/etc/passwd')", /lo_import\(\) is not allowed/],
      ['select "pg_terminate_backend"(1)', /pg_terminate_backend\(\) is not allowed/],
      ["select set_config('default_transaction_read_only', 'off', false)", /set_config\(\) is not allowed/],
      ["select pg_read_file('/etc/passwd')", /pg_read_file\(\) is not allowed/],
      ["select pg_catalog.pg_read_binary_file('/etc/passwd')", /pg_read_binary_file\(\) is not allowed/],
      ["select * from pg_ls_dir('.')", /pg_ls_dir\(\) is not allowed/],
      ["select pg_stat_file('postgresql.conf')", /pg_stat_file\(\) is not allowed/],
      ['select pg_sleep(3600)', /pg_sleep\(\) is not allowed/],
      ['select pg_advisory_lock(1)', /pg_advisory_lock\(\) is not allowed/],
      // not on the denylist: refused by the role's privileges (it is no superuser, nor pg_monitor)
      ['select pg_current_logfile()', /permission denied for function pg_current_logfile/],
      ["select dblink_exec('dbname=postgres', 'drop table x')", /dblink_exec\(\) is not allowed/],
      ["select query_to_xml('select pg_read_file(''/etc/passwd'')', true, true, '')", /query_to_xml\(\) is not allowed/],
      ["COPY core.org TO '/tmp/haysim-pwned'", /not COPY/],
      ['select * into evil from core.org', /syntax|INTO/i],
      ['select 1) as x; (select 2', /one statement only|unbalanced/],
      ['select * from nosuch', /relation "nosuch" does not exist/],
      ['   ', /empty/],
    ];
    // the statement runs as the role that may only read, which has SELECT and nothing else
    expect((await wide.sql(`select current_user as u, has_table_privilege('core.org', 'INSERT') as ins`)).rows).toEqual([
      { u: 'haysim_reader', ins: false },
    ]);
    for (const [statement, message] of refused) {
      const err = await wide.sql(statement).catch((e: unknown) => e);
      expect(err, statement).toBeInstanceOf(ArgsError);
      expect((err as Error).message, statement).toMatch(message);
    }
    // the one-round-trip reads run on sessions read only by default: a write there is refused too
    for (const write of ["INSERT INTO core.org (key, name) VALUES ('evil', 'x')", "SELECT nextval('core.entity_id_seq')"])
      await expect(raw.readOne(write), write).rejects.toMatchObject({ cause: { code: '25006' } });
    // a user who may not take the role (it owns its database, creates no roles) reads as itself, still read-only
    const ownerUrl = await server.createUserDatabase('q_owner', 'owner-pass');
    const owner = new PostgresStore({ url: ownerUrl, org: 'own' });
    try {
      await loadOffice(owner, 'own', START, START + 6 * 3_600_000, 3_600_000);
    } finally {
      await owner.close();
    }
    const own = await QueryClient.open({ url: ownerUrl, org: 'own' });
    try {
      expect((await own.sql('select current_user = session_user as itself')).rows).toEqual([{ itself: true }]);
      await expect(own.sql('DELETE FROM core.org')).rejects.toThrow(/not DELETE/);
      await expect(own.sql('with d as (delete from core.org returning *) select * from d')).rejects.toThrow(/not a read|data-modifying/);
      expect((await own.sql('select count(*)::int as n from core.org')).rows).toEqual([{ n: 1 }]);
    } finally {
      await own.close();
    }
    // a string literal or comment holding `;` or a write is data, not a second statement
    expect((await wide.sql("select 'a; DROP TABLE x' as s -- ; delete\n")).rows).toEqual([{ s: 'a; DROP TABLE x' }]);
    expect(
      await raw.query(`SELECT (SELECT count(*) FROM core.org)::int AS n, (SELECT last_value FROM core.entity_id_seq)::int AS seq`),
    ).toEqual(before);
  });
});
