import { compareIds } from '../../model/build-model.js';
import type { SqlReader } from '../../outputs/core-store/find-org.js';
import type { QueryClient } from '../../query/query-client.js';

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

interface EntityRow extends Record<string, unknown> {
  hid: string;
  dis: string | null;
  site: boolean;
  floor: boolean;
  zone: boolean;
  space_ref: string | null;
  floor_num: string | null;
}

/**
 * The site as an operator navigates it, read from the store's entities so it works for any store and
 * layout: site → floors → zones (or buildings and yards) by `spaceRef`, equipment under the space it
 * serves, and equipment that serves no one space (plant, meters, weather) grouped by type.
 */
export async function loadSiteTree(tx: SqlReader, orgId: number, query: QueryClient): Promise<TreeNode> {
  const rows = await tx.query<EntityRow>(
    `SELECT haystack_id AS hid, tags->>'dis' AS dis, tags ? 'site' AS site, tags ? 'floor' AS floor, tags ? 'zone' AS zone,
            substr(tags->>'spaceRef', 2) AS space_ref, tags->>'floorNum' AS floor_num
       FROM core.entity WHERE org_id = $1 AND disabled_ts IS NULL AND (tags ? 'site' OR tags ? 'space')`,
    [orgId],
  );
  const equipRefs = await tx.query<{ hid: string; space_ref: string | null }>(
    `SELECT haystack_id AS hid, substr(tags->>'spaceRef', 2) AS space_ref FROM core.entity
      WHERE org_id = $1 AND disabled_ts IS NULL AND (tags ? 'equip' OR tags ? 'weatherStation')`,
    [orgId],
  );
  const siteRow = rows.find((r) => r.site);
  const site: TreeNode = { id: siteRow?.hid ?? query.org, dis: siteRow?.dis ?? query.org, kind: 'site', children: [] };
  const spaces = new Map<string, TreeNode>();
  for (const r of rows.filter((r) => !r.site))
    spaces.set(r.hid, { id: r.hid, dis: r.dis ?? r.hid, kind: r.floor ? 'floor' : r.zone ? 'zone' : 'space', children: [] });
  for (const r of rows.filter((r) => !r.site)) (spaces.get(r.space_ref ?? '') ?? site).children.push(spaces.get(r.hid)!);

  const spaceOf = new Map(equipRefs.map((e) => [e.hid, e.space_ref]));
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
    const space = spaces.get(spaceOf.get(e.haystackId) ?? '');
    if (space) space.children.push(node);
    else {
      let group = groups.get(e.type);
      if (!group) groups.set(e.type, (group = { id: `group:${e.type}`, dis: e.type, kind: 'group', children: [] }));
      group.children.push(node);
    }
  }
  site.children.push(...groups.values());
  const floorNum = new Map(rows.map((r) => [r.hid, Number(r.floor_num ?? Number.NaN)]));
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
