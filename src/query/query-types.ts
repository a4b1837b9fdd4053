/**
 * The query library's inputs and results: plain data, the same for both layouts and both stores, so
 * formatters (text for LLM prompts, tables, JSON) and samplers sit on top without knowing SQL.
 */

export type QueryLayout = 'wide' | 'haystack';

/** What a column holds: numbers, booleans (0/1 in numeric aggregates) or enum labels. */
export type ColumnKind = 'number' | 'bool' | 'text';

export interface ColumnInfo {
  /** the wide layout's column name, in both layouts (`active_power_kw`, `zone_temp_f`) */
  readonly name: string;
  readonly kind: ColumnKind;
  /** Haystack unit symbol, null when the point has none */
  readonly unit: string | null;
  /** the point's Haystack id */
  readonly pointId: string;
  /** the point's display name */
  readonly description: string | null;
}

export interface EquipmentInfo {
  /** the wide layout's table name, in both layouts (`chiller_001`, `equip_ahu_1`) */
  readonly id: string;
  /** the equipment's Haystack id */
  readonly haystackId: string;
  readonly name: string | null;
  /** the most specific Haystack equip def (`chiller`, `ahu`, `vav`), `weatherStation` for a weather station */
  readonly type: string;
  readonly columns: readonly ColumnInfo[];
}

export type Cell = number | boolean | string | null;

/** One row of a series: `ts` (ISO 8601, UTC) and a value per column asked for. */
export type SeriesRow = { readonly ts: string } & { readonly [column: string]: Cell };

/** Every answer: its rows, how many, and how long the database took (ms, the statements only). */
export interface QueryResult<R> {
  readonly columns: readonly string[];
  readonly rows: readonly R[];
  readonly rowCount: number;
  readonly queryMs: number;
  /** more rows matched than the limit let through */
  readonly truncated: boolean;
}

export const AGGREGATIONS = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const OPERATORS = ['>', '>=', '<', '<=', '=', '!='] as const;
export type Operator = (typeof OPERATORS)[number];

/** A time as epoch ms, a Date or ISO 8601 text (a bare date or a time without offset is local at the site). */
export type TimeInput = number | Date | string;

export interface TimeRange {
  /** inclusive; default `to` − 24 h */
  readonly from?: TimeInput;
  /** exclusive; default just after the equipment's newest reading */
  readonly to?: TimeInput;
}

export interface LatestOptions {
  /** default: every column */
  readonly columns?: readonly string[];
}

export interface RangeOptions extends TimeRange {
  /** default: every column */
  readonly columns?: readonly string[];
  /** with `every`: one row per bucket */
  readonly agg?: Aggregation;
  /** bucket width, one of INTERVALS (`1m` … `1d`); needs `agg` */
  readonly every?: string;
  /** most rows returned (default 10,000) */
  readonly limit?: number;
}

export interface StatsOptions extends TimeRange {
  /** default: every number and boolean column */
  readonly columns?: readonly string[];
}

export interface ColumnStats {
  readonly column: string;
  readonly unit: string | null;
  /** readings of the column in the period */
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly avg: number | null;
  readonly sum: number | null;
}

export interface StatsResult extends QueryResult<ColumnStats> {
  /** timestamps in the period at which the equipment has a reading of any of the columns */
  readonly timestamps: number;
  /** the period, ISO 8601 */
  readonly from: string;
  readonly to: string;
}

export interface AnomalyOptions extends TimeRange {
  readonly column: string;
  readonly op: Operator;
  readonly value: number;
  /** most rows returned (default 1,000) */
  readonly limit?: number;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertOptions extends TimeRange {
  /** an equipment id (or Haystack id); default all */
  readonly equip?: string;
  /** this severity and above */
  readonly severity?: Severity;
  /** the last D (`24h`, `7d`) up to the newest reading in the store, instead of from/to */
  readonly since?: string;
  /** most rows returned (default 1,000) */
  readonly limit?: number;
}

export interface AlertRow {
  readonly ts: string;
  readonly equipment: string;
  readonly severity: Severity;
  readonly message: string;
  /** the column whose reading crossed the threshold */
  readonly metric: string;
  readonly threshold: number;
  readonly value: number | null;
  /** the labelled fault (core.haysim_event.event_key) that caused it, if any */
  readonly faultEvent: string | null;
}

export interface SqlOptions {
  /** most rows returned (default 10,000) */
  readonly limit?: number;
}

export interface EventOptions extends TimeRange {
  /** an equipment id (or Haystack id); default all */
  readonly equip?: string;
  /** one event type (`fault`, `stale`, `maintenance`, …); default all */
  readonly type?: string;
  /** the last D (`24h`, `7d`) up to the newest reading in the store, instead of from/to */
  readonly since?: string;
  /** most rows returned (default 1,000) */
  readonly limit?: number;
}

/** A labelled ground-truth event: what the simulation did to an equipment or one of its points, and when. */
export interface EventRow {
  /** stable key (core.haysim_event.event_key), the `faultEvent` of the alerts it caused */
  readonly key: string;
  readonly type: string;
  readonly equipment: string;
  /** the column of the point it hit, null when it hit the whole equipment */
  readonly column: string | null;
  /** ISO 8601, inclusive */
  readonly start: string;
  /** ISO 8601, exclusive */
  readonly end: string;
  readonly params: Readonly<Record<string, unknown>>;
}
