import type { SiteModel } from '../model/site-model.js';
import type { EquipType } from '../profile/point-template.js';
import type { Topology } from '../profile/topology.js';
import { pointId } from '../profile/topology.js';

/**
 * Where each (equipment, point key) lives in the point-major matrices, so
 * physics code writes `truth[row * T + k]` without string lookups in the hot path.
 */
export class PointRows {
  private readonly byId = new Map<string, number>();
  private readonly cache = new Map<string, Int32Array>();

  constructor(
    private readonly topology: Topology,
    model: SiteModel,
  ) {
    for (const p of model.points) this.byId.set(p.id, p.index);
  }

  /** Row of each equipment of `type` (by its index within the type) for `key`; −1 where absent. */
  of(type: EquipType, key: string): Int32Array {
    const cacheKey = `${type}.${key}`;
    let rows = this.cache.get(cacheKey);
    if (!rows) {
      const equips = this.topology.equips.filter((e) => e.type === type);
      rows = new Int32Array(equips.length).fill(-1);
      for (const e of equips) rows[e.index] = this.byId.get(pointId(e.id, key)) ?? -1;
      this.cache.set(cacheKey, rows);
    }
    return rows;
  }

  /** The single row of a one-off equipment's point (plant, boiler, meters, weather). */
  one(type: EquipType, key: string): number {
    return this.of(type, key)[0] ?? -1;
  }
}
