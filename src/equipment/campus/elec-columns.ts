import type { CampusEquip, CampusPlan } from '../../model/campus-plan.js';
import { numberPoint as num, type PointTemplate } from '../../model/point-template.js';
import type { EquipNode } from '../../model/topology.js';
import { hashString, mix, NoiseTrack, smoothNoise } from '../../random/rng.js';
import type { CampusContext, CampusDrivers } from '../../sim/physics/campus-context.js';
import type { BuildingState, Frame } from '../../sim/physics/frame.js';
import { writeRow } from '../../sim/physics/frame.js';
import type { PointRows } from '../../sim/point-rows.js';
import { ratedKva } from './elec-ratings.js';
import { fillThreePhase, newThreePhase, type ThreePhase } from '../../sim/relations/elec-three-phase.js';
import {
  HARMONIC_GROUP,
  HARMONIC_GROUP_COUNT,
  type HarmonicGroup,
  LINEAR_THD_I,
  rectifierThdPct,
  VFD_HARMONICS,
  voltageThdPct,
} from '../../sim/relations/elec-power-quality.js';

const HOUR = 3_600_000;
const TWO_THIRDS_PI = (2 * Math.PI) / 3;
/**
 * Current unbalance per unit of voltage unbalance, by what the equipment is: an induction motor's low
 * negative-sequence impedance draws 6–10 × (NEMA MG 1 §14.35), a rectifier front end a few times, a panel
 * or transformer the mix of its loads
 */
const NEGATIVE_SEQUENCE_GAIN: Partial<Record<CampusEquip['role'], number>> = {
  motor: 6,
  pump: 6,
  compressor: 6,
  ahu: 6,
  ct: 6,
  chiller: 6,
  vfd: 4,
  ups: 2,
};
/** the negative-sequence current lags the voltage's: an inductive negative-sequence impedance */
const NEGATIVE_SEQUENCE_LAG = 1.4;

/**
 * The metering columns every campus equipment with a supply carries, in the users' names: the R-Y-B phases
 * of an Indian LT system, line voltages, phase currents and powers, totals, power quality and the
 * energy registers (a multifunction meter on each incomer: Schneider PM5xxx, Secure Elite class).
 */
