import { type HDict, HGrid, HRef, HStr } from 'haystack-core';
import { csvField, csvRecord } from '../../csv/csv-record.js';
import type { PointInfo } from '../../model/point.js';
import { entityType } from '../../model/entity-facts.js';
import { Status, STATUS_NAMES } from '../../sim/sample.js';
import type { GroundTruthEvent, SampleBatch } from '../../sim/sample.js';

export const HISTORY_CSV_HEADER = 'ts,point_id,value,status\n';
export const EVENTS_CSV_HEADER = 'id,type,entity_id,start,end,params\n';
export const POINTS_CSV_HEADER = 'index,id,key,dis,equipId,siteId,kind,unit,decimals,totalized\n';
export const ENTITIES_CSV_HEADER = 'id,dis,type,siteRef,spaceRef,equipRef,tags\n';

const SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** Beyond this the scaled integer is no longer exact, so toFixed takes over. */
const MAX_SCALED = 2 ** 53;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

enum Mode {
  Number,
  Bool,
  Enum,
}

interface PointFormat {
  /** `,<point id>,` as bytes, built once */
  readonly prefix: Uint8Array;
  readonly mode: Mode;
  readonly decimals: number;
  readonly labels: readonly Uint8Array[];
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const TRUE_BYTES = utf8('true');
const FALSE_BYTES = utf8('false');

/**
 * Encodes SampleBatches as `history.csv` rows (`ts,point_id,value,status`),
 * ordered by timestamp, then point index. Rows are assembled byte by byte in
 * two reusable buffers from per-point prefixes, so the hot path creates one
 * string per timestamp, not per value. Numbers are written from an integer
 * scaled by 10^decimals: equal to `toFixed(decimals)` for values already
 * rounded to their decimals (which is what the engine produces).
 */
export class HistoryCsvEncoder {
  private readonly formats: PointFormat[];
  /** `,<status>\n` for every byte value; unknown codes read `unknown` */
  private readonly suffixes: Uint8Array[];
  private readonly buffers: [Buffer, Buffer];
  private readonly tsBytes = Buffer.alloc(64);
  private readonly maxRowBytes: number;
  private next = 0;

  /**
   * @param enumLabels Str point id → names its integer codes stand for (the Haystack `enum` tag);
   *   Str codes without a name are written as numbers.
   */
  constructor(points: readonly PointInfo[], enumLabels: ReadonlyMap<string, readonly string[]> = new Map(), bufferBytes = 1 << 20) {
    this.formats = points.map((p) => {
      const labels = p.kind === 'Str' ? (enumLabels.get(p.id) ?? []) : [];
      return {
        prefix: utf8(`,${csvField(p.id)},`),
        mode: p.kind === 'Bool' ? Mode.Bool : labels.length > 0 ? Mode.Enum : Mode.Number,
        decimals: p.decimals,
        labels: labels.map((l) => utf8(csvField(l))),
      };
    });
    this.suffixes = Array.from({ length: 256 }, (_, s) => utf8(`,${STATUS_NAMES[s] ?? 'unknown'}\n`));
    const longest = (xs: readonly Uint8Array[]) => xs.reduce((m, x) => Math.max(m, x.length), 0);
    // toFixed below 1e21: sign, 21 digits, dot, decimals (larger values use the exponent form)
    const maxValue = 24 + points.reduce((m, p) => Math.max(m, p.decimals), 0);
    this.maxRowBytes =
      40 + // timestamp, even with an expanded year
      longest(this.formats.map((f) => f.prefix)) +
      this.formats.reduce((m, f) => Math.max(m, longest(f.labels)), maxValue) +
      longest(this.suffixes);
    const size = Math.max(bufferBytes, 4 * this.maxRowBytes);
    this.buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  }

