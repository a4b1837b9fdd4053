/**
 * The wide layout (--layout wide) in both stores against the haystack layout
 * of the same run: same values, resumable, atomic chunks, foreign tables
 * refused before anything is written, odd ids made safe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { ArgsError } from '../../src/errors.js';
import { buildModel } from '../../src/model/build-model.js';
import type { SiteModel } from '../../src/model/site-model.js';
import type { RunDescriptor, Store } from '../../src/outputs/output.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { PostgresStore } from '../../src/outputs/postgres/postgres-store.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { runFingerprint } from '../../src/runner/fingerprint.js';
import { Engine } from '../../src/sim/engine.js';
import type { Chunk } from '../../src/sim/sample.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import * as f from './store-contract-fixture.js';

const INTERVAL = 15 * 60_000;
const START = Date.UTC(2025, 6, 14, 6);
const END = Date.UTC(2025, 6, 15, 18); // two chunks, both cut by the range

async function office(): Promise<{ model: SiteModel; run: (org: string) => RunDescriptor; chunks: Chunk[] }> {
  const loaded = await loadProfile('office-tower', EQUIPMENT_TYPES);
  const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const seed = loaded.profile.simulation.seed;
  const engine = new Engine(model, topology, { seed, intervalMs: INTERVAL, epochMs: Date.parse(loaded.profile.simulation.epoch) });
  const chunks = engine.chunksIn(START, END).map((c) => engine.computeChunk(c, START, END));
  const run = (org: string): RunDescriptor => ({
    org,
    profile: 'office-tower',
    seed,
    intervalMs: INTERVAL,
    fingerprint: runFingerprint(loaded.text, seed, INTERVAL),
    start: START,
    end: END,
  });
  return { model, run, chunks };
}

async function load(store: Store, model: SiteModel, run: RunDescriptor, chunks: readonly Chunk[], reset = false) {
  await store.open();
  const done = await store.begin(model, run, { reset });
  for (const c of chunks) if (!done.has(c.index)) await store.writeChunk(c);
  return store.finish();
}

type Sql = <R>(text: string, params?: unknown[]) => Promise<R[]>;

/** The same reading in both layouts: every point of a few tables at every timestamp, by the wide table's own columns. */
async function compareLayouts(sql: Sql, schema: string) {
  const tables = ['equip_ahu_1', 'equip_chiller_1', 'equip_vav_3_north', 'meter_main_electric', 'weather_metro_city'];
  const points = await sql<{ id: number; hid: string; kind: string }>(
    `SELECT id, haystack_id AS hid, tags->>'kind' AS kind FROM core.entity e WHERE org_id = (SELECT id FROM core.org WHERE key = 'hay') AND tags ? 'point'`,
  );
  const narrow = new Map<string, unknown>();
  for (const r of await sql<{ hid: string; t: string; v: unknown }>(
    `SELECT e.haystack_id AS hid, v.ts::text AS t, coalesce(v.value_n::float8::text, v.value_b::text, v.value_s) AS v
       FROM core.values_hay v JOIN core.entity e ON e.id = v.entity_id`,
  ))
    narrow.set(`${r.hid}|${r.t}`, r.v);
  let compared = 0;
  for (const table of tables) {
    const [meta] = await sql<{ equipment_id: string }>(`SELECT equipment_id FROM ${schema}.equipment_metadata WHERE table_name = $1`, [
      table,
    ]);
    expect(meta, table).toBeDefined();
    const rows = await sql<Record<string, unknown>>(`SELECT ts::text AS t, * FROM ${schema}.${table} ORDER BY ts`);
    expect(rows.length).toBe((END - START) / INTERVAL);
    const prefix = `${meta!.equipment_id}.`;
    const owned = points.filter((p) => p.hid.startsWith(prefix));
    expect(owned.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const [col, value] of Object.entries(row)) {
        if (col === 't' || col === 'ts') continue;
        const point = owned.find((p) => columnOf(p.hid) === col);
        if (!point) continue;
        const expected = narrow.get(`${point.hid}|${row.t}`);
        const got = value === null ? undefined : String(value);
        // NULL in the wide table ⇔ no narrow row (the historian did not log it)
        expect(got, `${table}.${col} at ${row.t}`).toBe(expected === null ? undefined : (expected as string | undefined));
        compared++;
      }
    }
  }
  return compared;

  function columnOf(hid: string): string | undefined {
    return columnsByPoint.get(hid);
  }
}

