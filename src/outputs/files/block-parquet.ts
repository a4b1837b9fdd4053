import type { BlockColumn, ColumnBlock } from './column-block.js';

type ArrowModule = typeof import('apache-arrow');
type ParquetWasm = typeof import('parquet-wasm/node');

/** Rows per Parquet row group: large enough for scans, small enough for a reader's memory. */
export const ROW_GROUP_ROWS = 131_072;
/** Arrow IPC end-of-stream marker: continuation word, then a zero length. */
const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Parquet through Arrow: a file's blocks are appended as Arrow IPC record
 * batches (a spill file on disk), and the whole stream becomes one Parquet
 * file (arrow-rs compiled to WebAssembly: ZSTD, row groups of ROW_GROUP_ROWS)
 * when the file is complete. The modules load on first use, so runs that
 * write no Parquet never load them.
 */
export class BlockParquet {
  private constructor(
    private readonly arrow: ArrowModule,
    private readonly wasm: ParquetWasm,
  ) {}

  static async load(): Promise<BlockParquet> {
    const [arrow, wasm] = await Promise.all([import('apache-arrow'), import('parquet-wasm/node')]);
    return new BlockParquet(arrow, wasm);
  }

  /**
   * A block as Arrow IPC stream bytes: the schema message only if `withSchema`
   * (a file's first block), then the record batch, never the end marker, so
   * the blocks of one file concatenate into one stream.
   */
  ipcMessages(block: ColumnBlock, withSchema: boolean): Uint8Array {
    const a = this.arrow;
    const vectors: Record<string, import('apache-arrow').Vector> = {};
    for (const c of block.columns) vectors[c.name] = a.makeVector(this.data(c, block.rows));
    const stream = a.tableToIPC(new a.Table(vectors), 'stream');
    // a stream message starts with 0xFFFFFFFF and its metadata length; the schema message has no body
    const schemaBytes = 8 + new DataView(stream.buffer, stream.byteOffset + 4, 4).getInt32(0, true);
    return stream.subarray(withSchema ? 0 : schemaBytes, stream.length - EOS.length);
  }

  /** The Parquet file of concatenated IPC messages (schema first). */
  parquet(messages: Uint8Array): Uint8Array {
    const w = this.wasm;
    const ipc = new Uint8Array(messages.length + EOS.length);
    ipc.set(messages);
    ipc.set(EOS, messages.length);
    const props = new w.WriterPropertiesBuilder().setCompression(w.Compression.ZSTD).setMaxRowGroupSize(ROW_GROUP_ROWS).build();
    // writeParquet takes ownership of the table (and frees it)
    return w.writeParquet(w.Table.fromIPCStream(ipc), props);
  }

  private data(c: BlockColumn, rows: number): import('apache-arrow').Data {
    const a = this.arrow;
    switch (c.type) {
      case 'timestamp':
        return a.makeData({
          type: new a.TimestampMillisecond('UTC'),
          data: epochMsAsInt64(c.data),
          length: rows,
          nullBitmap: validity(rows, (r) => Number.isFinite(c.data[r])),
        });
      case 'double':
        return a.makeData({
          type: new a.Float64(),
          data: c.data,
          length: rows,
          nullBitmap: validity(rows, (r) => Number.isFinite(c.data[r])),
        });
      case 'integer':
        return a.makeData({ type: new a.Int32(), data: c.data, length: rows });
      case 'boolean': {
        const bits = new Uint8Array((rows + 7) >> 3);
        for (let r = 0; r < rows; r++) if (c.data[r] === 1) bits[r >> 3]! |= 1 << (r & 7);
        return a.makeData({ type: new a.Bool(), data: bits, length: rows, nullBitmap: validity(rows, (r) => c.data[r] !== 2) });
      }
      case 'string':
        return utf8Data(a, c.data);
    }
  }
}

/** Epoch ms (whole numbers below 2^53) as little-endian int64, without a BigInt per row. */
function epochMsAsInt64(ms: Float64Array): BigInt64Array {
  const words = new Uint32Array(ms.length * 2);
  for (let i = 0; i < ms.length; i++) {
    const v = Number.isFinite(ms[i]) ? ms[i]! : 0;
    const hi = Math.floor(v / 0x1_0000_0000);
    words[2 * i] = v - hi * 0x1_0000_0000;
    words[2 * i + 1] = hi;
  }
  return new BigInt64Array(words.buffer);
}

/** Arrow's validity bitmap, or undefined when every row is valid (no bitmap at all). */
function validity(rows: number, valid: (row: number) => boolean): Uint8Array | undefined {
  let bits: Uint8Array | undefined;
  for (let r = 0; r < rows; r++) {
    if (valid(r)) continue;
    if (!bits) {
      bits = new Uint8Array((rows + 7) >> 3).fill(0xff);
    }
    bits[r >> 3]! &= ~(1 << (r & 7));
  }
  return bits;
}

/** A Utf8 column: each distinct string encoded once (ids and labels repeat on every row). */
function utf8Data(a: ArrowModule, values: readonly (string | null)[]): import('apache-arrow').Data {
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
  const data = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  const nullBitmap = validity(values.length, (r) => values[r] !== null && values[r] !== undefined);
  return a.makeData({ type: new a.Utf8(), data, valueOffsets: offsets, length: values.length, nullBitmap });
}
