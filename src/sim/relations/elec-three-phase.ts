/**
 * Three-phase quantities of a 415 V, 50 Hz LT feeder from its totals, the way a
 * multifunction meter (IEC 61557-12 / IS 14697 class 0.5S) reports them.
 *
 * Phases are taken 120° apart with one power factor for all three (the meter's
 * own assumption when it derives per-phase kW from V·I·PF), so:
 *   V_LL between two phases of magnitude Va, Vb at 120° = √(Va² + Va·Vb + Vb²)
 *   per-phase kW = V_ph · I_ph · PF / 1000
 *   total kW = Σ per-phase kW ≈ √3 · V_LL(avg) · I(avg) · PF / 1000
 * The last is exact only for a balanced set; with a percent-level spread the
 * two differ by second-order terms (< 0.1 % for spreads of a few percent).
 *
 * Imbalance is the NEMA MG 1 definition (§14.35 for voltage, used the same way
 * for current by meters): largest deviation from the mean, over the mean, in
 * percent; voltage imbalance on the line-to-line voltages as NEMA specifies.
 */
export interface ThreePhase {
  kw: number;
  kvar: number;
  kva: number;
  pf: number;
  /** average line current, A */
  currentA: number;
  ia: number;
  ib: number;
  ic: number;
  /** line-to-neutral volts */
  va: number;
  vb: number;
  vc: number;
  /** line-to-line volts */
  vab: number;
  vbc: number;
  vca: number;
  /** average line-to-line */
  voltageV: number;
  kwA: number;
  kwB: number;
  kwC: number;
  /** NEMA current imbalance % = max deviation from mean / mean */
  currentImbalancePct: number;
  voltageImbalancePct: number;
}

export function newThreePhase(): ThreePhase {
  return {
    kw: 0,
    kvar: 0,
    kva: 0,
    pf: 1,
    currentA: 0,
    ia: 0,
    ib: 0,
    ic: 0,
    va: 0,
    vb: 0,
    vc: 0,
    vab: 0,
    vbc: 0,
    vca: 0,
    voltageV: 0,
    kwA: 0,
    kwB: 0,
    kwC: 0,
    currentImbalancePct: 0,
    voltageImbalancePct: 0,
  };
}

/** NEMA MG 1 imbalance: max |x − mean| / mean, in percent (0 when the mean is 0). */
export function nemaImbalancePct(a: number, b: number, c: number): number {
  const mean = (a + b + c) / 3;
  if (!(mean > 0)) return 0;
  return (100 * Math.max(Math.abs(a - mean), Math.abs(b - mean), Math.abs(c - mean))) / mean;
}

/** magnitude of the difference of two phasors of magnitudes x, y lying 120° apart */
const lineToLine = (x: number, y: number) => Math.sqrt(x * x + x * y + y * y);

/**
 * Fills `out` from total kW and kVAr (positive kVAr = lagging, inductive) at an
 * average line-to-line voltage `vLL`. `dva..dvc` and `dia..dic` are per-phase
 * fractional deviations of the phase voltages and currents (e.g. +0.004,
 * −0.002, −0.002); each triple is re-centred to sum to zero so `vLL` and the
 * mean current keep their meaning. `thdI` is the current's THD as a fraction of
 * its fundamental: currents are RMS (fundamental and harmonics), kVA = Σ V·I and
 * PF the true power factor kW/kVA, what a panel meter reports as its PF (the
 * Schneider PM5xxx's "Power Factor Total"; its displacement PF is a separate
 * register); kVAr stays the fundamental's, so kVA² = kW² + kVAr² + D².
 *
 * At zero load (kW = kVAr = 0) the meter convention is followed: PF reads 1,
 * currents and per-phase kW are 0, voltages are still reported.
 *
 * Per-phase kW are V_ph·I_ph·PF/1000 for phases A and B; phase C takes the
 * remainder so the three sum to the total exactly (they agree with V·I·PF to
 * rounding). No allocation.
 */
export function fillThreePhase(
  kw: number,
  kvar: number,
  vLL: number,
  dva: number,
  dvb: number,
  dvc: number,
  dia: number,
  dib: number,
  dic: number,
  thdI: number,
  out: ThreePhase,
): void {
  const mv = (dva + dvb + dvc) / 3;
  const mi = (dia + dib + dic) / 3;
  const vPh = vLL / Math.sqrt(3);
  const va = vPh * (1 + dva - mv);
  const vb = vPh * (1 + dvb - mv);
  const vc = vPh * (1 + dvc - mv);
  out.va = va;
  out.vb = vb;
  out.vc = vc;
  out.vab = lineToLine(va, vb);
  out.vbc = lineToLine(vb, vc);
  out.vca = lineToLine(vc, va);
  out.voltageV = (out.vab + out.vbc + out.vca) / 3;
  out.voltageImbalancePct = nemaImbalancePct(out.vab, out.vbc, out.vca);

  // apparent power from the RMS current: the fundamental's (√(kW² + kVAr²), kVAr the fundamental's) times
  // √(1 + THD_I²), the harmonic currents' distortion power D = S1·THD_I (IEEE 1459, a near-sinusoidal voltage)
  const kva = Math.sqrt(kw * kw + kvar * kvar) * Math.sqrt(1 + thdI * thdI);
  out.kw = kw;
  out.kvar = kvar;
  out.kva = kva;
  if (!(kva > 0) || !(vPh > 0)) {
    out.pf = 1;
    out.currentA = 0;
    out.ia = 0;
    out.ib = 0;
    out.ic = 0;
    out.kwA = 0;
    out.kwB = 0;
    out.kwC = 0;
    out.currentImbalancePct = 0;
    return;
  }
  const pf = kw / kva;
  const sa = 1 + dia - mi;
  const sb = 1 + dib - mi;
  const sc = 1 + dic - mi;
  // mean current such that Σ V_ph·I_ph = kVA: the meter's apparent power per phase adds up
  const iMean = (kva * 1000) / (va * sa + vb * sb + vc * sc);
  out.pf = pf;
  out.currentA = iMean;
  out.ia = iMean * sa;
  out.ib = iMean * sb;
  out.ic = iMean * sc;
  out.kwA = (va * out.ia * pf) / 1000;
  out.kwB = (vb * out.ib * pf) / 1000;
  out.kwC = kw - out.kwA - out.kwB;
  out.currentImbalancePct = nemaImbalancePct(out.ia, out.ib, out.ic);
}