export const ELEC_POINTS: readonly PointTemplate[] = [
  num('voltage_ry_v', 'Voltage R-Y', 'ac elec volt magnitude sensor', 'V', 1, {
    noise: 0.3,
    zeroSuppressed: true,
    tags: { lineVolt: 'L1-L2' },
  }),
  num('voltage_yb_v', 'Voltage Y-B', 'ac elec volt magnitude sensor', 'V', 1, {
    noise: 0.3,
    zeroSuppressed: true,
    tags: { lineVolt: 'L2-L3' },
  }),
  num('voltage_br_v', 'Voltage B-R', 'ac elec volt magnitude sensor', 'V', 1, {
    noise: 0.3,
    zeroSuppressed: true,
    tags: { lineVolt: 'L3-L1' },
  }),
  num('voltage_v', 'Voltage', 'ac elec volt magnitude sensor lineAvg', 'V', 1, { noise: 0.2, zeroSuppressed: true }),
  num('current_r_a', 'Current R', 'ac elec current magnitude sensor', 'A', 1, { relativeNoise: 0.004, tags: { lineCurrent: 'L1' } }),
  num('current_y_a', 'Current Y', 'ac elec current magnitude sensor', 'A', 1, { relativeNoise: 0.004, tags: { lineCurrent: 'L2' } }),
  num('current_b_a', 'Current B', 'ac elec current magnitude sensor', 'A', 1, { relativeNoise: 0.004, tags: { lineCurrent: 'L3' } }),
  num('current_a', 'Current', 'ac elec current magnitude sensor lineAvg', 'A', 1),
  num('active_power_r_kw', 'Active Power R', 'ac elec active power sensor', 'kW', 2, { tags: { phasePower: 'L1' } }),
  num('active_power_y_kw', 'Active Power Y', 'ac elec active power sensor', 'kW', 2, { tags: { phasePower: 'L2' } }),
  num('active_power_b_kw', 'Active Power B', 'ac elec active power sensor', 'kW', 2, { tags: { phasePower: 'L3' } }),
  num('active_power_kw', 'Active Power', 'ac elec active power sensor', 'kW', 2),
  num('reactive_power_kvar', 'Reactive Power', 'ac elec reactive power sensor', 'kVAR', 2),
  num('apparent_power_kva', 'Apparent Power', 'ac elec apparent power sensor', 'kVA', 2),
  num('power_factor', 'Power Factor', 'ac elec pf sensor', 'pf', 3),
  num('frequency_hz', 'Frequency', 'ac elec freq sensor', 'Hz', 2, { noise: 0.005, zeroSuppressed: true }),
  num('thd_voltage_percent', 'Voltage THD', 'ac elec volt thd sensor', '%', 2, { noise: 0.03, zeroSuppressed: true }),
  // the harmonic over the fundamental: a lightly loaded drive's reads past 100 %
  num('thd_current_percent', 'Current THD', 'ac elec current thd sensor', '%', 2, { noise: 0.2, pastHundred: true, zeroSuppressed: true }),
  // computed by the meter from its own phase readings: their noise shows in it
  num('current_imbalance_percent', 'Current Imbalance', 'ac elec current imbalance sensor', '%', 2, { noise: 0.15, zeroSuppressed: true }),
  num('voltage_imbalance_percent', 'Voltage Imbalance', 'ac elec volt imbalance sensor', '%', 2, { noise: 0.04, zeroSuppressed: true }),
  // of the rated current: an overloaded feeder reads past 100 % (what the overload alert watches)
  num('load_percent', 'Load', 'ac elec load sensor', '%', 1, { pastHundred: true }),
  {
    key: 'energy_kwh',
    dis: 'Active Energy',
    markers: 'ac elec active energy import sensor',
    kind: 'Number',
    unit: 'kWh',
    decimals: 1,
    totalized: true,
    rateKey: 'active_power_kw',
  },
  {
    key: 'reactive_energy_kvarh',
    dis: 'Reactive Energy',
    markers: 'ac elec reactive energy import sensor',
    kind: 'Number',
    unit: 'kVARh',
    decimals: 1,
    totalized: true,
    rateKey: 'reactive_power_kvar',
  },
  { key: 'breaker_status', dis: 'Breaker Closed', markers: 'elec enable sensor', kind: 'Bool', decimals: 0 },
];

/** Rows of the metering columns of one equipment. */
export interface ElecRows {
  readonly vry: number;
  readonly vyb: number;
  readonly vbr: number;
  readonly v: number;
  readonly ir: number;
  readonly iy: number;
  readonly ib: number;
  readonly i: number;
  readonly pr: number;
  readonly py: number;
  readonly pb: number;
  readonly p: number;
  readonly q: number;
  readonly s: number;
  readonly pf: number;
  readonly f: number;
  readonly thdV: number;
  readonly thdI: number;
  readonly iImb: number;
  readonly vImb: number;
  readonly load: number;
  readonly breaker: number;
}

export function elecRows(rows: PointRows, node: EquipNode): ElecRows {
  const r = (key: string) => rows.one(node, key);
  return {
    vry: r('voltage_ry_v'),
    vyb: r('voltage_yb_v'),
    vbr: r('voltage_br_v'),
    v: r('voltage_v'),
    ir: r('current_r_a'),
    iy: r('current_y_a'),
    ib: r('current_b_a'),
    i: r('current_a'),
    pr: r('active_power_r_kw'),
    py: r('active_power_y_kw'),
    pb: r('active_power_b_kw'),
    p: r('active_power_kw'),
    q: r('reactive_power_kvar'),
    s: r('apparent_power_kva'),
    pf: r('power_factor'),
    f: r('frequency_hz'),
    thdV: r('thd_voltage_percent'),
    thdI: r('thd_current_percent'),
    iImb: r('current_imbalance_percent'),
    vImb: r('voltage_imbalance_percent'),
    load: r('load_percent'),
    breaker: r('breaker_status'),
  };
}

/** Per-equipment constants of its metering: phase spreads (a fixed part and a slow wander), keys. */
export interface ElecMeta {
  readonly rows: ElecRows;
  readonly key: number;
  /** current phase shares: single-phase loads land unevenly on R, Y and B */
  readonly ia: number;
  readonly ib: number;
  readonly ic: number;
  /** how far each phase's share wanders as loads come and go, and the slow tracks it follows */
  readonly wanderSpread: number;
  /** made at the first reading, with the run's seed */
  readonly wanderTracks: NoiseTrack[];
  /** current unbalance per unit of supply voltage unbalance */
  readonly negativeSequenceGain: number;
  /** rated current at nominal voltage, A: load % reads against it */
  readonly ratedA: number;
}

