import type { HDict, HNum, HStr } from 'haystack-core';
import { compareIds } from '../../model/build-model.js';
import type { QueryClient } from '../../query/query-client.js';
import { type EntityIndex, refValue } from '../haystack/entity-index.js';

/** A node of the site tree: the site, its floors and zones (or a campus's buildings), groups, equipment. */
export interface TreeNode {
  readonly id: string;
  readonly dis: string;
  readonly kind: 'site' | 'floor' | 'zone' | 'space' | 'group' | 'equip';
  /** equipment: the query library's id (`equip_vav_3_north`), its Haystack type and point count */
  readonly equip?: string;
  readonly type?: string;
  readonly points?: number;
  readonly children: TreeNode[];
}

/**
 * The site as an operator navigates it, from the entities the Haystack API answers read and nav from
 * (core.entity_tag, read once by the server): site → floors → zones (or buildings and yards) by
 * `spaceRef`, equipment under the space it serves, and equipment that serves no one space (plant, meters,
 * weather) grouped by type. Equipment is what the store keeps history for (the query library's catalog).
 */
export async function loadSiteTree(entities: EntityIndex, query: QueryClient): Promise<TreeNode> {
  const dis = (d: HDict) => d.get<HStr>('dis')?.value ?? refValue(d.get('id'))!;
  const siteDict = entities.all.find((d) => d.has('site'));
  const site: TreeNode = {
    id: siteDict ? refValue(siteDict.get('id'))! : query.org,
    dis: siteDict ? dis(siteDict) : query.org,
    kind: 'site',
    children: [],
  };
  const spaceDicts = entities.all.filter((d) => d.has('space') && !d.has('site'));
  const spaces = new Map<string, TreeNode>();
  for (const d of spaceDicts) {
    const id = refValue(d.get('id'))!;
    spaces.set(id, { id, dis: dis(d), kind: d.has('floor') ? 'floor' : d.has('zone') ? 'zone' : 'space', children: [] });
  }
  for (const d of spaceDicts) (spaces.get(refValue(d.get('spaceRef')) ?? '') ?? site).children.push(spaces.get(refValue(d.get('id'))!)!);

  const groups = new Map<string, TreeNode>();
  for (const e of (await query.equipment()).rows) {
    const node: TreeNode = {
      id: e.haystackId,
      dis: e.name ?? e.id,
      kind: 'equip',
      equip: e.id,
      type: e.type,
      points: e.columns,
      children: [],
    };
    const space = spaces.get(refValue(entities.get(e.haystackId)?.get('spaceRef')) ?? '');
    if (space) space.children.push(node);
    else {
      let group = groups.get(e.type);
      if (!group) groups.set(e.type, (group = { id: `group:${e.type}`, dis: e.type, kind: 'group', children: [] }));
      group.children.push(node);
    }
  }
  site.children.push(...groups.values());
  const floorNum = new Map(spaceDicts.map((d) => [refValue(d.get('id'))!, Number(d.get<HNum>('floorNum')?.value ?? Number.NaN)]));
  sortTree(site, floorNum);
  return site;
}

/** Floors by number, then spaces, groups and equipment each in natural id order. */
function sortTree(node: TreeNode, floorNum: ReadonlyMap<string, number>): void {
  const rank = { floor: 0, zone: 1, space: 1, group: 2, equip: 3, site: 4 } as const;
  node.children.sort(
    (a, b) =>
      rank[a.kind] - rank[b.kind] ||
      (floorNum.get(a.id) ?? 0) - (floorNum.get(b.id) ?? 0) ||
      (a.kind === 'group' ? a.dis.localeCompare(b.dis) : compareIds(a.id, b.id)),
  );
  for (const child of node.children) sortTree(child, floorNum);
}
