// --workers 1, --workers 2 and --shard 3/3, 2/3, 1/3 (in that order, then all three at once) write the same
// bytes: the same wide tables, events and alerts in PostgreSQL, the same Parquet files in one folder.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import type { Shard } from '../../src/model/shard.js';
import { selectOutputs } from '../../src/outputs/registry.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { generateSite } from '../../src/runner/generate-site.js';
import { describeWithPostgres } from '../helpers/postgres.js';

const loaded = await loadProfile('test/fixtures/profiles/small-office.yaml', EQUIPMENT_TYPES);
const epochMs = Date.parse(loaded.profile.simulation.epoch);
const start = epochMs + 40 * 86_400_000 + 5 * 3_600_000;
const range = { start, end: start + 86_400_000 };
const scratch = mkdtempSync(join(tmpdir(), 'haysim-shards-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function generate(requests: { name: string; options: Record<string, unknown> }[], org: string, workers: number, shard?: Shard) {
  const { sinks, store } = selectOutputs(requests, { org, layout: 'wide', wideSchema: org });
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
  });
}

/** md5 of every file's bytes by its path in the folder (but the two that name the org, which differs by design). */
function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'summary.json' || entry.name === 'haysim-dataset.json') continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('md5').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** md5 of each wide table's ordered rows, and of the org's events and alerts (by Haystack id: serial ids differ by org). */
async function storeHashes(url: string, schema: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schema],
    );
    const out: Record<string, string> = {};
    for (const { t } of tables.rows) {
      const r = await client.query<{ h: string }>(
        `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${schema}"."${t}" x`,
      );
      out[t] = r.rows[0]!.h;
    }
    const events = await client.query<{ h: string; n: string }>(
      `SELECT md5(string_agg(concat_ws(',', event_key, type, haystack_id, start_ts, end_ts, params), '|' ORDER BY event_key)) AS h, count(*) AS n
         FROM core.haysim_event e JOIN core.org o ON o.id = e.org_id WHERE o.key = $1`,
      [schema],
    );
    out['core.haysim_event'] = `${events.rows[0]!.n}:${events.rows[0]!.h}`;
    return out;
  } finally {
    await client.end();
  }
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
    const rows = await storeHashes(url, 'w1');
    expect(rows.alerts).toBeDefined();
    expect(rows['core.haysim_event']).toMatch(/^[1-9]\d*:/);
    for (const org of ['w2', 'sh', 'co']) {
      expect(folderHashes(join(scratch, org)), org).toEqual(files);
      expect(await storeHashes(url, org), org).toEqual(rows);
    }
  }, 600_000);
});