/** A node's meter: its rows, phase spread and rated current (from `ratedKva`, at `nominalV`). */
export function elecMeta(rows: PointRows, node: EquipNode<CampusEquip>, plan: CampusPlan, nominalV: number, imbalance: number): ElecMeta {
  const ratedA = (ratedKva(plan, node.config) * 1000) / (Math.sqrt(3) * nominalV);
  const key = hashString(node.id);
  // imbalance 1 is a ±8 % spread of phase currents: single-phase loads landing unevenly on R, Y and B
  const gain = NEGATIVE_SEQUENCE_GAIN[node.config.role] ?? 3;
  // a machine's own windings are balanced within a few percent; a panel's spread is its loads'
  const spread = imbalance * (gain > 3 ? 0.04 : 0.08);
  const u = (n: number) => ((hashString(`${node.id}:ph${n}`) % 2001) / 1000 - 1) * spread;
  return {
    rows: elecRows(rows, node),
    key,
    ia: u(0),
    ib: u(1),
    ic: u(2),
    // a panel's single-phase loads come and go; a motor's own asymmetry barely moves
    wanderSpread: (gain > 3 ? 0.01 : 0.015) * imbalance,
    wanderTracks: [],
    negativeSequenceGain: gain,
    ratedA,
  };
}

/** The supply's phase-voltage deviations at an instant, the same on every bus (memo of the last instant asked). */
const supply = { seed: Number.NaN, t: Number.NaN, u: 0, angle: 0 };

/**
 * The LT supply's voltage unbalance: phase voltages off by `u` in a pattern turning slowly in angle, so the
 * phase that sags changes over the hours. Line voltages see half of it: 0.2–1.5 % NEMA unbalance, what
 * Indian LT networks show with their single-phase loads (IEC 61000-2-2 plans for ≤ 2 %). Sets `supply`.
 */
function supplyUnbalance(seed: number, t: number): void {
  if (supply.t === t && supply.seed === seed) return;
  supply.seed = seed;
  supply.t = t;
  const u = 0.013 + 0.005 * smoothNoise(seed, 0xd7, t, 3 * HOUR) + 0.003 * smoothNoise(seed, 0xd8, t, 19 * HOUR);
  supply.u = Math.min(0.03, Math.max(0.004, u));
  supply.angle = Math.PI * (0.3 + 0.6 * smoothNoise(seed, 0xd9, t, 9 * HOUR));
}

/** Scratch of one stage: the three-phase quantities of the equipment being written. */
export function newScratch(): ThreePhase {
  return newThreePhase();
}

/**
 * The source voltage at an instant: the utility's 415 V wanders over hours (feeders sag in the evening
 * peak, rise at night) or, on DG power (`dg`: the topology position of the set feeding the equipment's bus,
 * CampusContext.dgFeeding, −1 on the utility), that set's regulated voltage.
 */
export function sourceVolts(nominal: number, d: CampusDrivers, seed: number, t: number, dg: number): number {
  if (dg >= 0) return nominal * (1.0 + 0.004 * smoothNoise(seed, mix(0xd6, dg), t, 0.5 * HOUR));
  const evening = Math.exp(-(((d.hour - 19.5) / 2.5) ** 2));
  const night = Math.exp(-(((d.hour - 3) / 3) ** 2));
  return nominal * (1.01 + 0.012 * night - 0.018 * evening + 0.01 * smoothNoise(seed, 0xd5, t, 3 * HOUR));
}

/** Frequency at an instant: the Indian grid's band (49.90–50.05 Hz) with its slow swings, or DG set `dg`'s own governor. */
export function sourceHz(nominal: number, seed: number, t: number, dg: number): number {
  if (dg >= 0) return nominal * (1 + 0.0015 * smoothNoise(seed, mix(0xf2, dg), t, 10 * 60_000));
  return nominal + 0.035 * smoothNoise(seed, 0xf1, t, 20 * 60_000) + 0.012 * smoothNoise(seed, 0xf3, t, 3 * 60_000) - 0.01;
}

