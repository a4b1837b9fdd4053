/** One row of core.entity for the org: serial id, Haystack id and the flat tag dict. */
export interface StoreEntity {
  readonly id: number;
  readonly hid: string;
  /** core.entity.tags: markers are `true`, refs `"@id"`, numbers plain */
  readonly tags: Readonly<Record<string, unknown>>;
}

/** One core.entity_tag row with its tag name (value columns reduced to what checks need). */
export interface StoreTag {
  readonly entityId: number;
  readonly name: string;
  readonly n: number | null;
  readonly b: boolean | null;
  readonly s: string | null;
  readonly ref: number | null;
  readonly hasTs: boolean;
  readonly hasDict: boolean;
  readonly hasList: boolean;
}

/** True when the entity carries every marker in `markers` (space separated). */
export function hasMarkers(e: StoreEntity, markers: string): boolean {
  for (const m of markers.split(' ')) if (m && e.tags[m] !== true) return false;
  return true;
}

/** The Haystack id a Ref tag in core.entity.tags points to (`"@equip-ahu-1"` → `equip-ahu-1`). */
export function refId(e: StoreEntity, tag: string): string | undefined {
  const v = e.tags[tag];
  if (typeof v !== 'string' || !v.startsWith('@')) return undefined;
  const id = v.slice(1);
  // a ref written with its display name: `@id "dis"`
  const space = id.indexOf(' ');
  return space < 0 ? id : id.slice(0, space);
}

export function numberTag(e: StoreEntity, tag: string): number | undefined {
  const v = e.tags[tag];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Lookups over the org's entities: by serial id, by Haystack id, points by
 * their parent equip (equipRef, or weatherStationRef for station points).
 */
export class EntityIndex {
  readonly all: readonly StoreEntity[];
  readonly byId: ReadonlyMap<number, StoreEntity>;
  readonly byHid: ReadonlyMap<string, StoreEntity>;
  private readonly children = new Map<number, StoreEntity[]>();

  constructor(entities: readonly StoreEntity[]) {
    this.all = entities;
    this.byId = new Map(entities.map((e) => [e.id, e]));
    this.byHid = new Map(entities.map((e) => [e.hid, e]));
    for (const p of entities) {
      if (!hasMarkers(p, 'point')) continue;
      const parent = this.ref(p, 'equipRef') ?? this.ref(p, 'weatherStationRef');
      if (!parent) continue;
      const list = this.children.get(parent.id) ?? [];
      list.push(p);
      this.children.set(parent.id, list);
    }
  }

  /** The entity a Ref tag resolves to, if it exists in the org. */
  ref(e: StoreEntity, tag: string): StoreEntity | undefined {
    const id = refId(e, tag);
    return id === undefined ? undefined : this.byHid.get(id);
  }

  /** Entities carrying all of `markers`, in id order. */
  find(markers: string): StoreEntity[] {
    return this.all.filter((e) => hasMarkers(e, markers));
  }

  /** Points of an equip (or weather station) carrying all of `markers`, optionally without any of `without`. */
  pointsOf(parent: StoreEntity, markers: string, without = ''): StoreEntity[] {
    const excluded = without.split(' ').filter(Boolean);
    return (this.children.get(parent.id) ?? []).filter((p) => hasMarkers(p, markers) && !excluded.some((m) => p.tags[m] === true));
  }

  /** The single point of `parent` with `markers`; undefined when none or ambiguous. */
  pointOf(parent: StoreEntity, markers: string, without = ''): StoreEntity | undefined {
    const found = this.pointsOf(parent, markers, without);
    return found.length === 1 ? found[0] : undefined;
  }

  /** The Haystack id of a serial id, for details (`#id` when unknown). */
  label(id: number | null | undefined): string {
    if (id === null || id === undefined) return '?';
    return this.byId.get(Number(id))?.hid ?? `#${id}`;
  }

  /** The equip a point belongs to. */
  equipOf(point: StoreEntity): StoreEntity | undefined {
    return this.ref(point, 'equipRef') ?? this.ref(point, 'weatherStationRef');
  }
}

/** `a, b, c (+4 more)`: keeps details readable when many entities fail. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} (+${items.length - max} more)`;
}

/** Percentage text with sensible precision: `97.3%`, `0.42%`. */
export function pct(share: number): string {
  const p = share * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** Number text with fixed decimals, `–` for none. */
export function fmt(n: number | null | undefined, decimals = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(decimals);
}
