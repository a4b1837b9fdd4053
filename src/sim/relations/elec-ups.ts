/**
 * Online double-conversion UPS (IEC 62040-3 VFI class) with a VRLA lead-acid
 * battery string.
 */

/**
 * Per-unit loss model P_loss = a + b·L + c·L² (no-load, linear and I² losses of
 * rectifier and inverter), fitted through the typical IEC 62040-3 double-
 * conversion curve of modern transformerless UPS data sheets: 90 % at 10 %
 * load, 94 % at 25 %, 95.5 % at 50 %, 96 % at 100 % (fit: 90.0 / 94.1 / 95.5 /
 * 95.9 / 96.0 at 10 / 25 / 50 / 75 / 100 %).
 */
const LOSS_A = 0.00828;
const LOSS_B = 0.02773;
const LOSS_C = 0.00566;

/** efficiency (0..1) at a load fraction 0..1 (0 at no load: all input is loss) */
export function upsEfficiency(loadFraction: number): number {
  const l = Math.min(1.25, Math.max(0, loadFraction));
  if (l === 0) return 0;
  return l / (l + LOSS_A + LOSS_B * l + LOSS_C * l * l);
}

export interface UpsBattery {
  voltageV: number;
  chargePct: number;
  runtimeMin: number;
  /** discharge (+) or charge (−) current, A */
  currentA: number;
}

export function newUpsBattery(): UpsBattery {
  return { voltageV: 0, chargePct: 0, runtimeMin: 0, currentA: 0 };
}

/** VRLA float voltage per cell at 25 °C (maker range 2.25–2.27 V) */
export const FLOAT_V_PER_CELL = 2.25;
/** end-of-discharge voltage per cell at 10–30 min rates */
export const END_V_PER_CELL = 1.75;
/** Peukert exponent in power terms for VRLA at short (minutes-to-hours) rates */
export const PEUKERT = 1.2;
/** inverter efficiency from the DC bus to the load, used to size the battery draw */
const INVERTER_EFF = 0.95;
/** charger current limit, fraction of C10 ampere-hours (IEEE 1188 / maker practice: 0.1 C10) */
const CHARGE_LIMIT_C = 0.1;
/** constant-current (bulk) recharge rate, %/min of capacity: 0.1 C10 is 10 %/h, 9 %/h stored after ~90 % charge efficiency */
const BULK_PCT_PER_MIN = 0.15;
/** state of charge where the charger reaches its voltage limit and the current tapers */
const ABSORB_FROM_PCT = 85;
const ABSORB_TAU_MIN = 150;
/** float current, A per Ah of C10 (≈ 1 mA/Ah for VRLA at 2.25 V/cell) */
const FLOAT_A_PER_AH = 0.001;
/** the displayed runtime is estimated at no less than this load fraction */
const MIN_ESTIMATE_LOAD = 0.05;

/** rest voltage per cell of a charged VRLA string with no current (≈ 2.10–2.15 V; a worn one sits low) */
const OPEN_V_PER_CELL = 2.08;
/** a battery test passes while the cells hold at least this under the load (makers' pass bands ≈ 1.90–1.95 V/cell) */
export const TEST_PASS_V_PER_CELL = 1.93;

/**
 * Cell voltage on discharge at `loadFrac` of the rated load, `u` of the charge used:
 * 2.06 V − 0.10 V·load/health² − 0.12 V·u − 0.09 V·u⁶. The load's drop is the
 * internal resistance's; a worn string's resistance rises as its capacity falls,
 * faster than it (sulphation and dry-out take active area and electrolyte at once:
 * ≈ 1/health², an approximation of makers' end-of-life figures, 2–4× at half capacity).
 */
export function upsCellVolts(loadFrac: number, health: number, u: number): number {
  const h = Math.min(1, Math.max(0.05, health));
  return 2.06 - (0.1 * loadFrac) / (h * h) - 0.12 * u - 0.09 * u ** 6;
}

/** Whether a string at `health` holds the low-DC cut-off (1.75 V/cell) when `loadFrac` of the rated load falls on it. */
export function upsCarries(loadFrac: number, health: number): boolean {
  return upsCellVolts(loadFrac, health, 0) >= END_V_PER_CELL;
}

