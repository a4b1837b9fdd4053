import { uniform } from '../../random/rng.js';
import { MS_PER_MINUTE } from '../../time/clock.js';

/** Displacement power factor of each kind of load, uncorrected. */
const LOAD_PF = { motors: 0.86, drives: 0.9, elevators: 0.8, office: 0.93 } as const;
const TARGET_PF = 0.96;
/** a step goes in only when the demand left exceeds this share of it (no overcorrection to a leading PF) */
const SWITCH_IN_SHARE = 0.7;
/** how often the controller may switch a step: at most once per window, by its own timing */
const SWITCH_WINDOW_MS = 10 * MS_PER_MINUTE;

export interface ReactiveLoads {
  /** chillers (induction motors across the line), kW */
  motorsKw: number;
  /** VFD-driven fans and pumps, kW */
  drivesKw: number;
  elevatorsKw: number;
  /** lighting drivers, plugs and IT, kW */
  officeKw: number;
}

export interface CapacitorBank {
  readonly steps: number;
  readonly stepKvar: number;
  readonly key: number;
}

const tanOf = (pf: number) => Math.sqrt(1 - pf * pf) / pf;

/**
 * Power factor at the service after an automatic power-factor-correction
 * bank: the controller switches whole capacitor steps toward the target PF,
 * so the PF at the meter jumps by a step's worth as stages switch, lands
 * either side of the target and sags at peak when all steps are in. Which of
 * the two neighbouring step counts is in follows a dither per switching
 * window (the controller's deadband and delay), a pure function of time.
 */
export function correctedPowerFactor(load: ReactiveLoads, bank: CapacitorBank, seed: number, t: number): number {
  const kw = load.motorsKw + load.drivesKw + load.elevatorsKw + load.officeKw;
  if (!(kw > 0)) return 1;
  const kvar =
    load.motorsKw * tanOf(LOAD_PF.motors) +
    load.drivesKw * tanOf(LOAD_PF.drives) +
    load.elevatorsKw * tanOf(LOAD_PF.elevators) +
    load.officeKw * tanOf(LOAD_PF.office);
  const wanted = (kvar - kw * tanOf(TARGET_PF)) / bank.stepKvar;
  const steps = Math.max(
    0,
    Math.min(bank.steps, Math.floor(wanted + (1 - SWITCH_IN_SHARE) * uniform(seed, bank.key, Math.floor(t / SWITCH_WINDOW_MS)))),
  );
  const net = kvar - steps * bank.stepKvar;
  return kw / Math.sqrt(kw * kw + net * net);
}