/** point haystack id → wide column, from the plan the store used */
const columnsByPoint = new Map<string, string>();

async function planColumns(model: SiteModel) {
  const { planWideTables } = await import('../../src/outputs/wide/wide-names.js');
  for (const t of planWideTables(model)) for (const c of t.columns) columnsByPoint.set(c.pointId, c.name);
}

describeWithPostgres('wide layout (postgres)', (server) => {
  const clients: pg.Client[] = [];
  afterAll(async () => {
    for (const c of clients) await c.end();
  });
  async function database() {
    const url = await server.createDatabase('hswide');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`SET TIME ZONE 'UTC'`);
    clients.push(admin);
    const sql: Sql = async (text, params) => (await admin.query(text, params)).rows;
    return { url, sql };
  }

  it('holds the same values as the haystack layout of the same run, and the same statuses through core.values_{org}', async () => {
    const { model, run, chunks } = await office();
    await planColumns(model);
    const { url, sql } = await database();
    const wide = await load(new PostgresStore({ url, org: 'demo', layout: 'wide', wideSchema: 'plant' }), model, run('demo'), chunks);
    await load(new PostgresStore({ url, org: 'hay' }), model, run('hay'), chunks);
    expect(wide.rowsWritten).toBe(((END - START) / INTERVAL) * new Set(model.points.map((p) => p.equipId)).size);
    expect(await compareLayouts(sql, 'plant')).toBeGreaterThan(300);
    const statuses = async (org: string) =>
      (await sql<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM core.values_${org} GROUP BY 1 ORDER BY 1`)).map(
        (r) => `${r.status}:${r.n}`,
      );
    expect(await statuses('demo')).toEqual(await statuses('hay'));
    expect((await statuses('demo')).some((s) => s.startsWith('stale') || s.startsWith('fault'))).toBe(true);
    const [current] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM core.values_demo_current c JOIN core.values_hay_current h USING (ts)
        JOIN core.entity a ON a.id = c.entity_id JOIN core.entity b ON b.id = h.entity_id AND b.haystack_id = a.haystack_id
       WHERE c.value_n IS NOT DISTINCT FROM h.value_n AND c.value_b IS NOT DISTINCT FROM h.value_b AND c.status = h.status`,
    );
    expect(Number(current!.n)).toBe(model.points.length);
    const [meta] = await sql<Record<string, unknown>>(`SELECT * FROM plant.equipment_metadata WHERE equipment_id = 'equip-vav-1-east'`);
    expect(meta).toMatchObject({ type: 'vav', name: 'VAV-1E Floor 1 East', manufacturer: 'Trane', location: 'Floor 1 East Zone' });
    expect(meta!.fed_by).toEqual(['equip-ahu-1', 'equip-boiler-1']);
    const [chiller] = await sql<Record<string, unknown>>(`SELECT * FROM plant.equipment_metadata WHERE equipment_id = 'equip-chiller-1'`);
    expect(chiller).toMatchObject({ type: 'chiller', rating: 'coolingCapacity 400 tonref', feeds: ['equip-chw-plant'], fed_by: [] });
    const cols = await sql<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'plant' AND table_name = 'equip_chiller_1' ORDER BY ordinal_position`,
    );
    expect(cols[0]).toEqual({ column_name: 'ts', data_type: 'timestamp with time zone' });
    expect(cols).toContainEqual({ column_name: 'power_kw', data_type: 'double precision' });
    expect(cols).toContainEqual({ column_name: 'enable', data_type: 'boolean' });
  }, 120_000);

  it('re-runs without duplicates, and a failed chunk leaves no rows and no marker', async () => {
    const { model, run, chunks } = await office();
    const { url, sql } = await database();
    await load(new PostgresStore({ url, layout: 'wide' }), model, run('demo'), chunks);
    const again = await load(new PostgresStore({ url, layout: 'wide' }), model, run('demo'), chunks);
    expect(again.rowsWritten).toBe(0);
    expect(again.chunksSkipped).toBe(chunks.length);
    const [dup] = await sql<{ n: string; d: string }>(`SELECT count(*) AS n, count(DISTINCT ts) AS d FROM public.equip_ahu_1`);
    expect(Number(dup!.n)).toBe((END - START) / INTERVAL);
    expect(dup!.d).toBe(dup!.n);

    // a later table refuses the rows: the chunk's earlier tables must not keep theirs
    const { url: url2, sql: sql2 } = await database();
    const store = new PostgresStore({ url: url2, layout: 'wide' });
    await store.open();
    await store.begin(model, run('demo'), { reset: false });
    await sql2(`ALTER TABLE public.weather_metro_city ADD CONSTRAINT no_rows CHECK (false) NOT VALID`);
    await expect(store.writeChunk(chunks[0]!)).rejects.toThrow(/weather_metro_city|no_rows/);
    await store.close();
    const [left] = await sql2<{ rows: string; markers: string }>(
      `SELECT (SELECT count(*) FROM public.equip_ahu_1) AS rows, (SELECT count(*) FROM core.haysim_chunk) AS markers`,
    );
    expect(left).toEqual({ rows: '0', markers: '0' });
    await sql2(`ALTER TABLE public.weather_metro_city DROP CONSTRAINT no_rows`);
    const resumed = await load(new PostgresStore({ url: url2, layout: 'wide' }), model, run('demo'), chunks);
    expect(resumed.chunksWritten).toBe(chunks.length);
  }, 120_000);

  it('refuses a wide table name the users own with one line (exit 2) before writing anything', async () => {
    const { model, run, chunks } = await office();
    const { url, sql } = await database();
    await sql(`CREATE TABLE public.equip_chiller_1 (ts timestamptz, kw float8)`);
    const error = await load(new PostgresStore({ url, layout: 'wide' }), model, run('demo'), chunks).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as ArgsError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/public\.equip_chiller_1 already exists and haysim did not create/);
    expect((error as Error).message).not.toContain('\n');
    const [state] = await sql<{ core: boolean; tables: string }>(
      `SELECT to_regclass('core.org') IS NOT NULL AS core,
              (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS tables`,
    );
    expect(state).toEqual({ core: false, tables: '1' });
    // in another schema the same run is fine
    const ok = await load(new PostgresStore({ url, layout: 'wide', wideSchema: 'sim' }), model, run('demo'), chunks);
    expect(ok.chunksWritten).toBe(chunks.length);
  }, 120_000);

  it('makes odd equipment ids safe identifiers', async () => {
    const model = f.storeModel();
    const odd = 'Meter "Floor-1"; DROP TABLE core.org; --';
    const points = model.points.map((p) => (p.equipId === 'meter-floor-1' ? { ...p, equipId: odd } : p));
    const { url, sql } = await database();
    const store = new PostgresStore({ url, layout: 'wide' });
    await store.open();
    await store.begin({ ...model, points }, f.storeRun(), { reset: false });
    const chunk = f.storeChunk(0);
    await store.writeChunk({ ...chunk, batch: { ...chunk.batch, points } });
    await store.finish();
    await store.close();
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM public.meter_floor_1_drop_table_core_org`);
    expect(Number(row!.n)).toBe(f.STEPS);
    const [org] = await sql<{ n: string }>(`SELECT count(*) AS n FROM core.org`);
    expect(org!.n).toBe('1');
  }, 60_000);
});

