import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOffice } from '../../test/fixtures/query-stores.js';
import { describeWithPostgres } from '../../test/helpers/postgres.js';
import { expectSameRows } from '../../test/helpers/same-rows.js';
import { orgTables } from '../outputs/core-store/org-key.js';
import { hourlyOrigin, hourlyRollupSql, recordHourlyAggregate } from '../outputs/core-store/timescale.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { LocalClock } from '../time/clock.js';
import { haystackQuerySql } from './haystack-query-sql.js';
import { findHourlyRollup, type HourlyRollup, rollupBucketsSql, rollupHours } from './hourly-rollup.js';
import { bucketAlignment, type Bucketing, type Period } from './layout-sql.js';
import { type Catalog, loadCatalog } from './query-catalog.js';
import { QueryClient } from './query-client.js';
import { bucketInterval, parseTime } from './query-inputs.js';
import type { Aggregation, RangeOptions } from './query-types.js';

/*
 * Reading the hourly continuous aggregate, on a real PostgreSQL without TimescaleDB (it cannot be installed
 * here). STAND-INS for the extension, written from its documentation: time_bucket() (the three signatures
 * haysim calls, by arithmetic on epochs, not by date_bin), timescaledb_information.continuous_aggregates (a view
 * listing the aggregate), and the aggregate itself as a plain materialized view built from the very body haysim
 * gives TimescaleDB (hourlyRollupSql). So the statements the query layer sends with TimescaleDB parse, bind and
 * answer here. NOT proven: TimescaleDB's acceptance of that body as a continuous aggregate, real-time aggregation
 * (the union of materialised hours and the tail the policy has not reached), its planner on the aggregate.
 *
 * The office tower over a New York fall-back night (a 25-hour local day) and the same site moved to Kolkata
 * (UTC+05:30, local hours start at :30 UTC), at 5 minutes, so periods that start and end inside an hour have
 * readings in their part hours.
 */

const START = Date.parse('2025-11-01T12:00:00-04:00');
const END = Date.parse('2025-11-03T12:00:00-05:00');
const SITES = [
  { org: 'ny', zone: 'America/New_York' },
  { org: 'kol', zone: 'Asia/Kolkata' },
] as const;
const EQUIP = 'equip_chiller_1';
const NUMBERS = ['power_kw', 'chw_supply_temp_f'];

