/**
 * Low-voltage three-phase cage induction motors, 415 V 50 Hz, 4-pole.
 */

/**
 * IEC 60034-30-1:2014 Table 3, IE3 (premium) nominal efficiency limits, 50 Hz,
 * 4 poles: [rated kW, efficiency %]. Constant 96.0 % from 200 to 1000 kW.
 */
const IE3_4POLE: readonly (readonly [number, number])[] = [
  [0.12, 64.8],
  [0.18, 69.9],
  [0.25, 74.3],
  [0.37, 77.3],
  [0.55, 80.8],
  [0.75, 82.5],
  [1.1, 84.1],
  [1.5, 85.3],
  [2.2, 86.7],
  [3, 87.7],
  [4, 88.6],
  [5.5, 89.6],
  [7.5, 90.4],
  [11, 91.4],
  [15, 92.1],
  [18.5, 92.6],
  [22, 93.0],
  [30, 93.6],
  [37, 93.9],
  [45, 94.2],
  [55, 94.6],
  [75, 95.0],
  [90, 95.2],
  [110, 95.4],
  [132, 95.6],
  [160, 95.8],
  [200, 96.0],
];

/**
 * Typical full-load power factor of 4-pole IE3 motors by rating, from maker
 * catalogues (ABB, Siemens, Crompton/Kirloskar IE3 ranges): [kW, PF].
 */
const PF_FULL_LOAD: readonly (readonly [number, number])[] = [
  [0.18, 0.66],
  [0.37, 0.7],
  [0.75, 0.74],
  [2.2, 0.8],
  [5.5, 0.82],
  [15, 0.84],
  [37, 0.85],
  [90, 0.86],
  [200, 0.87],
];

/** share of full-load losses that do not vary with load (core, friction and windage; typical 30–40 %) */
const FIXED_LOSS_SHARE = 0.35;
/** magnetising kVAr at no load as a share of the full-load kVAr (typical 60–75 % for 4-pole motors) */
const MAGNETISING_SHARE = 0.7;

/** linear interpolation in log(kW) over a [kW, value] table, flat outside */
function byRating(table: readonly (readonly [number, number])[], kw: number): number {
  const first = table[0]!;
  if (!(kw > first[0])) return first[1];
  // indexed rather than destructured: this runs per sample
  for (let i = 1; i < table.length; i++) {
    const hi = table[i]!;
    if (kw <= hi[0]) {
      const lo = table[i - 1]!;
      return lo[1] + ((hi[1] - lo[1]) * Math.log(kw / lo[0])) / Math.log(hi[0] / lo[0]);
    }
  }
  return table[table.length - 1]![1];
}

/** IE3 full-load efficiency (0..1) for a 4-pole motor of this rating */
export function ie3Efficiency(ratedKw: number): number {
  return byRating(IE3_4POLE, ratedKw) / 100;
}

/**
 * Efficiency (0..1) at a load fraction: full-load losses split into a fixed
 * 35 % and a load-squared 65 % (IEC 60034-2-1 loss segregation), so efficiency
 * peaks near 75 % load, stays within a point of full-load down to 50 %, and
 * falls steeply below ~25 %. 0 at no load.
 */
export function motorEfficiency(ratedKw: number, loadFraction: number): number {
  return partLoadEfficiency(ie3Efficiency(ratedKw), loadFraction);
}

/** Electrical input, kW, of a motor of `ratedKw` at `loadFraction` of its output (below 5 % taken at 5 %'s efficiency). */
export function motorInputKw(ratedKw: number, loadFraction: number): number {
  return (ratedKw * loadFraction) / motorEfficiency(ratedKw, Math.max(0.05, loadFraction));
}

/** {@link motorEfficiency} from a full-load efficiency the caller has looked up once (hot loops) */
export function partLoadEfficiency(ratedEfficiency: number, loadFraction: number): number {
  const l = Math.min(1.25, Math.max(0, loadFraction));
  if (l === 0) return 0;
  const loss = 1 / ratedEfficiency - 1;
  return l / (l + loss * (FIXED_LOSS_SHARE + (1 - FIXED_LOSS_SHARE) * l * l));
}

/** typical full-load power factor of a 4-pole IE3 motor of this rating */
export function ratedPowerFactor(ratedKw: number): number {
  return byRating(PF_FULL_LOAD, ratedKw);
}

/**
 * Power factor at a load fraction: the magnetising kVAr (70 % of the full-load
 * kVAr) stays while the leakage kVAr grows with current², so PF is ~0.85 at full
 * load for mid sizes, ~0.72 at half load, ~0.25 at 10 % and under 0.1 at no
 * load (the no-load input being only the fixed losses).
 */
export function motorPowerFactor(ratedKw: number, loadFraction: number): number {
  return partLoadPowerFactor(ie3Efficiency(ratedKw), ratedPowerFactor(ratedKw), loadFraction);
}

