import type { SiteModel } from '../model/site-model.js';
import type { EquipNode } from '../model/topology.js';
import { pointId } from '../model/topology.js';

/**
 * Where each (equipment, point key) lives in the point-major matrices, so
 * physics code writes `truth[row * T + k]` without string lookups in the hot path.
 */
export class PointRows {
  private readonly byId = new Map<string, number>();

  constructor(model: SiteModel) {
    for (const p of model.points) this.byId.set(p.id, p.index);
  }

  /** Row of each of `equips` (in their order) for `key`; −1 where absent. */
  of(equips: readonly EquipNode[], key: string): Int32Array {
    return Int32Array.from(equips, (e) => this.one(e, key));
  }

  /** The row of one equipment's point; −1 where absent (or no equipment). */
  one(equip: EquipNode | undefined, key: string): number {
    return equip ? (this.byId.get(pointId(equip.id, key)) ?? -1) : -1;
  }
}