describeWithPostgres('range buckets from the hourly aggregate (stand-ins for TimescaleDB)', (server) => {
  let url: string;
  let admin: pg.Client;
  /** per org: the client before the stand-ins (raw rows, date_bin) and after (the aggregate) */
  const raw = new Map<string, QueryClient>();
  const rolled = new Map<string, QueryClient>();

  beforeAll(async () => {
    url = await server.createDatabase('q_rollup');
    for (const { org, zone } of SITES) {
      const store = new PostgresStore({ url, org, layout: 'haystack' });
      try {
        await loadOffice(store, org, START, END, 5 * 60_000, zone);
      } finally {
        await store.close();
      }
      raw.set(org, await QueryClient.open({ url, org }));
    }
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await installStandIns(admin);
    for (const { org, zone } of SITES) {
      const t = orgTables(org);
      await admin.query(`DROP VIEW ${t.hourly}`); // the plain view haysim made on PostgreSQL
      await admin.query(`CREATE MATERIALIZED VIEW ${t.hourly} AS ${hourlyRollupSql(t.values, hourlyOrigin(zone))}`);
      await recordHourlyAggregate(
        { query: async (sql, params) => (await admin.query(sql, params as unknown[])).rows },
        t,
        hourlyOrigin(zone),
      );
    }
    await admin.query(`CREATE VIEW timescaledb_information.continuous_aggregates AS
      SELECT 'core'::name AS view_schema, format('values_%s_hourly', k)::name AS view_name, false AS materialized_only,
             'core'::name AS hypertable_schema, format('values_%s', k)::name AS hypertable_name
        FROM unnest(ARRAY['ny', 'kol']) k`);
    for (const { org } of SITES) rolled.set(org, await QueryClient.open({ url, org }));
  }, 300_000);
  afterAll(async () => {
    await Promise.all([...raw.values(), ...rolled.values()].map((q) => q.close()));
    await admin?.end();
  });

  const catalog = (org: string): Promise<Catalog> => {
    const store = new PostgresStore({ url, org });
    return store
      .open()
      .then(() => store.readOnly((tx) => loadCatalog(tx, org)))
      .finally(() => store.close());
  };

  it('finds the aggregate only where TimescaleDB lists it and haysim recorded it: never on plain PostgreSQL', async () => {
    const bare = await server.createDatabase('q_rollup_bare');
    const store = new PostgresStore({ url: bare, org: 'ny', layout: 'haystack' });
    try {
      await loadOffice(store, 'ny', START, START + 6 * 3_600_000, 15 * 60_000);
      expect(await store.readOnly((tx) => findHourlyRollup(tx, orgTables('ny')))).toBeUndefined();
      expect((await store.readOnly((tx) => loadCatalog(tx, 'ny'))).hourly).toBeUndefined();
    } finally {
      await store.close();
    }
    const kol = await catalog('kol');
    expect(kol.hourly).toEqual({ relation: 'core."values_kol_hourly"', origin: Date.parse('2000-01-02T18:30:00Z') });
    expect((await catalog('ny')).hourly?.origin).toBe(Date.parse('2000-01-03T05:00:00Z'));
    await admin.query(`CREATE OR REPLACE VIEW timescaledb_information.continuous_aggregates AS
      SELECT view_schema, view_name, view_name = 'values_kol_hourly' AS materialized_only, hypertable_schema, hypertable_name
        FROM (SELECT 'core'::name AS view_schema, format('values_%s_hourly', k)::name AS view_name,
                     'core'::name AS hypertable_schema, format('values_%s', k)::name AS hypertable_name FROM unnest(ARRAY['ny', 'kol']) k) c`);
    try {
      expect((await catalog('kol')).hourly, 'materialized_only: not read').toBeUndefined();
    } finally {
      await admin.query(`CREATE OR REPLACE VIEW timescaledb_information.continuous_aggregates AS
        SELECT view_schema, view_name, false AS materialized_only, hypertable_schema, hypertable_name
          FROM (SELECT 'core'::name AS view_schema, format('values_%s_hourly', k)::name AS view_name,
                       'core'::name AS hypertable_schema, format('values_%s', k)::name AS hypertable_name FROM unnest(ARRAY['ny', 'kol']) k) c`);
    }
  });

  it('gives the raw path’s answers: local multi-hour and daily buckets, part hours at both edges', async () => {
    for (const { org, zone } of SITES) {
      const [q0, q] = [raw.get(org)!, rolled.get(org)!];
      // the local day of the fall-back change in New York, from 00:07 to 23:52 local, so both edges cut an hour
      const from = parseTime('2025-11-02T00:07', zone, 'from');
      const to = parseTime('2025-11-02T23:52', zone, 'to');
      const periods = [
        { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        { from: new Date(START).toISOString(), to: new Date(END).toISOString() },
      ];
      for (const period of periods)
        for (const every of ['1h', '2h', '3h', '6h', '1d'])
          for (const agg of ['avg', 'min', 'max', 'sum', 'count'] as const) {
            const o: RangeOptions = { ...period, columns: NUMBERS, agg, every };
            const [a, b] = [await q0.range(EQUIP, o), await q.range(EQUIP, o)];
            const what = `${org} ${agg} per ${every} from ${period.from}`;
            expect(b.rowCount, what).toBeGreaterThan(0);
            // min, max and count to the bit; avg and sum exact from the aggregate, float8 in time order from raw rows
            if (agg === 'avg' || agg === 'sum') expectSameRows(a, b, what);
            else expect(b.rows, what).toEqual(a.rows);
          }
    }
    // the fall-back day in New York has 25 hourly buckets, Kolkata's hours start at :30 UTC
    const ny = await rolled
      .get('ny')!
      .range(EQUIP, { from: '2025-11-02', to: '2025-11-03', columns: ['power_kw'], agg: 'avg', every: '1h' });
    expect(ny.rowCount).toBe(25);
    const kol = await rolled
      .get('kol')!
      .range(EQUIP, { from: '2025-11-02', to: '2025-11-03', columns: ['power_kw'], agg: 'avg', every: '1h' });
    expect(kol.rows.map((r) => r.ts.slice(13))).toEqual(Array(24).fill(':30:00.000Z'));
  });

  it('reads whole hours from the aggregate and part hours from raw rows', async () => {
    for (const { org, zone } of SITES) {
      const t = orgTables(org);
      const { columns } = (await catalog(org)).byId.get(EQUIP)!;
      const id = columns.find((c) => c.name === 'power_kw')!.entityId;
      const o: RangeOptions = { from: '2025-11-02T00:07', to: '2025-11-02T23:52', columns: ['power_kw'], agg: 'sum', every: '1d' };
      const before = (await rolled.get(org)!.range(EQUIP, o)).rows[0]!.power_kw as number;
      // +1000 at local 12:00 (a whole hour) and 00:10 (the first part hour); the materialized view is not refreshed
      const at = ['2025-11-02T12:00', '2025-11-02T00:10'].map((x) => new Date(parseTime(x, zone, 'at')).toISOString());
      const bump = async (by: number) => {
        for (const ts of at) {
          const r = await admin.query(
            `UPDATE ${t.values} SET value_n = value_n + $3 WHERE entity_id = $1 AND ts = $2 AND value_n IS NOT NULL`,
            [id, ts, by],
          );
          expect(r.rowCount, `${org} ${ts}`).toBe(1);
        }
      };
      await bump(1000);
      try {
        const rawSum = (await raw.get(org)!.range(EQUIP, o)).rows[0]!.power_kw as number;
        const rolledSum = (await rolled.get(org)!.range(EQUIP, o)).rows[0]!.power_kw as number;
        expect(rawSum - before, org).toBeCloseTo(2000, 6);
        expect(rolledSum - before, `${org}: the edge from raw rows, the hour from the aggregate`).toBeCloseTo(1000, 6);
      } finally {
        await bump(-1000);
      }
    }
  });

  it('falls back to raw rows where the aggregate cannot answer, with the same answers', async () => {
    const kol = (await catalog('kol')).hourly!;
    const clock = new LocalClock('Asia/Kolkata');
    const day: Period = { from: '2025-11-01T18:30:00.000Z', to: '2025-11-02T18:30:00.000Z' };
    const cols = (await catalog('kol')).byId.get(EQUIP)!.columns;
    const number = cols.filter((c) => c.kind === 'number').slice(0, 1);
    const bool = cols.filter((c) => c.kind === 'bool').slice(0, 1);
    expect(bool).toHaveLength(1);
    const b = (every: string, agg: Aggregation, zone = 'Asia/Kolkata') => bucketing(every, agg, zone);
    expect(rollupHours(kol, b('1h', 'avg'), number, day, clock)).toEqual(day);
    expect(rollupHours(kol, b('3h', 'sum'), number, { from: '2025-11-01T18:40:00.000Z', to: '2025-11-02T18:29:00.000Z' }, clock)).toEqual({
      from: '2025-11-01T19:30:00.000Z',
      to: '2025-11-02T17:30:00.000Z',
    });
    expect(rollupHours(kol, b('30m', 'avg'), number, day, clock), 'under an hour').toBeUndefined();
    expect(rollupHours(kol, b('1h', 'first'), number, day, clock), 'first').toBeUndefined();
    expect(rollupHours(kol, b('1h', 'avg'), [...number, ...bool], day, clock), 'a boolean column').toBeUndefined();
    expect(
      rollupHours(kol, b('1h', 'avg'), number, { from: day.from, to: '2025-11-01T19:29:00.000Z' }, clock),
      'no whole hour',
    ).toBeUndefined();
    // an aggregate of UTC hours cannot give a UTC+05:30 site's hours, local or from its midnight
    const utc: HourlyRollup = { ...kol, origin: Date.parse('2000-01-03T00:00:00Z') };
    expect(rollupHours(utc, b('1h', 'avg'), number, day, clock)).toBeUndefined();
    expect(rollupHours(utc, b('1d', 'avg'), number, day, clock)).toBeUndefined();
    // Lord Howe Island moves its clock by half an hour: its local days are on a UTC+10:30 grid only in winter
    const howe = new LocalClock('Australia/Lord_Howe');
    const winter: HourlyRollup = { relation: kol.relation, origin: Date.parse('2000-01-02T13:30:00Z') };
    const june = { from: '2025-05-31T13:30:00.000Z', to: '2025-06-07T13:30:00.000Z' };
    expect(rollupHours(winter, b('1d', 'avg', 'Australia/Lord_Howe'), number, june, howe)).toEqual(june);
    expect(
      rollupHours(winter, b('1d', 'avg', 'Australia/Lord_Howe'), number, { ...june, to: '2025-10-15T00:00:00.000Z' }, howe),
    ).toBeUndefined();

    const [q0, q] = [raw.get('kol')!, rolled.get('kol')!];
    for (const o of [
      { from: '2025-11-02', to: '2025-11-03', agg: 'first', every: '1h' },
      { from: '2025-11-02', to: '2025-11-03', agg: 'avg', every: '15m', columns: [number[0]!.name] },
      { from: '2025-11-02', to: '2025-11-03', agg: 'avg', every: '1h', columns: [number[0]!.name, bool[0]!.name] },
      { from: '2025-11-02T10:05', to: '2025-11-02T10:55', agg: 'max', every: '1h', columns: [number[0]!.name] },
    ] as RangeOptions[])
      expect((await q.range(EQUIP, o)).rows, JSON.stringify(o)).toEqual((await q0.range(EQUIP, o)).rows);
  });

  it('sends the same answers through time_bucket (the stand-in) as through date_bin, raw and from the aggregate', async () => {
    for (const { org, zone } of SITES) {
      const c = await catalog(org);
      const cols = c.byId.get(EQUIP)!.columns.filter((x) => NUMBERS.includes(x.name));
      const period: Period = {
        from: new Date(parseTime('2025-11-01T22:10', zone, 'from')).toISOString(),
        to: new Date(parseTime('2025-11-03T01:40', zone, 'to')).toISOString(),
      };
      for (const every of ['1h', '3h', '1d']) {
        const bucket = bucketing(every, 'avg', zone);
        const hours = rollupHours(c.hourly!, bucket, cols, period, new LocalClock(zone))!;
        expect(hours, `${org} ${every}`).toBeDefined();
        const answers = [];
        for (const timescale of [false, true]) {
          const e = c.byId.get(EQUIP)!;
          answers.push(await rows(haystackQuerySql(c.tables.values, timescale).buckets(e, cols, period, bucket, 1000)));
          answers.push(await rows(rollupBucketsSql(c.tables.values, c.hourly!, timescale, cols, period, hours, bucket, 1000)));
        }
        const [rawDateBin, rolledDateBin, rawTimeBucket, rolledTimeBucket] = answers;
        expect(rawDateBin!.length, `${org} ${every}`).toBeGreaterThan(0);
        expect(rawTimeBucket, `${org} ${every} raw`).toEqual(rawDateBin);
        expect(rolledTimeBucket, `${org} ${every} aggregate`).toEqual(rolledDateBin);
        expect(rolledDateBin!.map((r) => r.t)).toEqual(rawDateBin!.map((r) => r.t));
        rolledDateBin!.forEach((r, i) => {
          for (const k of ['c0', 'c1']) expect(r[k], `${org} ${every} ${k} of row ${i}`).toBeCloseTo(rawDateBin![i]![k], 9);
        });
      }
    }
  });

  const rows = async (s: { text: string; params: readonly unknown[] }) => (await admin.query(s.text, s.params as unknown[])).rows;
});

/** Buckets of `every` at a site in `zone`, as QueryClient builds them. */
function bucketing(every: string, agg: Aggregation, zone: string): Bucketing {
  const interval = bucketInterval(every);
  return {
    interval: interval.sql,
    ms: interval.ms,
    agg,
    align: bucketAlignment(interval.ms, zone, parseTime('2000-01-03', zone, 'origin')),
  };
}

/**
 * TimescaleDB's time_bucket as its documentation describes it, for buckets without months: the start of the
 * bucket of `bucket_width` holding `ts`, buckets counted from `origin` (default 2000-01-03 00:00, a Monday, in
 * UTC), or on the wall clock of `timezone` (origin then local midnight 2000-01-03), shifted by `offset`. Written
 * with epoch arithmetic, not date_bin, so the two paths are compared rather than one path with itself.
 */
async function installStandIns(c: pg.Client): Promise<void> {
  const epoch = (x: string) => `extract(epoch FROM ${x})::float8`;
  const bin = (x: string, origin: string) =>
    `${epoch(origin)} + floor((${epoch(x)} - ${epoch(origin)}) / ${epoch('bucket_width')}) * ${epoch('bucket_width')}`;
  await c.query(`CREATE SCHEMA timescaledb_information;
    CREATE FUNCTION public.time_bucket(bucket_width interval, ts timestamptz, origin timestamptz) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_timestamp(${bin('ts', 'origin')}) $$;
    CREATE FUNCTION public.time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT public.time_bucket(bucket_width, ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') $$;
    CREATE FUNCTION public.time_bucket(bucket_width interval, ts timestamptz, timezone text, origin timestamptz DEFAULT NULL,
                                       "offset" interval DEFAULT NULL) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE AS $$
        SELECT (to_timestamp(${bin('(ts - coalesce("offset", INTERVAL \'0\')) AT TIME ZONE timezone', "coalesce(origin AT TIME ZONE timezone, TIMESTAMP '2000-01-03 00:00:00')")})
                AT TIME ZONE 'UTC' AT TIME ZONE timezone) + coalesce("offset", INTERVAL '0') $$;`);
}
