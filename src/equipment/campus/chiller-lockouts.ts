import type { CampusEquip } from '../../model/campus-plan.js';
import type { EquipNode } from '../../model/topology.js';
import { FaultCode } from '../../sim/fault-catalog.js';
import type { Frame } from '../../sim/physics/frame.js';
import type { ChillerHpTrips } from './chiller-hp-trip.js';

const HOUR = 3_600_000;
/**
 * the end of a condenser-fouling or refrigerant-leak window: the machine isolated for its service (heads off, tubes
 * brushed, refilled and vented; or the leak found, brazed, pressure-tested and the charge made up)
 */
const SERVICE_MS = 8 * HOUR;

/**
 * Which chillers are out of service at a minute and since when: locked out by their high-pressure cut-out (a fouled
 * condenser), isolated for their service at the end of a fouling or leak window, or back from either lately. Filled
 * each step from the frame's degradations; NaN where a machine is not.
 */
export class ChillerLockouts {
  /** the minute a chiller's cut-out tripped it, while it is locked out */
  readonly tripped: Float64Array;
  /** while a chiller is isolated for its service, when it stopped */
  readonly serviced: Float64Array;
  /** when a chiller came back from its lockout or its service, lately */
  readonly returned: Float64Array;

  constructor(
    private readonly equips: readonly EquipNode<CampusEquip>[],
    private readonly trips: ChillerHpTrips,
  ) {
    this.tripped = new Float64Array(equips.length);
    this.serviced = new Float64Array(equips.length);
    this.returned = new Float64Array(equips.length);
  }

  fill(frame: Frame, k: number): void {
    const t = frame.timestamps[k]!;
    const T = frame.timestamps.length;
    this.tripped.fill(Number.NaN);
    this.serviced.fill(Number.NaN);
    this.returned.fill(Number.NaN);
    for (let i = 0; i < this.equips.length; i++) {
      const g = this.equips[i]!.position * T + k;
      const [s0, s1] = [frame.degradedStart[g]!, frame.degradedEnd[g]!];
      const code = frame.degraded[g];
      if (code !== FaultCode.CondenserFouling && code !== FaultCode.LowRefrigerantCharge) continue;
      // the window ends with the machine isolated for its service: tubes brushed, or the leak found, brazed and
      // the charge made up (stopped since its trip if its cut-out had locked it out)
      const fouling = frame.degradedValue[g]! / 1.5;
      if (t >= s1) this.returned[i] = s1;
      else if (t >= s1 - SERVICE_MS) {
        const trip = code === FaultCode.CondenserFouling ? this.trips.lockedOutSince(i, s1 - SERVICE_MS, s0, s1, fouling) : Number.NaN;
        this.serviced[i] = Number.isNaN(trip) ? s1 - SERVICE_MS : trip;
      } else if (code === FaultCode.CondenserFouling) {
        this.tripped[i] = this.trips.lockedOutSince(i, t, s0, s1, fouling);
        if (Number.isNaN(this.tripped[i]!)) this.returned[i] = this.trips.resetAfterTrip(i, t, s0, s1, fouling);
      }
    }
  }

  /** whether chiller i is neither locked out nor isolated for its service */
  free(i: number): boolean {
    return Number.isNaN(this.tripped[i]!) && Number.isNaN(this.serviced[i]!);
  }
}
