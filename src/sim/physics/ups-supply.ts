import type { CampusEquip } from '../../model/campus-plan.js';
import { hashString } from '../../random/rng.js';
import { newUpsBattery, upsBattery, upsCarries } from '../relations/elec-ups.js';

/** battery cells of every campus UPS string (240 × 2 V) and its autonomy at full load, min */
export const UPS_CELLS = 240;
export const UPS_AUTONOMY_MIN = 15;
/** the UPS's output in kW per kVA of rating */
export const UPS_KW_PER_KVA = 0.9;
/** a PLC's boot after its supply returns: power-on self-test, program load, I/O and network up, min */
export const PLC_BOOT_MIN = 2.5;
/**
 * the automatic battery test: weekly, on Tuesdays from 10:00 local, the UPSs one after another 15 minutes apart;
 * for TEST_MIN the rectifier steps back and the battery carries the load (the inverter stays on: a failing string
 * ends the test early, the rectifier takes the load back, nothing is dropped)
 */
const TEST_DAY = 2;
const TEST_HOUR = 10;
const TEST_SPACING_MIN = 15;
export const TEST_MIN = 3;

/** Share of a UPS's rated kW its critical load (the PLC panels on it, the IT and instruments of its room) takes. */
export function criticalLoadShare(e: CampusEquip, plcKw: number): number {
  return 0.32 + 0.06 * ((hashString(e.id) % 5) / 5) + plcKw / (e.rating * UPS_KW_PER_KVA);
}

const scratch = newUpsBattery();

/**
 * Minutes from going on battery that a UPS's output holds its load: none when the string cannot take it (a worn
 * one's voltage collapses below the low-DC cut-off at once), else its runtime at that load.
 */
export function upsHoldMin(loadShare: number, health: number): number {
  if (!upsCarries(loadShare, health)) return 0;
  upsBattery(UPS_CELLS, 1, UPS_AUTONOMY_MIN, loadShare, Number.MIN_VALUE, 0, 100, health, scratch);
  return scratch.runtimeMin;
}

/** Minutes since the start of the latest weekly battery test of UPS number `index` (0..10 080) at a local day and hour. */
export function sinceSelfTestMin(index: number, dayOfWeek: number, hour: number): number {
  const start = TEST_HOUR * 60 + index * TEST_SPACING_MIN;
  return (((dayOfWeek - TEST_DAY + 7) % 7) * 1440 + hour * 60 - start + 7 * 1440) % (7 * 1440);
}
