import type { CampusEquip } from '../../model/campus-plan.js';
import type { CampusContext } from '../../sim/physics/campus-context.js';
import type { InstantDrivers } from '../../sim/physics/campus-instant.js';
import { type AhuAir, type AhuConditions, COIL_APPROACH_K, ahuAir, newAhuAir } from './ahu-coil.js';
import { ahuConditions, ahuScheduled } from './ahu-loads.js';
import { CHW_SETPOINT_C } from './chiller-operation.js';
import type { ChillerPlant } from './chiller-plant.js';
import { SampledLag } from './sampled-lag.js';

/** a space drifts off its setpoint over this when its coil cannot hold it (and back when it can again), minutes */
export const SPACE_DRIFT_TAU_MIN = 90;
/** the discharge follows a coil coming cold (or going warm) within minutes */
export const COIL_TAU_MIN = 4;

/**
 * A handler's coil against the water the plant delivers at t: `normal` at the plant's setpoint, `actual` at its header
 * water (with none flowing, the water standing in the coil warms to the air: it cools nothing).
 */
export function coilAgainstPlant(c: AhuConditions, chwSupplyC: number, normal: AhuAir, actual: AhuAir): void {
  ahuAir(c, normal);
  if (chwSupplyC === CHW_SETPOINT_C) {
    Object.assign(actual, normal);
    return;
  }
  const water = Number.isNaN(chwSupplyC) ? normal.mixedC - COIL_APPROACH_K : chwSupplyC;
  ahuAir({ ...c, chwSupplyC: water }, actual);
}

/**
 * How much warmer each running handler's discharge and space are than its coil would hold them at the plant's setpoint
 * water: the steady warmth of its coil against the header's water (a plant pulling its loop down, the pumps standing
 * in an outage while the handler runs on its DG set), through the coil's lag of minutes and the space's of an hour
 * and a half. Pure functions of time, sampled each minute (the space every three).
 */
export class AhuWarmCoil {
  private readonly discharge: SampledLag;
  private readonly space: SampledLag;
  private readonly normal = newAhuAir();
  private readonly actual = newAhuAir();
  /** the steady warmth at instant `sampled`: each handler's discharge, then its space, K */
  private readonly steady: Float64Array;
  private sampled = Number.NaN;

  constructor(
    private readonly ahus: readonly CampusEquip[],
    private readonly campus: CampusContext,
    private readonly plant: ChillerPlant,
    private readonly seed: number,
  ) {
    const n = ahus.length;
    this.steady = new Float64Array(2 * n);
    this.discharge = new SampledLag(n, COIL_TAU_MIN, 1, (s, out) => out.set(this.steadyAt(s).subarray(0, n)));
    this.space = new SampledLag(n, SPACE_DRIFT_TAU_MIN, 3, (s, out) => out.set(this.steadyAt(s).subarray(n)));
  }

  /** Handler a's discharge over what its coil holds at the setpoint water, at t, K. */
  dischargeK(a: number, t: number): number {
    return this.discharge.at(a, t);
  }

  /** Handler a's space over what its coil holds at the setpoint water, at t, K. */
  spaceK(a: number, t: number): number {
    return this.space.at(a, t);
  }

  private steadyAt(s: number): Float64Array {
    if (s === this.sampled) return this.steady;
    this.sampled = s;
    const n = this.ahus.length;
    this.steady.fill(0);
    const chws = this.plant.chwSupplyAt(s);
    if (chws === CHW_SETPOINT_C) return this.steady;
    const d: InstantDrivers = this.plant.instant.at(s);
    const gridUp = this.campus.grid.at(s) === undefined;
    for (let a = 0; a < n; a++) {
      const e = this.ahus[a]!;
      if (!ahuScheduled(e, d) || !(gridUp || e.essential)) continue;
      coilAgainstPlant(ahuConditions(e, d, this.seed, s), chws, this.normal, this.actual);
      this.steady[a] = this.actual.supplyC - this.normal.supplyC;
      this.steady[n + a] = this.actual.spaceC - this.normal.spaceC;
    }
    return this.steady;
  }
}
