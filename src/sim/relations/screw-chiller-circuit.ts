import { ATMOSPHERE_BAR, r134aSatPressureBar } from './refrigerant-r134a.js';

/**
 * The refrigerant circuit of a water-cooled R-134a screw chiller (oil-injected twin screw, slide-valve
 * capacity, EXV, suction-gas-cooled semi-hermetic motor) at one instant, from its water side.
 */
export interface ScrewCircuitInput {
  /** load as a share of the rating, 0..1 */
  load: number;
  /** leaving chilled water and leaving condenser water, °C */
  chwLeavingC: number;
  cwLeavingC: number;
  /** entering condenser water, °C: the liquid cannot leave colder */
  cwEnteringC: number;
  /** condenser tube fouling, 0 clean .. 1 a year's scale: the condenser approach grows by (1 + fouling) */
  fouling: number;
  /** the oil filter's loading 0..1: its pressure drop doubles when dirty */
  filterAge: number;
  /** EXV hunting, −1..1 */
  wobble: number;
  /** the unit's own spread, −1..1 (approaches, vibration) */
  unit: number;
  /** share of the refrigerant charge lost to a leak, 0..1 (0 full charge) */
  chargeLoss: number;
  /** minutes since the compressor started, and how long it had stood before (Infinity: long) */
  onMinutes: number;
  offBeforeMinutes: number;
  /** the plant room's temperature, °C: where a cold machine's metal sits */
  plantRoomC: number;
}

/** A stopped machine: its shells' water, the plant room, and how long since the compressor stopped. */
export interface ScrewStandstillInput {
  /** the water in the evaporator (at its leaving sensor) and in the condenser (at its leaving sensor), °C */
  evapWaterC: number;
  condWaterC: number;
  plantRoomC: number;
  offMinutes: number;
}

export interface ScrewCircuit {
  evapSatC: number;
  condSatC: number;
  /** gauge, bar */
  evapPressureBar: number;
  condPressureBar: number;
  suctionSuperheatK: number;
  dischargeC: number;
  subcoolingK: number;
  oilDiffBar: number;
  oilC: number;
  exvPercent: number;
  windingC: number;
  vibrationMmS: number;
}

export function newScrewCircuit(): ScrewCircuit {
  return {
    evapSatC: 0,
    condSatC: 0,
    evapPressureBar: 0,
    condPressureBar: 0,
    suctionSuperheatK: 0,
    dischargeC: 0,
    subcoolingK: 0,
    oilDiffBar: 0,
    oilC: 0,
    exvPercent: 0,
    windingC: 0,
    vibrationMmS: 0,
  };
}

/** design pressure difference across the EXV (condenser − evaporator), bar */
const DESIGN_DP_BAR = 5.5;

/** The condenser approach a fouling adds over the clean one at a load, K: what it costs in lift. */
export function foulingLiftK(load: number, fouling: number): number {
  return 1.5 * load * fouling;
}

/**
 * The evaporator approach a refrigerant shortage adds, K: fewer tubes wetted by boiling refrigerant carry the
 * same heat, so the approach grows by 3 × the share of charge lost (a 30 % loss nearly doubles it).
 */
export function chargeApproachK(load: number, chargeLoss: number): number {
  return (0.4 + 1.3 * Math.min(1.1, Math.max(0, load))) * 3 * chargeLoss;
}

/** a stopped machine's relaxations, minutes: refrigerant to its shells' water, the discharge line, motor and oil to the room */
const TAU_STOP = { approach: 3, subcool: 5, superheat: 10, oilDp: 1, discharge: 20, winding: 30, oil: 40 };
/** a starting machine's warm-up, minutes: the discharge heats with the first gas, oil and motor take longer */
const TAU_START = { discharge: 2, winding: 6, oil: 10 };

/** `to` + (`from` − `to`) · e^(−minutes/τ): a first-order approach */
const relax = (from: number, to: number, minutes: number, tau: number) => to + (from - to) * Math.exp(-minutes / tau);

/** the sump heater holds the oil 14 K above the refrigerant's saturation (so little dissolves in it), at least 4 K above the room */
const heatedOilC = (satC: number, roomC: number) => Math.max(roomC + 4, satC + 14);

/**
 * Running: the evaporator boils an approach below the leaving chilled water (0.4 K + 1.3 K at full load:
 * heat flux over a clean shell-and-tube's UA), the condenser condenses an approach above the leaving
 * condenser water (0.3 K + 1.5 K at full load, × (1 + fouling)); both pressures are R-134a saturation at
 * those temperatures. The EXV holds 3–4 K of suction superheat and opens with the refrigerant flow
 * (∝ load) over √ of its pressure drop; oil injection holds the discharge 10 K + 0.3 × lift + 5 K at low
 * load above condensing; the condenser's subcooler gives 3–5.5 K; the oil (no pump on a screw) is pushed
 * by the pressure difference less the separator and filter drop.
 *
 * Short of charge: the evaporator's approach grows (`chargeApproachK`); flash gas reaches the EXV, which opens
 * wider for the same flow (× 1 + 2.5 × loss) and, once wide open, cannot hold the superheat, which climbs
 * anyway (+ 15 K × loss × load: a starved shell); the condenser loses its liquid seal, so subcooling falls
 * (× 1 − 2.2 × loss); the hotter suction gas heats the discharge and the suction-gas-cooled motor.
 *
 * Just started: the discharge line, motor and oil warm from where the stop left them (`onMinutes`).
 */
