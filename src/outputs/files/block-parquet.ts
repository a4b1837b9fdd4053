import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { startWorker, WorkerCalls } from '../../threads/worker-calls.js';
import { concat, ipcMessages } from './arrow-ipc.js';
import type { ColumnBlock } from './column-block.js';
import { writeAll } from './files-io.js';
import { IPC_EOS, ipcMessagesOf } from './ipc-spill-reader.js';

type ParquetWasm = typeof import('parquet-wasm/node');

/** Rows per Parquet row group: large enough for scans, small enough for a reader's memory. */
export const ROW_GROUP_ROWS = 131_072;

/** What an encoder thread is asked: encode the IPC stream file `spill` into the Parquet file `target`. */
export interface EncodeRequest {
  readonly spill: string;
  readonly target: string;
  readonly textColumns: readonly string[];
}

/**
 * Parquet through Arrow: a file's blocks are appended as Arrow IPC record
 * batches (arrow-ipc.ts; a spill file on disk), and the spill becomes one
 * Parquet file (arrow-rs compiled to WebAssembly: ZSTD, row groups of
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

  /** A block as Arrow IPC stream bytes (the schema message first if `withSchema`), to append to the file's others. */
  ipcMessages(block: ColumnBlock, withSchema: boolean): Uint8Array {
    return ipcMessages(block, withSchema);
  }

  /** Writes the Parquet file `target` from the spill `spill`, in the least busy thread. */
  async parquet(request: EncodeRequest): Promise<void> {
    const t = this.busy.indexOf(Math.min(...this.busy));
    this.busy[t]!++;
    try {
      await this.threads[t]!.call<void>(request);
    } finally {
      this.busy[t]!--;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/**
 * Writer settings. Dictionary encoding only for `textColumns`: on numbers it
 * halved the writer's speed and ZSTD made the files as small without it (45.7
 * against 46.3 B per wide campus row); labels and ids repeat, and there it pays.
 */
function writerProperties(w: ParquetWasm, textColumns: readonly string[]) {
  let builder = new w.WriterPropertiesBuilder()
    .setCompression(w.Compression.ZSTD)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setDictionaryEnabled(false);
  for (const name of textColumns) builder = builder.setColumnDictionaryEnabled(name, true);
  return builder.build();
}

/** The Parquet bytes of a small table's IPC messages (schema first, no end marker), encoded whole in memory. */
export function encodeParquet(w: ParquetWasm, messages: Uint8Array, textColumns: readonly string[]): Uint8Array {
  // writeParquet takes ownership of the table (and frees it)
  return w.writeParquet(w.Table.fromIPCStream(concat([messages, IPC_EOS])), writerProperties(w, textColumns));
}

/**
 * Encodes the IPC stream file `spill` into the Parquet file `target` as a
 * stream: the spill is read a record batch at a time and the writer's bytes
 * go to `target` as it emits them (a row group at a time), so memory holds a
 * batch and a row group, never the file. Returns the rows written.
 */
export async function encodeParquetFile(w: ParquetWasm, request: EncodeRequest): Promise<number> {
  const input = await open(request.spill, 'r');
  try {
    const messages = ipcMessagesOf(input);
    const first = await messages.next();
    if (first.done) throw new Error(`${request.spill} holds no Arrow schema`);
    const schema = first.value;
    let rows = 0;
    // the writer skips a batch the stream fails to give and still ends the file well-formed: keep the failure to throw it
    let failure: unknown;
    const batches = new ReadableStream(
      {
        async pull(controller) {
          try {
            const next = await messages.next();
            if (next.done) return controller.close();
            const table = w.Table.fromIPCStream(concat([schema, next.value, IPC_EOS]));
            for (const batch of table.recordBatches()) {
              rows += batch.numRows;
              controller.enqueue(batch);
            }
            table.free();
          } catch (error) {
            failure = error;
            controller.error(error);
          }
        },
      },
      { highWaterMark: 0 },
    );
    const parquet = await w.transformParquetStream(batches, writerProperties(w, request.textColumns));
    const output = await open(request.target, 'w');
    try {
      let position = 0;
      for await (const bytes of parquet as ReadableStream<Uint8Array>) {
        await writeAll(output, bytes, position);
        position += bytes.length;
      }
      if (failure !== undefined) throw failure;
    } finally {
      await output.close();
    }
    return rows;
  } finally {
    await input.close();
  }
}
