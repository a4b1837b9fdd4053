import type { PointInfo } from './point.js';

/** `--shard K/N`: the K-th of N processes that split one run between them (1 ≤ K ≤ N). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole run: what a process without `--shard` writes. */
export const WHOLE: Shard = { index: 1, count: 1 };

/**
 * What one shard writes: whole equipment (all its points, its wide table and files, its events and alerts).
 * Every shard builds the same plan from the model alone, so the shares are disjoint and cover the site
 * without the processes talking.
 */
export interface ShardShare {
  readonly shard: Shard;
  /** `2/3` (or `equip:chiller_001` for a selection): the chunk markers' key */
  readonly label: string;
  /** the flag that asked for it, for messages: `--shard 2/3`, `--equip chiller_001` */
  readonly flag: string;
  /** whether it writes the files of the whole site (the events, one file a month): shard 1, not a selection */
  readonly siteFiles: boolean;
  /** 1 where the point at that index is this shard's */
  readonly points: Uint8Array;
  readonly equipIds: ReadonlySet<string>;
  /** whether an event about this entity (an equip or a point) is this shard's: entities of no equipment are shard 1's */
  owns(entityId: string): boolean;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Deals the equipment to the shards, heaviest first (by points: every point has a value per timestamp, so
 * points are the volume), each to the lightest shard so far, ties to the lower shard; equal weights go in
 * id order. Deterministic and within one equipment of balanced.
 */
export function shardShare(points: readonly Pick<PointInfo, 'index' | 'id' | 'equipId'>[], shard: Shard): ShardShare {
  const weights = new Map<string, number>();
  for (const p of points) weights.set(p.equipId, (weights.get(p.equipId) ?? 0) + 1);
  const heaviestFirst = [...weights].sort(([a, wa], [b, wb]) => wb - wa || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const owner = new Map<string, number>();
  for (const [equipId, weight] of heaviestFirst) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += weight;
    owner.set(equipId, lightest + 1);
  }
  const pointOwner = new Map(points.map((p) => [p.id, owner.get(p.equipId)!]));
  const mask = new Uint8Array(points.length);
  for (const p of points) if (owner.get(p.equipId) === shard.index) mask[p.index] = 1;
  return {
    shard,
    label: shardLabel(shard),
    flag: `--shard ${shardLabel(shard)}`,
    siteFiles: shard.index === 1,
    points: mask,
    equipIds: new Set([...owner].filter(([, k]) => k === shard.index).map(([id]) => id)),
    owns: (entityId) => (owner.get(entityId) ?? pointOwner.get(entityId) ?? 1) === shard.index,
  };
}

/**
 * `--equip a,b`: a run of these equipment alone (one chiller over years, say). Its chunk markers are its own
 * (`equip:a,b`), so neither a whole run nor another selection of the same org takes its chunks for theirs.
 */
export function equipShare(points: readonly Pick<PointInfo, 'index' | 'id' | 'equipId'>[], equipIds: readonly string[]): ShardShare {
  const chosen = new Set(equipIds);
  const pointEquip = new Map(points.map((p) => [p.id, p.equipId]));
  const mask = Uint8Array.from(points, (p) => (chosen.has(p.equipId) ? 1 : 0));
  const ids = [...chosen].sort().join(',');
  return {
    shard: WHOLE,
    label: `equip:${ids}`,
    flag: `--equip ${ids}`,
    siteFiles: false,
    points: mask,
    equipIds: chosen,
    owns: (entityId) => chosen.has(entityId) || chosen.has(pointEquip.get(entityId) ?? ''),
  };
}
