import type { SampleBatch } from '../../sim/sample.js';
import { Status } from '../../sim/sample.js';
import { COPY_SIGNATURE, PG_EPOCH_MS, viewOf } from '../core-store/copy-binary-encoder.js';
import type { WideTable } from './wide-names.js';

/**
 * Binary COPY input for one wide table: a row per timestamp of the batch,
 * `ts` then one field per column. A reading the historian did not log
 * (status Missing) or a non-finite value is NULL; its status otherwise
 * (stale, fault) is not stored here but in the ground-truth events. The
 * buffer is reused across calls (it only grows): the Buffer returned is
 * valid until the next encode(). Fields go through a DataView, which V8
 * compiles to plain stores (Buffer's write*BE methods are ten times slower).
 */
export class WideCopyEncoder {
  private buf: Buffer;
  private view: DataView;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
    this.view = viewOf(this.buf);
  }

  /** @param labels per point index, the enum names of a Str point (its values are indexes into them) */
  encode(batch: SampleBatch, table: WideTable, labels: readonly (readonly string[] | undefined)[]): Buffer {
    const { timestamps, values, status } = batch;
    const n = timestamps.length;
    const cols = table.columns;
    const fields = 1 + cols.length;
    // header, then per row: field count, ts, and at most 12 bytes per fixed-size field (texts grow the buffer)
    this.ensure(0, 19 + n * (2 + 12 + cols.length * 12) + 2);
    this.buf.set(COPY_SIGNATURE, 0);
    let d = this.view;
    d.setInt32(11, 0);
    d.setInt32(15, 0);
    let o = 19;
    for (let k = 0; k < n; k++) {
      d = this.ensure(o, 14 + cols.length * 12);
      const micros = Math.round((timestamps[k]! - PG_EPOCH_MS) * 1000);
      const hi = Math.floor(micros / 0x1_0000_0000);
      d.setInt16(o, fields);
      d.setInt32(o + 2, 8);
      d.setInt32(o + 6, hi);
      d.setUint32(o + 10, micros - hi * 0x1_0000_0000);
      o += 14;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        const i = col.pointIndex * n + k;
        const v = values[i]!;
        if (status[i] === Status.Missing || !Number.isFinite(v)) {
          d.setInt32(o, -1);
          o += 4;
        } else if (col.type === 'double precision') {
          d.setInt32(o, 8);
          d.setFloat64(o + 4, v);
          o += 12;
        } else if (col.type === 'boolean') {
          d.setInt32(o, 1);
          d.setUint8(o + 4, v !== 0 ? 1 : 0);
          o += 5;
        } else {
          const text = labels[col.pointIndex]?.[v] ?? v.toFixed(batch.points[col.pointIndex]!.decimals);
          // room for the text and, as reserved per row, 12 bytes for each field after it
          d = this.ensure(o, 4 + 3 * text.length + (cols.length - c - 1) * 12);
          const len = this.buf.write(text, o + 4, 'utf8');
          d.setInt32(o, len);
          o += 4 + len;
        }
      }
    }
    d = this.ensure(o, 2);
    d.setInt16(o, -1);
    return this.buf.subarray(0, o + 2);
  }

  /** Room for `bytes` more after the first `used`; the view to write them through. */
  private ensure(used: number, bytes: number): DataView {
    if (used + bytes > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, used + bytes));
      this.buf.copy(next, 0, 0, used);
      this.buf = next;
      this.view = viewOf(next);
    }
    return this.view;
  }
}
