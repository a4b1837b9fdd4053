/**
 * Diesel generator sets (ISO 8528-1 prime rating), 415 V, 50 Hz, 1500 rpm
 * four-pole alternator with an electronic governor and AVR.
 */

/** L/h per kW of rating burnt at no load (≈ 8 % of the full-load burn) */
const FUEL_IDLE_PER_RATED_KW = 0.021;
/** incremental L per kWh, the slope of the Willans line */
const FUEL_PER_KWH = 0.25;

/**
 * Fuel burn, L/h, of a running set at `kw` for a rating `ratedKw`: a Willans
 * line fitted to published diesel-genset consumption charts (e.g. the widely
 * quoted 500 kW row: 41.6 / 70 / 100 / 135 L/h at ¼ / ½ / ¾ / full load, and
 * Cummins/Kirloskar data sheets): 0.021 L/h per rated kW at no load plus
 * 0.25 L per kWh, i.e. 0.271 L/kWh at full load, 0.278 at 75 %, 0.29 at 50 %,
 * 0.33 at 25 %. Load is clamped to 0…110 % (the ISO 8528 overload rating).
 * Call only for a running set; a stopped one burns nothing.
 */
export function gensetFuelLph(kw: number, ratedKw: number): number {
  if (!(ratedKw > 0)) return 0;
  const p = Math.min(1.1 * ratedKw, Math.max(0, kw));
  return FUEL_IDLE_PER_RATED_KW * ratedKw + FUEL_PER_KWH * p;
}

export interface GensetEngine {
  coolantTempC: number;
  oilPressureBar: number;
  exhaustTempC: number;
}

export function newGensetEngine(): GensetEngine {
  return { coolantTempC: 0, oilPressureBar: 0, exhaustTempC: 0 };
}

/** jacket-water heater setpoint that keeps a standby set ready to take load (NFPA 110 / maker practice: 32–49 °C) */
export const JACKET_HEATER_C = 40;

/**
 * Engine readings `minutesSinceStart` after a start at `loadFraction` of rating.
 * Figures from typical 1500-rpm turbocharged diesel data sheets:
 * - coolant: thermostat regulated, steady 80 °C at no load to 88 °C at full
 *   load (+0.2 K per K of ambient above 30 °C, radiator approach), warming from
 *   the jacket-heater temperature with a time constant of 8 min at no load
 *   falling to 4 min at full load;
 * - oil pressure: 4.2 bar hot at rated speed, 0.4 bar lower at full load
 *   (hotter, thinner oil), +1.5 bar at a cold start decaying with 6 min;
 * - exhaust after the turbocharger: 150 °C at no load to 480 °C at full load,
 *   reaching steady state with a 1.5 min time constant;
 * At rest: coolant held by the jacket heater (or at ambient if hotter), oil
 * pressure 0, exhaust at ambient. No allocation.
 */
export function gensetEngine(running: boolean, minutesSinceStart: number, loadFraction: number, ambientC: number, out: GensetEngine): void {
  const rest = Math.max(JACKET_HEATER_C, ambientC);
  if (!running) {
    out.coolantTempC = rest;
    out.oilPressureBar = 0;
    out.exhaustTempC = ambientC;
    return;
  }
  const load = Math.min(1.1, Math.max(0, loadFraction));
  const t = Math.max(0, minutesSinceStart);
  const coolantSteady = 80 + 8 * load + 0.2 * Math.max(0, ambientC - 30);
  const tauCoolant = 8 - 4 * Math.min(1, load);
  out.coolantTempC = coolantSteady + (rest - coolantSteady) * Math.exp(-t / tauCoolant);
  out.oilPressureBar = 4.2 - 0.4 * load + 1.5 * Math.exp(-t / 6);
  const exhaustSteady = 150 + 330 * load;
  out.exhaustTempC = exhaustSteady + (ambientC - exhaustSteady) * Math.exp(-t / 1.5);
}
