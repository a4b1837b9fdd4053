import { appendFile, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blockCsvHeader, blockCsvRows } from './block-csv.js';
import type { BlockParquet } from './block-parquet.js';
import type { ColumnBlock } from './column-block.js';
import { makeDirectories } from './make-directories.js';

/** How a file format encodes blocks: appended as they come, then completed into the final file. */
export interface BlockEncoding {
  readonly extension: 'csv' | 'parquet';
  /** bytes appended to the file's spill for a block (`first`: the file's first block) */
  encode(block: ColumnBlock, first: boolean): Uint8Array | string;
  /** writes the final file to `temp` from the spill (`shape`: a block with the file's columns); absent when the spill is the file itself (flushed and renamed) */
  complete?(spill: string, temp: string, shape: ColumnBlock): Promise<void>;
  /** ends what the encoding started (encoder threads) */
  close?(): Promise<void>;
}

export const csvEncoding: BlockEncoding = {
  extension: 'csv',
  encode: (block, first) => (first ? blockCsvHeader(block) : '') + blockCsvRows(block),
};

export function parquetEncoding(parquet: BlockParquet): BlockEncoding {
  return {
    extension: 'parquet',
    encode: (block, first) => parquet.ipcMessages(block, first),
    close: () => parquet.close(),
    complete: (spill, temp, shape) =>
      parquet.parquet({ spill, target: temp, textColumns: shape.columns.filter((c) => c.type === 'string').map((c) => c.name) }),
  };
}

/**
 * One partition file being filled: blocks are appended to a hidden spill
 * (`.data.parquet.part`) beside the final name, so memory holds one block at
 * a time, and only commit() makes `data.<ext>` appear, whole, by rename: a
 * final name is always a complete file, whatever kills the run.
 */
export class PartFile {
  readonly spill: string;
  private readonly temp: string;
  private blocks = 0;

  /** `tag` sets apart the hidden files of processes that write the same file at once (shards writing the points). */
  constructor(
    readonly path: string,
    private readonly encoding: BlockEncoding,
    tag = '',
  ) {
    [this.spill, this.temp] = unfinishedPaths(path, tag);
  }

  async append(block: ColumnBlock): Promise<void> {
    if (this.blocks === 0) {
      await makeDirectories(dirname(this.path));
      await rm(this.spill, { force: true });
    }
    await appendFile(this.spill, this.encoding.encode(block, this.blocks === 0));
    this.blocks++;
  }

  /** Completes the file from its spill; `empty` gives the columns of a file that got no block. */
  async commit(empty: ColumnBlock): Promise<void> {
    if (this.blocks === 0) await this.append(empty);
    if (!this.encoding.complete) return flushAndRename(this.spill, this.path);
    try {
      await this.encoding.complete(this.spill, this.temp, empty);
      // flushed here, not in the encoder thread: that thread encodes the next file meanwhile
      await flushAndRename(this.temp, this.path);
    } catch (error) {
      await rm(this.temp, { force: true }); // a half-written file (a full disk) goes too
      throw error;
    }
    await rm(this.spill, { force: true });
  }

  discard(): Promise<void> {
    return rm(this.spill, { force: true });
  }
}

async function flushAndRename(from: string, to: string): Promise<void> {
  const handle = await open(from, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(from, to);
}

/** The hidden files a partition file leaves while it is being written, its spill and its temp file (removed before a resume). */
export function unfinishedPaths(path: string, tag = ''): [string, string] {
  const dir = dirname(path);
  return [join(dir, `.${path.slice(dir.length + 1)}${tag}.part`), `${path}${tag}.tmp`];
}
