import type { PointInfo } from '../../model/point.js';
import type { GroundTruthEvent, SampleBatch } from '../../sim/sample.js';
import { Status, STATUS_NAMES } from '../../sim/sample.js';
import type { WideTable } from '../wide/wide-names.js';
import { eventParamsJson } from './files-encoder.js';

/**
 * Rows of one file as typed columns, whatever the format (CSV, Parquet):
 * `timestamp` is epoch ms in UTC; a non-finite `timestamp` or `double` and a `boolean` 2 are null.
 * A file's blocks always have the same columns in the same order.
 */
export type BlockColumn =
  | { readonly name: string; readonly type: 'timestamp'; readonly data: Float64Array }
  | { readonly name: string; readonly type: 'double'; readonly data: Float64Array }
  | { readonly name: string; readonly type: 'integer'; readonly data: Int32Array }
  | { readonly name: string; readonly type: 'boolean'; readonly data: Uint8Array }
  | { readonly name: string; readonly type: 'string'; readonly data: readonly (string | null)[] };

export interface ColumnBlock {
  readonly rows: number;
  readonly columns: readonly BlockColumn[];
}

const NULL_BOOL = 2;

/** Str point values are indexes into their enum labels; a code without one is written as its number. */
function label(labels: readonly string[] | undefined, point: PointInfo, v: number): string {
  return labels?.[v] ?? v.toFixed(point.decimals);
}

/**
 * Timestamps [k0, k1) of a batch as one wide table's rows, typed and named as
 * the wide PostgreSQL tables are (planWideTables): a row per timestamp, NULL
 * where the historian logged nothing (status Missing) or the value is not finite.
 */
export function wideBlock(
  batch: SampleBatch,
  table: WideTable,
  labels: readonly (readonly string[] | undefined)[],
  k0: number,
  k1: number,
): ColumnBlock {
  const { timestamps, values, status, points } = batch;
  const n = timestamps.length;
  const rows = k1 - k0;
  const columns: BlockColumn[] = [{ name: 'ts', type: 'timestamp', data: timestamps.slice(k0, k1) }];
  for (const col of table.columns) {
    const base = col.pointIndex * n;
    const absent = (i: number) => status[i] === Status.Missing || !Number.isFinite(values[i]!);
    if (col.type === 'double precision') {
      const data = new Float64Array(rows);
      for (let k = k0; k < k1; k++) data[k - k0] = absent(base + k) ? Number.NaN : values[base + k]!;
      columns.push({ name: col.name, type: 'double', data });
    } else if (col.type === 'boolean') {
      const data = new Uint8Array(rows);
      for (let k = k0; k < k1; k++) data[k - k0] = absent(base + k) ? NULL_BOOL : values[base + k] !== 0 ? 1 : 0;
      columns.push({ name: col.name, type: 'boolean', data });
    } else {
      const point = points[col.pointIndex]!;
      const data: (string | null)[] = new Array(rows);
      for (let k = k0; k < k1; k++) data[k - k0] = absent(base + k) ? null : label(labels[col.pointIndex], point, values[base + k]!);
      columns.push({ name: col.name, type: 'string', data });
    }
  }
  return { rows, columns };
}

/**
 * Timestamps [k0, k1) of a batch as narrow rows, shaped as `core.values_{org}`
 * holds them (value_n, value_b or value_s by the point's kind, and the status),
 * the point's Haystack id instead of its entity number; ordered by ts, then point.
 * A row the historian did not log is not there.
 */
export function haystackBlock(batch: SampleBatch, labels: readonly (readonly string[] | undefined)[], k0: number, k1: number): ColumnBlock {
  const { timestamps, values, status, points } = batch;
  const n = timestamps.length;
  let rows = 0;
  for (let p = 0; p < points.length; p++) for (let k = k0; k < k1; k++) if (status[p * n + k] !== Status.Missing) rows++;
  const ts = new Float64Array(rows);
  const ids: (string | null)[] = new Array(rows);
  const num = new Float64Array(rows).fill(Number.NaN);
  const bool = new Uint8Array(rows).fill(NULL_BOOL);
  const str: (string | null)[] = new Array(rows).fill(null);
  const stat: (string | null)[] = new Array(rows);
  let r = 0;
  for (let k = k0; k < k1; k++) {
    for (let p = 0; p < points.length; p++) {
      const i = p * n + k;
      if (status[i] === Status.Missing) continue;
      const point = points[p]!;
      const v = values[i]!;
      ts[r] = timestamps[k]!;
      ids[r] = point.id;
      stat[r] = STATUS_NAMES[status[i]!] ?? 'unknown';
      if (Number.isFinite(v)) {
        if (point.kind === 'Bool') bool[r] = v !== 0 ? 1 : 0;
        else if (point.kind === 'Str') str[r] = label(labels[p], point, v);
        else num[r] = v;
      }
      r++;
    }
  }
  return {
    rows,
    columns: [
      { name: 'ts', type: 'timestamp', data: ts },
      { name: 'point_id', type: 'string', data: ids },
      { name: 'value_n', type: 'double', data: num },
      { name: 'value_b', type: 'boolean', data: bool },
      { name: 'value_s', type: 'string', data: str },
      { name: 'status', type: 'string', data: stat },
    ],
  };
}

/** Ground-truth events as rows (as events.csv has them): params as JSON with sorted keys. */
export function eventsBlock(events: readonly GroundTruthEvent[]): ColumnBlock {
  return {
    rows: events.length,
    columns: [
      { name: 'id', type: 'string', data: events.map((e) => e.id) },
      { name: 'type', type: 'string', data: events.map((e) => e.type) },
      { name: 'entity_id', type: 'string', data: events.map((e) => e.entityId) },
      { name: 'start', type: 'timestamp', data: Float64Array.from(events, (e) => e.start) },
      { name: 'end', type: 'timestamp', data: Float64Array.from(events, (e) => e.end) },
      { name: 'params', type: 'string', data: events.map(eventParamsJson) },
    ],
  };
}

/** The point table (as points.csv has it), to join with the history by `id`. */
export function pointsBlock(points: readonly PointInfo[]): ColumnBlock {
  const str = (name: string, f: (p: PointInfo) => string | undefined): BlockColumn => ({
    name,
    type: 'string',
    data: points.map((p) => f(p) ?? null),
  });
  return {
    rows: points.length,
    columns: [
      { name: 'index', type: 'integer', data: Int32Array.from(points, (p) => p.index) },
      str('id', (p) => p.id),
      str('key', (p) => p.key),
      str('dis', (p) => p.dis),
      str('equipId', (p) => p.equipId),
      str('siteId', (p) => p.siteId),
      str('kind', (p) => p.kind),
      str('unit', (p) => p.unit),
      { name: 'decimals', type: 'integer', data: Int32Array.from(points, (p) => p.decimals) },
      { name: 'totalized', type: 'boolean', data: Uint8Array.from(points, (p) => (p.totalized ? 1 : 0)) },
    ],
  };
}
