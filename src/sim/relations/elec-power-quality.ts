/**
 * Harmonics and reactive-power compensation on a 415 V plant bus.
 */

/** current THD of a 6-pulse diode-front VFD without DC or AC chokes, % (typical 35–45 %; ~80 % bare, ~35 % with a 3 % choke) */
export const VFD_THD_I = 40;
/** IGBT-rectifier UPS and PFC switch-mode supplies, % */
export const ELECTRONIC_THD_I = 10;
/** across-the-line motors and resistive load (magnetising harmonics only), % */
export const LINEAR_THD_I = 4;

/**
 * Current THD, %, drawn by a mix of loads given the share of the bus current
 * on 6-pulse VFDs, electronic supplies (SMPS/UPS) and linear loads. Each
 * group's harmonic current is share × its THD; groups combine root-sum-square
 * (their 5th/7th phase angles differ) over the total fundamental. Shares are
 * normalised, so they need not sum to 1; all zero gives 0.
 */
export function currentThdPct(vfdShare: number, electronicShare: number, linearShare: number): number {
  const v = Math.max(0, vfdShare);
  const e = Math.max(0, electronicShare);
  const l = Math.max(0, linearShare);
  const total = v + e + l;
  if (!(total > 0)) return 0;
  const hv = v * VFD_THD_I;
  const he = e * ELECTRONIC_THD_I;
  const hl = l * LINEAR_THD_I;
  return Math.sqrt(hv * hv + he * he + hl * hl) / total;
}

/** background voltage distortion arriving from the 11 kV grid, % (typical 0.5–1.5 % on Indian distribution feeders) */
export const BACKGROUND_VTHD = 1;
/** effective harmonic order of a 6-pulse spectrum, weighting the 5th and 7th that dominate it */
const EFFECTIVE_ORDER = 5.5;

/**
 * Voltage THD, % at a bus: harmonic current I_h drops I_h·h·X across the source
 * reactance, and X in per unit of the load is IL/Isc, so
 *   V_THD ≈ THD_I · (IL/Isc) · h_eff   (h_eff ≈ 5.5 for 6-pulse loads)
 * combined RSS with 1 % background from the grid. A 1000 kVA, 5 % transformer
 * (Isc/IL = 20 at full load) with 15 % THD-I gives ≈ 4.2 %; IEEE 519-2014 Table 1
 * allows 8 % THD (5 % individual) at ≤ 1 kV.
 */
export function voltageThdPct(currentThd: number, loadCurrentA: number, shortCircuitCurrentA: number): number {
  const ratio = shortCircuitCurrentA > 0 ? Math.max(0, loadCurrentA) / shortCircuitCurrentA : 0;
  const own = Math.max(0, currentThd) * ratio * EFFECTIVE_ORDER;
  return Math.sqrt(BACKGROUND_VTHD * BACKGROUND_VTHD + own * own);
}

/** IEEE 519-2014 Table 1 voltage distortion limits at the PCC for bus voltage ≤ 1 kV, % */
export const IEEE519_VTHD_LIMIT_LV = 8;
export const IEEE519_VINDIVIDUAL_LIMIT_LV = 5;

/**
 * IEEE 519-2014 Table 2 (systems 120 V – 69 kV) total demand distortion limit,
 * %, for the short-circuit ratio Isc/IL at the PCC: < 20 → 5; 20 < 50 → 8;
 * 50 < 100 → 12; 100 < 1000 → 15; > 1000 → 20 (a boundary value takes the
 * higher row, as the table's lower bounds are inclusive in practice).
 */
export function tddLimitPct(iscOverIl: number): number {
  if (iscOverIl < 20) return 5;
  if (iscOverIl < 50) return 8;
  if (iscOverIl < 100) return 12;
  if (iscOverIl < 1000) return 15;
  return 20;
}

/**
 * Up to this many steps every combination is tried (≤ 256, Gray-code order,
 * ~5 M calls/s); beyond, largest-first greedy, which is exact for the usual equal or
 * 1:2:4 step series. The mask covers steps 0…30.
 */
