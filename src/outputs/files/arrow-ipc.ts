import type { BlockColumn, ColumnBlock } from './column-block.js';
import { FlatBuilder } from './flat-builder.js';

/**
 * A block as Arrow IPC stream messages, written straight from its typed
 * arrays (Arrow's columnar format is theirs: a double column's bytes are its
 * values buffer). The schema message comes first only if `withSchema` (a
 * file's first block); no end-of-stream marker, so the blocks of one file
 * concatenate into one stream. Format: arrow.apache.org/docs/format/Columnar.html
 * (encapsulated messages, Message.fbs and Schema.fbs, metadata version V5).
 */
export function ipcMessages(block: ColumnBlock, withSchema: boolean): Uint8Array {
  const columns = block.columns.map((c) => columnBuffers(c, block.rows));
  const parts: Uint8Array[] = [];
  if (withSchema) parts.push(...message(HEADER.schema, (b) => schemaHeader(b, block.columns), 0));
  const body = columns.flatMap((c) => c.buffers);
  let bodyLength = 0;
  const spans = body.map((buffer) => {
    const span = [bodyLength, buffer.length] as const;
    bodyLength += padded(buffer.length);
    return span;
  });
  const batch = (b: FlatBuilder) => {
    const nodes = b.pairs(columns.map((c) => [block.rows, c.nulls]));
    const buffers = b.pairs(spans);
    return b.table([() => b.int64(block.rows), () => b.offset(nodes), () => b.offset(buffers)]);
  };
  parts.push(...message(HEADER.recordBatch, batch, bodyLength));
  for (const buffer of body) parts.push(buffer, ZEROS.subarray(0, padded(buffer.length) - buffer.length));
  return concat(parts);
}

/** Arrow's MessageHeader union and Type union numbers, and the enum values used. */
const HEADER = { schema: 1, recordBatch: 3 } as const;
const TYPE = { int: 2, floatingPoint: 3, utf8: 5, bool: 6, timestamp: 10 } as const;
const METADATA_V5 = 4;
const DOUBLE = 2;
const MILLISECOND = 1;
const ZEROS = new Uint8Array(8);
const CONTINUATION = 0xffffffff;

/** Body buffers are 8-byte aligned. */
const padded = (n: number) => (n + 7) & ~7;

/** An encapsulated message: continuation word, metadata length, the Message flatbuffer (padded to 8), then its body. */
function message(type: number, header: (b: FlatBuilder) => number, bodyLength: number): Uint8Array[] {
  const b = new FlatBuilder();
  const headerRef = header(b);
  const meta = b.finish(b.table([() => b.int16(METADATA_V5), () => b.int8(type), () => b.offset(headerRef), () => b.int64(bodyLength)]));
  const prefix = new Uint8Array(8);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded(meta.length), true);
  return [prefix, meta, ZEROS.subarray(0, padded(meta.length) - meta.length)];
}

function schemaHeader(b: FlatBuilder, columns: readonly BlockColumn[]): number {
  const fields = columns.map((c) => {
    const name = b.string(c.name);
    const [typeId, type] = fieldType(b, c);
    const children = b.offsets([]);
    return b.table([
      () => b.offset(name),
      () => b.int8(1),
      () => b.int8(typeId),
      () => b.offset(type),
      undefined,
      () => b.offset(children),
    ]);
  });
  const vector = b.offsets(fields);
  return b.table([() => b.int16(0), () => b.offset(vector)]); // little-endian
}

function fieldType(b: FlatBuilder, c: BlockColumn): [number, number] {
  switch (c.type) {
    case 'timestamp': {
      const utc = b.string('UTC');
      return [TYPE.timestamp, b.table([() => b.int16(MILLISECOND), () => b.offset(utc)])];
    }
    case 'double':
      return [TYPE.floatingPoint, b.table([() => b.int16(DOUBLE)])];
    case 'integer':
      return [TYPE.int, b.table([() => b.int32(32), () => b.int8(1)])];
    case 'boolean':
      return [TYPE.bool, b.table([])];
    case 'string':
      return [TYPE.utf8, b.table([])];
  }
}

/** A column's body buffers in Arrow's order (validity first; empty when nothing is null) and its null count. */
function columnBuffers(c: BlockColumn, rows: number): { buffers: Uint8Array[]; nulls: number } {
  switch (c.type) {
    case 'timestamp':
    case 'double': {
      const { bits, nulls } = validity(rows, (r) => Number.isFinite(c.data[r]));
      const values = c.type === 'timestamp' ? epochMsAsInt64(c.data) : bytesOf(c.data);
      return { buffers: [bits, values], nulls };
    }
    case 'integer':
      return { buffers: [new Uint8Array(0), bytesOf(c.data)], nulls: 0 };
    case 'boolean': {
      const values = new Uint8Array((rows + 7) >> 3);
      for (let r = 0; r < rows; r++) if (c.data[r] === 1) values[r >> 3]! |= 1 << (r & 7);
      const { bits, nulls } = validity(rows, (r) => c.data[r] !== 2);
      return { buffers: [bits, values], nulls };
    }
    case 'string':
      return utf8Buffers(c.data);
  }
}

function bytesOf(a: Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Epoch ms (whole numbers below 2^53) as little-endian int64, without a BigInt per row; null rows hold 0. */
function epochMsAsInt64(ms: Float64Array): Uint8Array {
  const words = new Uint32Array(ms.length * 2);
  for (let i = 0; i < ms.length; i++) {
    const v = Number.isFinite(ms[i]) ? ms[i]! : 0;
    const hi = Math.floor(v / 0x1_0000_0000);
    words[2 * i] = v - hi * 0x1_0000_0000;
    words[2 * i + 1] = hi;
  }
  return new Uint8Array(words.buffer);
}

/** Arrow's validity bitmap and null count; no bytes at all when every row is valid. */
function validity(rows: number, valid: (row: number) => boolean): { bits: Uint8Array; nulls: number } {
  let bits = new Uint8Array(0);
  let nulls = 0;
  for (let r = 0; r < rows; r++) {
    if (valid(r)) continue;
    if (nulls++ === 0) bits = new Uint8Array((rows + 7) >> 3).fill(0xff);
    bits[r >> 3]! &= ~(1 << (r & 7));
  }
  if (nulls > 0 && rows & 7) bits[rows >> 3]! &= (1 << (rows & 7)) - 1; // bits past the last row stay 0
  return { bits, nulls };
}

/** A Utf8 column: validity, int32 offsets, the bytes; each distinct string encoded once (ids and labels repeat). */
function utf8Buffers(values: readonly (string | null)[]): { buffers: Uint8Array[]; nulls: number } {
  const encoded = new Map<string, Uint8Array>();
  const offsets = new Int32Array(values.length + 1);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    if (v !== null && v !== undefined) {
      let bytes = encoded.get(v);
      if (!bytes) encoded.set(v, (bytes = Buffer.from(v, 'utf8')));
      parts.push(bytes);
      size += bytes.length;
    }
    offsets[r + 1] = size;
  }
  const { bits, nulls } = validity(values.length, (r) => values[r] !== null && values[r] !== undefined);
  return { buffers: [bits, bytesOf(offsets), concat(parts)], nulls };
}

/** The parts one after another in one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
