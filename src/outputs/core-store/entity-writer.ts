import type { SiteModel } from '../../model/site-model.js';
import { modelEntities, modelTagKinds } from './entity-tags.js';
import type { OrgTables } from './org-key.js';
import type { SqlClient } from './sql-client.js';
import type { TagVocabulary } from './tag-defs.js';
import { seedTagDefs, tagDefRows } from './tag-defs.js';

/** Rows per bulk statement: one JSON parameter each, expanded server-side by jsonb_to_recordset. */
const BATCH = 5000;

/**
 * Writes the model's entities for an org: upserted by (org_id, haystack_id)
 * so serial ids stay stable across runs, entities no longer in the model
 * soft-deleted, and every entity_tag row replaced in bulk. Returns haystack
 * id → entity.id.
 */
export async function writeEntities(
  tx: SqlClient,
  orgId: number,
  model: SiteModel,
  t: OrgTables,
  vocabulary?: TagVocabulary,
): Promise<Map<string, number>> {
  const { entities, tags } = await modelEntities(model, t.valueTable);
  const ids = new Map<string, number>();
  for (let i = 0; i < entities.length; i += BATCH) {
    const part = entities.slice(i, i + BATCH).map((e) => ({ h: e.haystackId, t: e.tags, v: e.valueTable }));
    const rows = await tx.query<{ id: number; haystack_id: string }>(
      `INSERT INTO core.entity (org_id, haystack_id, tags, value_table_id, disabled_ts)
       SELECT $1::int, x.h, x.t, x.v, NULL
         FROM jsonb_to_recordset($2::jsonb) AS x(h varchar, t jsonb, v varchar)
       ON CONFLICT (org_id, haystack_id) DO UPDATE SET
         tags = EXCLUDED.tags, value_table_id = EXCLUDED.value_table_id, disabled_ts = NULL
       RETURNING id, haystack_id`,
      [orgId, JSON.stringify(part)],
    );
    for (const r of rows) ids.set(r.haystack_id, Number(r.id));
  }
  await tx.query(
    `UPDATE core.entity SET disabled_ts = now() AT TIME ZONE 'UTC'
      WHERE org_id = $1 AND disabled_ts IS NULL
        AND haystack_id NOT IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [orgId, JSON.stringify(entities.map((e) => e.haystackId))],
  );

  const tagIds = await seedTagDefs(tx, tagDefRows(modelTagKinds(model), vocabulary));
  await tx.query('DELETE FROM core.entity_tag WHERE entity_id IN (SELECT id FROM core.entity WHERE org_id = $1)', [orgId]);
  // Refs resolve here, now that every entity has its serial id.
  const rows = tags.map((r) => ({
    e: ids.get(r.entity),
    t: tagIds.get(r.tag),
    n: r.n,
    b: r.b,
    s: r.s,
    ts: r.ts,
    l: r.list,
    d: r.dict,
    r: r.ref === null ? null : (ids.get(r.ref) ?? null),
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.query(
      `INSERT INTO core.entity_tag (entity_id, tag_id, value_n, value_b, value_s, value_ts, value_list, value_dict, value_ref)
       SELECT x.e, x.t, x.n, x.b, x.s, x.ts, x.l, x.d, x.r
         FROM jsonb_to_recordset($1::jsonb)
           AS x(e int, t int, n numeric, b bool, s varchar, ts timestamp, l varchar[], d jsonb, r int)`,
      [JSON.stringify(rows.slice(i, i + BATCH))],
    );
  }
  return ids;
}
