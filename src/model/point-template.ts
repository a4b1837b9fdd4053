import type { PointKind } from './point.js';

/**
 * A point an equipment type creates: its Haystack tags and how its sensor
 * behaves (noise, drift). The engine looks points up by (equipment, key).
 */
export interface PointTemplate {
  /** the users' short key, e.g. `zoneTemp`; also the point id suffix and `navName` */
  readonly key: string;
  /** display name suffix, e.g. `Zone Temp` */
  readonly dis: string;
  /** Haystack markers besides `point` and `his`, e.g. `zone air temp sensor` */
  readonly markers: string;
  readonly kind: PointKind;
  readonly unit?: string;
  readonly decimals: number;
  /** cumulative register: `hisTotalized`, never decreases, no noise */
  readonly totalized?: boolean;
  /** a register's rate point (key) when not the usual pair (`energy` ← `power`, volumes ← `flow`) */
  readonly rateKey?: string;
  /** a register counting its rate point's rises from off to on (starts) instead of integrating it */
  readonly countsRises?: boolean;
  /** a register's reading at the grid epoch lies in [min, max) (default: an energy meter's 100,000–1,000,000) */
  readonly registerStart?: readonly [number, number];
  /** standard deviation of measurement noise in the point's unit (0 for commands and setpoints) */
  readonly noise?: number;
  /** relative noise, as a share of the value (flows, powers) */
  readonly relativeNoise?: number;
  /** a `%` that is a ratio, not a share, and reads past 100 (a current THD of a lightly loaded drive) */
  readonly pastHundred?: boolean;
  /**
   * an instrument that shows exactly 0 while the quantity is absent (a power meter below its starting voltage or
   * current: a dead bus reads 0 V and 0 Hz, not noise around 0)
   */
  readonly zeroSuppressed?: boolean;
  /** the sensor drifts slowly and is recalibrated now and then */
  readonly drifts?: boolean;
  /** Str tags besides the markers, e.g. `{ phasePower: 'L1' }` for one phase of a three-phase meter */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A Number point; `unit` undefined only for `count` points (Haystack units define no count). */
export function numberPoint(
  key: string,
  dis: string,
  markers: string,
  unit: string | undefined,
  decimals: number,
  extra?: Partial<PointTemplate>,
): PointTemplate {
  return { key, dis, markers, kind: 'Number', ...(unit ? { unit } : {}), decimals, ...extra };
}

/** Writable points are commands and setpoints. */
export function isWritable(template: PointTemplate): boolean {
  return /\b(cmd|sp)\b/.test(template.markers);
}

/** Point kinds a profile may log on change of value (`quality.cov.points`). */
export type CovPointKind = 'Bool' | 'Str' | 'sp';

/**
 * How the historian logs a point: 'interval' (a row every interval), 'change' (on any change: Bool and enum
 * points) or 'step' (on a change of one resolution step: setpoints). Registers are always logged every interval.
 */
export function historyLogging(template: PointTemplate, cov: readonly CovPointKind[]): 'interval' | 'change' | 'step' {
  if (template.totalized) return 'interval';
  if ((template.kind === 'Bool' && cov.includes('Bool')) || (template.kind === 'Str' && cov.includes('Str'))) return 'change';
  return template.kind === 'Number' && cov.includes('sp') && /\bsp\b/.test(template.markers) ? 'step' : 'interval';
}
