import type { SampleBatch } from '../../sim/sample.js';
import { batchShapeProblem, Status, STATUS_NAMES } from '../../sim/sample.js';

/** Columns of `core.values_{key}` in the order the encoder writes them. */
export const VALUES_COPY_COLUMNS = ['entity_id', 'ts', 'value_n', 'value_b', 'value_s', 'value_ts', 'status', 'value_dict'] as const;

/** Largest decimals a point may report with: keeps every intermediate below 2^53. */
export const MAX_DECIMALS = 12;

/** 2000-01-01T00:00:00Z, the Postgres timestamp epoch, in Unix ms. */
export const PG_EPOCH_MS = 946_684_800_000;
/** The binary COPY header's signature. */
export const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);
const NUMERIC_NEG = 0x4000;
/** row header + entity_id + ts + numeric (≤ 8 digits on the fast path) + bool + 3 NULLs + status */
const MAX_FIXED_ROW = 2 + 8 + 12 + (4 + 8 + 16) + 5 + 12 + (4 + 16);

/** What ValuesCopyEncoder encodes: a batch with the store's entity ids and enum labels (see encode()). */
export interface ValuesCopyJob {
  readonly batch: SampleBatch;
  readonly entityIds: Int32Array;
  readonly labels: readonly (readonly string[] | undefined)[];
}

/**
 * Encodes SampleBatches as Postgres binary COPY input for core.values_{key}.
 * The output buffer is kept and reused across calls (it only grows), so a
 * chunk costs one pass over the typed arrays and no allocation per value;
 * the Buffer encode() returns is only valid until the next call, those
 * pieces() yields are their own.
 */
