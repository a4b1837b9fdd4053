import { ArgsError } from '../../errors.js';
import type { PointInfo, PointKind } from '../../model/point.js';
import { DEFAULT_LAYOUT, type Layout, LAYOUTS } from '../../profile/schema.js';

export { DEFAULT_LAYOUT, type Layout } from '../../profile/schema.js';
/** Schema of the wide tables when none is given: where the users' own per-equipment tables are today. */
export const DEFAULT_WIDE_SCHEMA = 'public';

/** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
const MAX_IDENT_BYTES = 63;

/** The layout a flag or option names; anything else is an input error (exit 2). */
export function parseLayout(value: unknown, flag = '--layout'): Layout {
  if (value === undefined) return DEFAULT_LAYOUT;
  if (typeof value === 'string' && (LAYOUTS as readonly string[]).includes(value)) return value as Layout;
  throw new ArgsError(`${flag} ${JSON.stringify(value)}: unknown layout (known: ${LAYOUTS.join(', ')})`);
}

/** A schema name as given by the user: a plain lower-case identifier, so queries need no quotes. */
export function parseWideSchema(value: unknown, flag = '--wide-schema'): string {
  if (value === undefined) return DEFAULT_WIDE_SCHEMA;
  if (typeof value === 'string' && /^[a-z_][a-z0-9_]{0,62}$/.test(value) && value !== 'core' && !value.startsWith('pg_')) return value;
  throw new ArgsError(
    `${flag} ${JSON.stringify(value)}: expected a lower-case SQL name (letters, digits, underscore; not core or pg_*), e.g. public or plant`,
  );
}

/**
 * Any text → a lower-case identifier of [a-z0-9_] that needs no quoting:
 * runs of other characters become one `_`, a leading digit gets a `t_`
 * prefix, and a name past 63 bytes is cut and ends in a short hash of the
 * whole, so two long ids never meet in the same truncated name.
 */
export function sqlName(text: string, fallback: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents fall away: É → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  let name = base === '' ? fallback : /^[0-9]/.test(base) ? `t_${base}` : base;
  if (name.length > MAX_IDENT_BYTES) name = `${name.slice(0, MAX_IDENT_BYTES - 9).replace(/_+$/, '')}_${hash8(text)}`;
  return name;
}

/** 8 hex digits of FNV-1a: a stable tag for names that had to be cut. */
function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Column suffix per Haystack unit symbol, in the users' style (`active_power_kw`,
 * `voltage_v`, `water_flow_lpm`). Units that name no quantity a reader needs
 * (power factor, COP) add nothing; a unit not listed is spelled out by `unitSuffix`.
 */
const UNIT_SUFFIX: Readonly<Record<string, string>> = {
  '°F': 'f',
  '°C': 'c',
  '%': 'pct',
  '%RH': 'pct_rh',
  kW: 'kw',
  kWh: 'kwh',
  kVA: 'kva',
  kVAR: 'kvar',
  W: 'w',
  V: 'v',
  A: 'a',
  Hz: 'hz',
  cfm: 'cfm',
  cfh: 'cfh',
  'gal/min': 'gpm',
  'L/min': 'lpm',
  'L/s': 'lps',
  'm³/h': 'm3h',
  'inH₂O': 'inh2o',
  psi: 'psi',
  kPa: 'kpa',
  bar: 'bar',
  tonref: 'tons',
  'ft³': 'ft3',
  'm³': 'm3',
  gal: 'gal',
  'W/m²': 'w_m2',
  pf: '',
  COP: '',
};

function unitSuffix(unit: string | undefined): string {
  if (!unit) return '';
  const known = UNIT_SUFFIX[unit];
  if (known !== undefined) return known;
  return sqlName(unit.replace(/%/g, 'pct').replace(/°/g, '').replace(/\//g, '_per_'), '');
}

/**
 * A point key as a column: camelCase → snake_case, then the unit's suffix
 * unless the name already ends with it (`zoneTemp` °F → `zone_temp_f`,
 * `power` kW → `power_kw`, `voltage` V → `voltage_v`, `powerFactor` → `power_factor`).
 */
export function columnName(key: string, unit: string | undefined): string {
  // a key already in snake_case is the users' own column name (`active_power_kw`, `efficiency_percent`)
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(key)) return sqlName(key, 'value');
  const snake = sqlName(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2'), 'value');
  const suffix = unitSuffix(unit);
  const name = suffix === '' || snake === suffix || snake.endsWith(`_${suffix}`) ? snake : `${snake}_${suffix}`;
  return sqlName(name, 'value');
}

export type WideColumnType = 'double precision' | 'boolean' | 'text';

export function columnType(kind: PointKind): WideColumnType {
  return kind === 'Number' ? 'double precision' : kind === 'Bool' ? 'boolean' : 'text';
}

export interface WideColumn {
  readonly name: string;
  readonly type: WideColumnType;
  /** index of the point in the model and in every SampleBatch */
  readonly pointIndex: number;
  readonly pointId: string;
}

export interface WideTable {
  /** Haystack id of the equipment (or weather station) owning the points */
  readonly equipId: string;
  /** unquoted table name, [a-z0-9_], ≤ 63 bytes */
  readonly name: string;
  readonly columns: readonly WideColumn[];
}

/** What naming a point's table and column takes: the model's point, or one read back from core.entity. */
export type WidePoint = Pick<PointInfo, 'index' | 'id' | 'key' | 'equipId' | 'kind' | 'unit'>;

/**
 * One table per point owner (each equipment, the weather station), in the
 * model's point order. Names are unique within the site: a second owner or
 * column that maps to a name already taken gets `_2`, `_3`, ... Column `ts`
 * is reserved.
 */
export function planWideTables(model: { readonly points: readonly WidePoint[] }): WideTable[] {
  const owners = new Map<string, { equipId: string; points: WidePoint[] }>();
  for (const p of model.points) {
    let owner = owners.get(p.equipId);
    if (!owner) owners.set(p.equipId, (owner = { equipId: p.equipId, points: [] }));
    owner.points.push(p);
  }
  const tableNames = new Set<string>();
  return [...owners.values()].map((owner) => {
    const name = unique(sqlName(owner.equipId, 'equipment'), tableNames);
    const columnNames = new Set<string>(['ts']);
    const columns = owner.points.map((p) => ({
      name: unique(columnName(p.key, p.unit), columnNames),
      type: columnType(p.kind),
      pointIndex: p.index,
      pointId: p.id,
    }));
    return { equipId: owner.equipId, name, columns };
  });
}

/** `name`, or `name_2`, `name_3`... the first not yet in `taken` (which it joins). */
function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) {
    const suffix = `_${i}`;
    candidate = `${name.slice(0, MAX_IDENT_BYTES - suffix.length)}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}
