// Checksums of what a run wrote, to compare runs split differently (workers, shards, a resumed kill): files by
// their bytes, PostgreSQL by each table's ordered rows, entities and events by Haystack id (serial ids differ
// between orgs by design).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { withClient } from './postgres.js';

/** md5 of every file's bytes by its path in the folder (but the two that name the org, which differs by design). */
export function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'summary.json' || entry.name === 'haysim-dataset.json') continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('md5').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** Count and md5 of an org's ground-truth events. */
async function eventsHash(client: pg.Client, org: string): Promise<string> {
  const events = await client.query<{ h: string; n: string }>(
    `SELECT md5(string_agg(concat_ws(',', event_key, type, haystack_id, start_ts, end_ts, params), '|' ORDER BY event_key)) AS h, count(*) AS n
       FROM core.haysim_event e JOIN core.org o ON o.id = e.org_id WHERE o.key = $1`,
    [org],
  );
  return `${events.rows[0]!.n}:${events.rows[0]!.h}`;
}

/** md5 of each wide table's ordered rows (in the schema named as the org), and of the org's events. */
export async function wideStoreHashes(url: string, schema: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
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
    out['core.haysim_event'] = await eventsHash(client, schema);
    return out;
  });
}

/**
 * The Haystack layout's org: its value rows by point id (count and md5, and how many (point, ts) repeat), its
 * entities with their tags, and its events.
 */
export async function haystackStoreHashes(url: string, org: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const values = await client.query<{ h: string; n: string; distinct: string }>(
      `SELECT md5(string_agg(concat_ws(',', e.haystack_id, v.ts, v.value_n, v.value_b, v.value_s, v.status), '|' ORDER BY e.haystack_id, v.ts)) AS h,
              count(*) AS n, count(DISTINCT (e.haystack_id, v.ts)) AS distinct
         FROM core.${pg.escapeIdentifier(`values_${org}`)} v JOIN core.entity e ON e.id = v.entity_id`,
    );
    const entities = await client.query<{ h: string; n: string }>(
      `SELECT md5(string_agg(concat_ws(',', e.haystack_id, e.tags::text), '|' ORDER BY e.haystack_id)) AS h, count(*) AS n
         FROM core.entity e JOIN core.org o ON o.id = e.org_id WHERE o.key = $1`,
      [org],
    );
    const v = values.rows[0]!;
    return {
      values: `${v.n}:${v.h}`,
      duplicates: String(Number(v.n) - Number(v.distinct)),
      entities: `${entities.rows[0]!.n}:${entities.rows[0]!.h}`,
      events: await eventsHash(client, org),
    };
  });
}
