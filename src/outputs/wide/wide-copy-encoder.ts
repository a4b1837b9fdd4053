import type { SampleBatch } from '../../sim/sample.js';
import { Status } from '../../sim/sample.js';
import type { WideTable } from './wide-names.js';

/** 2000-01-01T00:00:00Z, the Postgres timestamp epoch, in Unix ms. */
const PG_EPOCH_MS = 946_684_800_000;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Binary COPY input for one wide table: a row per timestamp of the batch,
 * `ts` then one field per column. A reading the historian did not log
 * (status Missing) or a non-finite value is NULL; its status otherwise
 * (stale, fault) is not stored here but in the ground-truth events. The
 * buffer is reused across calls (it only grows): the Buffer returned is
 * valid until the next encode().
 */
export class WideCopyEncoder {
  private buf: Buffer;
  private off = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** @param labels per point index, the enum names of a Str point (its values are indexes into them) */
  encode(batch: SampleBatch, table: WideTable, labels: readonly (readonly string[] | undefined)[]): Buffer {
    const { timestamps, values, status } = batch;
    const n = timestamps.length;
    const cols = table.columns;
    const fields = 1 + cols.length;
    this.off = 0;
    // header, then per row: field count, ts, and at most 12 bytes per fixed-size field (texts grow the buffer)
    this.ensure(19 + n * (2 + 12 + cols.length * 12) + 2);
    this.buf.set(SIGNATURE, 0);
    this.buf.writeInt32BE(0, 11);
    this.buf.writeInt32BE(0, 15);
    this.off = 19;
    for (let k = 0; k < n; k++) {
      this.ensure(14 + cols.length * 12);
      const b = this.buf;
      b.writeInt16BE(fields, this.off);
      b.writeInt32BE(8, this.off + 2);
      const micros = Math.round((timestamps[k]! - PG_EPOCH_MS) * 1000);
      const hi = Math.floor(micros / 0x1_0000_0000);
      b.writeInt32BE(hi, this.off + 6);
      b.writeUInt32BE(micros - hi * 0x1_0000_0000, this.off + 10);
      this.off += 14;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        const i = col.pointIndex * n + k;
        const v = values[i]!;
        if (status[i] === Status.Missing || !Number.isFinite(v)) {
          this.ensure(4);
          this.buf.writeInt32BE(-1, this.off);
          this.off += 4;
        } else if (col.type === 'double precision') {
          this.ensure(12);
          this.buf.writeInt32BE(8, this.off);
          this.buf.writeDoubleBE(v, this.off + 4);
          this.off += 12;
        } else if (col.type === 'boolean') {
          this.ensure(5);
          this.buf.writeInt32BE(1, this.off);
          this.buf[this.off + 4] = v !== 0 ? 1 : 0;
          this.off += 5;
        } else {
          const text = labels[col.pointIndex]?.[v] ?? v.toFixed(batch.points[col.pointIndex]!.decimals);
          this.ensure(4 + 3 * text.length);
          const len = this.buf.write(text, this.off + 4, 'utf8');
          this.buf.writeInt32BE(len, this.off);
          this.off += 4 + len;
        }
      }
    }
    this.ensure(2);
    this.buf.writeInt16BE(-1, this.off);
    this.off += 2;
    return this.buf.subarray(0, this.off);
  }

  private ensure(bytes: number): void {
    if (this.off + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + bytes));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
  }
}
