import { ATMOSPHERE_BAR, r134aSatPressureBar } from './refrigerant-r134a.js';

/**
 * The refrigerant circuit of a water-cooled R-134a screw chiller (oil-injected twin screw, slide-valve
 * capacity, EXV, suction-gas-cooled semi-hermetic motor) at one instant, from its water side.
 */
export interface ScrewCircuitInput {
  running: boolean;
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
  /** stopped: the shells' water temperatures and the plant room's */
  chwStillC: number;
  cwStillC: number;
  plantRoomC: number;
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
 * Running: the evaporator boils an approach below the leaving chilled water (0.4 K + 1.3 K at full load:
 * heat flux over a clean shell-and-tube's UA), the condenser condenses an approach above the leaving
 * condenser water (0.3 K + 1.5 K at full load, × (1 + fouling)); both pressures are R-134a saturation at
 * those temperatures. The EXV holds 3–4 K of suction superheat and opens with the refrigerant flow
 * (∝ load) over √ of its pressure drop; oil injection holds the discharge 10 K + 0.3 × lift + 5 K at low
 * load above condensing; the condenser's subcooler gives 3–5.5 K; the oil (no pump on a screw) is pushed
 * by the pressure difference less the separator and filter drop. Stopped: the refrigerant migrates to the
 * colder shell and both pressures equalise at its saturation; the sump heater keeps the oil 14 K above it;
 * pipes, motor and discharge settle to the plant room; the EXV closes; nothing vibrates.
 */
export function screwCircuit(i: ScrewCircuitInput, out: ScrewCircuit): ScrewCircuit {
  if (!i.running) {
    const still = Math.min(i.chwStillC, i.cwStillC);
    const p = r134aSatPressureBar(still) - ATMOSPHERE_BAR;
    out.evapSatC = still;
    out.condSatC = still;
    out.evapPressureBar = p;
    out.condPressureBar = p;
    out.suctionSuperheatK = (i.chwStillC + i.plantRoomC) / 2 - still;
    out.dischargeC = i.plantRoomC;
    out.subcoolingK = still - (i.cwStillC + i.plantRoomC) / 2;
    out.oilDiffBar = 0;
    out.oilC = Math.max(i.plantRoomC + 4, still + 14);
    out.exvPercent = 0;
    out.windingC = i.plantRoomC;
    out.vibrationMmS = 0;
    return out;
  }
  const x = Math.min(1.1, Math.max(0, i.load));
  out.evapSatC = i.chwLeavingC - (0.4 + 1.3 * x) * (1 + 0.1 * i.unit);
  out.condSatC = i.cwLeavingC + (0.3 + 1.5 * x) * (1 + 0.1 * i.unit) + foulingLiftK(x, i.fouling);
  const pe = r134aSatPressureBar(out.evapSatC);
  const pc = r134aSatPressureBar(out.condSatC);
  out.evapPressureBar = pe - ATMOSPHERE_BAR;
  out.condPressureBar = pc - ATMOSPHERE_BAR;
  const lift = out.condSatC - out.evapSatC;
  out.suctionSuperheatK = 3.2 + 0.8 * (1 - x) + 0.5 * i.wobble;
  const dischargeSuperheat = 10 + 0.3 * lift + 5 * (1 - x);
  out.dischargeC = out.condSatC + dischargeSuperheat;
  out.subcoolingK = Math.min(3 + 2.5 * x, out.condSatC - i.cwEnteringC - 0.3);
  out.oilDiffBar = pc - pe - (0.25 + 0.25 * i.filterAge) * (0.5 + 0.5 * x);
  out.oilC = out.condSatC + 0.55 * dischargeSuperheat;
  out.exvPercent = Math.min(100, 100 * (0.08 + 0.62 * x * Math.sqrt(DESIGN_DP_BAR / Math.max(1, pc - pe))) * (1 + 0.02 * i.wobble));
  out.windingC = out.evapSatC + out.suctionSuperheatK + 18 + 28 * x * x;
  out.vibrationMmS = 1.4 + 0.9 * x + 0.2 * i.unit;
  return out;
}
