/** Haystack value kind of a point's history. */
export type PointKind = 'Number' | 'Bool' | 'Str';

/**
 * One row of the point table: what outputs need to label a value column
 * (ids, unit, precision), independent of how the engine computes it.
 */
export interface PointInfo {
  /** position in the model's point table and in every SampleBatch */
  readonly index: number;
  /** Haystack id, e.g. `equip-vav-3-north.zoneTemp` */
  readonly id: string;
  /** the users' short key, e.g. `zoneTemp` (also written as the `navName` tag) */
  readonly key: string;
  readonly dis: string;
  readonly equipId: string;
  readonly siteId: string;
  readonly kind: PointKind;
  /** Haystack unit symbol for Number points */
  readonly unit?: string;
  /** decimals the value is reported with (a BAS reports 0.1 °F, not 17 digits) */
  readonly decimals: number;
  /** cumulative register (`hisTotalized`): never decreases */
  readonly totalized: boolean;
  /** a register's rate point key, when not `power`/`flow` */
  readonly rateKey?: string;
  /** a register counting its rate point's rises from off to on (starts) */
  readonly countsRises?: boolean;
  /** range of a register's reading at the grid epoch, when not an energy meter's */
  readonly registerStart?: readonly [number, number];
}
