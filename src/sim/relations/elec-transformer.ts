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
import { HARMONIC_GROUP_COUNT, type HarmonicGroup, spectrumWeight } from './elec-power-quality.js';

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
 * The rated load loss Pk split as IEEE C57.110-2018 splits it: I²R at the windings' resistance, winding eddy
 * loss (∝ h² in frequency) and other stray loss in tank, clamps and frames (∝ h^0.8). Without the maker's
 * test data C57.110 takes the winding eddy loss as 33 % of the total stray loss for a liquid-immersed unit
 * (67 % for dry-type); the total stray loss is taken as 20 % of Pk, typical of oil distribution transformers
 * of this size: eddy 6.6 % and other stray 13.4 % of Pk.
 */
const STRAY_SHARE = 0.2;
const EDDY_SHARE = 0.33 * STRAY_SHARE;
const OTHER_STRAY_SHARE = STRAY_SHARE - EDDY_SHARE;
const I2R_SHARE = 1 - STRAY_SHARE;
/** each harmonic group's weight on eddy (h²) and other stray (h^0.8) loss, per unit of its harmonic current squared */
const EDDY_WEIGHT = Array.from({ length: HARMONIC_GROUP_COUNT }, (_, g) => spectrumWeight(g as HarmonicGroup, 2));
const STRAY_WEIGHT = Array.from({ length: HARMONIC_GROUP_COUNT }, (_, g) => spectrumWeight(g as HarmonicGroup, 0.8));

export interface LoadLoss {
  /** load loss per unit of the rated Pk */
  totalPu: number;
  /** the windings' share of it (I²R and eddy), per unit of their rated: what heats the hot spot */
  windingPu: number;
  /** IEEE C57.110 F_HL = Σ I_h²·h² / Σ I_h² of the current (equal to its UL 1561 K-factor); 1 when sinusoidal or idle */
  harmonicLossFactor: number;
}

export function newLoadLoss(): LoadLoss {
  return { totalPu: 0, windingPu: 0, harmonicLossFactor: 1 };
}

/**
 * Load loss at fundamental loading `k` (S1 / S_rated) with harmonic kVA by group (`harmonicKva`, HARMONIC_GROUP,
 * at the LV bus): nonlinear load heats a transformer beyond its RMS current, as eddy losses grow with h² (why
 * K-rated and derated units exist). IEEE C57.110-2018 in per unit of rated current:
 *   P_LL = Σ_h I_h² · (P_R + P_EC·h² + P_OSL·h^0.8),
 * with the groups' currents adding as powers (they add root-sum-square) and each group's Σ over its spectrum
 * (HARMONIC_SPECTRA). The triplens of the single-phase group count in full: they flow in the LV star and
 * circulate in the HV delta. Sinusoidal, P_LL = k²·Pk. No allocation.
 */
export function loadLoss(k: number, harmonicKva: ArrayLike<number>, ratedKva: number, out: LoadLoss): void {
  let i2 = k * k;
  let eddy = i2;
  let stray = i2;
  for (let g = 0; g < HARMONIC_GROUP_COUNT; g++) {
    const ih = ratedKva > 0 ? harmonicKva[g]! / ratedKva : 0;
    i2 += ih * ih;
    eddy += ih * ih * EDDY_WEIGHT[g]!;
    stray += ih * ih * STRAY_WEIGHT[g]!;
  }
  out.totalPu = I2R_SHARE * i2 + EDDY_SHARE * eddy + OTHER_STRAY_SHARE * stray;
  out.windingPu = (I2R_SHARE * i2 + EDDY_SHARE * eddy) / (I2R_SHARE + EDDY_SHARE);
  out.harmonicLossFactor = i2 > 0 ? eddy / i2 : 1;
}

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
  /** the load loss, its winding share and the current's harmonic loss factor (loadLoss) */
  readonly load: LoadLoss;
}

export function newTransformerState(): TransformerState {
  return { inputKw: 0, lossKw: 0, efficiencyPct: 0, loadingPct: 0, oilTempC: 0, windingTempC: 0, secondaryV: 0, load: newLoadLoss() };
}

/**
 * State of an energised transformer delivering `outputKw`/`outputKvar`
 * (positive kVAr lagging, the fundamental's) and `harmonicKva` by group on its
 * secondary. Loading K = S1 / S_rated; losses = P0 + Pk·P_LL(pu) (loadLoss:
 * K²·Pk when sinusoidal); input = output + losses exactly. Efficiency is 0 at
 * no output. Temperatures are the steady state for the present losses: the
 * ultimate values the IEC 60076-7 dynamic model lags toward, top oil with
 * TOP_OIL_TAU_MIN and the hot-spot gradient with HOT_SPOT_TAU_MIN; the top-oil
 * rise follows the total losses and the gradient the windings' (IEC 60076-7's
 * K² is their per-unit value when sinusoidal). No allocation.
 */
export function transformerState(
  outputKw: number,
  outputKvar: number,
  harmonicKva: ArrayLike<number>,
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
  const load = out.load;
  loadLoss(k, harmonicKva, ratedKva, load);
  const lossKw = (noLoadW + load.totalPu * loadLossW) / 1000;
  out.lossKw = lossKw;
  out.inputKw = outputKw + lossKw;
  out.efficiencyPct = outputKw > 0 ? (100 * outputKw) / out.inputKw : 0;
  out.loadingPct = 100 * k;

  const r = noLoadW > 0 ? loadLossW / noLoadW : 0;
  const topOilRise = TOP_OIL_RISE_K * ((1 + r * load.totalPu) / (1 + r)) ** OIL_EXPONENT;
  out.oilTempC = ambientC + topOilRise;
  out.windingTempC = out.oilTempC + HOT_SPOT_GRADIENT_K * load.windingPu ** (WINDING_EXPONENT / 2);

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
