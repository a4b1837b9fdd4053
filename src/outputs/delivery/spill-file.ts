import { open, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { makeDelivery } from './transport.js';
import type { Delivery } from './transport.js';

const BLOCK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * An append-only JSONL file of Deliveries that did not fit in memory, read back
 * in the order written. Each line is `<readings>\t<json>` so an existing file can
 * be counted without parsing it. A file left by an earlier process is replayed
 * first; close() drops the replayed prefix, so a clean restart never re-sends it
 * (after a crash, replayed-but-not-compacted lines are sent again: at least once).
 */
export class SpillFile {
  /** readings written and not yet taken */
  pending = 0;
  private writeAt = 0;
  /** bytes parsed into `buffered` */
  private readAt = 0;
  /** end offset of the last taken item */
  private takenAt = 0;
  private buffered: { item: Delivery; end: number }[] = [];

  private constructor(
    readonly path: string,
    private readonly maxBytes: number,
    private handle: FileHandle,
  ) {}

  static async open(path: string, maxBytes: number): Promise<SpillFile> {
    const handle = await open(path, 'a+');
    const file = new SpillFile(path, maxBytes, handle);
    try {
      await file.countExisting();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return file;
  }

  get sizeBytes(): number {
    return this.writeAt;
  }

  /** Appends one item; false (nothing written) when it would grow the file past its limit. */
  async append(item: Delivery): Promise<boolean> {
    const c = item.perMessage && [...item.perMessage];
    const json = JSON.stringify({ l: item.lane, t: item.targets, p: item.payload.toString('utf8'), e: [...item.ends], c });
    const line = Buffer.from(`${item.readings}\t${json}\n`, 'utf8');
    if (this.writeAt + line.length > this.maxBytes) return false;
    for (let done = 0; done < line.length; ) {
      // 'a+' appends wherever the position says; the offset only keeps our books
      const { bytesWritten } = await this.handle.write(line, done, line.length - done, null);
      done += bytesWritten;
    }
    this.writeAt += line.length;
    this.pending += item.readings;
    return true;
  }

  /** The next item in file order without taking it, or undefined when all are taken. */
  async peek(): Promise<Delivery | undefined> {
    if (this.buffered.length === 0 && this.readAt < this.writeAt) await this.readLines();
    return this.buffered[0]?.item;
  }

  /** Takes the item peek() returned; an empty file is truncated so it never grows without bound. */
  async take(): Promise<void> {
    const taken = this.buffered.shift();
    if (!taken) return;
    this.takenAt = taken.end;
    this.pending -= taken.item.readings;
    if (this.takenAt === this.writeAt) {
      await this.handle.truncate(0);
      this.writeAt = this.readAt = this.takenAt = 0;
    }
  }

  /** Closes the file, first cutting off what was taken so a restart replays only the rest. */
  async close(): Promise<void> {
    const { handle } = this;
    try {
      if (this.takenAt > 0 && this.takenAt < this.writeAt) {
        const rest = Buffer.alloc(this.writeAt - this.takenAt);
        await handle.read(rest, 0, rest.length, this.takenAt);
        const temp = await open(`${this.path}.tmp`, 'w');
        try {
          await temp.writeFile(rest);
          await temp.datasync();
        } finally {
          await temp.close();
        }
        await rename(`${this.path}.tmp`, this.path);
      }
    } finally {
      await handle.close();
    }
  }

  private async readLines(): Promise<void> {
    let size = BLOCK;
    for (;;) {
      const length = Math.min(size, this.writeAt - this.readAt);
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await this.handle.read(buf, 0, length, this.readAt);
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, 0); nl >= 0 && nl < bytesRead; nl = buf.indexOf(NEWLINE, start)) {
        const line = buf.toString('utf8', start, nl);
        const tab = line.indexOf('\t');
        const data = JSON.parse(line.slice(tab + 1)) as { l: string; t: string[]; p: string; e: number[]; c?: number[] };
        // spill files from before payloads were bytes hold `b` instead: say so rather than fail on a missing field
        if (typeof data.p !== 'string' || !Array.isArray(data.e))
          throw new Error(
            `${this.path}: a line in a format this haysim cannot replay (written by an earlier version?); replay it with that version or move the file away`,
          );
        start = nl + 1;
        const item = makeDelivery(
          data.l,
          data.t,
          Buffer.from(data.p, 'utf8'),
          Uint32Array.from(data.e),
          data.c && Uint32Array.from(data.c),
        );
        this.buffered.push({ item, end: this.readAt + start });
      }
      this.readAt += start;
      if (start > 0 || bytesRead === 0) return;
      size *= 2; // one line longer than the block
    }
  }

  /** Counts the readings in a file an earlier process left behind; cuts off a line a crash left half-written. */
  private async countExisting(): Promise<void> {
    const { size } = await this.handle.stat();
    const buf = Buffer.allocUnsafe(BLOCK);
    let lineStart = true;
    let digits = '';
    let count = 0;
    let complete = 0;
    for (let at = 0; at < size; ) {
      const { bytesRead } = await this.handle.read(buf, 0, BLOCK, at);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        const c = buf[i];
        if (lineStart) {
          if (c === 0x09) {
            count = Number(digits);
            digits = '';
            lineStart = false;
          } else digits += String.fromCharCode(c);
        } else if (c === NEWLINE) {
          this.pending += count;
          complete = at + i + 1;
          lineStart = true;
        }
      }
      at += bytesRead;
    }
    if (complete < size) await this.handle.truncate(complete);
    this.writeAt = complete;
  }
}