const EXHAUSTIVE_MAX_STEPS = 8;

/** kVAr a load draws per kW at power factor `pf`: tan(acos(pf)). */
const kvarPerKw = (pf: number) => Math.sqrt(1 - pf * pf) / pf;

/**
 * Automatic power-factor-correction relay (IEC 61921 APFC panel): the
 * combination of healthy capacitor steps (`stepsKvar`, bit i of
 * `failedStepMask` set = step i failed: blown fuse, contactor, lost
 * capacitance) that brings the bus's kVAr closest to what `targetPf` leaves,
 * never over-compensating past `maxPf` (the relay's upper limit; 1: never into
 * leading PF). A real relay gets there one step at
 * a time with a switching delay and hysteresis; pointwise in time this is its
 * settled choice. Ties go to fewer steps. No load (kW ≤ 0) or no lagging kVAr:
 * all steps out. Writes the kVAr switched in and the number of steps on; no
 * allocation.
 */
export function apfcCompensation(
  kw: number,
  kvar: number,
  stepsKvar: readonly number[],
  targetPf: number,
  failedStepMask: number,
  out: { kvarSwitched: number; stepsOn: number; stepsMask: number },
  maxPf = 1,
): void {
  out.kvarSwitched = 0;
  out.stepsOn = 0;
  out.stepsMask = 0;
  if (!(kw > 0) || !(kvar > 0)) return;
  const pf = Math.min(1, Math.max(0.5, targetPf));
  const wanted = kvar - kw * kvarPerKw(pf);
  if (!(wanted > 0)) return;
  const ceiling = Math.min(1, Math.max(pf, maxPf));
  const limit = kvar - kw * kvarPerKw(ceiling);
  const n = stepsKvar.length;
  if (n <= EXHAUSTIVE_MAX_STEPS) {
    // walk every combination in Gray-code order: one step toggles per move, so sum and count update in O(1)
    let bestErr = wanted; // all steps out
    let bestSum = 0;
    let bestCount = 0;
    let bestMask = 0;
    let gray = 0;
    let sum = 0;
    let count = 0;
    const combos = 1 << n;
    for (let k = 1; k < combos; k++) {
      const bit = 31 - Math.clz32(k & -k);
      gray ^= 1 << bit;
      if (gray & (1 << bit)) {
        sum += stepsKvar[bit]!;
        count++;
      } else {
        sum -= stepsKvar[bit]!;
        count--;
      }
      if (gray & failedStepMask || sum > limit + 1e-9) continue; // failed step in, or past the upper limit
      const err = Math.abs(wanted - sum);
      if (err < bestErr - 1e-9 || (Math.abs(err - bestErr) <= 1e-9 && count < bestCount)) {
        bestErr = err;
        bestSum = sum;
        bestCount = count;
        bestMask = gray;
      }
    }
    // the running sum may carry float dust; report the chosen combination's kVAr rounded to it
    out.kvarSwitched = Math.round(bestSum * 1e6) / 1e6;
    out.stepsOn = bestCount;
    out.stepsMask = bestMask;
    return;
  }
  // many steps: largest healthy step first while it does not overshoot the wanted kVAr by more than it closes
  let sum = 0;
  let count = 0;
  let used = 0;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < Math.min(n, 31); i++) {
      if ((used | failedStepMask) & (1 << i)) continue;
      const s = stepsKvar[i]!;
      if (sum + s > limit + 1e-9) continue;
      if (Math.abs(wanted - sum - s) >= Math.abs(wanted - sum)) continue;
      if (pick < 0 || s > stepsKvar[pick]!) pick = i;
    }
    if (pick < 0) break;
    used |= 1 << pick;
    sum += stepsKvar[pick]!;
    count++;
  }
  out.kvarSwitched = sum;
  out.stepsOn = count;
  out.stepsMask = used;
}