  /**
   * Yields the rows of one batch as byte views. The two buffers alternate, so a
   * view stays valid until the second `next()` after it: a caller may start
   * writing one view, encode the next, then await the write.
   * Returns the number of rows.
   */
  *encode(batch: SampleBatch): Generator<Uint8Array, number, void> {
    const { timestamps, values, status } = batch;
    const formats = this.formats;
    const suffixes = this.suffixes;
    const steps = timestamps.length;
    const points = formats.length;
    let buf = this.buffers[this.next];
    const limit = buf.length - this.maxRowBytes;
    let pos = 0;
    let rows = 0;
    for (let k = 0; k < steps; k++) {
      const ts = this.tsBytes.subarray(0, this.tsBytes.write(new Date(timestamps[k]).toISOString(), 0, 'latin1'));
      for (let p = 0; p < points; p++) {
        const i = p * steps + k;
        // a row the historian never logged is not in the file at all
        if (status[i] === Status.Missing) continue;
        rows++;
        if (pos > limit) {
          yield buf.subarray(0, pos);
          this.next ^= 1;
          buf = this.buffers[this.next];
          pos = 0;
        }
        buf.set(ts, pos);
        pos += ts.length;
        const f = formats[p];
        pos = copy(f.prefix, buf, pos);
        const v = values[i];
        if (!Number.isNaN(v)) {
          if (f.mode === Mode.Number) pos = writeFixed(buf, pos, v, f.decimals);
          else if (f.mode === Mode.Bool) pos = copy(v !== 0 ? TRUE_BYTES : FALSE_BYTES, buf, pos);
          else {
            const label = Number.isInteger(v) ? f.labels[v] : undefined;
            pos = label ? copy(label, buf, pos) : writeFixed(buf, pos, v, f.decimals);
          }
        }
        pos = copy(suffixes[status[i]], buf, pos);
      }
    }
    if (pos > 0) {
      yield buf.subarray(0, pos);
      this.next ^= 1;
    }
    return rows;
  }
}

/** memcpy for longer fields; for a few bytes a loop beats the call (measured). */
function copy(src: Uint8Array, dst: Buffer, pos: number): number {
  if (src.length > 16) dst.set(src, pos);
  else for (let j = 0; j < src.length; j++) dst[pos + j] = src[j];
  return pos + src.length;
}

/** Writes `value.toFixed(decimals)` (for values rounded to `decimals`) and returns the new position. */
function writeFixed(buf: Buffer, pos: number, value: number, decimals: number): number {
  let a = value;
  if (a < 0) {
    buf[pos++] = MINUS;
    a = -a;
  }
  const scale = SCALES[decimals];
  const n = Math.round(a * scale);
  if (scale === undefined || !(n < MAX_SCALED)) return pos + buf.write(a.toFixed(decimals), pos, 'latin1');
  // exact: below 2^53 the quotient's rounding error is under 1/scale, so floor never rounds up
  let whole = Math.floor(n / scale);
  let frac = n - whole * scale;
  let digits = 1;
  for (let t = whole; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let j = pos + digits - 1; j >= pos; j--) {
    const q = Math.floor(whole / 10);
    buf[j] = ZERO + (whole - q * 10);
    whole = q;
  }
  pos += digits;
  if (decimals > 0) {
    buf[pos] = DOT;
    for (let j = pos + decimals; j > pos; j--) {
      const q = Math.floor(frac / 10);
      buf[j] = ZERO + (frac - q * 10);
      frac = q;
    }
    pos += decimals + 1;
  }
  return pos;
}

/** `events.csv` rows (no header); params as JSON with sorted keys. */
export function eventsCsv(events: readonly GroundTruthEvent[]): string {
  let out = '';
  for (const e of events) out += csvRecord([e.id, e.type, e.entityId, isoTime(e.start), isoTime(e.end), eventParamsJson(e)], csvField);
  return out;
}

/** An event's params as JSON with sorted keys, so equal events give equal text. */
export function eventParamsJson(e: GroundTruthEvent): string {
  return JSON.stringify(Object.fromEntries(Object.entries(e.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** `points.csv` with header: the point table as analysts join it to history.csv. */
export function pointsCsv(points: readonly PointInfo[]): string {
  let out = POINTS_CSV_HEADER;
  for (const p of points) {
    const fields = [
      String(p.index),
      p.id,
      p.key,
      p.dis,
      p.equipId,
      p.siteId,
      p.kind,
      p.unit ?? '',
      String(p.decimals),
      String(p.totalized),
    ];
    out += csvRecord(fields, csvField);
  }
  return out;
}

/** `entities.csv` with header: one flat row per entity, all tags as a Zinc dict in `tags`. */
export function entitiesCsv(entities: readonly HDict[]): string {
  let out = ENTITIES_CSV_HEADER;
  for (const e of entities) {
    const fields = [refValue(e, 'id'), strValue(e, 'dis'), entityType(e)];
    fields.push(refValue(e, 'siteRef'), refValue(e, 'spaceRef'), refValue(e, 'equipRef'), e.toZinc());
    out += csvRecord(fields, csvField);
  }
  return out;
}

/** All entities as one grid: `id`, `dis`, then every other tag name in sorted order. */
export function entitiesGrid(entities: readonly HDict[]): HGrid {
  const names = new Set<string>();
  for (const e of entities) for (const k of e.keys) names.add(k);
  names.delete('id');
  names.delete('dis');
  const columns = ['id', 'dis', ...[...names].sort()].map((name) => ({ name }));
  return HGrid.make({ columns, rows: [...entities] });
}

function refValue(entity: HDict, tag: string): string {
  const v = entity.get(tag);
  return v instanceof HRef ? v.value : '';
}

function strValue(entity: HDict, tag: string): string {
  const v = entity.get(tag);
  return v instanceof HStr ? v.value : '';
}