/** The voltage an equipment's meter reads of its supply: its source's (utility or DG set), 0 on a dead bus. */
export function supplyVolts(nominal: number, campus: CampusContext, e: CampusEquip, d: CampusDrivers, seed: number, t: number): number {
  return campus.supplied(e, d) ? sourceVolts(nominal, d, seed, t, campus.dgFeeding(e, d)) : 0;
}

/** The frequency an equipment's meter reads of its supply, 0 on a dead bus (no voltage to count cycles of). */
export function supplyHz(nominal: number, campus: CampusContext, e: CampusEquip, d: CampusDrivers, seed: number, t: number): number {
  return campus.supplied(e, d) ? sourceHz(nominal, seed, t, campus.dgFeeding(e, d)) : 0;
}

/** Everything one equipment's meter needs besides its power: where and how it is supplied. */
export interface MeterInput {
  kw: number;
  kvar: number;
  /** the RMS harmonic current its meter sees, as kVA at the bus voltage (harmonicKvaRss) */
  harmonicKva: number;
  vLL: number;
  hz: number;
  closed: boolean;
  /** the bus's short-circuit current, A (stiffer near the transformer) */
  iscA: number;
}

export function newMeterInput(): MeterInput {
  return { kw: 0, kvar: 0, harmonicKva: 0, vLL: 415, hz: 50, closed: true, iscA: 25_000 };
}

/**
 * Writes the metering columns from the equipment's power and supply: current THD = the harmonic current over
 * the fundamental (√(kW² + kVAr²), kVAr the fundamental's), RMS currents, kVA = √3·V·I and the true power
 * factor kW/kVA with phase values that sum, voltage THD from the harmonic current and the bus's stiffness.
 */
export function writeElec(frame: Frame, k: number, m: ElecMeta, input: MeterInput, out: ThreePhase, t: number, seed: number): void {
  const T = frame.timestamps.length;
  const truth = frame.truth;
  const r = m.rows;
  const wander = 0.3 * smoothNoise(seed, m.key, t, 2 * HOUR);
  const kw = input.closed ? input.kw : 0;
  const kvar = input.closed ? input.kvar : 0;
  const fundamental = Math.hypot(kw, kvar);
  const thd = fundamental > 0 ? input.harmonicKva / fundamental : 0;
  const v = input.vLL;
  supplyUnbalance(seed, t);
  const { u, angle } = supply;
  // the equipment's own phase currents: a fixed spread, a slow wander, and the negative-sequence current the
  // supply's unbalance drives; its own unbalanced draw sags its phases a little further through the feeder
  const w = m.wanderTracks;
  if (w[0]?.seed !== seed) for (let n = 0; n < 3; n++) w[n] = new NoiseTrack(seed, mix(m.key, 0x3a1 + n), 2 * HOUR);
  const ia = m.ia + m.wanderSpread * w[0]!.at(t);
  const ib = m.ib + m.wanderSpread * w[1]!.at(t);
  const ic = m.ic + m.wanderSpread * w[2]!.at(t);
  // the gain is against the line voltages' unbalance, half the phases'
  const iu = (m.negativeSequenceGain * u) / 2;
  const lag = angle - NEGATIVE_SEQUENCE_LAG;
  fillThreePhase(
    kw,
    kvar,
    v,
    u * Math.cos(angle) - 0.003 * ia,
    u * Math.cos(angle - TWO_THIRDS_PI) - 0.003 * ib,
    u * Math.cos(angle + TWO_THIRDS_PI) - 0.003 * ic,
    ia + iu * Math.cos(lag),
    ib + iu * Math.cos(lag - TWO_THIRDS_PI),
    ic + iu * Math.cos(lag + TWO_THIRDS_PI),
    thd,
    out,
  );
  writeRow(truth, r.vry, T, k, out.vab);
  writeRow(truth, r.vyb, T, k, out.vbc);
  writeRow(truth, r.vbr, T, k, out.vca);
  writeRow(truth, r.v, T, k, out.voltageV);
  writeRow(truth, r.ir, T, k, out.ia);
  writeRow(truth, r.iy, T, k, out.ib);
  writeRow(truth, r.ib, T, k, out.ic);
  writeRow(truth, r.i, T, k, out.currentA);
  writeRow(truth, r.pr, T, k, out.kwA);
  writeRow(truth, r.py, T, k, out.kwB);
  writeRow(truth, r.pb, T, k, out.kwC);
  writeRow(truth, r.p, T, k, out.kw);
  writeRow(truth, r.q, T, k, out.kvar);
  writeRow(truth, r.s, T, k, out.kva);
  writeRow(truth, r.pf, T, k, out.pf);
  writeRow(truth, r.f, T, k, input.hz);
  writeRow(truth, r.thdI, T, k, 100 * thd);
  // the voltage the harmonic amps drop across the source: THD_I of the fundamental current
  // (a dead bus has none)
  const thdV = v > 0 ? voltageThdPct(100 * thd, out.currentA / Math.sqrt(1 + thd * thd), input.iscA) + 0.6 + 0.2 * wander : 0;
  writeRow(truth, r.thdV, T, k, thdV);
  writeRow(truth, r.iImb, T, k, out.currentImbalancePct);
  writeRow(truth, r.vImb, T, k, out.voltageImbalancePct);
  writeRow(truth, r.load, T, k, m.ratedA > 0 ? (100 * out.currentA) / m.ratedA : 0);
  writeRow(truth, r.breaker, T, k, input.closed ? 1 : 0);
}

