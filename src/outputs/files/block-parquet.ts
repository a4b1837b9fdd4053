import { availableParallelism } from 'node:os';
import { startWorker, WorkerCalls } from '../../threads/worker-calls.js';
import { ipcMessages } from './arrow-ipc.js';
import type { ColumnBlock } from './column-block.js';

type ParquetWasm = typeof import('parquet-wasm/node');

/** Rows per Parquet row group: large enough for scans, small enough for a reader's memory. */
export const ROW_GROUP_ROWS = 131_072;
/** Arrow IPC end-of-stream marker: continuation word, then a zero length. */
const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** What an encoder thread is asked: a file's IPC messages (schema first, no end marker) and its text columns. */
export interface EncodeRequest {
  readonly ipc: Uint8Array;
  readonly textColumns: readonly string[];
}

/**
 * Parquet through Arrow: a file's blocks are appended as Arrow IPC record
 * batches (arrow-ipc.ts; a spill file on disk), and the whole stream becomes
 * one Parquet file (arrow-rs compiled to WebAssembly: ZSTD, row groups of
 * ROW_GROUP_ROWS) when the file is complete, in encoder threads (one per
 * core), so encoding a month's files overlaps the engine and each other.
 */
export class BlockParquet {
  private readonly busy: number[];

  private constructor(private readonly threads: readonly WorkerCalls<EncodeRequest>[]) {
    this.busy = threads.map(() => 0);
  }

  static load(): BlockParquet {
    const count = Math.max(1, availableParallelism());
    return new BlockParquet(
      Array.from({ length: count }, () => new WorkerCalls<EncodeRequest>(startWorker(import.meta.url, 'parquet-worker'))),
    );
  }

  /** A block as Arrow IPC stream bytes (the schema message first if `withSchema`), to concatenate with the file's others. */
  ipcMessages(block: ColumnBlock, withSchema: boolean): Uint8Array {
    return ipcMessages(block, withSchema);
  }

  /** The Parquet file of concatenated IPC messages, encoded by the least busy thread (`messages` moves there). */
  async parquet(messages: Uint8Array, textColumns: readonly string[]): Promise<Uint8Array> {
    const t = this.busy.indexOf(Math.min(...this.busy));
    this.busy[t]!++;
    try {
      const transfer =
        messages.byteOffset === 0 && messages.byteLength === messages.buffer.byteLength ? [messages.buffer as ArrayBuffer] : [];
      return await this.threads[t]!.call<Uint8Array>({ ipc: messages, textColumns }, transfer);
    } finally {
      this.busy[t]!--;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/**
 * The Parquet bytes of a file's IPC messages. Dictionary encoding only for
 * `textColumns`: on numbers it halved the writer's speed and ZSTD made the
 * files as small without it (45.7 against 46.3 B per wide campus row);
 * labels and ids repeat, and there it pays.
 */
export function encodeParquet(w: ParquetWasm, messages: Uint8Array, textColumns: readonly string[]): Uint8Array {
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
