import {
  HBool,
  HCoord,
  HDate,
  HDateTime,
  HDict,
  HList,
  HMarker,
  HNum,
  HRef,
  HStr,
  HSymbol,
  HTime,
  HUri,
  type HVal,
  makeValue,
} from 'haystack-core';
import type { SqlReader } from '../outputs/core-store/find-org.js';

interface TagCell extends Record<string, unknown> {
  readonly eid: string;
  readonly tag: string;
  readonly kind: string | null;
  readonly n: number | null;
  readonly b: boolean | null;
  readonly s: string | null;
  readonly ts: string | null;
  readonly list: string[] | null;
  readonly dict: unknown;
}

/**
 * An org's entities as Haystack dicts, rebuilt from core.entity_tag: its typed columns keep what the flat
 * `tags` JSON loses (a Number's unit, Str vs Ref), and tag_def.kind tells Marker from Bool. Refs carry
 * their target's dis, as a Haystack server answers them.
 */
export async function loadHaystackEntities(tx: SqlReader, orgId: number): Promise<HDict[]> {
  const cells = await tx.query<TagCell>(
    `SELECT e.haystack_id AS eid, d.name AS tag, d.kind, t.value_n::float8 AS n, t.value_b AS b, t.value_s AS s,
            t.value_ts::text AS ts, t.value_list AS list, t.value_dict AS dict
       FROM core.entity e JOIN core.entity_tag t ON t.entity_id = e.id AND t.disabled_ts IS NULL
       JOIN core.tag_def d ON d.id = t.tag_id
      WHERE e.org_id = $1 AND e.disabled_ts IS NULL ORDER BY e.id, d.name`,
    [orgId],
  );
  const byId = new Map<string, Record<string, HVal>>();
  for (const c of cells) {
    let tags = byId.get(c.eid);
    if (!tags) byId.set(c.eid, (tags = {}));
    const value = tagValue(c);
    if (value) tags[c.tag] = value;
  }
  const dis = (id: string) => {
    const d = byId.get(id)?.dis;
    return d instanceof HStr ? d.value : undefined;
  };
  return [...byId].map(([id, tags]) => {
    for (const [name, v] of Object.entries(tags)) if (v instanceof HRef && name !== 'id') tags[name] = HRef.make(v.value, dis(v.value));
    return new HDict({ ...tags, id: HRef.make(id, dis(id)) });
  });
}

function tagValue(c: TagCell): HVal | undefined {
  switch (c.kind) {
    case 'Marker':
      return c.b ? HMarker.make() : undefined;
    case 'Bool':
      return c.b === null ? undefined : HBool.make(c.b);
    case 'Number':
      return c.n === null ? undefined : HNum.make(Number(c.n), c.s ?? undefined);
    case 'Ref':
      return c.s === null ? undefined : HRef.make(c.s);
    case 'Uri':
      return c.s === null ? undefined : HUri.make(c.s);
    case 'Symbol':
      return c.s === null ? undefined : HSymbol.make(c.s);
    case 'Time':
      return c.s === null ? undefined : HTime.make(c.s);
    case 'Date':
      return c.ts === null ? undefined : HDate.make(c.ts.slice(0, 10));
    case 'DateTime':
      return c.ts === null ? undefined : HDateTime.make(`${c.ts.replace(' ', 'T')}Z`);
    case 'Coord': {
      const d = c.dict as { lat?: number; lng?: number } | null;
      return d?.lat === undefined || d.lng === undefined ? undefined : HCoord.make({ latitude: d.lat, longitude: d.lng });
    }
    case 'Dict':
      return c.dict ? (makeValue(c.dict as never) ?? undefined) : undefined;
    case 'List':
      return c.list ? HList.make(c.list.map((s) => HStr.make(s))) : undefined;
    default:
      // a kind the vocabulary does not name: the column that holds it says which
      if (c.b !== null) return c.b ? HMarker.make() : HBool.make(false);
      if (c.n !== null) return HNum.make(Number(c.n), c.s ?? undefined);
      return c.s === null ? undefined : HStr.make(c.s);
  }
}
