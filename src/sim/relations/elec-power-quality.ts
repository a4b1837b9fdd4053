/**
 * Harmonics and reactive-power compensation on a 415 V plant bus.
 */

/**
 * A rectifier front end's current THD at rated load, % of its fundamental, and the share of its rated harmonic
 * amps that does not fall with load (rectifierThdPct).
 */
export interface RectifierHarmonics {
  readonly ratedThdPct: number;
  readonly floor: number;
}

/**
 * 6-pulse diode-front drive with a DC choke or 3 % line reactor: about 38 % at rated load (35–45 % typical),
 * rising to 52 % at half load and 81–95 % at 25–20 %, as drive makers' THD-versus-load curves show
 */
export const VFD_HARMONICS: RectifierHarmonics = { ratedThdPct: 38, floor: 0.375 };
/** IGBT (PWM) rectifier of a double-conversion UPS: < 5 % at rated load, its switching ripple near fixed in amps */
export const UPS_HARMONICS: RectifierHarmonics = { ratedThdPct: 4, floor: 0.6 };
/**
 * A DB's single-phase electronics (LED drivers, PCs, chargers) in aggregate, %: a population switched on and
 * off rather than loaded, so its THD is its mix's, not its load's
 */
export const SINGLE_PHASE_THD_I = 30;
/**
 * share of that harmonic current (of its square) in the triplens, 3rd and 9th: zero-sequence, they add in
 * the neutral and circulate in a delta winding, so a Dyn transformer passes none of them to its HV side
 */
export const SINGLE_PHASE_TRIPLEN_SHARE = 0.6;
/** across-the-line motors and resistive load (magnetising 5th/7th only), % */
export const LINEAR_THD_I = 4;
/**
 * Harmonic source groups, an index each. Within a group the sources' harmonic currents add in phase: like
 * rectifiers (or motors' magnetising currents) on one bus put their 5th and 7th at one angle to the common
 * voltage. Between groups the angles differ, and the groups add root-sum-square.
 */
export const HARMONIC_GROUP = { drive: 0, ups: 1, linear: 2, singlePhase: 3 } as const;
export type HarmonicGroup = (typeof HARMONIC_GROUP)[keyof typeof HARMONIC_GROUP];
export const HARMONIC_GROUP_COUNT = 4;

/**
 * Each group's harmonic current by order, [h, I_h] in any unit (only the shape counts: a group's harmonic amps
 * come from its THD), as the transformers' harmonic losses weigh them (elec-transformer.ts). Representative
 * shapes, held fixed as the THD moves with load:
 * - drive: a 6-pulse diode front end with a DC choke, the characteristic orders 6n ± 1 as drive makers publish
 *   them (5th 30–35 %, 7th 10–13 %, 11th 6–8 %, 13th 4–5 % of the fundamental);
 * - UPS: an IGBT rectifier's low-order residue (its switching ripple is filtered);
 * - linear: a motor's magnetising current, 5th and 7th;
 * - single-phase: rectifier-capacitor supplies in aggregate, 3rd first, falling with order as the population's
 *   pulses spread; the triplens 3rd and 9th carry SINGLE_PHASE_TRIPLEN_SHARE of its harmonic current squared.
 */
export const HARMONIC_SPECTRA: readonly (readonly (readonly [number, number])[])[] = [
  [
    [5, 33],
    [7, 12],
    [11, 7],
    [13, 5],
    [17, 3],
    [19, 2.5],
  ],
  [
    [5, 3],
    [7, 2],
    [11, 1],
    [13, 1],
  ],
  [
    [5, 3.2],
    [7, 2.4],
  ],
  [
    [3, 21],
    [5, 14],
    [7, 9],
    [9, 6],
    [11, 5],
    [13, 4],
  ],
];

/** Σ (I_h² / Σ I_h²)·h^exponent over group g's harmonics: what its harmonic current squared weighs at that exponent. */
export function spectrumWeight(g: HarmonicGroup, exponent: number): number {
  let sum = 0;
  let weighted = 0;
  for (const [h, i] of HARMONIC_SPECTRA[g]!) {
    sum += i * i;
    weighted += i * i * h ** exponent;
  }
  return weighted / sum;
}

/**
 * RMS harmonic current, as kVA at the bus voltage, of the groups' in-phase sums held at `offset` of `kva`:
 * root-sum-square across groups. `delta`: seen through a delta winding (a Dyn transformer's HV side), which
 * circulates the single-phase group's triplens and passes the rest.
 */
