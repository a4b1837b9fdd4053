import { HDate, HDict, HMarker, HRef, HStr, type HVal } from 'haystack-core';
import type { Nameplate } from './topology.js';

/** Tags of an entity being built; undefined values are left out. */
export type TagValues = Record<string, HVal | undefined>;

/** `markers('ahu equip')` → `{ ahu: ✓, equip: ✓ }` */
export function markers(names: string): TagValues {
  return Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => [n, HMarker.make()]),
  );
}

/** Str tags from plain strings, e.g. `{ phasePower: 'L1' }`. */
export function strTags(tags: Readonly<Record<string, string>>): TagValues {
  return Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, HStr.make(value)]));
}

export function dict(tags: TagValues): HDict {
  return HDict.make(Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== undefined)) as Record<string, HVal>);
}

/** A Ref to an entity, with its display name where known. */
export const refTo = (entity: { readonly id: string; readonly dis?: string } | undefined): HRef | undefined =>
  entity ? HRef.make(entity.id, entity.dis) : undefined;

/** The `manufacturer`, `model` and `installDate` tags of a nameplate. */
export const nameplateTags = (np: Nameplate | undefined): TagValues => ({
  manufacturer: np?.manufacturer ? HStr.make(np.manufacturer) : undefined,
  model: np?.model ? HStr.make(np.model) : undefined,
  installDate: np?.installed ? HDate.make(np.installed) : undefined,
});
