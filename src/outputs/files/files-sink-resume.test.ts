import { appendFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHUNK0_ROWS,
  chunk,
  chunk1Rows,
  failingChunk,
  filesSinkSession,
  MODEL,
  RUN,
  table,
} from '../../../test/fixtures/files-sink-fixture.js';
import { HaysimError } from '../../errors.js';

// How FilesSink resumes a directory, recovers from a crash or a failed chunk, and refuses one it cannot trust.

describe('FilesSink', () => {
  const { paths, sink, read, lines, writeRun } = filesSinkSession();
  let dir: string;
  beforeEach(() => {
    ({ dir } = paths);
  });

  it('cuts off a half-written chunk after a crash and resumes', async () => {
    const first = sink();
    await first.open();
    await first.begin(MODEL, RUN, { reset: false });
    await first.writeChunk(chunk(0));
    await first.close();
    const lengthAfter0 = (await stat(join(dir, 'history.csv'))).size;
    await appendFile(join(dir, 'history.csv'), '2026-03-01T00:03:00.000Z,demo.ahu.temp,7');
    await appendFile(join(dir, 'events.csv'), 'fault:half');
    const resumed = await writeRun([]);
    expect([...resumed.done]).toEqual([0]);
    expect((await stat(join(dir, 'history.csv'))).size).toBe(lengthAfter0);
    expect(await lines('history.csv')).toEqual(CHUNK0_ROWS);
    expect((await table(dir, 'events.csv')).map((e) => e.id)).toEqual(['fault:demo.ahu.temp:0']);
    const { summary } = await writeRun([1]);
    expect(summary).toMatchObject({ rowsWritten: 9, chunksWritten: 1 });
    expect(await lines('history.csv')).toEqual([...CHUNK0_ROWS, ...chunk1Rows()]);
  });

  it('reports a chunk that fails half-way and leaves no trace of it once the next chunk is written', async () => {
    const s = sink();
    await s.begin(MODEL, RUN, { reset: false });
    const big = failingChunk();
    const error = await s.writeChunk(big).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SINK_WRITE_FAILED', operation: 'write', target: join(dir, 'history.csv') });
    expect((error as Error).message).toMatch(/cannot write chunk 7: Invalid time value/);
    expect((await stat(join(dir, 'history.csv'))).size).toBeGreaterThan(2 << 20);
    await s.writeChunk(chunk(0));
    expect(await s.finish()).toMatchObject({ chunksWritten: 1, rowsWritten: 9 });
    expect(await lines('history.csv')).toEqual(CHUNK0_ROWS);
  });

  it('gives back the space of a chunk that failed half-way when it closes (a full disk is not kept full)', async () => {
    const s = sink();
    await s.begin(MODEL, RUN, { reset: false });
    await s.writeChunk(chunk(0));
    const committed = (await stat(join(dir, 'history.csv'))).size;
    const big = failingChunk();
    await expect(s.writeChunk(big)).rejects.toMatchObject({ code: 'SINK_WRITE_FAILED' });
    expect((await stat(join(dir, 'history.csv'))).size).toBeGreaterThan(2 << 20);
    await s.close();
    expect((await stat(join(dir, 'history.csv'))).size).toBe(committed);
    expect(await lines('history.csv')).toEqual(CHUNK0_ROWS);
  });

  it('rewrites a chunk whose data reached the file but not the manifest', async () => {
    await writeRun([0, 1]);
    const manifest = JSON.parse(await read('haysim-manifest.json'));
    manifest.chunks.pop(); // as if the process died between the data flush and the manifest rename
    await writeFile(join(dir, 'haysim-manifest.json'), JSON.stringify(manifest));
    const { done } = await writeRun([1]);
    expect([...done]).toEqual([0]);
    expect(await lines('history.csv')).toEqual([...CHUNK0_ROWS, ...chunk1Rows()]);
  });

  it('refuses a directory written by another run, naming the directory and the way out', async () => {
    await writeRun([0]);
    const s = sink();
    const error = await s.begin(MODEL, { ...RUN, fingerprint: 'fp-other' }, { reset: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HaysimError);
    expect(error).toMatchObject({ code: 'STORE_CONFLICT', exitCode: 1 });
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toMatch(/fp-tiny.*--reset.*--out/);
  });

  it('refuses data files it did not write, and reset removes only its own files', async () => {
    await writeRun([]);
    await rm(join(dir, 'haysim-manifest.json'));
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    await expect(sink().begin(MODEL, RUN, { reset: false })).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await writeRun([0], sink(), true);
    expect(await read('notes.txt')).toBe('keep me');
    expect((await readdir(dir)).sort()).toEqual([
      'entities.csv',
      'entities.json',
      'entities.zinc',
      'events.csv',
      'haysim-manifest.json',
      'history.csv',
      'notes.txt',
      'points.csv',
      'summary.json',
    ]);
  });

  it('refuses an unreadable manifest and a data file shorter than the manifest records', async () => {
    await writeRun([0]);
    await writeFile(join(dir, 'history.csv'), 'ts,point_id,value,status\n');
    await expect(sink().begin(MODEL, RUN, { reset: false })).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
      message: expect.stringMatching(/history\.csv is 25 bytes/),
    });
    await writeFile(join(dir, 'haysim-manifest.json'), '{"format":');
    await expect(sink().begin(MODEL, RUN, { reset: false })).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
      message: expect.stringMatching(/haysim-manifest\.json is not a haysim manifest/),
    });
  });
});
