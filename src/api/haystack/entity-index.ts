import { HFilter, type HDict, type HRef, type HVal, valueIsKind, Kind } from 'haystack-core';
import { HaystackRequestError } from './haystack-errors.js';

/** Longest filter accepted: a filter is evaluated against every entity. */
const MAX_FILTER_LENGTH = 4096;

/**
 * The site's entities in memory, as a Haystack server holds its records: filters (with `->` paths, which
 * resolve refs through this index) and ids are answered without SQL, and the nav tree is walked by refs.
 */
export class EntityIndex {
  private readonly byId = new Map<string, HDict>();

  constructor(readonly all: readonly HDict[]) {
    for (const d of all) this.byId.set(refValue(d.get('id'))!, d);
  }

  get(id: string): HDict | undefined {
    return this.byId.get(id);
  }

  /** Entities matching a Haystack filter, at most `limit`; a malformed filter is the caller's error. */
  filter(text: string, limit: number): HDict[] {
    const filter = parseFilter(text);
    const resolve = (ref: HRef) => this.byId.get(ref.value);
    const out: HDict[] = [];
    for (const dict of this.all) {
      if (out.length >= limit) break;
      if (filter.eval({ dict, resolve })) out.push(dict);
    }
    return out;
  }

  /**
   * The nav tree: sites at the root; under a site what sits in it directly (floors, plant equipment, the
   * weather station); under a space what its spaceRef places there (zones, equipment); under an equipment
   * or weather station its points.
   */
  navChildren(navId: string | undefined): HDict[] {
    if (navId === undefined) return this.all.filter((d) => d.has('site'));
    const parent = this.byId.get(navId);
    if (!parent) throw new HaystackRequestError(`unknown navId @${navId}`);
    if (parent.has('equip') || parent.has('weatherStation')) {
      const tag = parent.has('equip') ? 'equipRef' : 'weatherStationRef';
      return this.all.filter((d) => d.has('point') && refValue(d.get(tag)) === navId);
    }
    const placed = (d: HDict) => !d.has('point') && d !== parent;
    if (parent.has('site'))
      return this.all.filter((d) => placed(d) && refValue(d.get('siteRef')) === navId && !d.has('spaceRef') && !d.has('site'));
    return this.all.filter((d) => placed(d) && refValue(d.get('spaceRef')) === navId);
  }
}

/** A Haystack filter parsed, or the request's error saying why it is not one. */
export function parseFilter(text: string): HFilter {
  if (text.length > MAX_FILTER_LENGTH) throw new HaystackRequestError(`filter longer than ${MAX_FILTER_LENGTH} characters`);
  try {
    return new HFilter(text);
  } catch (error) {
    throw new HaystackRequestError(`malformed filter "${text}": ${(error as Error).message}`);
  }
}

/** A Ref's id, undefined for anything else. */
export function refValue(v: HVal | null | undefined): string | undefined {
  return v && valueIsKind<HRef>(v, Kind.Ref) ? v.value : undefined;
}
