import type { CampusEquip, CampusPlan, CampusRole } from '../../model/campus-plan.js';
import { ie3Efficiency, ratedPowerFactor } from '../../sim/relations/elec-motor.js';

/** the LT network's nominal line voltage, V */
const LT_VOLTS = 415;
/** ≈ 0.045 kW of tower fan per TR of rated capacity */
export const CT_FAN_KW_PER_TR = 0.045;
/** an AHU's supply fan at design airflow: ≈ 0.75 kW per 1,000 cfm */
export const ahuFanKw = (cfm: number): number => cfm * 0.00075;
/** a chiller's input at its rating: 0.75 kW per TR at a power factor of 0.9 */
const CHILLER_KVA_PER_TR = 0.75 / 0.9;

/** IEC 60072-1 motor output ratings, kW */
const MOTOR_KW = [
  0.18, 0.25, 0.37, 0.55, 0.75, 1.1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45, 55, 75, 90, 110, 132, 160, 200,
];
/** standard LT switchboard and busbar current ratings, A (an incomer breaker frame) */
const PANEL_FRAMES_A = [
  16, 25, 32, 40, 63, 100, 125, 160, 200, 250, 315, 400, 630, 800, 1000, 1250, 1600, 2000, 2500, 3200, 4000, 5000, 6300,
];
/** the smallest frame each kind of panel is built with, A */
const MIN_FRAME_A: Partial<Record<CampusRole, number>> = {
  plc: 16,
  vfd: 16,
  db: 63,
  smdb: 250,
  mcc: 400,
  mldb: 630,
  changeover: 630,
  pcc: 1600,
};
/** the share of its rating a breaker carries continuously (NEC 210.20(A): 125 % of the continuous load) */
const CONTINUOUS_LOADING = 0.8;
/** Lagging power factor of a panel's own load as tan φ: lighting drivers and sockets ≈ 0.92, small motors ≈ 0.8. */
export const OWN_PF_TAN: Partial<Record<CampusRole, number>> = { db: 0.43, mcc: 0.75, plc: 0.33 };

/**
 * IEC 61439-2 Table 101, rated diversity factor of a panel's outgoing circuits: the share of their ratings a
 * switchboard is assumed to carry at once, by how many there are.
 */
function diversity(circuits: number): number {
  if (circuits >= 10) return 0.6;
  if (circuits >= 6) return 0.7;
  if (circuits >= 4) return 0.8;
  if (circuits >= 2) return 0.9;
  return 1;
}

const kvaOfAmps = (a: number) => (Math.sqrt(3) * LT_VOLTS * a) / 1000;
const firstAtLeast = (sizes: readonly number[], x: number) => sizes.find((s) => s >= x) ?? sizes[sizes.length - 1]!;

/** A motor's rated input, kVA: its output over full-load efficiency and power factor (what its full-load current carries). */
export function motorKva(kw: number): number {
  return kw / (ie3Efficiency(kw) * ratedPowerFactor(kw));
}

/** The motor a fan of this design shaft power is fitted with, kW: the next size up with a 10 % margin. */
export function fanMotorKw(designKw: number): number {
  return firstAtLeast(MOTOR_KW, 1.1 * designKw);
}

const panelFrames = new WeakMap<CampusPlan, Map<string, number>>();

/**
 * A panel's rated current, A: the standard frame that carries its outgoing circuits at the IEC 61439-2 diversity
 * (and its own lumped load), at least its kind's smallest, and a PCC at least its transformer's full current.
 */
export function panelFrameA(plan: CampusPlan, e: CampusEquip): number {
  let frames = panelFrames.get(plan);
  if (!frames) panelFrames.set(plan, (frames = new Map()));
  const known = frames.get(e.id);
  if (known !== undefined) return known;
  const circuits = plan.childrenOf(e.id).filter((c) => c.role !== 'apfc' && c.role !== 'em');
  const tan = OWN_PF_TAN[e.role];
  // its own load is continuous (lighting, controllers, small motors on all shift): an incomer carries it at 80 %
  const own = tan === undefined ? 0 : (e.rating * Math.sqrt(1 + tan * tan)) / CONTINUOUS_LOADING;
  const connected = circuits.reduce((s, c) => s + ratedKva(plan, c), 0) + own;
  let amps = (diversity(circuits.length + (own > 0 ? 1 : 0)) * connected * 1000) / (Math.sqrt(3) * LT_VOLTS);
  const source = e.fedBy ? plan.byId.get(e.fedBy) : undefined;
  if (e.role === 'pcc' && source) amps = Math.max(amps, (ratedKva(plan, source) * 1000) / (Math.sqrt(3) * LT_VOLTS));
  const frame = Math.max(MIN_FRAME_A[e.role] ?? 0, firstAtLeast(PANEL_FRAMES_A, amps));
  frames.set(e.id, frame);
  return frame;
}

/**
 * What an equipment's meter counts as 100 % load, kVA: a machine's rated input, a panel's frame, a meter's the
 * sum of what it measures. One definition for the equipment's own `load_percent` and every meter above it.
 */
export function ratedKva(plan: CampusPlan, e: CampusEquip): number {
  switch (e.role) {
    case 'trf':
    case 'ats':
    case 'ups':
    case 'apfc':
      return e.rating;
    case 'dg':
      return e.rating / 0.8;
    case 'chiller':
      return e.rating * CHILLER_KVA_PER_TR;
    case 'ct':
      return motorKva(fanMotorKw(e.rating * CT_FAN_KW_PER_TR));
    case 'ahu':
      return motorKva(fanMotorKw(ahuFanKw(e.rating)));
    case 'pump':
    case 'compressor':
    case 'motor':
      return motorKva(e.rating);
    case 'em':
      return (e.measures ?? []).reduce((s, id) => s + ratedKva(plan, plan.byId.get(id)!), 0);
    default:
      return kvaOfAmps(panelFrameA(plan, e));
  }
}
