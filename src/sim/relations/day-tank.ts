/**
 * A diesel set's day tank, as its level transmitter reads it. A transfer pump keeps it between two float
 * switches from the bulk storage tank: it starts at the low switch and stops at the high one, so a long run
 * saws between them; after a run the tank is topped back up to the high switch. At rest the level moves only
 * with the fuel's temperature (diesel expands about 0.08 % per kelvin).
 */

/** litres of day tank per kW of rating: about 8 h at full load (0.3 L/kWh) */
export const DAY_TANK_L_PER_KW = 2.5;
/** the transfer pump, L/min */
export const TRANSFER_PUMP_L_PER_MIN = 30;
/** the float switches, % */
export const TANK_HIGH_PCT = 90;
export const TANK_LOW_PCT = 80;
const EXPANSION_PER_K = 0.0008;
const REFERENCE_C = 30;

/** The level, %, after `minutes` of running at `lph` L/h from a tank topped up to the high switch. */
export function dayTankRunning(lph: number, minutes: number, capacityL: number): number {
  const burn = (100 * lph) / 60 / capacityL;
  if (!(burn > 0) || !(minutes > 0)) return TANK_HIGH_PCT;
  // while the pump runs it fills faster than the engine burns
  const fill = (100 * TRANSFER_PUMP_L_PER_MIN) / capacityL - burn;
  const band = TANK_HIGH_PCT - TANK_LOW_PCT;
  const drain = band / burn;
  const phase = minutes % (drain + band / fill);
  return phase < drain ? TANK_HIGH_PCT - burn * phase : TANK_LOW_PCT + fill * (phase - drain);
}

/** The level, %, `sinceStop` minutes after a run that left it at `endLevel`: the pump tops it back up. */
export function dayTankAfterRun(endLevel: number, sinceStop: number, capacityL: number): number {
  return Math.min(TANK_HIGH_PCT, endLevel + (100 * TRANSFER_PUMP_L_PER_MIN * sinceStop) / capacityL);
}

/** What the transmitter reads of a level (in % at the reference temperature) with the fuel at `fuelC`. */
export function dayTankReading(level: number, fuelC: number): number {
  return level * (1 + EXPANSION_PER_K * (fuelC - REFERENCE_C));
}
