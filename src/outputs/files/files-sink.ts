import { open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HaysimError, OutputError } from '../../errors.js';
import type { SiteModel } from '../../model/site-model.js';
import type { Chunk } from '../../sim/sample.js';
import { batchShapeProblem } from '../../sim/sample.js';
import type { BeginOptions, RunDescriptor, Sink, WriteSummary } from '../output.js';
import * as enc from './files-encoder.js';
import { fileSize, filesIo, filesIoError, writeAll, writeFileAtomic } from './files-io.js';
import { checkSameRun, committedBytes, MANIFEST_FILE, manifestJson, newManifest, readManifest } from './files-manifest.js';
import type { Manifest } from './files-manifest.js';
import { type FilesOptions, refuseSharedHistory } from './files-options.js';
import { entityType, enumLabels } from '../../model/entity-facts.js';
import { makeDirectories } from './make-directories.js';

const HISTORY = 'history.csv';
const EVENTS = 'events.csv';
const SUMMARY = 'summary.json';
/** Everything this sink writes; `--reset` removes exactly these, never other files in the directory. */
const OWN_FILES = [HISTORY, EVENTS, 'entities.zinc', 'entities.json', 'entities.csv', 'points.csv', SUMMARY, MANIFEST_FILE];

interface RunState {
  readonly model: SiteModel;
  manifest: Manifest;
  readonly history: FileHandle;
  readonly events: FileHandle;
  readonly encoder: enc.HistoryCsvEncoder;
  readonly entities: Record<string, number>;
  /** chunk indexes complete on disk */
  readonly complete: Set<number>;
  /** chunks of this run's range that were already complete, or were written twice */
  readonly skipped: Set<number>;
  rowsWritten: number;
  chunksWritten: number;
  eventsWritten: number;
  /** a chunk failed half-way: cut the files back before the next one */
  dirty: boolean;
}

/**
 * Writes a run as plain files for people without a database (`--out DIR`):
 * `history.csv` (ts,point_id,value,status), `events.csv` (ground truth),
 * `points.csv`, the entities as `entities.csv`, Zinc and Hayson JSON, and `summary.json`.
 *
 * Each chunk is appended, flushed to disk, then recorded in `haysim-manifest.json`
 * (replaced atomically), so a resumed run cuts off a half-written chunk and skips
 * complete ones. `history.csv` is in write order: sorted by ts, then point within
 * each chunk, and globally sorted only if chunks were written in time order
 * (`summary.json` says which).
 */
