import { Kind, type HDict, type HList, type HVal } from 'haystack-core';
import { entityId } from './site-model.js';

/** The entity kinds outputs count and label, in the order they are listed. */
export const ENTITY_TYPES = ['site', 'weatherStation', 'space', 'equip', 'point'] as const;

/** The first entity kind whose marker the entity carries, or `other`. */
export function entityType(entity: HDict): string {
  return ENTITY_TYPES.find((t) => entity.get(t)?.getKind() === Kind.Marker) ?? 'other';
}

/**
 * Names of each enum point's integer codes, from its Haystack `enum` tag (a
 * comma-separated Str or a List), by point id: a batch carries the code,
 * outputs write the name.
 */
export function enumLabels(entities: readonly HDict[]): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  for (const e of entities) {
    const value = e.get('enum');
    if (e.get('point')?.getKind() !== Kind.Marker || !value) continue;
    if (value.getKind() === Kind.Str)
      labels.set(
        entityId(e),
        String((value as unknown as { value: string }).value)
          .split(',')
          .map((s) => s.trim()),
      );
    else if (value.getKind() === Kind.List) labels.set(entityId(e), (value as HList).values.map(listItemText));
  }
  return labels;
}

function listItemText(item: HVal | null | undefined): string {
  if (!item) return '';
  return item.getKind() === Kind.Str ? String((item as unknown as { value: string }).value) : item.toZinc();
}
