// A made-up output, written the way a new one is added: one module (options and
// sink) and one registry line (in output.test.ts, which extends the registry).
import { appendFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { OutputError } from '../../src/errors.js';
import type { SiteModel } from '../../src/model/site-model.js';
import type { OutputOptions, RunDescriptor, Sink, WriteSummary } from '../../src/outputs/output.js';
import { batchShapeProblem, type Chunk, STATUS_NAMES } from '../../src/sim/sample.js';

const jsonlOptionsSchema = z.object({
  file: z.string().min(1).describe('JSON-lines file, one reading per line'),
  every: z.number().int().positive().default(1).describe('keep every n-th timestamp of each chunk'),
});

export const jsonlOptions: OutputOptions<typeof jsonlOptionsSchema> = {
  summary: 'write each reading as one JSON line to this file',
  schema: jsonlOptionsSchema,
  flags: { select: 'file', also: ['every'] },
};

/** `{"point","ts","value","status"}` per line; the value as the engine gives it (NaN → null). */
export class JsonlSink implements Sink {
  readonly name = 'jsonl';
  private model: SiteModel | undefined;
  private rows = 0;
  private chunks = 0;
  /** the runner keeps two chunks in flight: appends go one after another */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly options: z.output<typeof jsonlOptionsSchema>) {}

  async open(): Promise<void> {}

  async begin(model: SiteModel, _run: RunDescriptor): Promise<ReadonlySet<number>> {
    this.model = model;
    await writeFile(this.options.file, '');
    return new Set();
  }

  async writeChunk(chunk: Chunk): Promise<void> {
    const { points, timestamps, values, status } = chunk.batch;
    const problem = batchShapeProblem(chunk.batch, this.model!.points.length);
    if (problem) throw new OutputError('SINK_WRITE_FAILED', this.name, 'write', this.options.file, problem);
    const n = timestamps.length;
    const lines: string[] = [];
    for (let k = 0; k < n; k += this.options.every) {
      const ts = new Date(timestamps[k]!).toISOString();
      for (const p of points) {
        const v = values[p.index * n + k]!;
        lines.push(JSON.stringify({ point: p.id, ts, value: Number.isNaN(v) ? null : v, status: STATUS_NAMES[status[p.index * n + k]!] }));
      }
    }
    this.last = this.last.then(() => appendFile(this.options.file, lines.map((l) => `${l}\n`).join('')));
    await this.last;
    this.rows += lines.length;
    this.chunks++;
  }

  async finish(): Promise<WriteSummary> {
    return {
      entities: {},
      rowsWritten: this.rows,
      chunksWritten: this.chunks,
      chunksSkipped: 0,
      eventsWritten: 0,
      location: this.options.file,
    };
  }

  async close(): Promise<void> {}
}
