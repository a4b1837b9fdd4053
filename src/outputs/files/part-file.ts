import { appendFile, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blockCsvHeader, blockCsvRows } from './block-csv.js';
import type { BlockParquet } from './block-parquet.js';
import type { ColumnBlock } from './column-block.js';
import { writeFileAtomic } from './files-io.js';
import { makeDirectories } from './make-directories.js';

/** How a file format encodes blocks: appended as they come, then completed into the final file. */
export interface BlockEncoding {
  readonly extension: 'csv' | 'parquet';
  /** bytes appended to the file's spill for a block (`first`: the file's first block) */
  encode(block: ColumnBlock, first: boolean): Uint8Array | string;
  /** the final file's bytes from its spill's (`shape`: a block with the file's columns); absent when the spill is the file itself (flushed and renamed) */
  complete?(spill: Uint8Array, shape: ColumnBlock): Promise<Uint8Array>;
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
    complete: (spill, shape) =>
      parquet.parquet(
        spill,
        shape.columns.filter((c) => c.type === 'string').map((c) => c.name),
      ),
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
  private blocks = 0;

  constructor(
    readonly path: string,
    private readonly encoding: BlockEncoding,
  ) {
    this.spill = spillPath(path);
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
    if (this.encoding.complete) {
      await writeFileAtomic(this.path, await this.encoding.complete(await readFile(this.spill), empty));
      await rm(this.spill, { force: true });
      return;
    }
    const handle = await open(this.spill, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(this.spill, this.path);
  }

  discard(): Promise<void> {
    return rm(this.spill, { force: true });
  }
}

/** The hidden files a partition file leaves while it is being written (removed before a resume). */
export function unfinishedPaths(path: string): string[] {
  return [spillPath(path), `${path}.tmp`];
}

function spillPath(path: string): string {
  const dir = dirname(path);
  return join(dir, `.${path.slice(dir.length + 1)}.part`);
}
