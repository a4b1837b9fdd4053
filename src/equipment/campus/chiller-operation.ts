import { hashString, smoothNoise } from '../../random/rng.js';
import { chillerCop } from '../../sim/relations/chiller-performance.js';
import {
  chargeApproachK,
  foulingLiftK,
  newScrewCircuit,
  type ScrewCircuit,
  type ScrewCircuitInput,
  screwCircuit,
} from '../../sim/relations/screw-chiller-circuit.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
export const KW_PER_TR = 3.517;
/** design COP of a water-cooled screw chiller at AHRI conditions (≈ 0.62 kW/TR) */
export const DESIGN_COP = 5.6;
/** the chilled-water setpoint the plant holds, °C */
export const CHW_SETPOINT_C = 7;
/** condenser water per chilled water: 2.9 gpm/TR against 2.4 */
const CW_PER_CHW = 1.2;
/** chilled-water design flow, L/min per TR (2.4 gpm/TR) */
export const CHW_LPM_PER_TR = 9.1;
/** condenser-water flow, L/min per TR */
export const CW_LPM_PER_TR = CHW_LPM_PER_TR * CW_PER_CHW;
const cToF = (c: number) => (c * 9) / 5 + 32;
/**
 * Past the COP curve's bound (condenser water plus fouling lift above 100 °F, only a fouled condenser gets there)
 * the lift keeps costing: COP falls as the lift over the ≈ 41 °F evaporator grows, as a Carnot cycle's would.
 */
const beyondCurve = (condF: number) => (condF > 100 ? (100 - 41) / (condF - 41) : 1);

/** the condenser water the tower returns: the wet bulb, 3 K of approach unloaded and 2.5 K more at the loop's full load */
export const towerSupplyC = (wetBulbC: number, cwLoad: number) => wetBulbC + 3 + 2.5 * cwLoad;

/**
 * Share of a year since the chiller's annual service (condenser tubes brushed, oil filter changed), one
 * chiller a week from early February, before the hot season: the open tower loop scales the tubes again.
 */
function sinceService(t: number, index: number): number {
  const x = (t - (35 + 7 * index) * DAY) / YEAR;
  return x - Math.floor(x);
}

/** What a chiller is and what is wrong with it, at an instant. */
export interface ChillerCase {
  readonly id: string;
  readonly index: number;
  readonly rating: number;
  /** the unit's own spread, −1..1 */
  readonly unit: number;
  /** share of its refrigerant charge lost, 0..1 */
  chargeLoss: number;
  /** condenser fouling beyond the year's normal build, in the units of `foulingLiftK` */
  extraFouling: number;
  /** the leaving chilled water's offset from the controller's (a short-cycling machine's sawtooth), K */
  chwOffsetK: number;
  /** its load limit, share of its rating: below 1 while it soft-loads after a start or unloads before a staged stop */
  loadLimit: number;
  /** its load as its condenser-water loop remembers it (`CwLoopLag`), share of its rating: the tower's approach grows with it */
  cwLoad: number;
  onMinutes: number;
  offBeforeMinutes: number;
}

/** One chiller running at a load: its water side, power and refrigerant circuit. */
export interface ChillerOperation {
  /** the load the plant asks of it and what it delivers (less when short of charge), shares of its rating */
  asked: number;
  delivered: number;
  tr: number;
  kw: number;
  /** cooling over electrical input, the panel's figure (controls and oil heater counted) */
  cop: number;
  chwSupplyC: number;
  chwReturnC: number;
  cwSupplyC: number;
  cwReturnC: number;
  flowLpm: number;
  cwFlowLpm: number;
  /** chilled-water ΔT at full load, K */
  designDtK: number;
  readonly circuit: ScrewCircuit;
}

export function newChillerOperation(): ChillerOperation {
  return {
    asked: 0,
    delivered: 0,
    tr: 0,
    kw: 0,
    cop: 0,
    chwSupplyC: 0,
    chwReturnC: 0,
    cwSupplyC: 0,
    cwReturnC: 0,
    flowLpm: 0,
    cwFlowLpm: 0,
    designDtK: 0,
    circuit: newScrewCircuit(),
  };
}