export class FilesSink implements Sink {
  readonly name = 'files';
  /** absolute path of the output directory */
  readonly dir: string;
  private state: RunState | undefined;
  /** serializes writes: chunks are appended one after the other */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: FilesOptions) {
    this.dir = resolve(options.dir);
  }

  /** Nothing to connect to; begin() creates the directory. */
  async open(): Promise<void> {}

  async begin(model: SiteModel, run: RunDescriptor, options: BeginOptions): Promise<ReadonlySet<number>> {
    refuseSharedHistory(options.share);
    await this.close();
    const dir = this.dir;
    await filesIo('write', dir, 'cannot create the output directory', async () => {
      await makeDirectories(dir);
    });
    let manifest: Manifest | undefined;
    if (options.reset) {
      await filesIo('write', dir, 'cannot remove the previous files', () =>
        Promise.all(OWN_FILES.flatMap((f) => [f, `${f}.tmp`]).map((f) => rm(join(dir, f), { force: true }))),
      );
    } else {
      manifest = await filesIo('read', join(dir, MANIFEST_FILE), 'cannot read the manifest', () => readManifest(dir));
      if (manifest) checkSameRun(dir, manifest, run);
      else await this.refuseForeignFiles();
    }
    if (!manifest) {
      manifest = newManifest(run, Buffer.byteLength(enc.HISTORY_CSV_HEADER), Buffer.byteLength(enc.EVENTS_CSV_HEADER));
      await this.saveManifest(manifest);
    }
    const committed = committedBytes(manifest);
    const fresh = manifest.chunks.length === 0;
    const history = await this.openData(HISTORY, enc.HISTORY_CSV_HEADER, committed.history, fresh);
    let events: FileHandle;
    try {
      events = await this.openData(EVENTS, enc.EVENTS_CSV_HEADER, committed.events, fresh);
    } catch (error) {
      await history.close();
      throw error;
    }
    const entities: Record<string, number> = {};
    for (const type of model.entities.map(entityType)) entities[type] = (entities[type] ?? 0) + 1;
    const encoder = new enc.HistoryCsvEncoder(model.points, enumLabels(model.entities));
    const complete = new Set(manifest.chunks.map((c) => c.index));
    const inRange = manifest.chunks.filter((c) => c.firstTs !== null && c.firstTs >= run.start && c.firstTs < run.end);
    const skipped = new Set(inRange.map((c) => c.index));
    this.state = {
      model,
      manifest,
      history,
      events,
      encoder,
      entities,
      complete,
      skipped,
      rowsWritten: 0,
      chunksWritten: 0,
      eventsWritten: 0,
      dirty: false,
    };
    await this.writeEntities(model);
    return new Set(complete);
  }

  writeChunk(chunk: Chunk): Promise<void> {
    const done = this.queue.then(() => this.append(chunk));
    this.queue = done.catch(() => undefined);
    return done;
  }

  async finish(): Promise<WriteSummary> {
    await this.queue;
    const s = this.running('finish');
    const { chunks, profile, org, seed, fingerprint, intervalMs } = s.manifest;
    const sum = (f: (c: (typeof chunks)[number]) => number) => chunks.reduce((n, c) => n + f(c), 0);
    const times = chunks.flatMap((c) => (c.firstTs === null || c.lastTs === null ? [] : [c.firstTs, c.lastTs]));
    const sorted = chunks.every((c, i) => i === 0 || c.index > chunks[i - 1].index);
    const summary = {
      profile,
      org,
      seed,
      fingerprint,
      intervalMs,
      timeZone: s.model.timeZone,
      entities: s.entities,
      points: s.model.points.length,
      rows: sum((c) => c.rows),
      chunks: chunks.length,
      events: sum((c) => c.events),
      firstTs: times.length > 0 ? new Date(times.reduce((a, b) => Math.min(a, b))).toISOString() : null,
      lastTs: times.length > 0 ? new Date(times.reduce((a, b) => Math.max(a, b))).toISOString() : null,
      historySorted: sorted,
      historyOrder: sorted
        ? 'sorted by ts, then point'
        : 'chunks in the order they were written (sort by ts to combine), each sorted by ts, then point',
    };
    const path = join(this.dir, SUMMARY);
    await filesIo('flush', path, 'cannot write the summary', () => writeFileAtomic(path, `${JSON.stringify(summary, null, 1)}\n`));
    const { rowsWritten, chunksWritten, eventsWritten } = s;
    return { entities: { ...s.entities }, rowsWritten, chunksWritten, chunksSkipped: s.skipped.size, eventsWritten, location: this.dir };
  }

  /** Closes the files; safe to call twice, before begin and after a failure. */
  async close(): Promise<void> {
    await this.queue;
    const s = this.state;
    this.state = undefined;
    if (!s) return;
    // a failed chunk (a full disk) must not keep its bytes until the next run: cut the files back to what the manifest records
    if (s.dirty) {
      const at = committedBytes(s.manifest);
      await Promise.allSettled([s.history.truncate(at.history), s.events.truncate(at.events)]);
    }
    const results = await Promise.allSettled([s.history.close(), s.events.close()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw filesIoError('close', this.dir, 'cannot close the data files', failed.reason);
  }

  private async append(chunk: Chunk): Promise<void> {
    const s = this.running('writeChunk');
    const historyPath = join(this.dir, HISTORY);
    const problem = batchShapeProblem(chunk.batch, s.model.points.length);
    if (problem)
      throw new OutputError('SINK_WRITE_FAILED', this.name, 'write', historyPath, `chunk ${chunk.index} is malformed: ${problem}`);
    if (s.complete.has(chunk.index)) {
      s.skipped.add(chunk.index);
      return;
    }
    const at = committedBytes(s.manifest);
    let path = historyPath;
    try {
      if (s.dirty) await Promise.all([s.history.truncate(at.history), s.events.truncate(at.events)]);
      s.dirty = true;
      let historyBytes = at.history;
      const encoding = s.encoder.encode(chunk.batch);
      let rows = 0;
      let pending: Promise<void> | undefined;
      try {
        // encode the next buffer while the previous one is being written
        for (let step = encoding.next(); ; step = encoding.next()) {
          if (pending) await pending;
          if (step.done) {
            rows = step.value;
            break;
          }
          pending = writeAll(s.history, step.value, historyBytes);
          historyBytes += step.value.length;
        }
      } finally {
        encoding.return(0);
        // never leave a write in flight: the next chunk truncates and rewrites this region
        await pending?.catch(() => undefined);
      }
      path = join(this.dir, EVENTS);
      const eventBytes = Buffer.from(enc.eventsCsv(chunk.events), 'utf8');
      await writeAll(s.events, eventBytes, at.events);
      await Promise.all([s.history.datasync(), s.events.datasync()]);
      const ts = chunk.batch.timestamps;
      const record = {
        index: chunk.index,
        firstTs: ts.length > 0 ? ts[0] : null,
        lastTs: ts.length > 0 ? ts[ts.length - 1] : null,
        rows,
        events: chunk.events.length,
        historyBytes,
        eventsBytes: at.events + eventBytes.length,
      };
      const manifest = { ...s.manifest, chunks: [...s.manifest.chunks, record] };
      path = join(this.dir, MANIFEST_FILE);
      await writeFileAtomic(path, manifestJson(manifest));
      s.manifest = manifest;
      s.dirty = false;
      s.complete.add(chunk.index);
      s.rowsWritten += rows;
      s.chunksWritten += 1;
      s.eventsWritten += chunk.events.length;
    } catch (error) {
      throw filesIoError('write', path, `cannot write chunk ${chunk.index}`, error);
    }
  }

  private async writeEntities(model: SiteModel): Promise<void> {
    const grid = enc.entitiesGrid(model.entities);
    const files: [string, () => string][] = [
      ['entities.zinc', () => grid.toZinc()],
      ['entities.json', () => `${JSON.stringify(grid.toJSON())}\n`],
      ['entities.csv', () => enc.entitiesCsv(model.entities)],
      ['points.csv', () => enc.pointsCsv(model.points)],
    ];
    for (const [name, text] of files) {
      const path = join(this.dir, name);
      await filesIo('write', path, 'cannot write', () => writeFileAtomic(path, text()));
    }
  }

  /** Without a manifest, data files are someone else's: never overwrite them silently. */
  private async refuseForeignFiles(): Promise<void> {
    const found: string[] = [];
    for (const name of [HISTORY, EVENTS]) if ((await fileSize(join(this.dir, name))) >= 0) found.push(name);
    if (found.length > 0) {
      throw new HaysimError(
        'STORE_CONFLICT',
        `${this.dir} already has ${found.join(' and ')} but no ${MANIFEST_FILE}, so haysim did not write them; use --reset to overwrite them, or --out with another directory`,
      );
    }
  }

  /** Opens a data file at the committed length: cuts off a half-written chunk, or starts it with its header. */
  private openData(name: string, header: string, committed: number, fresh: boolean): Promise<FileHandle> {
    const path = join(this.dir, name);
    return filesIo('write', path, 'cannot open', async () => {
      const size = await fileSize(path);
      if (size < committed && !fresh) {
        throw new HaysimError(
          'STORE_CONFLICT',
          `${path} is ${size < 0 ? 'missing' : `${size} bytes`} but ${MANIFEST_FILE} records ${committed}: it was changed outside haysim; use --reset to start over`,
        );
      }
      const handle = await open(path, size < 0 ? 'w+' : 'r+');
      try {
        if (size < committed) {
          await handle.truncate(0);
          await writeAll(handle, Buffer.from(header, 'utf8'), 0);
        } else if (size > committed) {
          await handle.truncate(committed);
        }
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle;
    });
  }

  private saveManifest(manifest: Manifest): Promise<void> {
    const path = join(this.dir, MANIFEST_FILE);
    return filesIo('write', path, 'cannot write the manifest', () => writeFileAtomic(path, manifestJson(manifest)));
  }

  private running(method: string): RunState {
    if (!this.state) throw new Error(`FilesSink.${method}() called before begin() or after close()`);
    return this.state;
  }
}