export function harmonicKvaRss(kva: ArrayLike<number>, offset: number, delta: boolean): number {
  let sum = 0;
  for (let g = 0; g < HARMONIC_GROUP_COUNT; g++) {
    const h = kva[offset + g]!;
    sum += h * h * (delta && g === HARMONIC_GROUP.singlePhase ? 1 - SINGLE_PHASE_TRIPLEN_SHARE : 1);
  }
  return Math.sqrt(sum);
}

/** below this load a drive's idling electronics and DC-link losses set its draw: its THD stops rising */
const MIN_LOAD = 0.1;

/**
 * Current THD, %, of a rectifier front end carrying `load` (its fundamental current per unit of rating). Its
 * harmonic amps fall more slowly than its fundamental: with the DC-link current turning discontinuous at light
 * load the line-current pulses narrow, so I_h = I_h,rated·(floor + (1 − floor)·load) and
 *   THD = ratedThd·(floor + (1 − floor)·load) / load.
 * A drive (38 %, floor 0.375) reads 38 % at full load, 52.25 % at half, 80.75 % at a quarter.
 */
export function rectifierThdPct(r: RectifierHarmonics, load: number): number {
  const x = Math.max(MIN_LOAD, load);
  return (r.ratedThdPct * (r.floor + (1 - r.floor) * x)) / x;
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

/** the relay's band: it holds while the bus PF sits inside and reacts when it leaves (IEC 61921 relays: 0.95–1.00 settable) */
export const RELAY_LOW_PF = 0.96;
export const RELAY_HIGH_PF = 0.99;
/** where a switching aims: the combination it picks lands the PF here, clear of the lower edge so it does not hunt */
export const RELAY_TARGET_PF = 0.98;
const RELAY_AIM_LOW_PF = 0.97;
/** the C/k response threshold, × the smallest step: a move that gains less than this is not made */
const RESPONSE_THRESHOLD = 0.65;
/** every combination is tried (Gray-code order, one step toggling per move) up to this many steps */
export const RELAY_MAX_STEPS = 8;

/** kVAr a load draws per kW at power factor `pf`: tan(acos(pf)). */
const kvarPerKw = (pf: number) => Math.sqrt(1 - pf * pf) / pf;
const TAN_LOW = kvarPerKw(RELAY_LOW_PF);
const TAN_HIGH = kvarPerKw(RELAY_HIGH_PF);
const TAN_AIM_LOW = kvarPerKw(RELAY_AIM_LOW_PF);
const TAN_TARGET = kvarPerKw(RELAY_TARGET_PF);

/** Bit count of a step mask. */
export function stepCount(mask: number): number {
  let m = mask;
  let c = 0;
  for (; m; c++) m &= m - 1;
  return c;
}

/** kVAr of the steps in `mask`. */
export function stepsKvar(mask: number, steps: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < steps.length; i++) if (mask & (1 << i)) sum += steps[i]!;
  return sum;
}

/** Whether the steps in `mask` leave the bus (kW, kVAr uncompensated) inside the relay's band. */
export function inRelayBand(mask: number, kw: number, kvar: number, steps: readonly number[]): boolean {
  const left = kvar - stepsKvar(mask, steps);
  return left >= kw * TAN_HIGH - 1e-9 && left <= kw * TAN_LOW + 1e-9;
}

/**
 * One decision of an automatic power-factor-correction relay (IEC 61921 APFC panel), given the steps it had
 * in (`prev`, a bit per step of `steps`, kVAr) and the bus's uncompensated kW and kVAr now. It holds while the
 * PF those steps leave sits in its band (RELAY_LOW_PF–RELAY_HIGH_PF); when the bus leaves the band it moves to
 * the combination that toggles the fewest contactors among those landing the PF at 0.97–0.99, then among
 * those inside the band, the closest to the target breaking ties (then fewer steps); with none inside, the
 * closest to the target if that gains more than the C/k threshold, never past 0.99. Steps in `blocked` (discharging after a
 * disconnection, or the whole panel tripped) stay out. No load or no lagging kVAr: every step out
 * (the relay's no-volt and under-current release). Returns the new mask; no allocation.
 */