/** {@link motorPowerFactor} from full-load efficiency and PF looked up once (hot loops) */
export function partLoadPowerFactor(eta: number, pfR: number, loadFraction: number): number {
  const l = Math.min(1.25, Math.max(0, loadFraction));
  const loss = 1 / eta - 1;
  const pIn = l + loss * (FIXED_LOSS_SHARE + (1 - FIXED_LOSS_SHARE) * l * l); // per unit of rated output
  const qR = ((1 / eta) * Math.sqrt(1 - pfR * pfR)) / pfR;
  const q = qR * (MAGNETISING_SHARE + (1 - MAGNETISING_SHARE) * l * l);
  return pIn / Math.sqrt(pIn * pIn + q * q);
}

/**
 * Shaft power as a fraction of design for a centrifugal pump or fan on a VFD at
 * `speedFraction` of design speed, against a system whose head at design flow
 * is `staticShare` static lift and the rest friction (∝ flow²). Affinity laws
 * with flow ∝ n: P/P_d = n·(s + (1 − s)·n²) — the pure cube when s = 0, linear
 * in n when the head is all static. (Approximation: with static head the real
 * flow falls faster than n; callers wanting flow should solve the pump curve.)
 */
export function affinityShaftFraction(speedFraction: number, staticShare: number): number {
  const n = Math.min(1.2, Math.max(0, speedFraction));
  const s = Math.min(1, Math.max(0, staticShare));
  return n * (s + (1 - s) * n * n);
}

/** ISO 10816-3 zone boundaries, mm/s RMS (group 1 rigid / group 2 flexible): A/B, B/C, C/D */
export const VIBRATION_ZONE_AB = 2.3;
export const VIBRATION_ZONE_BC = 4.5;
export const VIBRATION_ZONE_CD = 7.1;

/** ISO 10816-3 evaluation zone of a vibration velocity */
export function vibrationZone(mmS: number): 'A' | 'B' | 'C' | 'D' {
  if (mmS < VIBRATION_ZONE_AB) return 'A';
  if (mmS < VIBRATION_ZONE_BC) return 'B';
  if (mmS < VIBRATION_ZONE_CD) return 'C';
  return 'D';
}

/** bearing temperature rise of a fully worn bearing over a healthy one's, K */
const BEARING_WEAR_RISE_K = 35;

/**
 * Thermal time constants of a TEFC LV motor, minutes: the winding heats with 15 min (a few kW) to 45 min (a few
 * hundred kW) running; at standstill the fan stops, so it cools about three times slower; the bearing housing,
 * a larger mass, twice as slow as the winding.
 */
export function motorTimeConstantsMin(ratedKw: number): {
  windingRun: number;
  windingStop: number;
  bearingRun: number;
  bearingStop: number;
} {
  const run = Math.min(45, Math.max(15, 15 + 6 * Math.log(Math.max(1, ratedKw))));
  return { windingRun: run, windingStop: 3 * run, bearingRun: 2 * run, bearingStop: 6 * run };
}

/** winding temperature rise at rated load, K: class F insulation used at class B rise (IEC 60034-1: 80 K by resistance) */
export const WINDING_RISE_RATED_K = 80;

/**
 * Steady temperatures and vibration of a running motor (`loadFraction` > 0; 0 or
 * less means stopped: everything settles at ambient, no vibration); a trend lags
 * them with {@link motorTimeConstantsMin}.
 * - Winding (embedded RTD): rise ∝ losses, 80 K at full load (class B rise on
 *   class F insulation, IEC 60034-1), 28 K at no load (the fixed-loss share).
 * - Bearing: 12 K + 10 K at full load above ambient for a healthy grease-
 *   lubricated bearing (55–75 °C housings are normal), + up to 35 K with wear.
 * - Vibration: 1.2 mm/s + 0.4 at full load when healthy (zone A), + 8·wear²:
 *   wear 0.5 → zone B, 0.75 → zone C, 1 → zone D (ISO 10816-3).
 */
export function motorThermal(
  loadFraction: number,
  ambientC: number,
  bearingWear: number,
  out: { windingTempC: number; bearingTempC: number; vibrationMmS: number },
): void {
  if (!(loadFraction > 0)) {
    out.windingTempC = ambientC;
    out.bearingTempC = ambientC;
    out.vibrationMmS = 0;
    return;
  }
  const l = Math.min(1.25, loadFraction);
  const w = Math.min(1, Math.max(0, bearingWear));
  out.windingTempC = ambientC + WINDING_RISE_RATED_K * (FIXED_LOSS_SHARE + (1 - FIXED_LOSS_SHARE) * l * l);
  out.bearingTempC = ambientC + 12 + 10 * l + BEARING_WEAR_RISE_K * w * w;
  out.vibrationMmS = 1.2 + 0.4 * l + 8 * w * w;
}