/**
 * A chiller running at `load` (share of its rating the plant asks) at instant `t` with the tower's wet bulb:
 * condenser water from the tower at wet bulb + an approach growing with the load its loop remembers (`cwLoad`), leaving
 * warmer by the heat it rejects this minute; COP from the design figure,
 * part load and the lift (scaled tubes condense hotter, a starved evaporator boils colder); chilled water at
 * the setpoint with the controller's wander. Short of charge the machine delivers at most 1 − loss of its
 * rating, and at most its load limit (soft-loading): above that the loop's return comes back as warm and the supply
 * leaves above setpoint; the starved compressor also pumps less per kW (COP × 1 − 0.3 × loss). `load` over 1 is a
 * return warmer than full load cools to the setpoint (the plant short of capacity, a loop pulled down after a stop).
 */
export function operateChiller(
  c: ChillerCase,
  load: number,
  t: number,
  wetBulbC: number,
  plantRoomC: number,
  seed: number,
  out: ChillerOperation,
  input: ScrewCircuitInput,
): ChillerOperation {
  const asked = load;
  const delivered = Math.min(asked, 1 - c.chargeLoss, c.loadLimit);
  const service = sinceService(t, c.index);
  const fouling = 0.9 * service + c.extraFouling;
  const cwIn = towerSupplyC(wetBulbC, c.cwLoad);
  const lift = foulingLiftK(delivered, fouling) + chargeApproachK(delivered, c.chargeLoss);
  const condF = cToF(cwIn + lift);
  const cop = chillerCop(DESIGN_COP, Math.max(0.15, delivered), condF) * beyondCurve(condF) * (1 - 0.3 * c.chargeLoss);
  const tr = delivered * c.rating;
  // below its slide valve's minimum a screw still pumps its minimum volume (a soft-loading start, the last minutes of
  // an unloading): its power does not fall under that of 15 % load
  const kw = (Math.max(0.15, delivered) * c.rating * KW_PER_TR) / cop + 0.006 * c.rating;
  const flow = c.rating * CHW_LPM_PER_TR;
  const cwFlow = c.rating * CW_LPM_PER_TR;
  const designDt = (c.rating * KW_PER_TR * 60) / (4.186 * flow);
  const chws = CHW_SETPOINT_C + 0.3 * smoothNoise(seed, hashString(c.id), t, HOUR) + c.chwOffsetK;
  out.asked = asked;
  out.delivered = delivered;
  out.tr = tr;
  out.kw = kw;
  out.cop = (tr * KW_PER_TR) / kw;
  out.chwSupplyC = chws + (asked - delivered) * designDt;
  out.chwReturnC = chws + asked * designDt;
  out.cwSupplyC = cwIn;
  out.cwReturnC = cwIn + ((tr * KW_PER_TR + kw) * 60) / (4.186 * cwFlow);
  out.flowLpm = flow;
  out.cwFlowLpm = cwFlow;
  out.designDtK = designDt;
  input.load = delivered;
  input.chwLeavingC = out.chwSupplyC;
  input.cwLeavingC = out.cwReturnC;
  input.cwEnteringC = cwIn;
  input.fouling = fouling;
  input.filterAge = service;
  input.wobble = smoothNoise(seed, hashString(`${c.id}:exv`), t, 12 * 60_000);
  input.unit = c.unit;
  input.chargeLoss = c.chargeLoss;
  input.onMinutes = c.onMinutes;
  input.offBeforeMinutes = c.offBeforeMinutes;
  input.plantRoomC = plantRoomC;
  screwCircuit(input, out.circuit);
  return out;
}

/** A blank circuit input for `operateChiller` to fill. */
export function newCircuitInput(): ScrewCircuitInput {
  return {
    load: 0,
    chwLeavingC: 0,
    cwLeavingC: 0,
    cwEnteringC: 0,
    fouling: 0,
    filterAge: 0,
    wobble: 0,
    unit: 0,
    chargeLoss: 0,
    onMinutes: Number.POSITIVE_INFINITY,
    offBeforeMinutes: Number.POSITIVE_INFINITY,
    plantRoomC: 0,
  };
}
