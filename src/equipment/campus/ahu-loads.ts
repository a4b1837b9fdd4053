import type { CampusEquip } from '../../model/campus-plan.js';
import { hashString, smoothNoise } from '../../random/rng.js';
import type { InstantDrivers } from '../../sim/physics/campus-instant.js';
import { type AhuAir, type AhuConditions, ahuAir, newAhuAir } from './ahu-coil.js';

const MINUTE = 60_000;
/** a started handler's space comes down to setpoint over this, min */
export const PULL_DOWN_TAU_MIN = 25;
/** an office handler's morning start: it stood overnight, 12 h */
export const OFFICE_STOOD_MIN = 12 * 60;
/** a started handler's valve opens over this, min */
const VALVE_OPENING_MIN = 4;

/**
 * How far a started handler's valve is driven past its steady opening toward wide open, 0..1: pulling its space down
 * `since` minutes into its run after it stood `stood` minutes (a short stop barely warmed it).
 */
export function startPull(since: number, stood: number): number {
  if (!(since >= 0 && since < 240)) return 0;
  // the discharge loop winds the valve open over its first minutes
  return Math.exp(-since / PULL_DOWN_TAU_MIN) * Math.min(1, stood / 30) * Math.min(1, since / VALVE_OPENING_MIN);
}

/** Minutes into an office handler's day: from 08:00, the Admin Block's handlers two minutes apart. */
export const officeSinceMin = (e: CampusEquip, hour: number) => (hour - 8) * 60 - 2 * (e.index % 5);

/** An office handler serves the Admin Block by day (from 08:00, staggered); a hall's runs with production, every fourth one around the clock. */
export function ahuScheduled(e: CampusEquip, d: Pick<InstantDrivers, 'hour' | 'production'>): boolean {
  return isOffice(e) ? officeSinceMin(e, d.hour) >= 0 && d.hour < 20 && d.production > 0 : d.production > 0.05 || e.index % 4 === 0;
}

export const isOffice = (e: CampusEquip) => e.location === 'Admin Block';

/**
 * What a campus handler's air side works against at instant `t`: the space's sensible load (envelope with the outdoor
 * air and the sun, people, and in the halls the process), its setpoint, outdoor air and moisture, and the chilled
 * water the plant delivers (`chwSupplyC`; absent, its setpoint).
 */
export function ahuConditions(e: CampusEquip, d: InstantDrivers, seed: number, t: number, chwSupplyC?: number): AhuConditions {
  const office = isOffice(e);
  const envelope = Math.max(0, Math.min(1, (d.ambientC - 20) / 16)) + 0.15 * (d.solarWm2 / 1000);
  const internal = office ? (d.hour >= 9 && d.hour < 18 ? 0.3 : 0.1) : 0.1 + 0.35 * d.production;
  const key = hashString(e.id);
  return {
    ratedCfm: e.rating,
    vfd: e.vfd !== undefined,
    minSpeed: 0.4,
    load: 0.1 + 0.3 * envelope + internal + 0.05 * smoothNoise(seed, key ^ 0xa1, t, 40 * MINUTE),
    setpointC: (office ? 24 : 26) + ((key % 11) - 5) * 0.1,
    outdoorShare: office ? 0.15 : 0.25,
    ambientC: d.ambientC,
    wetBulbC: d.wetBulbC,
    moistureGainW: office ? 0.0008 : 0.0012,
    ...(chwSupplyC !== undefined && { chwSupplyC }),
  };
}

/**
 * The handlers' coil duties as the chilled-water loop sees them, at any instant: every scheduled handler's coil
 * (sensible and latent) at the plant's setpoint water and an office's morning pull-down, the same model its own stage
 * runs (the restarts after an outage are the loop's pull-down, chw-pull-down.ts). The last instant is memoized.
 */
export class AhuCoilDuties {
  private readonly air: AhuAir = newAhuAir();
  /** each handler's duty at `t`, kW (0: not scheduled) */
  private readonly kw: Float64Array;
  private t = Number.NaN;

  constructor(
    private readonly ahus: readonly CampusEquip[],
    private readonly seed: number,
  ) {
    this.kw = new Float64Array(ahus.length);
  }

  /** Σ of the scheduled handlers' coil duties at t, kW; `skip(i)` leaves out handler i (stopped for a fault). */
  totalKw(t: number, d: InstantDrivers, skip?: (i: number) => boolean): number {
    if (t !== this.t) {
      this.t = t;
      for (let i = 0; i < this.ahus.length; i++) {
        const e = this.ahus[i]!;
        this.kw[i] = 0;
        if (!ahuScheduled(e, d)) continue;
        ahuAir(ahuConditions(e, d, this.seed, t), this.air);
        // an office handler's morning pull-down: its valve wide open, its coil at its design duty
        const pull = isOffice(e) ? startPull(officeSinceMin(e, d.hour), OFFICE_STOOD_MIN) : 0;
        this.kw[i] = this.air.coilKw + (this.air.designKw - this.air.coilKw) * pull;
      }
    }
    let kw = 0;
    for (let i = 0; i < this.ahus.length; i++) if (!skip?.(i)) kw += this.kw[i]!;
    return kw;
  }
}
