import { ipcMessages } from './arrow-ipc.js';
import type { ColumnBlock } from './column-block.js';

type ParquetWasm = typeof import('parquet-wasm/node');

/** Rows per Parquet row group: large enough for scans, small enough for a reader's memory. */
export const ROW_GROUP_ROWS = 131_072;
/** Arrow IPC end-of-stream marker: continuation word, then a zero length. */
const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Parquet through Arrow: a file's blocks are appended as Arrow IPC record
 * batches (a spill file on disk), and the whole stream becomes one Parquet
 * file (arrow-rs compiled to WebAssembly: ZSTD, row groups of ROW_GROUP_ROWS)
 * when the file is complete. The module loads on first use, so runs that
 * write no Parquet never load it.
 */
export class BlockParquet {
  private constructor(private readonly wasm: ParquetWasm) {}

  static async load(): Promise<BlockParquet> {
    return new BlockParquet(await import('parquet-wasm/node'));
  }

  /** A block as Arrow IPC stream bytes (the schema message first if `withSchema`), to concatenate with the file's others. */
  ipcMessages(block: ColumnBlock, withSchema: boolean): Uint8Array {
    return ipcMessages(block, withSchema);
  }

  /**
   * The Parquet file of concatenated IPC messages (schema first). Dictionary
   * encoding only for `textColumns`: on numbers it halved the writer's speed
   * and ZSTD made the files as small without it (45.7 against 46.3 B per wide
   * campus row); labels and ids repeat, and there it pays.
   */
  parquet(messages: Uint8Array, textColumns: readonly string[]): Uint8Array {
    const w = this.wasm;
    const ipc = new Uint8Array(messages.length + EOS.length);
    ipc.set(messages);
    ipc.set(EOS, messages.length);
    let builder = new w.WriterPropertiesBuilder()
      .setCompression(w.Compression.ZSTD)
      .setMaxRowGroupSize(ROW_GROUP_ROWS)
      .setDictionaryEnabled(false);
    for (const name of textColumns) builder = builder.setColumnDictionaryEnabled(name, true);
    // writeParquet takes ownership of the table (and frees it)
    return w.writeParquet(w.Table.fromIPCStream(ipc), builder.build());
  }
}
