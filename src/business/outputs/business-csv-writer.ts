import { join, resolve } from 'node:path';
import { PartialFile } from '../../csv/partial-file.js';
import { OutputError, type IoOperation } from '../../errors.js';
import { describeIoError, writeFileAtomic } from '../../outputs/files/files-io.js';
import { makeDirectories } from '../../outputs/files/make-directories.js';
import type { TableDef } from '../tables/table-def.js';
import { csvHeader } from './business-csv-encoder.js';
import type { BusinessOutput, BusinessSummary } from './business-output.js';

/**
 * One `<table>.csv` per table and `summary.json` in a folder. Every table is
 * written under `<table>.csv.partial` and all are renamed to their real names
 * only when the whole dataset is written, then summary.json: a failed run
 * removes its partial files and leaves the previous dataset as it was.
 */
export class BusinessCsvWriter implements BusinessOutput {
  readonly name = 'csv';
  readonly location: string;
  private readonly files: PartialFile[] = [];
  /** the table being written */
  private current: PartialFile | undefined;
  private finished = false;

  constructor(private readonly dir: string) {
    this.location = resolve(dir);
  }

  async open(): Promise<void> {
    await this.io('write', this.dir, () => makeDirectories(this.dir));
  }

  async beginTable(table: TableDef): Promise<void> {
    this.current = new PartialFile(join(this.dir, `${table.name}.csv`));
    this.files.push(this.current);
    await this.write(csvHeader(table));
  }

  async write(text: string): Promise<void> {
    const file = this.current!;
    await this.io('write', file.partialPath, () => file.write(text));
  }

  async endTable(): Promise<void> {
    const file = this.current!;
    await this.io('flush', file.partialPath, () => file.end());
    this.current = undefined;
  }

  async finish(summary: BusinessSummary): Promise<void> {
    for (const file of this.files) await this.io('close', file.path, () => file.commit());
    const summaryPath = join(this.dir, 'summary.json');
    await this.io('write', summaryPath, () => writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`));
    this.finished = true;
  }

  async close(): Promise<void> {
    this.current = undefined;
    if (this.finished) return;
    await Promise.all(this.files.map((file) => file.discard()));
  }

  private async io<T>(operation: IoOperation, path: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new OutputError('SINK_WRITE_FAILED', 'csv', operation, path, describeIoError(error), error);
    }
  }
}
