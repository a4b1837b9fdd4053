/**
 * The contract both `core` schema stores (PostgreSQL and PGlite) pass: schema
 * and entities, exact history, atomic chunks, resume, reset, idempotent
 * begin, the current table, the hourly rollup and the users' validation
 * queries. Expected values come from the fixture's formulas
 * (store-contract-fixture.ts), never from what a store wrote.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgsError, HaysimError } from '../../src/errors.js';
import { entityId } from '../../src/model/site-model.js';
import type { Store, WriteSummary } from '../../src/outputs/output.js';
import type { Chunk } from '../../src/sim/sample.js';
import * as f from './store-contract-fixture.js';
import type { SinkHarness } from './sink-contract.js';
import type { HistoryRecord } from './sink-contract-fixture.js';
import { createUsersSchema } from './store-users-schema.js';

export interface StoreHarness {
  /** a new store on the harness's database; every store of one harness shares it */
  createStore(options?: { org?: string }): Store;
  /** SQL on the same database, outside the stores; session time zone UTC */
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** several statements without parameters */
  exec(script: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface StoreContractOptions {
  /** also run against a database where the users' own core tables exist first */
  readonly existingUsersSchema?: boolean;
}

/** The shared sink contract's view of a store harness (org `demo`). */
export function sinkHarness(h: StoreHarness): SinkHarness {
  return {
    createSink: () => h.createStore(),
    async readHistory() {
      const rows = await h.sql<{
        id: string;
        kind: string;
        ms: number;
        n: string | null;
        b: boolean | null;
        s: string | null;
        status: string;
      }>(
        `SELECT e.haystack_id AS id, e.tags ->> 'kind' AS kind, (extract(epoch FROM v.ts) * 1000)::float8 AS ms,
                v.value_n::text AS n, v.value_b AS b, v.value_s AS s, v.status
           FROM core.values_demo v JOIN core.entity e ON e.id = v.entity_id`,
      );
      return rows.map(
        (r): HistoryRecord => ({
          ts: Number(r.ms),
          pointId: r.id,
          status: r.status,
          value: r.kind === 'Number' ? (r.n === null ? null : Number(r.n)) : r.kind === 'Bool' ? r.b : r.s,
        }),
      );
    },
    readEventIds: async () => (await h.sql<{ k: string }>('SELECT event_key AS k FROM core.haysim_event')).map((r) => r.k),
    dispose: () => h.dispose(),
  };
}

const ROWS_PER_CHUNK = f.STEPS * f.POINTS.length;

/** Sorts rows by their first two fields in code-point order (independent of database collation). */
function byKey(a: readonly unknown[], b: readonly unknown[]): number {
  for (const i of [0, 1]) {
    const x = String(a[i] ?? ''),
      y = String(b[i] ?? '');
    if (typeof a[i] === 'number' && typeof b[i] === 'number') {
      if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    const open: Store[] = [];
    const store = (org?: string) => {
      const s = h.createStore(org ? { org } : {});
      open.push(s);
      return s;
    };
    /** open → begin → chunks → finish → close */
    async function load(chunks: readonly (number | Chunk)[], run = f.storeRun(), reset = false, org?: string): Promise<WriteSummary> {
      const s = store(org);
      await s.open();
      await s.begin(f.storeModel(), { ...run, org: org ?? run.org }, { reset });
      for (const c of chunks) await s.writeChunk(typeof c === 'number' ? f.storeChunk(c) : c);
      const summary = await s.finish();
      await s.close();
      return summary;
    }
    const ids = async (org = 'demo') =>
      new Map(
        (
          await h.sql<{ h: string; id: number }>(
            'SELECT haystack_id AS h, id FROM core.entity WHERE org_id = (SELECT id FROM core.org WHERE key = $1) AND disabled_ts IS NULL',
            [org],
          )
        ).map((r) => [r.h, Number(r.id)]),
      );
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await h.sql<{ n: number }>(`SELECT (${sql})::int AS n`, params))[0].n);
    /** history as [point id, step, value text, bool, str, status], sorted */
    const history = async (table = 'values_demo') =>
      (
        await h.sql<{ id: string; g: number; n: string | null; b: boolean | null; s: string | null; status: string }>(
          `SELECT e.haystack_id AS id, round((extract(epoch FROM v.ts) * 1000 - $1) / $2)::int AS g,
                v.value_n::text AS n, v.value_b AS b, v.value_s AS s, v.status
           FROM core.${table} v JOIN core.entity e ON e.id = v.entity_id`,
          [f.EPOCH, f.INTERVAL_MS],
        )
      )
        .map((r) => [r.id, r.g, r.n, r.b, r.s, r.status])
        .sort(byKey);
    /** the same rows from the formulas: numbers as toFixed(decimals) */
    const expectedHistory = (stepList: readonly number[]) =>
      f.POINTS.flatMap((pt) =>
        stepList.map((g) => {
          const v = f.pointValueAt(pt.index, g);
          const n = pt.kind === 'Number' && v !== null ? (v as number).toFixed(pt.decimals) : null;
          return [pt.id, g, n, pt.kind === 'Bool' ? v : null, pt.kind === 'Str' ? v : null, f.statusOf(pt.index, g)];
        }),
      ).sort(byKey);
    const stepsOf = (...chunks: number[]) => chunks.flatMap((c) => Array.from({ length: f.STEPS }, (_, k) => c * f.STEPS + k));

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
      await h.dispose();
    });

    it('creates the core schema, the org and every entity with typed tags and a flat tag dict', async () => {
      const summary = await load([0]);
      expect(summary.entities).toEqual({ site: 1, space: 1, equip: 4, point: 6, weatherStation: 1 });
      for (const rel of [
        'org',
        'entity',
        'tag_def',
        'entity_tag',
        '"user"',
        'org_user',
        'haysim_migration',
        'haysim_chunk',
        'haysim_run',
        'haysim_event',
        'values_demo',
        'values_demo_current',
        'values_demo_hourly',
        'demo_occupied_zone_temp',
        'demo_chiller_cop',
        'demo_daily_energy',
      ]) {
        expect(await count(`SELECT count(*) FROM pg_class WHERE oid = to_regclass($1)`, [`core.${rel}`]), rel).toBe(1);
      }
      expect(await h.sql('SELECT name, key, value_table, schema_name, current_table FROM core.org')).toEqual([
        { name: 'Demo Building Corp', key: 'demo', value_table: 'values_demo', schema_name: 'demo', current_table: 'values_demo_current' },
      ]);
      const model = f.storeModel();
      expect([...(await ids()).keys()].sort()).toEqual(model.entities.map(entityId).sort());
      const [zone] = await h.sql<{ tags: Record<string, unknown>; vt: string }>(
        `SELECT tags, value_table_id AS vt FROM core.entity WHERE haystack_id = 'equip-vav-1.zoneTemp'`,
      );
      expect(zone.vt).toBe('values_demo');
      expect(zone.tags).toMatchObject({
        zoneTemp: true,
        zone: true,
        point: true,
        equipRef: '@equip-vav-1',
        unit: '°F',
        navName: 'zoneTemp',
        kind: 'Number',
      });
      const [site] = await h.sql<{ tags: Record<string, unknown>; vt: string | null }>(
        `SELECT tags, value_table_id AS vt FROM core.entity WHERE haystack_id = 'site-test'`,
      );
      expect(site).toEqual({
        vt: null,
        tags: {
          id: '@site-test',
          dis: 'Test Tower',
          site: true,
          area: 150000,
          tz: 'New_York',
          geoCoord: { lat: 40.7128, lng: -74.006 },
          yearBuilt: 2018,
          dateOpened: '2018-03-15',
          weatherStationRef: '@weather-test',
        },
      });
      const siteTags = await h.sql<{ name: string; n: string | null; b: boolean | null; s: string | null; ts: string | null; d: unknown }>(
        `SELECT td.name, et.value_n::text AS n, et.value_b AS b, et.value_s AS s, to_char(et.value_ts, 'YYYY-MM-DD HH24:MI') AS ts, et.value_dict AS d
           FROM core.entity_tag et JOIN core.tag_def td ON td.id = et.tag_id JOIN core.entity e ON e.id = et.entity_id
          WHERE e.haystack_id = 'site-test' ORDER BY td.name COLLATE "C"`,
      );
      const row = (name: string, v: Partial<(typeof siteTags)[number]>) => ({ name, n: null, b: null, s: null, ts: null, d: null, ...v });
      expect(siteTags).toEqual([
        row('area', { n: '150000', s: 'ft²' }), // Number with its unit companion in value_s
        row('dateOpened', { ts: '2018-03-15 00:00' }),
        row('dis', { s: 'Test Tower' }),
        row('geoCoord', { d: { lat: 40.7128, lng: -74.006 } }),
        row('id', { s: 'site-test' }),
        row('site', { b: true }),
        row('tz', { s: 'New_York' }),
        row('weatherStationRef', { s: 'weather-test' }),
        row('yearBuilt', { n: '2018' }),
      ]);
      const defs = await h.sql<{ name: string; kind: string; url: string | null }>(
        `SELECT name, kind, url FROM core.tag_def WHERE name IN ('chiller', 'area', 'equipRef', 'navName') ORDER BY name COLLATE "C"`,
      );
      expect(defs).toEqual([
        { name: 'area', kind: 'Number', url: 'https://project-haystack.org/def/phIoT/area' },
        { name: 'chiller', kind: 'Marker', url: 'https://project-haystack.org/def/phIoT/chiller' },
        { name: 'equipRef', kind: 'Ref', url: 'https://project-haystack.org/def/phIoT/equipRef' },
        { name: 'navName', kind: 'Str', url: null },
      ]);
    });

    it('resolves every ref tag to the target entity id (value_ref) and keeps the haystack id (value_s)', async () => {
      await load([]);
      const byId = await ids();
      const expected: [string, string, number][] = [];
      for (const dict of f.storeModel().entities) {
        for (const { name, value } of dict) {
          if (name !== 'id' && value?.getKind() === 'ref') {
            const target = (value as unknown as { value: string }).value;
            expected.push([entityId(dict), name, byId.get(target) as number]);
          }
        }
      }
      const rows = await h.sql<{ e: string; name: string; r: number; s: string; target: string }>(
        `SELECT e.haystack_id AS e, td.name, et.value_ref AS r, et.value_s AS s, t.haystack_id AS target
           FROM core.entity_tag et JOIN core.tag_def td ON td.id = et.tag_id JOIN core.entity e ON e.id = et.entity_id
           JOIN core.entity t ON t.id = et.value_ref`,
      );
      expect(rows.map((r) => [r.e, r.name, r.r]).sort(byKey)).toEqual(expected.sort(byKey));
      expect(rows.every((r) => r.s === r.target)).toBe(true);
      const children = await h.sql<{ h: string }>(
        `SELECT c.haystack_id AS h FROM core.entity_tag et JOIN core.tag_def td ON td.id = et.tag_id AND td.name = 'equipRef'
           JOIN core.entity c ON c.id = et.entity_id WHERE et.value_ref = $1`,
        [byId.get('equip-chiller-1')],
      );
      expect(children.map((c) => c.h).sort()).toEqual(['equip-chiller-1.cop', 'equip-chiller-1.mode', 'equip-chiller-1.status']);
    });

    it('writes history exactly: decimals and negatives as toFixed, NaN as NULL with its status, Bool and Str names', async () => {
      const summary = await load([0, 1]);
      expect(summary).toMatchObject({ rowsWritten: 2 * ROWS_PER_CHUNK, chunksWritten: 2, chunksSkipped: 0, eventsWritten: 4 });
      expect(await history()).toEqual(expectedHistory(stepsOf(0, 1)));
      const missing = await h.sql<{ status: string }>(
        'SELECT status FROM core.values_demo WHERE value_n IS NULL AND value_b IS NULL AND value_s IS NULL',
      );
      expect(missing.length).toBe(stepsOf(0, 1).filter((g) => f.pointValueAt(0, g) === null).length);
      expect(new Set(missing.map((r) => r.status))).toEqual(new Set(['fault']));
      const events = await h.sql<{ k: string; h: string; eid: number | null; start: string; params: unknown }>(
        `SELECT event_key AS k, haystack_id AS h, entity_id AS eid, to_char(start_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS start, params
           FROM core.haysim_event ORDER BY event_key COLLATE "C"`,
      );
      const byId = await ids();
      expect(events).toEqual([
        {
          k: 'maintenance:equip-chiller-1:0',
          h: 'equip-chiller-1',
          eid: byId.get('equip-chiller-1'),
          start: '2026-01-02 00:00',
          params: { planned: true, hours: 1 },
        },
        {
          k: 'maintenance:equip-chiller-1:1',
          h: 'equip-chiller-1',
          eid: byId.get('equip-chiller-1'),
          start: '2026-01-03 00:00',
          params: { planned: true, hours: 1 },
        },
        {
          k: 'stale:meter-main-electric.energy:0',
          h: 'meter-main-electric.energy',
          eid: byId.get('meter-main-electric.energy'),
          start: '2026-01-02 00:00',
          params: { reason: 'comm loss' },
        },
        {
          k: 'stale:meter-main-electric.energy:1',
          h: 'meter-main-electric.energy',
          eid: byId.get('meter-main-electric.energy'),
          start: '2026-01-03 00:00',
          params: { reason: 'comm loss' },
        },
      ]);
    });

    it('marks an empty chunk complete without writing rows', async () => {
      const summary = await load([f.storeChunk(3, 3 * f.STEPS, 0)]);
      expect(summary).toMatchObject({ rowsWritten: 0, chunksWritten: 1, eventsWritten: 0 });
      expect(await count('SELECT count(*) FROM core.values_demo')).toBe(0);
      const s = store();
      await s.open();
      expect([...(await s.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([3]);
    });

    it('writes a chunk atomically: rows that collide leave nothing of the chunk; a complete chunk is never written twice', async () => {
      await load([0]);
      const before = await history();
      const s = store();
      await s.open();
      await s.begin(f.storeModel(), f.storeRun(), { reset: false });
      // chunk 1 shifted back half a day: its first half collides with chunk 0's second half
      const error = await s.writeChunk(f.storeChunk(1, f.STEPS / 2)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HaysimError);
      expect((error as HaysimError).code).toBe('STORE_WRITE_FAILED');
      expect((error as Error).message).toMatch(/values_demo/);
      expect(await history()).toEqual(before);
      expect(await count('SELECT count(*) FROM core.haysim_chunk WHERE chunk_index = 1')).toBe(0);
      expect(await count(`SELECT count(*) FROM core.haysim_event WHERE event_key LIKE '%:1'`)).toBe(0);
      await s.writeChunk(f.storeChunk(0)); // already complete: a no-op
      await s.writeChunk(f.storeChunk(1));
      expect(await s.finish()).toMatchObject({ rowsWritten: ROWS_PER_CHUNK, chunksWritten: 1, chunksSkipped: 1 });
      expect(await history()).toEqual(expectedHistory(stepsOf(0, 1)));
    });

    it('fills in a day a previous run only partly wrote (cut by its range) without duplicates', async () => {
      const first = store();
      await first.open();
      await first.begin(f.storeModel(), f.storeRun(), { reset: false });
      await first.writeChunk({ ...f.storeChunk(0, 0, f.STEPS / 2), complete: false });
      await first.finish();
      await first.close();
      expect(await history()).toEqual(expectedHistory(Array.from({ length: f.STEPS / 2 }, (_, k) => k)));
      const second = store();
      await second.open();
      expect([...(await second.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([]);
      await second.writeChunk({ ...f.storeChunk(0, f.STEPS / 4, f.STEPS / 2), complete: false }); // overlaps the first piece
      await second.writeChunk(f.storeChunk(0)); // the whole day
      await second.finish();
      expect(await history()).toEqual(expectedHistory(stepsOf(0)));
      await second.begin(f.storeModel(), f.storeRun(), { reset: false }).then((done) => expect([...done]).toEqual([0]));
      await second.close();
    });

    it('resumes an interrupted run; finish leaves the primary key and a current table equal to each last history row', async () => {
      const first = store();
      await first.open();
      expect([...(await first.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([]);
      await first.writeChunk(f.storeChunk(0));
      await first.writeChunk(f.storeChunk(1));
      await first.close(); // interrupted: no finish()
      const second = store();
      await second.open();
      expect([...(await second.begin(f.storeModel(), f.storeRun(), { reset: false }))].sort()).toEqual([0, 1]);
      await second.writeChunk(f.storeChunk(2));
      expect(await second.finish()).toMatchObject({ rowsWritten: ROWS_PER_CHUNK, chunksWritten: 1, chunksSkipped: 2 });
      expect(await history()).toEqual(expectedHistory(stepsOf(0, 1, 2)));
      expect(await count(`SELECT count(*) FROM pg_constraint WHERE conrelid = 'core.values_demo'::regclass AND contype = 'p'`)).toBe(1);
      const last = 3 * f.STEPS - 1;
      const current = await history('values_demo_current');
      expect(current).toEqual(expectedHistory([last]));
      expect(
        await count(`SELECT count(*) FROM core.values_demo_current c
        WHERE ROW(c.ts, c.value_n, c.value_b, c.value_s, c.status) IS DISTINCT FROM
              (SELECT ROW(h.ts, h.value_n, h.value_b, h.value_s, h.status) FROM core.values_demo h WHERE h.entity_id = c.entity_id ORDER BY h.ts DESC LIMIT 1)`),
      ).toBe(0);
    });

    it('refuses another fingerprint without --reset; --reset clears only this org', async () => {
      await load([0, 1]);
      await load([0], f.storeRun({ org: 'acme' }), false, 'acme');
      const s = store();
      await s.open();
      const error = await s.begin(f.storeModel(), f.storeRun({ fingerprint: 'fp-other' }), { reset: false }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as HaysimError).code).toBe('STORE_CONFLICT');
      expect((error as Error).message).toMatch(/--reset/);
      await s.close();
      await load([2], f.storeRun({ fingerprint: 'fp-other' }), true);
      expect(await history()).toEqual(expectedHistory(stepsOf(2)));
      expect(await count(`SELECT count(*) FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = 'demo'`)).toBe(1);
      expect(await count(`SELECT count(*) FROM core.haysim_event e JOIN core.org o ON o.id = e.org_id WHERE o.key = 'demo'`)).toBe(2);
      expect(await count(`SELECT count(*) FROM core.haysim_run r JOIN core.org o ON o.id = r.org_id WHERE o.key = 'demo'`)).toBe(1);
      expect((await ids()).size).toBe(f.storeModel().entities.length);
      expect(await history('values_acme')).toEqual(expectedHistory(stepsOf(0)));
      expect((await ids('acme')).size).toBe(f.storeModel().entities.length);
      expect(await count(`SELECT count(*) FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = 'acme'`)).toBe(1);
    });

    it('begin is idempotent: same entity ids, no duplicate entities, tags or tag defs', async () => {
      await load([0]);
      const snapshot = async () => ({
        ids: [...(await ids())].sort(),
        entities: await count('SELECT count(*) FROM core.entity'),
        tags: await count('SELECT count(*) FROM core.entity_tag'),
        defs: await count('SELECT count(*) FROM core.tag_def'),
        orgs: await count('SELECT count(*) FROM core.org'),
      });
      const before = await snapshot();
      expect(before.tags).toBe(f.storeModel().entities.reduce((n, d) => n + d.keys.length, 0));
      await load([]);
      await load([1]);
      expect(await snapshot()).toEqual(before);
    });

    it("runs the users' three queries verbatim, and haysim's views give the correct answers", async () => {
      await load([0, 1, 2]);
      const s = store();
      const [q1] = await s.query<{ avg_temp: string }>(`SELECT AVG(value_n) as avg_temp FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'zoneTemp' = 'true')
AND EXTRACT(hour FROM ts) BETWEEN 8 AND 18;`);
      expect(Number(q1.avg_temp)).toBeCloseTo(f.naiveOccupiedAvg([0, 1, 2]), 9);
      const q2 = await s.query<{ ts: Date; cop: string }>(`SELECT ts, value_n as cop FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'cop' = 'true') ORDER BY ts;`);
      expect(q2.map((r) => [new Date(r.ts).getTime(), Number(r.cop)])).toEqual(
        stepsOf(0, 1, 2).map((g) => [f.tsOf(g), f.pointValueAt(2, g)]),
      );
      const q3 = await s.query<{
        date: unknown;
        daily_kwh: string;
      }>(`SELECT DATE(ts) as date, SUM(value_n) as daily_kwh FROM core.values_demo
WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'energy' = 'true')
GROUP BY DATE(ts) ORDER BY date;`);
      expect(q3.map((r) => Number(r.daily_kwh))).toEqual([...f.naiveDailyKwh([0, 1, 2]).values()].map((v) => Number(v.toFixed(2))));

      const [occupied] = await h.sql<{ avg: number; n: number }>(
        'SELECT avg_temp::float8 AS avg, readings::int AS n FROM core.demo_occupied_zone_temp',
      );
      const want = f.occupiedAvg([0, 1, 2]);
      expect(want.readings).toBeGreaterThan(20); // Friday 08:00-18:00 New York lies in the data
      expect(occupied.n).toBe(want.readings);
      expect(occupied.avg).toBeCloseTo(want.avg, 9);
      const cop = await h.sql<{ ms: number; chiller: string; cop: string }>(
        'SELECT (extract(epoch FROM ts) * 1000)::float8 AS ms, chiller, cop::text AS cop FROM core.demo_chiller_cop',
      );
      expect(cop.map((r) => [Number(r.ms), r.chiller, Number(r.cop)])).toEqual(
        f.copSeries([0, 1, 2]).map((r) => [r.ts, 'equip-chiller-1', r.cop]),
      );
      const daily = await h.sql<{ date: string; kwh: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, daily_kwh::text AS kwh FROM core.demo_daily_energy`,
      );
      expect(daily.map((r) => [r.date, Number(r.kwh)])).toEqual([...f.dailyKwh([0, 1, 2])].map(([d, v]) => [d, Number(v.toFixed(2))]));
      expect(daily.map((r) => r.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    });

    it('keeps an hourly rollup (entity_id, bucket, avg, min, max, count) equal to the raw history', async () => {
      await load([0]);
      const id = (await ids()).get(f.ZONE_TEMP.id);
      const rows = await h.sql<{ ms: number; avg: number; min: string; max: string; count: number }>(
        `SELECT (extract(epoch FROM bucket) * 1000)::float8 AS ms, avg::float8 AS avg, min::text AS min, max::text AS max, count::int AS count
           FROM core.values_demo_hourly WHERE entity_id = $1 ORDER BY bucket`,
        [id],
      );
      const hours = Array.from({ length: 24 }, (_, hr) => {
        const xs = [0, 1, 2, 3].map((q) => f.pointValueAt(0, hr * 4 + q)).filter((v): v is number => v !== null);
        return {
          ms: f.EPOCH + hr * 3_600_000,
          avg: xs.reduce((a, b) => a + b, 0) / xs.length,
          min: Math.min(...xs).toFixed(1),
          max: Math.max(...xs).toFixed(1),
          count: xs.length,
        };
      });
      expect(rows.map((r) => ({ ...r, ms: Number(r.ms), avg: Number(Number(r.avg).toFixed(9)) }))).toEqual(
        hours.map((x) => ({ ...x, avg: Number(x.avg.toFixed(9)) })),
      );
    });

    it('rejects an unsafe or malformed org key before connecting; accepts a 40-character key', async () => {
      for (const org of ['demo; drop table', 'Demo', '1demo', 'demo-east', '', 'a'.repeat(41)]) {
        expect(() => h.createStore({ org }), org).toThrow(ArgsError);
        expect(() => h.createStore({ org }), org).toThrow(/--org .*lower-case letter first/);
      }
      const org = `o${'x'.repeat(39)}`;
      await load([0], f.storeRun({ org }), false, org);
      expect(await count(`SELECT count(*) FROM core."values_${org}"`)).toBe(ROWS_PER_CHUNK);
      expect(await count(`SELECT count(*) FROM core."${org}_daily_energy"`)).toBeGreaterThan(0);
    });

    if (options.existingUsersSchema) {
      it("writes into the users' existing tables (ts timestamp without zone) without breaking them", async () => {
        await createUsersSchema((script) => h.exec(script));
        await load([0, 1, 2]);
        expect(await h.sql(`SELECT id, name, key FROM core.org ORDER BY id`)).toEqual([{ id: 1, name: 'Demo Building Corp', key: 'demo' }]);
        expect(await h.sql(`SELECT id, value_table_id FROM core.entity WHERE haystack_id IS NULL ORDER BY id`)).toEqual([
          { id: 1, value_table_id: 'values_demo' },
          { id: 2, value_table_id: null },
        ]);
        expect(await h.sql(`SELECT doc, kind FROM core.tag_def WHERE name = 'site'`)).toEqual([{ doc: 'their own doc', kind: 'Marker' }]);
        expect(
          await h.sql(
            `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'core.values_demo'::regclass AND attname = 'ts'`,
          ),
        ).toEqual([{ t: 'timestamp without time zone' }]);
        const [first] = await h.sql<{ ts: string }>(
          `SELECT to_char(min(v.ts), 'YYYY-MM-DD HH24:MI') AS ts FROM core.values_demo v JOIN core.entity e ON e.id = v.entity_id WHERE e.haystack_id IS NOT NULL`,
        );
        expect(first.ts).toBe('2026-01-02 00:00'); // UTC wall time
        expect(await h.sql(`SELECT value_n::text AS n FROM core.values_demo WHERE entity_id = 1`)).toEqual([{ n: '42.5' }]);
        expect(await h.sql(`SELECT value_n::text AS n FROM core.values_demo_current WHERE entity_id = 1`)).toEqual([{ n: '42.5' }]);
        const ours = (await history()).filter((r) => typeof r[0] === 'string');
        expect(ours).toEqual(expectedHistory(stepsOf(0, 1, 2)));
        const [occupied] = await h.sql<{ avg: number }>('SELECT avg_temp::float8 AS avg FROM core.demo_occupied_zone_temp');
        expect(occupied.avg).toBeCloseTo(f.occupiedAvg([0, 1, 2]).avg, 9);
        const daily = await h.sql<{ date: string; kwh: string }>(
          `SELECT to_char(date, 'YYYY-MM-DD') AS date, daily_kwh::text AS kwh FROM core.demo_daily_energy`,
        );
        expect(daily.map((r) => [r.date, Number(r.kwh)])).toEqual([...f.dailyKwh([0, 1, 2])].map(([d, v]) => [d, Number(v.toFixed(2))]));
      });
    }
  });
}
