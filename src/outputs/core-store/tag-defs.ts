import { getExtension } from '../../model/defs/haysim-extensions.js';
import { getTagDef } from '../../model/defs/haystack-vocabulary.js';
import type { SqlClient } from './sql-client.js';

/** What the Haystack def vocabulary knows about a tag. */
export interface TagDefInfo {
  /** def library, e.g. `phIoT`; gives the tag_def.url */
  readonly lib?: string;
  /** one-line description */
  readonly doc?: string;
  /** Haystack kind, e.g. `Marker`, `Number`, `Ref` */
  readonly kind?: string;
}

/**
 * Looks a tag name up in a def vocabulary. Tags it does not know are still
 * seeded, with the kind seen in the model and no url/doc.
 */
export type TagVocabulary = (name: string) => TagDefInfo | undefined;

/** The Haystack 4 defs and haysim's documented extension tags (src/model/defs). */
export const haystackVocabulary: TagVocabulary = (name) => {
  const def = getTagDef(name);
  if (def && !def.conjunct) return { lib: def.lib, kind: def.kind };
  const ext = getExtension(name);
  return ext && { kind: ext.kind, doc: ext.doc };
};

export interface TagDefRow {
  readonly name: string;
  readonly kind: string | null;
  readonly url: string | null;
  readonly doc: string | null;
}

export function tagDefRows(kinds: ReadonlyMap<string, string>, vocabulary?: TagVocabulary): TagDefRow[] {
  return [...kinds.keys()].sort().map((name) => {
    const def = vocabulary?.(name);
    return {
      name,
      kind: def?.kind ?? kinds.get(name) ?? null,
      url: def?.lib ? `https://project-haystack.org/def/${def.lib}/${name}` : null,
      doc: def?.doc ?? null,
    };
  });
}

/**
 * Seeds core.tag_def; an existing row keeps its url/doc/kind and only has
 * empty ones filled. Returns tag name → tag_def.id for the names given.
 */
export async function seedTagDefs(tx: SqlClient, rows: readonly TagDefRow[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  await tx.query(
    `INSERT INTO core.tag_def (name, kind, url, doc)
     SELECT x.name, x.kind, x.url, x.doc
       FROM jsonb_to_recordset($1::jsonb) AS x(name varchar, kind varchar, url varchar, doc varchar)
     ON CONFLICT (name) DO UPDATE SET
       kind = COALESCE(core.tag_def.kind, EXCLUDED.kind),
       url = COALESCE(core.tag_def.url, EXCLUDED.url),
       doc = COALESCE(core.tag_def.doc, EXCLUDED.doc)
     WHERE (core.tag_def.kind IS NULL AND EXCLUDED.kind IS NOT NULL)
        OR (core.tag_def.url IS NULL AND EXCLUDED.url IS NOT NULL)
        OR (core.tag_def.doc IS NULL AND EXCLUDED.doc IS NOT NULL)`,
    [JSON.stringify(rows)],
  );
  const ids = await tx.query<{ id: number; name: string }>(
    `SELECT id, name FROM core.tag_def WHERE name IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(rows.map((r) => r.name))],
  );
  return new Map(ids.map((r) => [r.name, Number(r.id)]));
}
