import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { StreamWriter } from './stream-writer.js';

const PARTIAL = '.partial';

/**
 * A file written as `<path>.partial`, with backpressure, and renamed to `<path>`
 * only by commit(): readers never see a half-written file, and a failed run
 * discards its partial file and leaves the previous one as it was. Several
 * files can be ended first and committed together (a dataset of tables).
 */
export class PartialFile {
  readonly partialPath: string;
  private readonly stream: WriteStream;
  private readonly writer: StreamWriter;

  constructor(readonly path: string) {
    this.partialPath = `${path}${PARTIAL}`;
    this.stream = createWriteStream(this.partialPath);
    this.writer = new StreamWriter(this.stream);
  }

  /** resolves when the file can take more */
  write(text: string): Promise<void> {
    return this.writer.write(text);
  }

  /** Flushes and closes the partial file; it is not yet in place. */
  end(): Promise<void> {
    return this.writer.end();
  }

  /** Puts an ended file in place, replacing any previous one at once. */
  commit(): Promise<void> {
    return rename(this.partialPath, this.path);
  }

  /** Abandons the file (after a failure anywhere): closes it and removes the partial file. */
  async discard(): Promise<void> {
    const closed = this.stream.closed ? undefined : once(this.stream, 'close');
    this.writer.destroy();
    await closed; // the file may still be opening: remove it only once it is closed
    await rm(this.partialPath, { force: true });
  }
}
