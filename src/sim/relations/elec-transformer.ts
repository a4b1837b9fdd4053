/**
 * Oil-immersed (ONAN) distribution transformers, 11 kV / 433 V, Dyn11.
 *
 * Losses: typical no-load (core) and load (copper, at 75 °C) losses of Indian
 * CRGO units built to the maximum-loss levels of IS 1180 (Part 1):2014 and the
 * ECBC oil-type table (max total loss at 100 % load: 630 kVA 6.64 kW,
 * 1000 kVA 9.80 kW). The split between core and copper is a typical design
 * choice (R = load/no-load ≈ 7–8, best efficiency near 35 % load), not a
 * figure of the standard; interpolated linearly between standard ratings and
 * scaled by the ¾-power law of transformer losses outside 315…2500 kVA.
 *
 * Temperatures: IEC 60076-7:2018 steady-state loading-guide equations with the
 * guide's ONAN distribution-transformer constants: rated top-oil rise 55 K
 * (under the 60 K limit of IEC 60076-2), hot-spot-to-top-oil gradient H·g_r =
 * 23 K (so 98 °C hot spot at rated load and 20 °C ambient), oil exponent
 * x = 0.8, winding exponent y = 1.6.
 *
 * Regulation: the IEC 60076-1 Annex approximation with the resistive part of
 * the impedance from the load loss (e_r = P_cu / S_r) and e_x = √(z² − e_r²).
 */

/** [kVA, no-load W, load-loss W] */
const LOSS_TABLE: readonly (readonly [number, number, number])[] = [
  [315, 500, 3900],
  [400, 600, 4600],
  [500, 700, 5400],
  [630, 800, 5800],
  [800, 950, 7000],
  [1000, 1100, 8600],
  [1250, 1300, 10300],
  [1600, 1600, 12800],
  [2000, 1900, 15500],
  [2500, 2300, 18800],
];

/** rated top-oil rise over ambient, K (IEC 60076-7 ONAN distribution transformer) */
export const TOP_OIL_RISE_K = 55;
/** hot-spot to top-oil gradient at rated current, H·g_r, K */
export const HOT_SPOT_GRADIENT_K = 23;
const OIL_EXPONENT = 0.8;
/**
 * IEC 60076-7:2018 Table 5, ONAN distribution transformer: top-oil time constant τo = 180 min (k11 = 1), winding
 * τw = 4 min with k21 = 1, k22 = 2, so the hot-spot gradient follows load as one lag of k22·τw = 8 min.
 */
export const TOP_OIL_TAU_MIN = 180;
export const HOT_SPOT_TAU_MIN = 8;
const WINDING_EXPONENT = 1.6;

/**
 * Typical no-load and full-load (load) losses, W, for a rating in kVA. Returns a
 * new object: call once per transformer when the model is built, not per step.
 */
export function transformerLossesW(ratedKva: number): { noLoadW: number; loadLossW: number } {
  const first = LOSS_TABLE[0]!;
  const last = LOSS_TABLE[LOSS_TABLE.length - 1]!;
  if (ratedKva <= first[0]) {
    const s = (Math.max(0, ratedKva) / first[0]) ** 0.75;
    return { noLoadW: first[1] * s, loadLossW: first[2] * s };
  }
  if (ratedKva >= last[0]) {
    const s = (ratedKva / last[0]) ** 0.75;
    return { noLoadW: last[1] * s, loadLossW: last[2] * s };
  }
  let i = 1;
  while (LOSS_TABLE[i]![0] < ratedKva) i++;
  const [k0, n0, l0] = LOSS_TABLE[i - 1]!;
  const [k1, n1, l1] = LOSS_TABLE[i]!;
  const f = (ratedKva - k0) / (k1 - k0);
  return { noLoadW: n0 + f * (n1 - n0), loadLossW: l0 + f * (l1 - l0) };
}

export interface TransformerState {
  inputKw: number;
  lossKw: number;
  efficiencyPct: number;
  loadingPct: number;
  /** steady-state top-oil and winding hot-spot temperature, °C (IEC 60076-7) */
  oilTempC: number;
  windingTempC: number;
  /** secondary voltage after regulation for the load's pf */
  secondaryV: number;
}

export function newTransformerState(): TransformerState {
  return { inputKw: 0, lossKw: 0, efficiencyPct: 0, loadingPct: 0, oilTempC: 0, windingTempC: 0, secondaryV: 0 };
}

/**
 * State of an energised transformer delivering `outputKw`/`outputKvar`
 * (positive kVAr lagging) on its secondary. Loading K = S / S_rated;
 * losses = P0 + K²·Pk; input = output + losses exactly. Efficiency is 0 at no
 * output. Temperatures are the steady state for the present load: the
 * ultimate values the IEC 60076-7 dynamic model lags toward, top oil with
 * TOP_OIL_TAU_MIN and the hot-spot gradient with HOT_SPOT_TAU_MIN.
 * No allocation.
 */
export function transformerState(
  outputKw: number,
  outputKvar: number,
  ratedKva: number,
  noLoadW: number,
  loadLossW: number,
  ambientC: number,
  noLoadSecondaryV: number,
  impedancePct: number,
  out: TransformerState,
): void {
  const s = Math.sqrt(outputKw * outputKw + outputKvar * outputKvar);
  const k = ratedKva > 0 ? s / ratedKva : 0;
  const lossKw = (noLoadW + k * k * loadLossW) / 1000;
  out.lossKw = lossKw;
  out.inputKw = outputKw + lossKw;
  out.efficiencyPct = outputKw > 0 ? (100 * outputKw) / out.inputKw : 0;
  out.loadingPct = 100 * k;

  const r = noLoadW > 0 ? loadLossW / noLoadW : 0;
  const topOilRise = TOP_OIL_RISE_K * ((1 + r * k * k) / (1 + r)) ** OIL_EXPONENT;
  out.oilTempC = ambientC + topOilRise;
  out.windingTempC = out.oilTempC + HOT_SPOT_GRADIENT_K * k ** WINDING_EXPONENT;

  // regulation, percent (IEC 60076-1 annex): k(e_r cosφ + e_x sinφ) + k²(e_x cosφ − e_r sinφ)²/200
  const er = ratedKva > 0 ? loadLossW / (10 * ratedKva) : 0;
  const ex = Math.sqrt(Math.max(0, impedancePct * impedancePct - er * er));
  const cos = s > 0 ? outputKw / s : 1;
  const sin = s > 0 ? outputKvar / s : 0;
  const a = er * cos + ex * sin;
  const b = ex * cos - er * sin;
  const regPct = k * a + (k * k * b * b) / 200;
  out.secondaryV = noLoadSecondaryV * (1 - regPct / 100);
}
