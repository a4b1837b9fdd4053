import { describe, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../test/helpers/postgres.js';
import { postgresConnection } from '../postgres/postgres-client.js';
import { distributeSql } from './citus.js';
import { orgTables } from './org-key.js';
import { coreDistribution, haystackScalePlan, wideScalePlan } from './scale-plan.js';
import { checkRetention, detectServerScale, type ServerScale } from './server-scale.js';
import { hypertableSql, policySql } from './timescale.js';

const MB = 2 ** 20;
const plain: ServerScale = { timescale: false, citus: false, chunkBudgetBytes: 128 * MB };
const timescale: ServerScale = { ...plain, timescale: true };
const citus: ServerScale = { ...plain, citus: true };
const t = orgTables('demo');
const wide = { siteTables: 357, created: ['"public"."chiller_001"', '"public"."em_001"'], shared: ['"public"."equipment_metadata"'] };

describe('scale plan', () => {
  it('does nothing beyond plain tables on plain PostgreSQL', () => {
    for (const plan of [haystackScalePlan(plain, t, 9_566, 60_000), wideScalePlan(plain, wide, 60_000)]) {
      expect(plan).toEqual({ distribute: [], hypertables: [] });
    }
    expect(coreDistribution(plain)).toEqual([]);
  });

  it('with TimescaleDB: Haystack values segmented by entity in chunks sized for its rate', () => {
    // campus: 9,566 × 1,440 rows × 88 B = 48.2 MiB of index an hour → 2 h in 128 MiB; office (640 at 15 min) → 24 days
    expect(haystackScalePlan(timescale, t, 9_566, 60_000).hypertables).toEqual([
      { relation: 'core."values_demo"', chunkInterval: '2 hours', segmentBy: 'entity_id' },
    ]);
    expect(haystackScalePlan(timescale, t, 640, 15 * 60_000).hypertables[0]?.chunkInterval).toBe('24 days');
  });

  it('with TimescaleDB: every wide table created, one series each, chunked for all the site’s tables at once', () => {
    // 357 × 1,440 × 23 B = 11.28 MiB a day → 11 days in 128 MiB; at 15 minutes a quarter of that rate → capped at 30 days
    expect(wideScalePlan(timescale, wide, 60_000).hypertables).toEqual(
      wide.created.map((relation) => ({ relation, chunkInterval: '11 days' })),
    );
    expect(wideScalePlan(timescale, wide, 15 * 60_000).hypertables[0]?.chunkInterval).toBe('30 days');
  });

  it('with Citus: history distributed (by entity, or one shard per equipment table), small tables referenced', () => {
    expect(haystackScalePlan(citus, t, 9_566, 60_000)).toEqual({
      distribute: [
        ['core."values_demo"', { kind: 'hash', column: 'entity_id' }],
        ['core."values_demo_current"', { kind: 'hash', column: 'entity_id', colocateWith: 'core."values_demo"' }],
        ['core."alerts_demo"', { kind: 'reference' }],
      ],
      hypertables: [],
    });
    expect(wideScalePlan(citus, wide, 60_000).distribute.map(([r, d]) => distributeSql(r, d))).toEqual([
      `SELECT create_distributed_table('"public"."chiller_001"'::regclass, NULL, colocate_with => 'none')`,
      `SELECT create_distributed_table('"public"."em_001"'::regclass, NULL, colocate_with => 'none')`,
      `SELECT create_reference_table('"public"."equipment_metadata"'::regclass)`,
    ]);
    // referenced tables before the tables whose foreign keys point at them
    expect(coreDistribution(citus).map(([r]) => r)).toEqual([
      'core.org',
      'core."user"',
      'core.tag_def',
      'core.entity',
      'core.entity_tag',
      'core.org_user',
    ]);
  });

  it('spells the TimescaleDB statements with the chosen interval, segment and retention', () => {
    expect(hypertableSql({ relation: 'core."values_demo"', chunkInterval: '2 hours', segmentBy: 'entity_id' })).toEqual([
      `SELECT create_hypertable('core."values_demo"'::regclass, 'ts', chunk_time_interval => INTERVAL '2 hours', migrate_data => true)`,
      `ALTER TABLE core."values_demo" SET (timescaledb.compress, timescaledb.compress_segmentby = 'entity_id', timescaledb.compress_orderby = 'ts DESC')`,
    ]);
    expect(hypertableSql({ relation: '"public"."em_001"', chunkInterval: '11 days' })[1]).toBe(
      `ALTER TABLE "public"."em_001" SET (timescaledb.compress, timescaledb.compress_orderby = 'ts DESC')`,
    );
    expect(policySql('"public"."em_001"', undefined)).toHaveLength(1);
    expect(policySql('"public"."em_001"', '1 years')[1]).toBe(
      `SELECT add_retention_policy('"public"."em_001"'::regclass, drop_after => INTERVAL '1 years', if_not_exists => true)`,
    );
  });

  it('refuses a retention without TimescaleDB, naming the flag', () => {
    expect(() => checkRetention(plain, '1 years', 'db')).toThrow(/--retention needs TimescaleDB/);
    expect(() => checkRetention(citus, '90 days', 'db')).toThrow(/Citus is installed/);
    expect(() => checkRetention(timescale, '1 years', 'db')).not.toThrow();
    expect(() => checkRetention(plain, undefined, 'db')).not.toThrow();
  });
});

describeWithPostgres('detectServerScale', (server) => {
  it('finds neither extension on plain PostgreSQL and reads shared_buffers as the chunk budget', async () => {
    const url = await server.createDatabase('scale');
    const client = await postgresConnection({ url }).open();
    try {
      const scale = await detectServerScale(client);
      const [row] = await client.query<{ setting: string; unit: string }>(
        `SELECT setting, unit FROM pg_settings WHERE name = 'shared_buffers'`,
      );
      expect(row?.unit).toBe('8kB');
      expect(scale).toEqual({ timescale: false, citus: false, chunkBudgetBytes: Number(row?.setting) * 8192 });
    } finally {
      await client.close();
    }
  });
});
