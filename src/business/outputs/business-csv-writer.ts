import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OutputError, type IoOperation } from '../../errors.js';
import { describeIoError, writeFileAtomic } from '../../outputs/files/files-io.js';
import type { TableDef } from '../tables/table-def.js';
import { csvHeader } from './business-csv-encoder.js';
import type { BusinessOutput, BusinessSummary } from './business-output.js';
import { StreamWriter } from './stream-writer.js';
import { makeDirectories } from '../../outputs/files/make-directories.js';

const PARTIAL = '.partial';

/**
 * One `<table>.csv` per table and `summary.json` in a folder. Every table is
 * written under `<table>.csv.partial` and all are renamed to their real names
 * only when the whole dataset is written, then summary.json: a failed run
 * removes its partial files and leaves the previous dataset as it was.
 */
export class BusinessCsvWriter implements BusinessOutput {
  readonly name = 'csv';
  readonly location: string;
  private readonly written: string[] = [];
  /** the table being written: its stream and its partial file */
  private current: { writer: StreamWriter; path: string } | undefined;
  private finished = false;

  constructor(private readonly dir: string) {
    this.location = resolve(dir);
  }

  async open(): Promise<void> {
    await this.io('write', this.dir, () => makeDirectories(this.dir));
  }

  async beginTable(table: TableDef): Promise<void> {
    const path = this.partialPath(table.name);
    this.written.push(table.name);
    this.current = { writer: new StreamWriter(createWriteStream(path)), path };
    await this.write(csvHeader(table));
  }

  async write(text: string): Promise<void> {
    const { writer, path } = this.current!;
    await this.io('write', path, () => writer.write(text));
  }

  async endTable(table: TableDef): Promise<void> {
    const { writer } = this.current!;
    await this.io('flush', this.partialPath(table.name), () => writer.end());
    this.current = undefined;
  }

  async finish(summary: BusinessSummary): Promise<void> {
    for (const name of this.written) {
      const path = this.csvPath(name);
      await this.io('close', path, () => rename(this.partialPath(name), path));
    }
    const summaryPath = join(this.dir, 'summary.json');
    await this.io('write', summaryPath, () => writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`));
    this.finished = true;
  }

  async close(): Promise<void> {
    this.current?.writer.destroy();
    this.current = undefined;
    if (this.finished) return;
    await Promise.all(this.written.map((name) => rm(this.partialPath(name), { force: true })));
  }

  private csvPath(table: string): string {
    return join(this.dir, `${table}.csv`);
  }

  private partialPath(table: string): string {
    return `${this.csvPath(table)}${PARTIAL}`;
  }

  private async io<T>(operation: IoOperation, path: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new OutputError('SINK_WRITE_FAILED', 'csv', operation, path, describeIoError(error), error);
    }
  }
}
