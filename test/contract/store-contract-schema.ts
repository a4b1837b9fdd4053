/**
 * Store contract, schema and entities: the core schema and org, every entity
 * with typed tags and resolved refs, idempotent begin, org key checks, and
 * writing into the users' own existing tables.
 */
import { expect, it } from 'vitest';
import { ArgsError } from '../../src/errors.js';
import { entityId } from '../../src/model/site-model.js';
import type { StoreContractOptions } from './store-contract.js';
import * as f from './store-contract-fixture.js';
import { byKey, ROWS_PER_CHUNK, type StoreContractSession } from './store-contract-session.js';
import { createUsersSchema } from './store-users-schema.js';

export function storeSchemaContract(session: StoreContractSession, options: StoreContractOptions): void {
  const { h, load, ids, count, history, expectedHistory, stepsOf } = session;

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
}