export function apfcRelay(prev: number, kw: number, kvar: number, steps: readonly number[], blocked: number): number {
  if (!(kw > 0) || !(kvar > 0)) return 0;
  const n = steps.length;
  if (n > RELAY_MAX_STEPS) throw new Error(`APFC relay: ${n} steps, at most ${RELAY_MAX_STEPS}`);
  // the residual kVAr the band allows: PF 0.99 leaves kw·tan(acos 0.99), PF 0.96 kw·tan(acos 0.96)
  const lo = kw * TAN_HIGH - 1e-9;
  const hi = kw * TAN_LOW + 1e-9;
  // already at 0.99 or better uncompensated: nothing to correct
  if (kvar < lo) return 0;
  const held = prev & ~blocked;
  const left = kvar - stepsKvar(held, steps);
  if (held === prev && inRelayBand(prev, kw, kvar, steps)) return prev;
  const aim = kw * TAN_TARGET;
  const aimHi = kw * TAN_AIM_LOW + 1e-9;
  // 2: lands in 0.97–0.99, 1: in the band, 0: short of it, −1: past 0.99 (never)
  const rank = (r: number) => (r < lo ? -1 : r <= aimHi ? 2 : r <= hi ? 1 : 0);
  let best = 0;
  let bestRank = rank(kvar);
  let bestToggles = bestRank > 0 ? stepCount(held) : 0;
  let bestErr = Math.abs(kvar - aim);
  let gray = 0;
  let sum = 0;
  for (let k = 1; k < 1 << n; k++) {
    const bit = 31 - Math.clz32(k & -k);
    gray ^= 1 << bit;
    sum += gray & (1 << bit) ? steps[bit]! : -steps[bit]!;
    if (gray & blocked) continue;
    const r = kvar - sum;
    const rk = rank(r);
    if (rk < bestRank) continue;
    const toggles = rk > 0 ? stepCount(gray ^ held) : 0;
    const err = Math.abs(r - aim);
    if (rk === bestRank && (toggles > bestToggles || (toggles === bestToggles && err > bestErr + 1e-9))) continue;
    if (rk === bestRank && toggles === bestToggles && Math.abs(err - bestErr) <= 1e-9 && stepCount(gray) >= stepCount(best)) continue;
    best = gray;
    bestRank = rk;
    bestToggles = toggles;
    bestErr = err;
  }
  if (bestRank > 0) return best;
  // out of reach of the band (too little capacitance left): closer to the target, by more than C/k
  let smallest = Number.POSITIVE_INFINITY;
  for (const s of steps) smallest = Math.min(smallest, s);
  return bestErr < Math.abs(left - aim) - RESPONSE_THRESHOLD * smallest ? best : held;
}

/** a relay state's step mask: bits 0–7 (RELAY_MAX_STEPS); bits 8–15 mark each group of equal steps' next to go out */
export const RELAY_MASK_BITS = 0xff;

/** scratch of rotateEqualSteps: one group's step indices */
const members = new Int8Array(RELAY_MAX_STEPS);

/**
 * The relay state after a decision `mask` (apfcRelay's) from `state`, equal steps rotated first in, first out, as
 * relays do so contactors and capacitors wear evenly (Epcos BR6000, Schneider VarPlus Logic). A group of equal steps
 * in FIFO order is always a run of consecutive members (cyclic, in index order) from its tail, the one in longest:
 * a switching in takes the member after the run (out longest), a switching out the tail. The state keeps each
 * group's tail (bit 8 + its index, none set: the first member); `mask` gives only how many of a group are in, as
 * equal steps leave the same kVAr. Returns the new state (mask in bits 0–7); no allocation.
 */
export function rotateEqualSteps(state: number, mask: number, steps: readonly number[]): number {
  const prev = state & RELAY_MASK_BITS;
  let next = mask & RELAY_MASK_BITS;
  for (let first = 0; first < steps.length; first++) {
    let size = 0;
    let group = 0;
    let tail = 0;
    let later = false;
    for (let j = 0; j < steps.length && !later; j++) {
      if (steps[j] !== steps[first]) continue;
      // a member after its group's first: the group was rotated there
      later = j < first;
      if (later) continue;
      if (state & (1 << (8 + j))) tail = size;
      members[size++] = j;
      group |= 1 << j;
    }
    if (later || size < 2) continue;
    const was = stepCount(prev & group);
    const now = stepCount(mask & group);
    if (now < was) tail = (tail + was - now) % size;
    next &= ~group;
    for (let c = 0; c < now; c++) next |= 1 << members[(tail + c) % size]!;
    if (tail > 0) next |= 1 << (8 + members[tail]!);
  }
  return next;
}
