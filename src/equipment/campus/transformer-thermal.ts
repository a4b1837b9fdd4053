import type { EquipNode } from '../../model/topology.js';
import type { CampusEquip } from '../../model/campus-plan.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import type { CampusHistory } from '../../sim/physics/campus-history.js';
import type { PointRows } from '../../sim/point-rows.js';
import { type QualityWindow, QualityEvents } from '../../sim/quality-events.js';
import type { Topology } from '../../model/topology.js';
import { HOT_SPOT_TAU_MIN, TOP_OIL_RISE_K, TOP_OIL_TAU_MIN } from '../../sim/relations/elec-transformer.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** how long after its end an overheating still shows: 16 h is over five oil time constants */
const AFTER_MS = 16 * HOUR;

/**
 * The IEC 60076-7 dynamic temperatures of the campus transformers: top oil lags its steady value (ambient plus
 * the rise of the losses, nothing when de-energised) with τo = 180 min, the hot-spot gradient its own with 8 min,
 * over the replayed load (campus-history.ts). A cooling fault (a blocked radiator, failed fans) raises the oil's
 * rise by its extra rise at rated load for the same losses: the excess builds with τo from the fault's start and
 * decays with τo after its repair, so it is traced from the fault windows themselves, not only while the frame
 * still marks them.
 */
export class TransformerThermal {
  private readonly oil: number[];
  private readonly gradient: number[];
  private readonly positions: readonly number[];
  private events: QualityEvents | undefined;
  private readonly byDay = new Map<number, readonly QualityWindow[]>();

  constructor(
    private readonly history: CampusHistory,
    equips: readonly EquipNode<CampusEquip>[],
    rows: PointRows,
    private readonly topology: Topology,
    private readonly seed: number,
  ) {
    this.oil = equips.map((n) => history.add(n.id, rows.one(n, 'oil_temp_c'), TOP_OIL_TAU_MIN));
    this.gradient = equips.map((n) => history.add(n.id, rows.one(n, 'winding_temp_c'), HOT_SPOT_TAU_MIN));
    this.positions = equips.map((n) => n.position);
  }

  /** Top-oil and hot-spot temperature of transformer i at t, from its steady oil temperature and gradient now. */
  at(i: number, t: number, ambientC: number, steadyOilC: number, steadyGradientK: number, out: { oilC: number; hotSpotC: number }): void {
    const oil = this.history.at(this.oil[i]!, t, steadyOilC, true);
    const excess = ((oil - ambientC) * this.coolingDeficit(this.positions[i]!, t)) / TOP_OIL_RISE_K;
    out.oilC = oil + excess;
    out.hotSpotC = out.oilC + this.history.at(this.gradient[i]!, t, steadyGradientK, true);
  }

  /** Σ over the overheating windows of the equipment at `position`: extra rise at rated load × how far it has built. */
  private coolingDeficit(position: number, t: number): number {
    let sum = 0;
    for (const w of this.windowsOn(Math.floor(t / DAY))) {
      const { start, end } = w.event;
      if (w.equips[0] !== position || t < start || t >= end + AFTER_MS) continue;
      const built = 1 - Math.exp(-(Math.min(t, end) - start) / (TOP_OIL_TAU_MIN * 60_000));
      sum += w.value! * built * Math.exp(-Math.max(0, t - end) / (TOP_OIL_TAU_MIN * 60_000));
    }
    return sum;
  }

  /** The overheating windows that touch day d or the 16 h before it (the engine's own fault draws: same topology and seed). */
  private windowsOn(d: number): readonly QualityWindow[] {
    let list = this.byDay.get(d);
    if (list) return list;
    this.events ??= new QualityEvents(this.topology, this.seed);
    list = this.events.faultsBetween(d * DAY - AFTER_MS, (d + 1) * DAY).filter((w) => w.code === FaultCode.TransformerOverheating);
    if (this.byDay.size > 8) this.byDay.clear();
    this.byDay.set(d, list);
    return list;
  }
}