/**
 * The power columns alone, as writeElec writes them: what an equipment whose own columns are not wanted (another
 * shard's) leaves in the truth for an energy meter that sums it.
 */
export function writePower(frame: Frame, k: number, m: ElecMeta, input: MeterInput): void {
  const T = frame.timestamps.length;
  writeRow(frame.truth, m.rows.p, T, k, input.closed ? input.kw : 0);
  writeRow(frame.truth, m.rows.q, T, k, input.closed ? input.kvar : 0);
}

/** An equipment's harmonic kVA by source group (HARMONIC_GROUP), a stage's scratch. */
export function newHarmonics(): Float64Array {
  return new Float64Array(HARMONIC_GROUP_COUNT);
}

/** Sets `out` to a load of one group drawing `kw` and `kvar` (the fundamental's) at current THD `thdPct`: S1·THD. */
export function loadHarmonics(group: HarmonicGroup, thdPct: number, kw: number, kvar: number, out: Float64Array): Float64Array {
  out.fill(0);
  out[group] = (thdPct / 100) * Math.hypot(kw, kvar);
  return out;
}

/**
 * Sets `out` to a motor's harmonics: behind a 6-pulse drive carrying `load` (shaft power per unit of its rating,
 * which its input fundamental follows at a near-fixed DPF and efficiency), or direct on line.
 */
export function motorHarmonics(vfd: boolean, load: number, kw: number, kvar: number, out: Float64Array): Float64Array {
  return vfd
    ? loadHarmonics(HARMONIC_GROUP.drive, rectifierThdPct(VFD_HARMONICS, load), kw, kvar, out)
    : loadHarmonics(HARMONIC_GROUP.linear, LINEAR_THD_I, kw, kvar, out);
}

/** Adds to `out` the harmonic kVA by group of array `kva` (ElecTotals) at `position`; returns `out`. */
export function addHarmonics(kva: Float64Array, position: number, out: Float64Array): Float64Array {
  for (let g = 0; g < HARMONIC_GROUP_COUNT; g++) out[g]! += kva[position * HARMONIC_GROUP_COUNT + g]!;
  return out;
}

/**
 * Adds an equipment's draw to its feeder's totals (`feeder`, by default the one it is wired to) and records it as
 * the equipment's own input, with its harmonic kVA by group (`harmonics`), which add group by group: the feeder's
 * meter combines them (harmonicKvaRss).
 */
export function feed(
  state: BuildingState,
  ctx: CampusContext,
  position: number,
  kw: number,
  kvar: number,
  harmonics: Float64Array,
  feeder = ctx.feederAt[position]!,
): void {
  const e = state.elec;
  e.inputKw[position] = kw;
  e.inputHarmonicKva.set(harmonics, position * HARMONIC_GROUP_COUNT);
  if (feeder < 0) return;
  e.kw[feeder]! += kw;
  e.kvar[feeder]! += kvar;
  for (let g = 0; g < HARMONIC_GROUP_COUNT; g++) e.harmonicKva[feeder * HARMONIC_GROUP_COUNT + g]! += harmonics[g]!;
}