describe('wide layout (embedded store)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('holds the same values as the haystack layout, and re-runs without duplicates', async () => {
    const { model, run, chunks } = await office();
    await planColumns(model);
    const dir = mkdtempSync(join(tmpdir(), 'haysim-wide-'));
    dirs.push(dir);
    const wideStore = new PgliteStore({ dataDir: dir, org: 'demo', layout: 'wide', wideSchema: 'plant' });
    await load(wideStore, model, run('demo'), chunks);
    await wideStore.close();
    const hayStore = new PgliteStore({ dataDir: dir, org: 'hay' });
    await load(hayStore, model, run('hay'), chunks);
    try {
      const sql: Sql = async <R>(text: string, params?: unknown[]) => (await hayStore.query(text, params)) as R[];
      expect(await compareLayouts(sql, 'plant')).toBeGreaterThan(300);
    } finally {
      await hayStore.close();
    }
    const again = new PgliteStore({ dataDir: dir, org: 'demo', layout: 'wide', wideSchema: 'plant' });
    const summary = await load(again, model, run('demo'), chunks);
    const [n] = await again.query<{ n: number; d: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT ts)::int AS d FROM plant.equip_ahu_1`,
    );
    await again.close();
    expect(summary.rowsWritten).toBe(0);
    expect(n).toEqual({ n: (END - START) / INTERVAL, d: (END - START) / INTERVAL });
  }, 180_000);
});
