import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOffice } from '../../test/fixtures/query-stores.js';
import { describeWithPostgres } from '../../test/helpers/postgres.js';
import { PgliteStore } from '../outputs/pglite/pglite-store.js';
import { PostgresStore } from '../outputs/postgres/postgres-store.js';
import { QueryClient } from '../query/query-client.js';
import { toJsonl, toParquet } from './ml-export.js';
import { type MlRequest, sampleMl } from './ml-sample.js';
import type { PairRecord, StateRecord, TrajectoryRecord } from './ml-types.js';

/*
 * ML sampling over three office-tower days (15 min) in PostgreSQL, in both layouts, and in the embedded
 * store: counts and labels as asked, labels checked against the raw ground truth and raw readings with
 * SQL written here, splits that share nothing, and the same bytes for the same seed everywhere.
 */

const START = Date.UTC(2025, 6, 14, 4);
const END = START + 3 * 86_400_000;
const scratch = mkdtempSync(join(tmpdir(), 'haysim-ml-'));
const BATCH: MlRequest = { kind: 'batch', size: 32, anomalyRatio: 0.2, source: 'both', k: 2, windowHours: 24 };
const TYPES = ['chiller', 'ahu', 'vav'];

describeWithPostgres('ML sampling', (server) => {
  let hay: QueryClient;
  let wide: QueryClient;
  let lite: QueryClient;
  let raw: PostgresStore;

  beforeAll(async () => {
    const url = await server.createDatabase('ml_sample');
    const stores: [PostgresStore | PgliteStore, string][] = [
      [new PostgresStore({ url, org: 'hay', layout: 'haystack' }), 'hay'],
      [new PostgresStore({ url, org: 'wide', layout: 'wide' }), 'wide'],
      [new PgliteStore({ dataDir: join(scratch, 'lite'), org: 'hay' }), 'hay'],
    ];
    for (const [store, org] of stores)
      try {
        await loadOffice(store, org, START, END, 15 * 60_000);
      } finally {
        await store.close();
      }
    [hay, wide, lite] = await Promise.all([
      QueryClient.open({ url, org: 'hay' }),
      QueryClient.open({ url, org: 'wide' }),
      QueryClient.open({ dataDir: join(scratch, 'lite'), org: 'hay' }),
    ]);
    raw = new PostgresStore({ url, org: 'hay' });
  }, 300_000);
  afterAll(async () => {
    await Promise.all([hay?.close(), wide?.close(), lite?.close(), raw?.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('builds a batch of 26 normal states and 6 anomalies, shuffled, the same bytes for the same seed in every store', async () => {
    const batch = (await sampleMl(hay, { seed: 1, types: TYPES }, BATCH)) as StateRecord[];
    expect(batch.map((r) => r.label).filter((l) => l === 'anomaly')).toHaveLength(6);
    expect(batch.filter((r) => r.label === 'normal')).toHaveLength(26);
    const order = batch.map((r) => r.label).join(',');
    expect(order).not.toBe([...Array(26).fill('normal'), ...Array(6).fill('anomaly')].join(','));
    expect(new Set(batch.map((r) => r.label_source))).toEqual(new Set(['ground_truth', 'threshold']));
    expect(new Set(batch.map((r) => r.type))).toEqual(new Set(TYPES));
    const bytes = toJsonl(batch);
    expect(toJsonl(await sampleMl(hay, { seed: 1, types: TYPES }, BATCH))).toBe(bytes);
    expect(toJsonl(await sampleMl(wide, { seed: 1, types: TYPES }, BATCH))).toBe(bytes);
    expect(toJsonl(await sampleMl(lite, { seed: 1, types: TYPES }, BATCH))).toBe(bytes);
    expect(toJsonl(await sampleMl(hay, { seed: 2, types: TYPES }, BATCH))).not.toBe(bytes);
  });

  it('puts ground-truth anomalies inside labelled faults and normal states outside them (checked on the raw events)', async () => {
    const batch = (await sampleMl(hay, { seed: 7, types: TYPES }, { ...BATCH, size: 60, anomalyRatio: 0.5 })) as StateRecord[];
    const covering = async (r: StateRecord) =>
      (
        await raw.query<{ k: string }>(
          `SELECT e.event_key AS k FROM core.haysim_event e JOIN core.entity x ON x.haystack_id = e.haystack_id AND x.org_id = e.org_id
            WHERE e.org_id = (SELECT id FROM core.org WHERE key = 'hay') AND e.type = 'fault'
              AND e.start_ts <= $1::timestamptz AND e.end_ts > $1::timestamptz
              AND (x.haystack_id = $2 OR x.tags->>'equipRef' = '@' || $2) ORDER BY 1`,
          [r.ts, (await hay.equipment()).rows.find((e) => e.id === r.equipment)!.haystackId],
        )
      ).map((e) => e.k);
    const truth = batch.filter((r) => r.label_source === 'ground_truth' && r.label === 'anomaly');
    expect(truth.length).toBeGreaterThanOrEqual(15);
    for (const r of truth) {
      const events = await covering(r);
      expect(events.length, `${r.equipment} ${r.ts}`).toBeGreaterThan(0);
      expect(r.faults.map((f) => f.event).sort()).toEqual(events);
      expect(r.faults[0]!.kind).toBeTruthy();
    }
    for (const r of batch.filter((r) => r.label === 'normal')) expect(await covering(r), `${r.equipment} ${r.ts}`).toEqual([]);
  });

  it('labels a threshold anomaly by a reading beyond mean ± k·σ of its window, recomputed from the raw rows', async () => {
    const anomalies = (await sampleMl(
      wide,
      { seed: 3, types: ['chiller'] },
      {
        kind: 'anomalies',
        count: 5,
        source: 'threshold',
        k: 2,
        column: 'power_kw',
        windowHours: 12,
      },
    )) as StateRecord[];
    expect(anomalies).toHaveLength(5);
    for (const r of anomalies) {
      const t = r.threshold!;
      expect(r).toMatchObject({ label: 'anomaly', label_source: 'threshold' });
      const [s] = await raw.query<{ mean: number; std: number }>(
        `SELECT avg(value_n::float8) AS mean, stddev_pop(value_n::float8) AS std FROM core.values_hay
          WHERE entity_id = (SELECT id FROM core.entity WHERE haystack_id = $1 || '.power' AND org_id = (SELECT id FROM core.org WHERE key = 'hay')) AND value_n IS NOT NULL
            AND ts >= $2::timestamptz AND ts < $3::timestamptz`,
        [r.equipment.replaceAll('_', '-'), t.window_start, t.window_end],
      );
      expect(t.mean).toBeCloseTo(s!.mean, 6);
      expect(t.std).toBeCloseTo(s!.std, 6);
      expect(r.features.power_kw).toBe(t.value);
      expect(Math.abs(t.value - s!.mean)).toBeGreaterThan(2 * s!.std);
      expect(Date.parse(r.ts)).toBeGreaterThanOrEqual(Date.parse(t.window_start));
      expect(Date.parse(r.ts)).toBeLessThan(Date.parse(t.window_end));
    }
  });

  it('splits by equipment and by time with nothing shared between splits', async () => {
    const byEquip = (await sampleMl(
      hay,
      { seed: 5, types: TYPES, split: { by: 'equipment', ratios: [0.6, 0.2, 0.2] } },
      {
        kind: 'trajectories',
        count: 40,
        hours: 2,
      },
    )) as TrajectoryRecord[];
    const splitOf = new Map<string, Set<string>>();
    for (const r of byEquip) splitOf.set(r.equipment, (splitOf.get(r.equipment) ?? new Set()).add(r.split!));
    expect([...splitOf.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(byEquip.map((r) => r.split))).toEqual(new Set(['train', 'validation', 'test']));

    const byTime = (await sampleMl(
      hay,
      { seed: 5, types: TYPES, split: { by: 'time', ratios: [0.6, 0.2, 0.2] } },
      {
        kind: 'trajectories',
        count: 40,
        hours: 2,
      },
    )) as TrajectoryRecord[];
    const span = (split: string) => {
      const rs = byTime.filter((r) => r.split === split);
      return [Math.min(...rs.map((r) => Date.parse(r.start))), Math.max(...rs.map((r) => Date.parse(r.end)))];
    };
    const [train, validation, test] = [span('train'), span('validation'), span('test')];
    expect(train[1]).toBeLessThanOrEqual(validation[0]!);
    expect(validation[1]).toBeLessThanOrEqual(test[0]!);
    for (const r of byTime) expect(r.steps.length).toBe(8); // 2 h at 15 min
  });

  it('writes preference pairs as TRL reads them, the lower window mean chosen (recomputed), and Parquet DuckDB reads', async () => {
    const pairs = (await sampleMl(
      hay,
      { seed: 1, types: ['chiller'] },
      {
        kind: 'pairs',
        count: 8,
        metric: 'power_kw',
        hours: 2,
      },
    )) as PairRecord[];
    expect(pairs).toHaveLength(8);
    for (const p of pairs) {
      expect(Object.keys(p).slice(0, 3)).toEqual(['prompt', 'chosen', 'rejected']);
      expect(p.chosen_window.mean).toBeLessThan(p.rejected_window.mean);
      for (const w of [p.chosen_window, p.rejected_window]) {
        const [m] = await raw.query<{ m: number }>(
          `SELECT avg(b) AS m FROM (SELECT avg(value_n::float8) AS b FROM core.values_hay
             WHERE entity_id = (SELECT id FROM core.entity WHERE haystack_id = $1 || '.power' AND org_id = (SELECT id FROM core.org WHERE key = 'hay')) AND value_n IS NOT NULL
               AND ts >= $2::timestamptz AND ts < $3::timestamptz GROUP BY date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-03')) x`,
          [w.equipment.replaceAll('_', '-'), w.start, w.end],
        );
        expect(w.mean).toBeCloseTo(m!.m, 9);
      }
    }
    const file = join(scratch, 'pairs.parquet');
    const bytes = await toParquet(pairs);
    expect(Buffer.from(await toParquet(pairs)).equals(Buffer.from(bytes))).toBe(true);
    await writeFile(file, bytes);
    const duck = await (await DuckDBInstance.create()).connect();
    const rows = (await duck.runAndReadAll(`SELECT prompt, chosen, rejected FROM read_parquet('${file}')`)).getRowObjects();
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => [r.prompt, r.chosen, r.rejected])).toEqual(pairs.map((p) => [p.prompt, p.chosen, p.rejected]));
  });
});
