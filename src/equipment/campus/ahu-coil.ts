/**
 * A campus air handler's air side at an instant: the space it holds, the air it mixes and the chilled-water
 * coil that cools it. A VAV handler's fan follows its space load; the discharge setpoint is reset between
 * 13 °C (full load) and 16 °C (light load); the coil takes the mixed air's enthalpy down to it, sensible and
 * latent, and the valve opens in proportion to the coil duty against its design duty. Past the coil's design
 * duty the valve stays wide open and the discharge and the space run warm; so they do when the chilled water comes
 * warmer than the plant's setpoint (a loop pulled down after an outage): the coil leaves the air no colder than the
 * water plus its approach.
 */
import { saturationHumidityRatio } from '../../sim/relations/psychrometrics.js';

const AIR_DENSITY = 1.2; // kg/m³
const CP_AIR = 1.006; // kJ/(kg·K)
const CFM_TO_M3S = 0.000471947;
/** the coil's design: mixed air at 29 °C and 0.0165 kg/kg leaving saturated at 12.5 °C */
const DESIGN_MIXED_C = 29;
const DESIGN_MIXED_W = 0.0165;
const DESIGN_LEAVING_C = 12.5;
/** the chilled water the coil is designed on, °C: its approach is the design leaving air over it */
const DESIGN_CHW_C = 7;
export const COIL_APPROACH_K = DESIGN_LEAVING_C - DESIGN_CHW_C;

/** Humidity ratio, kg/kg, of air at dry bulb `c` and wet bulb `wb` (ASHRAE Fundamentals, psychrometric relation). */
export function humidityRatioFromWetBulb(c: number, wb: number): number {
  const ws = saturationHumidityRatio(wb);
  return Math.max(0, ((2501 - 2.326 * wb) * ws - 1.006 * (c - wb)) / (2501 + 1.86 * c - 4.186 * wb));
}

/** Moist air enthalpy, kJ/kg dry air. */
export function enthalpy(c: number, w: number): number {
  return 1.006 * c + w * (2501 + 1.86 * c);
}

export interface AhuAir {
  /** space (zone) temperature, °C */
  spaceC: number;
  returnC: number;
  mixedC: number;
  supplyC: number;
  /** total coil duty, kW (sensible + latent) */
  coilKw: number;
  /** the coil's design duty at this airflow's rating, kW */
  designKw: number;
  /** valve position, % */
  valve: number;
  /** fan speed 0..1 (airflow in proportion) */
  speed: number;
}

export function newAhuAir(): AhuAir {
  return { spaceC: 0, returnC: 0, mixedC: 0, supplyC: 0, coilKw: 0, designKw: 0, valve: 0, speed: 0 };
}

export interface AhuConditions {
  /** rated supply airflow, cfm */
  readonly ratedCfm: number;
  /** a VFD varies the airflow with the load (VAV); without one the fan runs full and the discharge floats (CAV) */
  readonly vfd: boolean;
  /** the lowest speed the VFD runs at */
  readonly minSpeed: number;
  /** space sensible load as a share of what the rated airflow carries at the 13 °C design discharge, 0..1+ */
  readonly load: number;
  /** the space's setpoint, °C */
  readonly setpointC: number;
  /** outdoor-air share of the supply */
  readonly outdoorShare: number;
  readonly ambientC: number;
  readonly wetBulbC: number;
  /** the moisture people and process add to the air the space receives, kg/kg */
  readonly moistureGainW: number;
  /** the chilled water reaching the coil, °C (absent: the design 7 °C) */
  readonly chwSupplyC?: number;
}

/** Fills `out` for a running handler under `c`. */
export function ahuAir(c: AhuConditions, out: AhuAir): void {
  const ratedFlow = c.ratedCfm * CFM_TO_M3S * AIR_DENSITY; // kg/s
  const load = Math.max(0, c.load);
  // the space's sensible load, kW
  const spaceKw = load * ratedFlow * CP_AIR * (c.setpointC - 13);
  // VAV: the discharge setpoint is reset with the zones' demand and the fan carries the load at it;
  // CAV: full airflow, the discharge rises as the load falls
  const supply0 = c.vfd ? 16 - 3 * Math.min(1, load) : Math.min(18, Math.max(12.5, c.setpointC - spaceKw / (ratedFlow * CP_AIR)));
  out.speed = c.vfd ? Math.min(1, Math.max(c.minSpeed, spaceKw / (ratedFlow * CP_AIR * (c.setpointC - supply0)))) : 1;
  // the discharge cannot come colder than the water plus the coil's approach: short of it, the valve goes wide open
  const coldest = (c.chwSupplyC ?? DESIGN_CHW_C) + COIL_APPROACH_K;
  const starved = coldest > supply0;
  let supply = Math.max(supply0, coldest);
  const flow = ratedFlow * out.speed;
  const returnRise = 0.7; // return fan and plenum
  const oaW = humidityRatioFromWetBulb(c.ambientC, Math.min(c.wetBulbC, c.ambientC));
  // the mixed air's moisture over a dry coil: the outdoor air's plus the space's gain on the recirculated share
  const dryCoilW = oaW + ((1 - c.outdoorShare) * c.moistureGainW) / Math.max(0.05, c.outdoorShare);
  out.designKw =
    ratedFlow * (enthalpy(DESIGN_MIXED_C, DESIGN_MIXED_W) - enthalpy(DESIGN_LEAVING_C, saturationHumidityRatio(DESIGN_LEAVING_C)));
  // the duty at a discharge temperature: the space warms past its setpoint only when that air cannot carry its load
  const at = (supply: number) => {
    const space = Math.max(c.setpointC, supply + spaceKw / (flow * CP_AIR));
    const ret = space + returnRise;
    const mixed = ret + c.outdoorShare * (c.ambientC - ret);
    // a wet coil leaves the air near saturation at the discharge temperature, a dry one at the mixed air's moisture;
    // the space holds the supply air's plus what people and process add
    const leavingW = Math.min(dryCoilW, saturationHumidityRatio(supply + 0.5));
    const roomW = Math.min(saturationHumidityRatio(space), leavingW + c.moistureGainW);
    const mixedW = roomW + c.outdoorShare * (oaW - roomW);
    out.spaceC = space;
    out.returnC = ret;
    out.mixedC = mixed;
    out.supplyC = supply;
    out.coilKw = Math.max(0, flow * (enthalpy(mixed, mixedW) - enthalpy(supply, leavingW)));
    return out.coilKw;
  };
  const overloaded = at(supply) > out.designKw;
  if (overloaded) {
    // wide open: the discharge (and with it the space) settles where the coil's design duty is enough
    let lo = supply;
    let hi = supply + 20;
    for (let i = 0; i < 40; i++) {
      supply = 0.5 * (lo + hi);
      if (at(supply) > out.designKw) lo = supply;
      else hi = supply;
    }
    at(hi);
  }
  out.valve = overloaded || starved ? 100 : (100 * out.coilKw) / out.designKw;
}
