import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HaysimError, OutputError } from '../../errors.js';
import { entityType } from '../../model/entity-facts.js';
import type { ShardShare } from '../../model/shard.js';
import type { SiteModel } from '../../model/site-model.js';
import type { Chunk, GroundTruthEvent } from '../../sim/sample.js';
import { batchShapeProblem } from '../../sim/sample.js';
import { pointEnumLabels } from '../core-store/entity-tags.js';
import type { BeginOptions, ChunkGrid, RunDescriptor, Sink, WriteSummary } from '../output.js';
import { planWideTables } from '../wide/wide-names.js';
import { LocalClock } from '../../time/clock.js';
import { BlockParquet, ROW_GROUP_ROWS } from './block-parquet.js';
import { type ColumnBlock, eventsBlock, haystackBlock, pointsBlock, wideBlock } from './column-block.js';
import { type Period, type PeriodKind, periodOf, periodsIn, splitByPeriod } from './file-periods.js';
import * as enc from './files-encoder.js';
import { fileSize, filesIo, filesIoError, writeFileAtomic } from './files-io.js';
import { type FileFormat, refuseSharedHistory } from './files-options.js';
import { makeDirectories } from './make-directories.js';
import { type BlockEncoding, csvEncoding, PartFile, parquetEncoding, unfinishedPaths } from './part-file.js';

const DATASET_FILE = 'haysim-dataset.json';
/** Files completed at once: their flushes overlap, and memory holds a block and a row group of each. */
const COMMITS_AT_ONCE = 4;

/** One kind of partitioned file: a folder of hive partitions and how a batch's rows become its blocks. */
interface PartSpec {
  /** folder under the output directory: `equipment=chiller_001`, `history`, `events` */
  readonly folder: string;
  readonly period: PeriodKind;
  /** rows of timestamps [k0, k1) of the chunk; undefined for events (buffered until the period ends) */
  readonly rows?: (chunk: Chunk, k0: number, k1: number) => ColumnBlock;
  /** timestamps per block: a block stays near a row group, however long the chunk (the Haystack layout has a row per point) */
  readonly steps: number;
  readonly empty: ColumnBlock;
}

interface RunState {
  readonly model: SiteModel;
  readonly run: RunDescriptor;
  readonly specs: readonly PartSpec[];
  readonly encoding: BlockEncoding;
  /** the site's zone: partitions are its calendar days and months */
  readonly clock: LocalClock;
  /** temp-file suffix of the files every shard writes (entities, points, summary): shards writing at once never share one */
  readonly temp: string;
  /** final paths complete on disk (or, for events, being completed) */
  readonly done: Set<string>;
  readonly open: Map<string, { part: PartFile; spec: PartSpec; period: Period }>;
  /** events by the path of their period's file, deduplicated by id */
  readonly events: Map<string, Map<string, GroundTruthEvent>>;
  lastChunkStart: number;
  /** files being completed while later chunks are written (encoding overlaps the engine), and the first failure */
  committing: Promise<void>;
  commitFailure?: unknown;
  rowsWritten: number;
  chunksWritten: number;
  chunksSkipped: number;
  eventsWritten: number;
}

/**
 * Writes a run as hive-partitioned files (`--out DIR --format parquet`, or any
 * format in the wide layout): wide, `equipment=<table>/month=YYYY-MM/data.<ext>`
 * with the wide tables' columns; Haystack, `history/date=YYYY-MM-DD/data.<ext>`
 * with `core.values_{org}`'s; both with `events/month=YYYY-MM/data.<ext>`, the
 * points and entities beside them. Periods are the site's local calendar days
 * and months (file-periods.ts); `ts` stays UTC. A file's
 * name comes from its equipment and period alone, and a file appears only
 * complete (spill, then rename), so its presence is the resume record and
 * runs splitting the site (shards) can fill one folder without talking.
 * Chunks must come in time order (runGeneration sends them so).
 */