/**
 * Battery of `cells` lead-acid cells sized for `autonomyMin` at full rated load.
 *
 * Runtime by Peukert's law in power terms: t(P) = T_full·health·(P_rated/P)^1.2.
 * On battery (`onBatteryMin` > 0) at `loadKw`, the charge left is 1 − elapsed/t(P)
 * and the runtime left t(P) − elapsed; cell voltage under load is
 * upsCellVolts: ≈ 1.96 V/cell at the start of a full-load discharge and 1.75 V/cell
 * at its end, the usual VRLA discharge curve with its final knee. A worn string
 * whose first cell voltage under the load is below the low-DC cut-off cannot carry
 * it at all: the inverter trips at once (runtime 0, no current).
 * On mains (`onBatteryMin` = 0), `rechargeMin` after a discharge that left
 * `chargeAfterDischargePct`: current-limited bulk at 0.1 C10 to 85 %, then an
 * exponential taper (τ 150 min) to 100 % and float at 2.25 V/cell; the runtime
 * shown is the UPS's estimate at the present load (at least 5 %).
 * C10 capacity is back-computed from the autonomy with the same Peukert law.
 * health 0..1 scales usable capacity and raises internal resistance. No allocation.
 */
export function upsBattery(
  cells: number,
  ratedKw: number,
  autonomyMin: number,
  loadKw: number,
  onBatteryMin: number,
  rechargeMin: number,
  chargeAfterDischargePct: number,
  health: number,
  out: UpsBattery,
): void {
  const h = Math.min(1, Math.max(0.05, health));
  const loadFrac = ratedKw > 0 ? Math.max(0, loadKw) / ratedKw : 0;
  // ampere-hours at the 10-h rate that give the autonomy at full load (nominal 2 V/cell during discharge)
  const fullDcA = (ratedKw * 1000) / INVERTER_EFF / (cells * 1.95);
  const c10Ah = fullDcA * 10 * (autonomyMin / 600) ** (1 / PEUKERT);

  if (onBatteryMin > 0) {
    const frac = Math.max(1e-3, loadFrac);
    if (!upsCarries(frac, h)) {
      // tripped on low DC the moment it was loaded: the string stands open-circuit, its charge unused
      out.chargePct = chargeAfterDischargePct;
      out.runtimeMin = 0;
      out.voltageV = cells * OPEN_V_PER_CELL;
      out.currentA = 0;
      return;
    }
    const total = autonomyMin * h * (1 / frac) ** PEUKERT;
    const u = Math.min(1, onBatteryMin / total);
    out.chargePct = 100 * (1 - u);
    out.runtimeMin = Math.max(0, total - onBatteryMin);
    out.voltageV = cells * Math.max(END_V_PER_CELL - 0.05, upsCellVolts(frac, h, u));
    out.currentA = u < 1 ? (Math.max(0, loadKw) * 1000) / INVERTER_EFF / out.voltageV : 0;
    return;
  }

  // on mains: recharge from the charge left by the last discharge
  const c0 = Math.min(100, Math.max(0, chargeAfterDischargePct));
  const t = Math.max(0, rechargeMin);
  let charge: number;
  let current: number;
  const bulkMin = c0 < ABSORB_FROM_PCT ? (ABSORB_FROM_PCT - c0) / BULK_PCT_PER_MIN : 0;
  if (t < bulkMin) {
    charge = c0 + BULK_PCT_PER_MIN * t;
    current = CHARGE_LIMIT_C * c10Ah;
  } else {
    const from = Math.max(c0, ABSORB_FROM_PCT);
    charge = 100 - (100 - from) * Math.exp(-(t - bulkMin) / ABSORB_TAU_MIN);
    current = Math.max(FLOAT_A_PER_AH * c10Ah, CHARGE_LIMIT_C * c10Ah * ((100 - charge) / (100 - ABSORB_FROM_PCT)));
  }
  out.chargePct = charge;
  out.currentA = -current;
  // during bulk the terminal voltage climbs from ~2.10 V/cell toward the float limit
  const vCell = t < bulkMin ? 2.1 + (FLOAT_V_PER_CELL - 2.1) * (charge / ABSORB_FROM_PCT) : FLOAT_V_PER_CELL;
  // a worn string floats marginally lower (higher self-discharge); sag shows mostly under load
  out.voltageV = cells * (vCell - 0.01 * (1 - h));
  out.runtimeMin = (autonomyMin * h * (1 / Math.max(MIN_ESTIMATE_LOAD, loadFrac)) ** PEUKERT * charge) / 100;
}
