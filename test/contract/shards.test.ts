// --workers 1, --workers 2 and --shard 3/3, 2/3, 1/3 (in that order, then all three at once) write the same
// bytes: the same wide tables, events and alerts in PostgreSQL, the same Parquet files in one folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import type { Shard } from '../../src/model/shard.js';
import { selectOutputs } from '../../src/outputs/registry.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { generateSite } from '../../src/runner/generate-site.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { folderHashes, haystackStoreHashes, wideStoreHashes } from '../helpers/run-hashes.js';

const loaded = await loadProfile('test/fixtures/profiles/small-office.yaml', EQUIPMENT_TYPES);
const epochMs = Date.parse(loaded.profile.simulation.epoch);
const start = epochMs + 40 * 86_400_000 + 5 * 3_600_000;
const range = { start, end: start + 86_400_000 };
const scratch = mkdtempSync(join(tmpdir(), 'haysim-shards-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function generate(
  requests: { name: string; options: Record<string, unknown> }[],
  org: string,
  workers: number,
  shard?: Shard,
  layout: 'wide' | 'haystack' = 'wide',
  equipIds?: string[],
) {
  const { sinks, store } = selectOutputs(requests, { org, layout, wideSchema: org });
  await generateSite({
    loaded,
    org,
    seed: 7,
    intervalMs: 900_000,
    epochMs,
    ...range,
    reset: false,
    sinks,
    store,
    validate: false,
    workers,
    ...(shard ? { shard } : {}),
    ...(equipIds ? { equipIds } : {}),
  });
}

describeWithPostgres('shards', (server) => {
  it('workers 1 / 2 and shards 3/3, 2/3, 1/3 (in turn, then at once) give identical tables and Parquet files', async () => {
    const url = await server.createDatabase('hsshards');
    const outputs = (org: string) => [
      { name: 'postgres', options: { url } },
      { name: 'files', options: { dir: join(scratch, org), format: 'parquet' } },
    ];
    await generate(outputs('w1'), 'w1', 1);
    await generate(outputs('w2'), 'w2', 2);
    for (const index of [3, 2, 1]) await generate(outputs('sh'), 'sh', 1, { index, count: 3 });
    await Promise.all([1, 2, 3].map((index) => generate(outputs('co'), 'co', 1, { index, count: 3 })));
    const files = folderHashes(join(scratch, 'w1'));
    expect(Object.keys(files).filter((f) => f.endsWith('.parquet')).length).toBeGreaterThan(10);
    const rows = await wideStoreHashes(url, 'w1');
    expect(rows.alerts).toBeDefined();
    expect(rows['core.haysim_event']).toMatch(/^[1-9]\d*:/);
    for (const org of ['w2', 'sh', 'co']) {
      expect(folderHashes(join(scratch, org)), org).toEqual(files);
      expect(await wideStoreHashes(url, org), org).toEqual(rows);
    }
  }, 600_000);

  it('shards 3/3, 2/3, 1/3 in the Haystack layout fill one database as a whole run does: the same values, entities and events', async () => {
    const url = await server.createDatabase('hsnarrow');
    const db = [{ name: 'postgres', options: { url } }];
    await generate(db, 'nw', 1, undefined, 'haystack');
    for (const index of [3, 2, 1]) await generate(db, 'ns', 1, { index, count: 3 }, 'haystack');
    const whole = await haystackStoreHashes(url, 'nw');
    expect(whole.values).toMatch(/^[1-9]\d{3,}:/);
    expect(whole.entities).toMatch(/^[1-9]\d+:/);
    expect(whole.events).toMatch(/^[1-9]\d*:/);
    expect(whole.duplicates).toBe('0');
    expect(await haystackStoreHashes(url, 'ns')).toEqual(whole);
  }, 600_000);

  it('--equip writes its equipment as a whole run does, nothing else, and the org then refuses a whole run', async () => {
    const url = await server.createDatabase('hsequip');
    const db = [{ name: 'postgres', options: { url } }];
    await generate(db, 'ew', 1);
    await generate(db, 'eq', 1, undefined, 'wide', ['equip-ahu-1']);
    const whole = await wideStoreHashes(url, 'ew');
    const one = await wideStoreHashes(url, 'eq');
    expect(whole.equip_ahu_1).toMatch(/^[0-9a-f]{32}$/);
    expect(one.equip_ahu_1).toBe(whole.equip_ahu_1);
    // every other table is created (metadata is the whole site's) and left empty
    const empty = one.equip_chw_plant;
    expect(empty).toMatch(/^[0-9a-f]{32}$/);
    expect(empty).not.toBe(whole.equip_chw_plant);
    expect(Object.values(one).filter((h) => h === empty).length).toBeGreaterThan(5);
    await expect(generate(db, 'eq', 1)).rejects.toThrow(/already holds chunks written as equip:equip-ahu-1, this run is not sharded/);
  }, 600_000);
});