export function screwCircuit(i: ScrewCircuitInput, out: ScrewCircuit): ScrewCircuit {
  const x = Math.min(1.1, Math.max(0, i.load));
  const loss = Math.min(0.6, Math.max(0, i.chargeLoss));
  out.evapSatC = i.chwLeavingC - (0.4 + 1.3 * x) * (1 + 0.1 * i.unit) - chargeApproachK(x, loss);
  out.condSatC = i.cwLeavingC + (0.3 + 1.5 * x) * (1 + 0.1 * i.unit) + foulingLiftK(x, i.fouling);
  const pe = r134aSatPressureBar(out.evapSatC);
  const pc = r134aSatPressureBar(out.condSatC);
  out.evapPressureBar = pe - ATMOSPHERE_BAR;
  out.condPressureBar = pc - ATMOSPHERE_BAR;
  const lift = out.condSatC - out.evapSatC;
  const demand = (0.08 + 0.62 * x * Math.sqrt(DESIGN_DP_BAR / Math.max(1, pc - pe))) * (1 + 0.02 * i.wobble);
  // flash gas at the valve: the opening it needs for the same liquid, and what it falls short of once wide open
  // (10 K of superheat per 10 % short)
  const shortDemand = demand * (1 + 2.5 * loss);
  const starved = 15 * loss * x + 100 * Math.max(0, shortDemand - Math.max(1, demand));
  out.suctionSuperheatK = 3.2 + 0.8 * (1 - x) + 0.5 * i.wobble + starved;
  out.exvPercent = 100 * Math.min(1, shortDemand);
  const dischargeSuperheat = 10 + 0.3 * lift + 5 * (1 - x) + 1.2 * starved;
  out.subcoolingK = Math.max(0.2, Math.min((3 + 2.5 * x) * Math.max(0.05, 1 - 2.2 * loss), out.condSatC - i.cwEnteringC - 0.3));
  out.oilDiffBar = pc - pe - (0.25 + 0.25 * i.filterAge) * (0.5 + 0.5 * x);
  out.vibrationMmS = 1.4 + 0.9 * x + 0.2 * i.unit;
  // warm-up from the stop: the metal had cooled toward the room for `offBeforeMinutes`
  const room = i.plantRoomC;
  const cold = (tauStop: number) => 1 - Math.exp(-i.offBeforeMinutes / tauStop);
  const warm = (hot: number, still: number, tauStop: number, tauStart: number) =>
    hot - (hot - still) * cold(tauStop) * Math.exp(-i.onMinutes / tauStart);
  out.dischargeC = warm(out.condSatC + dischargeSuperheat, room, TAU_STOP.discharge, TAU_START.discharge);
  out.oilC = warm(out.condSatC + 0.55 * dischargeSuperheat, heatedOilC(out.evapSatC, room), TAU_STOP.oil, TAU_START.oil);
  out.windingC = warm(out.evapSatC + out.suctionSuperheatK + 18 + 28 * x * x, room, TAU_STOP.winding, TAU_START.winding);
  return out;
}

/**
 * Stopped, from the state it stopped in (`last`, the circuit's last running reading): with the EXV shut and the
 * discharge check valve closed, each shell's refrigerant settles to its own water within minutes (the
 * approaches fade to zero, the subcooler's liquid to saturation), so the two pressures meet only as the two
 * waters drift together toward the room over hours; the suction line settles halfway between the evaporator
 * and the room; the discharge line and motor cool to the room; the sump heater holds the oil 14 K above
 * saturation; the oil differential collapses, the EXV shuts, nothing vibrates. No reading is out of what the
 * machine can show: approaches, superheat and subcooling stay ≥ 0.
 */
export function screwStandstill(last: ScrewCircuit, s: ScrewStandstillInput, out: ScrewCircuit): ScrewCircuit {
  const m = s.offMinutes;
  const room = s.plantRoomC;
  const evapApproach = Math.max(0, s.evapWaterC - last.evapSatC);
  const condApproach = Math.max(0, last.condSatC - s.condWaterC);
  out.evapSatC = s.evapWaterC - relax(evapApproach, 0, m, TAU_STOP.approach);
  out.condSatC = s.condWaterC + relax(condApproach, 0, m, TAU_STOP.approach);
  out.evapPressureBar = r134aSatPressureBar(out.evapSatC) - ATMOSPHERE_BAR;
  out.condPressureBar = r134aSatPressureBar(out.condSatC) - ATMOSPHERE_BAR;
  const suctionStill = Math.max(0, (s.evapWaterC + room) / 2 - out.evapSatC);
  out.suctionSuperheatK = relax(last.suctionSuperheatK, suctionStill, m, TAU_STOP.superheat);
  out.subcoolingK = relax(last.subcoolingK, 0, m, TAU_STOP.subcool);
  out.oilDiffBar = relax(last.oilDiffBar, 0, m, TAU_STOP.oilDp);
  out.dischargeC = relax(last.dischargeC, room, m, TAU_STOP.discharge);
  out.windingC = relax(last.windingC, room, m, TAU_STOP.winding);
  out.oilC = relax(last.oilC, heatedOilC(Math.min(out.evapSatC, out.condSatC), room), m, TAU_STOP.oil);
  out.exvPercent = 0;
  out.vibrationMmS = 0;
  return out;
}
