import type { HDict } from 'haystack-core';
import type { PointInfo } from './point.js';

/**
 * The Haystack model of a simulated site: every entity as a Haystack dict
 * (sorted by id) plus the point table the engine fills.
 */
export interface SiteModel {
  /** profile name, e.g. `office-tower` */
  readonly profile: string;
  /** IANA time zone of the site, e.g. `America/New_York` */
  readonly timeZone: string;
  /** all entities (site, spaces, equips, points, weather station) sorted by id */
  readonly entities: readonly HDict[];
  /** the points, in the order of SampleBatch rows */
  readonly points: readonly PointInfo[];
}

/** The Haystack id string of an entity dict. */
export function entityId(entity: HDict): string {
  const id = entity.get('id');
  if (!id || typeof (id as { value?: unknown }).value !== 'string') throw new Error('entity without id');
  return (id as unknown as { value: string }).value;
}
