import type { HCoord, HDateTime, HDict, HList, HNum, HVal } from 'haystack-core';
import { Kind } from 'haystack-core';
import type { SiteModel } from '../../model/site-model.js';
import { entityId } from '../../model/site-model.js';
import { enumLabels } from '../../model/entity-facts.js';

/** Haystack kind names (as in defs) for haystack-core's Kind values. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  [Kind.Str]: 'Str',
  [Kind.Number]: 'Number',
  [Kind.Date]: 'Date',
  [Kind.Time]: 'Time',
  [Kind.Uri]: 'Uri',
  [Kind.Ref]: 'Ref',
  [Kind.Bool]: 'Bool',
  [Kind.Dict]: 'Dict',
  [Kind.DateTime]: 'DateTime',
  [Kind.Marker]: 'Marker',
  [Kind.Remove]: 'Remove',
  [Kind.NA]: 'NA',
  [Kind.Coord]: 'Coord',
  [Kind.XStr]: 'XStr',
  [Kind.Bin]: 'Bin',
  [Kind.Symbol]: 'Symbol',
  [Kind.List]: 'List',
  [Kind.Grid]: 'Grid',
};

export function kindName(value: HVal): string {
  return KIND_NAMES[value.getKind()] ?? value.getKind();
}

/**
 * One core.entity_tag row before ids are known. Typed columns per kind:
 * Marker → b true; Bool → b; Number → n, and its unit symbol in s (our "unit
 * companion" rule: the unit of a Number tag sits beside it in value_s, so
 * `area:150000ft²` is n=150000, s='ft²'); Str, Uri, Time, Symbol → s;
 * Ref → ref (the target's haystack id, resolved to entity.id when written)
 * and s (the same haystack id, so refs to entities outside the store survive);
 * Date, DateTime → ts (UTC wall time); Coord → dict {lat, lng}; Dict → dict;
 * List → list. The `id` tag is s = the entity's own haystack id.
 */
export interface TagRow {
  readonly entity: string;
  readonly tag: string;
  readonly n: string | null;
  readonly b: boolean | null;
  readonly s: string | null;
  readonly ts: string | null;
  readonly list: string[] | null;
  readonly dict: unknown;
  readonly ref: string | null;
}

/** An entity as written to core.entity. */
export interface EntityRecord {
  readonly haystackId: string;
  /** flat tag dict for core.entity.tags */
  readonly tags: Record<string, unknown>;
  /** `values_{key}` for points with history, else null */
  readonly valueTable: string | null;
}

const EMPTY = { n: null, b: null, s: null, ts: null, list: null, dict: null, ref: null } as const;

export function tagRow(entity: string, tag: string, value: HVal): TagRow | undefined {
  const base = { ...EMPTY, entity, tag };
  const v = value as unknown as { value: unknown };
  switch (value.getKind()) {
    case Kind.Marker:
      return { ...base, b: true };
    case Kind.Bool:
      return { ...base, b: v.value as boolean };
    case Kind.Number: {
      const num = value as HNum;
      return { ...base, n: String(num.value), s: num.unit?.symbol ?? null };
    }
    case Kind.Ref:
      return tag === 'id' ? { ...base, s: v.value as string } : { ...base, ref: v.value as string, s: v.value as string };
    case Kind.Date:
      return { ...base, ts: `${v.value as string}T00:00:00` };
    case Kind.DateTime:
      return { ...base, ts: (value as HDateTime).date.toISOString() };
    case Kind.Coord:
      return { ...base, dict: flatValue(value) };
    case Kind.Dict:
      return { ...base, dict: flatValue(value) };
    case Kind.List:
      return { ...base, list: (value as HList).values.map((item) => listItemText(item)) };
    case Kind.Remove:
    case Kind.NA:
      return undefined;
    case Kind.Str:
    case Kind.Uri:
    case Kind.Time:
    case Kind.Symbol:
      return { ...base, s: String(v.value) };
    default:
      return { ...base, s: value.toZinc() };
  }
}

function listItemText(item: HVal | null | undefined): string {
  if (!item) return '';
  return item.getKind() === Kind.Str ? String((item as unknown as { value: string }).value) : item.toZinc();
}

/**
 * The plain JSON form of a tag value for core.entity.tags, the dictionary the
 * users' queries read (`tags->'zoneTemp' = 'true'`): marker → true, Number →
 * number (non-finite → null), Str → string, Ref → "@id", Bool → bool,
 * Date → "YYYY-MM-DD", DateTime → ISO UTC, Coord → {lat, lng}.
 */
export function flatValue(value: HVal | null | undefined): unknown {
  if (!value) return null;
  const v = value as unknown as { value: unknown };
  switch (value.getKind()) {
    case Kind.Marker:
      return true;
    case Kind.Number: {
      const n = (value as HNum).value;
      return Number.isFinite(n) ? n : null;
    }
    case Kind.Ref:
      return `@${v.value as string}`;
    case Kind.Bool:
    case Kind.Str:
    case Kind.Uri:
    case Kind.Date:
    case Kind.Time:
      return v.value;
    case Kind.DateTime:
      return (value as HDateTime).date.toISOString();
    case Kind.Coord:
      return { lat: (value as HCoord).latitude, lng: (value as HCoord).longitude };
    case Kind.List:
      return (value as HList).values.map((item) => flatValue(item));
    case Kind.Dict: {
      const out: Record<string, unknown> = {};
      for (const { name, value: inner } of value as HDict) out[name] = flatValue(inner);
      return out;
    }
    case Kind.Symbol:
      return `^${v.value as string}`;
    case Kind.NA:
    case Kind.Remove:
      return null;
    default:
      return value.toZinc();
  }
}

/** Entities converted between two turns of the event loop. */
const ENTITIES_PER_TURN = 64;

/**
 * Entities and their tag rows for a model. A point's short key (PointInfo.key,
 * `zoneTemp`) is also set as a marker in `tags` unless the point already has a
 * tag of that name, because the users' scripts select points by it.
 */
export async function modelEntities(model: SiteModel, valueTable: string): Promise<{ entities: EntityRecord[]; tags: TagRow[] }> {
  const pointKeys = new Map(model.points.map((p) => [p.id, p.key] as const));
  const entities: EntityRecord[] = [];
  const tags: TagRow[] = [];
  for (const dict of model.entities) {
    // a turn for the event loop now and then: a large site's tags take a live service's thread for a tenth of a second
    if (entities.length % ENTITIES_PER_TURN === ENTITIES_PER_TURN - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    const id = entityId(dict);
    const flat: Record<string, unknown> = {};
    for (const { name, value } of dict) {
      if (!value) continue;
      flat[name] = flatValue(value);
      const row = tagRow(id, name, value);
      if (row) tags.push(row);
    }
    const key = pointKeys.get(id);
    if (key !== undefined && !(key in flat)) flat[key] = true;
    entities.push({ haystackId: id, tags: flat, valueTable: key !== undefined ? valueTable : null });
  }
  return { entities, tags };
}

/** Tag name → Haystack kind as used in the model (first use wins, entities are sorted). */
export function modelTagKinds(model: SiteModel): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const dict of model.entities) {
    for (const { name, value } of dict) {
      if (value && !kinds.has(name)) kinds.set(name, kindName(value));
    }
  }
  return kinds;
}

/** Enum names per Str point index (the binary COPY encoder indexes by point). */
export function pointEnumLabels(model: SiteModel): (readonly string[] | undefined)[] {
  const byId = enumLabels(model.entities);
  return model.points.map((p) => (p.kind === 'Str' ? byId.get(p.id) : undefined));
}