export class ValuesCopyEncoder {
  private buf: Buffer;
  /** the buffer's fields are written through it: V8 compiles DataView calls to plain stores (Buffer's write*BE are ten times slower) */
  private view: DataView;
  private off = 0;
  /** scratch for base-10000 digits of one numeric */
  private readonly digits = new Int16Array(96);

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
    this.view = viewOf(this.buf);
  }

  /**
   * @param entityIds entity serial id per point index
   * @param labels per point index, the names of a Str point's enum: Str
   *   values are indexes into them (a Str point without labels, or a value
   *   outside them, is written as the number's text)
   * Rows are point-major (all of point 0, then point 1, ...) to match the
   * primary key order. NaN or ±Infinity values are written as NULL; rows with
   * status Missing (never logged) are not written at all.
   */
  encode(batch: SampleBatch, entityIds: Int32Array, labels: readonly (readonly string[] | undefined)[] = []): Buffer {
    const { tsHi, tsLo } = this.start(batch, entityIds);
    this.writeHeader();
    this.writeRows(batch, entityIds, labels, tsHi, tsLo, 0, batch.values.length);
    this.writeTrailer();
    return this.buf.subarray(0, this.off);
  }

  /**
   * The same bytes as encode(), in pieces of `rowsPerPiece` matrix cells
   * (fewer rows where some were never logged), each piece a Buffer of its
   * own (still valid after the next call). A caller can give the event loop
   * a turn between pieces: a day of a large site is a quarter of a second of
   * encoding, longer before the encoder is compiled.
   */
  *pieces(
    batch: SampleBatch,
    entityIds: Int32Array,
    labels: readonly (readonly string[] | undefined)[] = [],
    rowsPerPiece = 8192,
  ): Generator<Buffer> {
    const { tsHi, tsLo } = this.start(batch, entityIds);
    const cells = batch.values.length;
    const step = Math.max(1, Math.floor(rowsPerPiece));
    for (let i0 = 0; ; i0 += step) {
      this.off = 0;
      if (i0 === 0) this.writeHeader();
      const i1 = Math.min(cells, i0 + step);
      this.writeRows(batch, entityIds, labels, tsHi, tsLo, i0, i1);
      if (i1 >= cells) this.writeTrailer();
      yield Buffer.from(this.buf.subarray(0, this.off));
      if (i1 >= cells) return;
    }
  }

  /** Checks the batch and works out each timestamp's two halves (Postgres microseconds since 2000). */
  private start(batch: SampleBatch, entityIds: Int32Array): { tsHi: Int32Array; tsLo: Uint32Array } {
    const { timestamps } = batch;
    const n = timestamps.length;
    const problem = batchShapeProblem(batch, entityIds.length);
    if (problem) throw new Error(`batch shape mismatch: ${problem}`);
    const tsHi = new Int32Array(n);
    const tsLo = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const micros = Math.round((timestamps[k] - PG_EPOCH_MS) * 1000);
      const hi = Math.floor(micros / 0x1_0000_0000);
      tsHi[k] = hi;
      tsLo[k] = micros - hi * 0x1_0000_0000;
    }
    this.off = 0;
    return { tsHi, tsLo };
  }

  private writeHeader(): void {
    this.ensure(19);
    this.buf.set(COPY_SIGNATURE, this.off);
    this.view.setInt32(this.off + 11, 0); // flags
    this.view.setInt32(this.off + 15, 0); // header extension length
    this.off += 19;
  }

  private writeTrailer(): void {
    this.ensure(2);
    this.view.setInt16(this.off, -1);
    this.off += 2;
  }

  /** The rows of matrix cells [i0, i1): point-major, cell i is point ⌊i / n⌋ at timestamp i mod n. */
  private writeRows(
    batch: SampleBatch,
    entityIds: Int32Array,
    labels: readonly (readonly string[] | undefined)[],
    tsHi: Int32Array,
    tsLo: Uint32Array,
    i0: number,
    i1: number,
  ): void {
    const { points, values, status } = batch;
    const n = batch.timestamps.length;
    if (n === 0) return;
    this.ensure((i1 - i0) * MAX_FIXED_ROW + 2);
    for (let p = Math.floor(i0 / n); p * n < i1; p++) {
      const point = points[p];
      const id = entityIds[point.index];
      const kind = point.kind;
      const decimals = point.decimals;
      const names = labels[point.index];
      const last = Math.min(i1, (p + 1) * n);
      for (let i = Math.max(i0, p * n), k = i - p * n; i < last; k++, i++) {
        if (status[i] === Status.Missing) continue;
        const v = values[i];
        const present = Number.isFinite(v);
        this.ensure(MAX_FIXED_ROW);
        const b = this.view;
        const o = this.off;
        b.setInt16(o, 8);
        b.setInt32(o + 2, 4);
        b.setInt32(o + 6, id);
        b.setInt32(o + 10, 8);
        b.setInt32(o + 14, tsHi[k]);
        b.setUint32(o + 18, tsLo[k]);
        this.off = o + 22;
        if (kind === 'Number' && present) this.writeNumeric(v, decimals);
        else this.writeNull();
        if (kind === 'Bool' && present) this.writeBool(v !== 0);
        else this.writeNull();
        if (kind === 'Str' && present) this.writeText(names?.[v] ?? v.toFixed(decimals));
        else this.writeNull();
        this.writeNull(); // value_ts
        this.writeStatus(status[i]);
        this.writeNull(); // value_dict
      }
    }
  }

  /**
   * Binary NUMERIC: ndigits, weight, sign, dscale, then base-10000 digits,
   * most significant first. dscale = the point's decimals, so the database
   * shows exactly what the BAS reports (72.0, not 72). The value is taken as
   * round(v · 10^decimals), half away from zero.
   */
  writeNumeric(value: number, decimals: number): void {
    const neg = value < 0;
    const abs = neg ? -value : value;
    let ip = Math.trunc(abs);
    if (ip > Number.MAX_SAFE_INTEGER) {
      this.writeNumericText(BigInt(ip).toString(), '', neg, decimals);
      return;
    }
    let frac = Math.round((abs - ip) * POW10[decimals]);
    if (frac === POW10[decimals]) {
      ip += 1;
      frac = 0;
    }
    const d = this.digits;
    let nInt = 0;
    while (ip > 0) {
      const r = ip % 10000;
      d[nInt++] = r;
      ip = (ip - r) / 10000;
    }
    for (let lo = 0, hi = nInt - 1; lo < hi; lo++, hi--) {
      const t = d[lo];
      d[lo] = d[hi];
      d[hi] = t;
    }
    const fracGroups = Math.ceil(decimals / 4);
    let fracValue = frac * POW10[fracGroups * 4 - decimals];
    for (let g = fracGroups - 1; g >= 0; g--) {
      const q = Math.floor(fracValue / POW10[4 * g]);
      d[nInt + fracGroups - 1 - g] = q;
      fracValue -= q * POW10[4 * g];
    }
    this.writeDigits(nInt + fracGroups, nInt - 1, neg, decimals);
  }

  /** Slow path for magnitudes beyond 2^53 (no fractional part left at that size). */
  private writeNumericText(intText: string, fracText: string, neg: boolean, decimals: number): void {
    const intPad = '0'.repeat((4 - (intText.length % 4)) % 4) + intText;
    const fracPad = fracText.padEnd(Math.ceil(decimals / 4) * 4, '0');
    const all = intPad + fracPad;
    const count = all.length / 4;
    if (count > this.digits.length) throw new Error(`numeric too large: ${intText}`);
    for (let g = 0; g < count; g++) this.digits[g] = Number(all.slice(4 * g, 4 * g + 4));
    this.writeDigits(count, intPad.length / 4 - 1, neg, decimals);
  }

  /** Strips leading/trailing zero digits (a canonical NUMERIC) and writes the field. */
  private writeDigits(count: number, weight: number, neg: boolean, dscale: number): void {
    const d = this.digits;
    let first = 0;
    while (first < count && d[first] === 0) {
      first++;
      weight--;
    }
    let last = count;
    while (last > first && d[last - 1] === 0) last--;
    const ndigits = last - first;
    this.ensure(12 + 2 * ndigits);
    const b = this.view;
    let o = this.off;
    b.setInt32(o, 8 + 2 * ndigits);
    b.setInt16(o + 4, ndigits);
    b.setInt16(o + 6, ndigits === 0 ? 0 : weight);
    b.setUint16(o + 8, neg && ndigits > 0 ? NUMERIC_NEG : 0);
    b.setInt16(o + 10, dscale);
    o += 12;
    for (let i = first; i < last; i++, o += 2) b.setInt16(o, d[i]);
    this.off = o;
  }

  private writeText(text: string): void {
    this.ensure(4 + 3 * text.length);
    const len = this.buf.write(text, this.off + 4, 'utf8');
    this.view.setInt32(this.off, len);
    this.off += 4 + len;
  }

  /** The status text field, its bytes prepared once. */
  private writeStatus(status: number): void {
    const field = STATUS_FIELDS[status] ?? UNKNOWN_STATUS;
    this.ensure(field.length);
    this.buf.set(field, this.off);
    this.off += field.length;
  }

  private writeBool(value: boolean): void {
    this.ensure(5);
    this.view.setInt32(this.off, 1);
    this.view.setUint8(this.off + 4, value ? 1 : 0);
    this.off += 5;
  }

  private writeNull(): void {
    this.ensure(4);
    this.view.setInt32(this.off, -1);
    this.off += 4;
  }

  private ensure(bytes: number): void {
    if (this.off + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + bytes));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
    this.view = viewOf(next);
  }
}

/** Big-endian field writes into a buffer (DataView's default byte order is the protocol's). */
export const viewOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A text field: its length, then its UTF-8 bytes. */
function textField(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const field = Buffer.alloc(4 + bytes.length);
  field.writeInt32BE(bytes.length, 0);
  bytes.copy(field, 4);
  return field;
}

const STATUS_FIELDS = STATUS_NAMES.map(textField);
const UNKNOWN_STATUS = textField('unknown');