export class PartitionedFilesSink implements Sink {
  readonly name = 'files';
  readonly dir: string;
  private state: RunState | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    options: { dir: string },
    readonly format: FileFormat,
    readonly layout: 'haystack' | 'wide',
  ) {
    this.dir = resolve(options.dir);
  }

  async open(): Promise<void> {}

  async begin(model: SiteModel, run: RunDescriptor, options: BeginOptions): Promise<ReadonlySet<number>> {
    await this.close();
    const share = options.share;
    if (this.layout === 'haystack') refuseSharedHistory(share);
    const encoding = this.format === 'parquet' ? parquetEncoding(BlockParquet.load()) : csvEncoding;
    try {
      await this.prepare(model, run, options, encoding);
    } catch (error) {
      await encoding.close?.();
      throw error;
    }
    return options.grid ? this.completeChunks(options.grid) : new Set();
  }

  private async prepare(model: SiteModel, run: RunDescriptor, options: BeginOptions, encoding: BlockEncoding): Promise<void> {
    const share = options.share;
    const specs = this.specs(model, share);
    const clock = new LocalClock(model.timeZone);
    const tag = share ? `.${share.label.replace(/[^a-z0-9_-]+/gi, '-')}` : '';
    const temp = `${tag}.tmp`;
    await filesIo('write', this.dir, 'cannot prepare the output directory', async () => {
      await makeDirectories(this.dir);
      if (options.reset) await this.removeOwnFiles();
      await this.claim(run, temp);
    });
    const done = new Set<string>();
    await filesIo('write', this.dir, 'cannot check the files already written', async () => {
      for (const spec of specs) {
        for (const period of periodsIn(spec.period, run.start, run.end, clock)) {
          const path = this.path(spec, period, encoding);
          if ((await fileSize(path)) >= 0) done.add(path);
          else await Promise.all(unfinishedPaths(path).map((p) => rm(p, { force: true })));
        }
      }
    });
    this.state = {
      model,
      run,
      specs,
      encoding,
      clock,
      temp,
      done,
      open: new Map(),
      events: new Map(),
      lastChunkStart: -Infinity,
      committing: Promise.resolve(),
      rowsWritten: 0,
      chunksWritten: 0,
      chunksSkipped: 0,
      eventsWritten: 0,
    };
    await this.writeTables(model, encoding, tag);
  }

  writeChunk(chunk: Chunk): Promise<void> {
    const done = this.queue.then(() => this.append(chunk));
    this.queue = done.catch(() => undefined);
    return done;
  }

  async finish(): Promise<WriteSummary> {
    await this.queue;
    const s = this.running('finish');
    this.commitInBackground(Infinity);
    await s.committing;
    if (s.commitFailure) throw s.commitFailure;
    const summary = { ...s.run, layout: this.layout, format: this.format, timeZone: s.model.timeZone, points: s.model.points.length };
    const path = join(this.dir, 'summary.json');
    await filesIo('flush', path, 'cannot write the summary', () => writeFileAtomic(path, `${JSON.stringify(summary, null, 1)}\n`, s.temp));
    const entities: Record<string, number> = {};
    for (const type of s.model.entities.map(entityType)) entities[type] = (entities[type] ?? 0) + 1;
    const { rowsWritten, chunksWritten, chunksSkipped, eventsWritten } = s;
    return { entities, rowsWritten, chunksWritten, chunksSkipped, eventsWritten, location: this.dir };
  }

  /** Resolves when the files of the periods written to their end are complete (what a kill after that keeps). */
  async settled(): Promise<void> {
    await this.queue;
    await this.state?.committing;
  }

  /** Drops the files still open (their spills); the complete ones stay for the next run. */
  async close(): Promise<void> {
    await this.settled();
    const s = this.state;
    this.state = undefined;
    if (s) await Promise.allSettled([...[...s.open.values()].map((o) => o.part.discard()), s.encoding.close?.()]);
  }

  /** The files this process writes: a shard (or selection) its equipment's, shard 1 also the events (one file a month holds every equipment's). */
  private specs(model: SiteModel, share: ShardShare | undefined): PartSpec[] {
    const labels = pointEnumLabels(model);
    const none = new Float64Array(0);
    const emptyBatch = { points: model.points, timestamps: none, values: none, status: new Uint8Array(0) };
    const events: PartSpec = { folder: 'events', period: 'month', steps: Infinity, empty: eventsBlock([]) };
    if (this.layout === 'haystack') {
      const rows = (c: Chunk, k0: number, k1: number) => haystackBlock(c.batch, labels, k0, k1);
      const steps = Math.max(1, Math.floor(ROW_GROUP_ROWS / model.points.length));
      return [{ folder: 'history', period: 'date', rows, steps, empty: haystackBlock(emptyBatch, labels, 0, 0) }, events];
    }
    const own = planWideTables(model).filter((table) => !share || share.equipIds.has(table.equipId));
    const tables = own.map((table) => ({
      folder: `equipment=${table.name}`,
      period: 'month' as const,
      rows: (c: Chunk, k0: number, k1: number) => wideBlock(c.batch, table, labels, k0, k1),
      steps: ROW_GROUP_ROWS,
      empty: wideBlock(emptyBatch, table, labels, 0, 0),
    }));
    return !share || share.siteFiles ? [...tables, events] : tables;
  }

  private path(spec: PartSpec, period: Period, encoding: BlockEncoding): string {
    return join(this.dir, spec.folder, `${spec.period}=${period.key}`, `data.${encoding.extension}`);
  }

  /** Chunks whose every file (each equipment's or the history's, and the events') is complete. */
  private completeChunks(grid: ChunkGrid): Set<number> {
    const s = this.running('begin');
    const complete = new Set<number>();
    const first = Math.floor((s.run.start - grid.epochMs) / grid.chunkMs);
    for (let c = first; grid.epochMs + c * grid.chunkMs < s.run.end; c++) {
      const from = Math.max(s.run.start, grid.epochMs + c * grid.chunkMs);
      const to = Math.min(s.run.end, grid.epochMs + (c + 1) * grid.chunkMs);
      const whole = s.specs.every((spec) =>
        periodsIn(spec.period, from, to, s.clock).every((p) => s.done.has(this.path(spec, p, s.encoding))),
      );
      if (whole) complete.add(c);
    }
    s.chunksSkipped = complete.size;
    return complete;
  }

  private async append(chunk: Chunk): Promise<void> {
    const s = this.running('writeChunk');
    const problem = batchShapeProblem(chunk.batch, s.model.points.length);
    if (problem) throw new OutputError('SINK_WRITE_FAILED', this.name, 'write', this.dir, `chunk ${chunk.index} is malformed: ${problem}`);
    const ts = chunk.batch.timestamps;
    if (ts.length === 0) return;
    if (ts[0]! < s.lastChunkStart) throw new Error(`PartitionedFilesSink: chunk ${chunk.index} came after a later one`);
    s.lastChunkStart = ts[0]!;
    if (s.commitFailure) throw s.commitFailure;
    this.commitInBackground(ts[0]!);
    // each file's blocks are encoded here in turn, the files' writes proceed together (one file system round trip per block, not per file)
    const writes: Promise<void>[] = [];
    for (const spec of s.specs) {
      if (!spec.rows) {
        this.collectEvents(spec, chunk.events);
        continue;
      }
      for (const { period, k0, k1 } of splitByPeriod(spec.period, ts, s.clock)) {
        const path = this.path(spec, period, s.encoding);
        if (s.done.has(path)) continue;
        let open = s.open.get(path);
        if (!open) s.open.set(path, (open = { part: new PartFile(path, s.encoding), spec, period }));
        const { part } = open;
        const rows = spec.rows;
        const appendBlocks = async () => {
          for (let k = k0; k < k1; k += spec.steps) {
            const block = rows(chunk, k, Math.min(k1, k + spec.steps));
            s.rowsWritten += block.rows;
            await part.append(block);
          }
        };
        writes.push(
          appendBlocks().catch((error) => Promise.reject(filesIoError('write', path, `cannot write chunk ${chunk.index}`, error))),
        );
      }
    }
    await settleAll(writes);
    s.chunksWritten++;
    // a period ending inside this chunk (a local midnight rarely meets the chunk grid) holds all its rows now
    this.commitInBackground(ts[ts.length - 1]! + s.run.intervalMs);
  }

  /** An event goes to the month of its start (or of the run's start, if it began before): the same file however the run is cut. */
  private collectEvents(spec: PartSpec, events: readonly GroundTruthEvent[]): void {
    const s = this.running('writeChunk');
    for (const e of events) {
      const path = this.path(spec, periodOf(spec.period, Math.max(e.start, s.run.start), s.clock), s.encoding);
      if (s.done.has(path)) continue;
      let held = s.events.get(path);
      if (!held) s.events.set(path, (held = new Map()));
      held.set(e.id, e);
    }
  }

  /**
   * Starts completing the files whose period ended by `t` and returns: the
   * next chunks are written meanwhile (their files are others); a failure
   * fails the next write or finish().
   */
  private commitInBackground(t: number): void {
    const s = this.running('writeChunk');
    const commits = this.commitBefore(t).catch((error) => {
      s.commitFailure ??= error;
    });
    // resolving to nothing: Promise.all's value would nest every earlier one, a list growing by a chunk for the whole run
    s.committing = Promise.all([s.committing, commits]).then(() => undefined);
  }

  /** Completes every file whose period ends at or before `t`, the events' included. */
  private async commitBefore(t: number): Promise<void> {
    const s = this.running('writeChunk');
    const commits: (() => Promise<void>)[] = [];
    for (const [path, open] of s.open) {
      if (open.period.end > t) continue;
      s.open.delete(path);
      commits.push(() => this.commit(path, open.part, open.spec.empty));
    }
    for (const spec of s.specs.filter((x) => !x.rows)) {
      for (const period of periodsIn(spec.period, s.run.start, Math.min(t, s.run.end), s.clock)) {
        const path = this.path(spec, period, s.encoding);
        if (period.end > t || s.done.has(path)) continue;
        s.done.add(path); // taken now: a commit started later must not take it again
        const events = [...(s.events.get(path)?.values() ?? [])].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
        s.events.delete(path);
        s.eventsWritten += events.length;
        const part = new PartFile(path, s.encoding);
        commits.push(() => part.append(eventsBlock(events)).then(() => this.commit(path, part, spec.empty)));
      }
    }
    // a few at a time: each holds a block and a row group in memory while it becomes Parquet
    const next = commits.values();
    await settleAll(
      Array.from({ length: COMMITS_AT_ONCE }, async () => {
        for (const task of next) await task();
      }),
    );
  }

  private async commit(path: string, part: PartFile, empty: ColumnBlock): Promise<void> {
    try {
      await part.commit(empty);
    } catch (error) {
      throw filesIoError('write', path, 'cannot complete the file', error);
    }
    this.running('writeChunk').done.add(path);
  }

  /** The points and entities beside the history: CSV, Zinc and Hayson JSON always, the points as Parquet too (`tag`: this shard's hidden files). */
  private async writeTables(model: SiteModel, encoding: BlockEncoding, tag: string): Promise<void> {
    const grid = enc.entitiesGrid(model.entities);
    const files: [string, () => string][] = [
      ['entities.zinc', () => grid.toZinc()],
      ['entities.json', () => `${JSON.stringify(grid.toJSON())}\n`],
      ['entities.csv', () => enc.entitiesCsv(model.entities)],
      ['points.csv', () => enc.pointsCsv(model.points)],
    ];
    for (const [name, text] of files) {
      const path = join(this.dir, name);
      await filesIo('write', path, 'cannot write', () => writeFileAtomic(path, text(), `${tag}.tmp`));
    }
    if (encoding.complete) {
      const path = join(this.dir, `points.${encoding.extension}`);
      const part = new PartFile(path, encoding, tag);
      const points = pointsBlock(model.points);
      await filesIo('write', path, 'cannot write', async () => {
        await part.append(points);
        await part.commit(points);
      });
    }
  }

  /** Records which run the folder holds; another run's data never mixes in (every shard of a run writes the same record). */
  private async claim(run: RunDescriptor, temp: string): Promise<void> {
    const { profile, org, seed, fingerprint, intervalMs, start, end } = run;
    const record = `${JSON.stringify({ layout: this.layout, format: this.format, profile, org, seed, fingerprint, intervalMs, start, end }, null, 1)}\n`;
    const path = join(this.dir, DATASET_FILE);
    const previous = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (previous !== undefined && previous !== record) {
      throw new HaysimError(
        'STORE_CONFLICT',
        `${this.dir} holds files of another run (${DATASET_FILE} differs: layout, format, profile, seed, interval or range); use --reset to overwrite them, or --out with another directory`,
      );
    }
    if (previous === undefined) await writeFileAtomic(path, record, temp);
  }

  /** `--reset`: removes what this sink writes (its partition folders and files), never anything else in the folder. */
  private async removeOwnFiles(): Promise<void> {
    const own = /^(equipment=.*|history|events|entities\.(zinc|json|csv)|points\.(csv|parquet)|summary\.json|haysim-dataset\.json)$/;
    for (const entry of await readdir(this.dir)) if (own.test(entry)) await rm(join(this.dir, entry), { recursive: true, force: true });
  }

  private running(method: string): RunState {
    if (!this.state) throw new Error(`PartitionedFilesSink.${method}() called before begin() or after close()`);
    return this.state;
  }
}

/** Waits for every promise, then fails with the first failure (no write is left in flight). */
async function settleAll(promises: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
