import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDict, HGrid, HMarker, HRef, HStr, ZincReader } from 'haystack-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaysimError, OutputError } from '../../errors.js';
import type { PointInfo } from '../../model/point.js';
import type { SiteModel } from '../../model/site-model.js';
import type { RunDescriptor } from '../output.js';
import type { Chunk } from '../../sim/sample.js';
import { FilesSink } from './files-sink.js';

/** Independent RFC 4180 reader: rows of fields; the text must end with a newline. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field !== '' || row.length > 0 || quoted) throw new Error('CSV ends in the middle of a row');
  return rows;
}

async function table(dir: string, name: string): Promise<Record<string, string>[]> {
  const [header, ...rows] = parseCsv(await readFile(join(dir, name), 'utf8'));
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`${name}: row has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}

// The Sink contract runs against FilesSink in test/contract/files-sink.contract.test.ts.

const m = HMarker.make();
const POINTS: PointInfo[] = [
  {
    index: 0,
    id: 'demo.ahu.temp',
    key: 'temp',
    dis: 'AHU Temp',
    equipId: 'demo.ahu',
    siteId: 'demo',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    totalized: false,
  },
  {
    index: 1,
    id: 'demo.ahu.run',
    key: 'run',
    dis: 'AHU Run',
    equipId: 'demo.ahu',
    siteId: 'demo',
    kind: 'Bool',
    decimals: 0,
    totalized: false,
  },
  {
    index: 2,
    id: 'demo.ahu.mode',
    key: 'mode',
    dis: 'AHU "Mode", manual',
    equipId: 'demo.ahu',
    siteId: 'demo',
    kind: 'Str',
    decimals: 0,
    totalized: false,
  },
];
const ENTITIES = [
  HDict.make({ id: HRef.make('demo'), dis: HStr.make('Demo Site'), site: m }),
  HDict.make({ id: HRef.make('demo.ahu'), dis: HStr.make('AHU'), equip: m, ahu: m, siteRef: HRef.make('demo') }),
  HDict.make({
    id: HRef.make('demo.ahu.mode'),
    dis: HStr.make(POINTS[2].dis),
    point: m,
    kind: HStr.make('Str'),
    enum: HStr.make('auto,manual'),
    equipRef: HRef.make('demo.ahu'),
    siteRef: HRef.make('demo'),
  }),
  HDict.make({
    id: HRef.make('demo.ahu.run'),
    dis: HStr.make('AHU Run'),
    point: m,
    kind: HStr.make('Bool'),
    equipRef: HRef.make('demo.ahu'),
    siteRef: HRef.make('demo'),
  }),
  HDict.make({
    id: HRef.make('demo.ahu.temp'),
    dis: HStr.make('AHU Temp'),
    point: m,
    kind: HStr.make('Number'),
    unit: HStr.make('°F'),
    equipRef: HRef.make('demo.ahu'),
    siteRef: HRef.make('demo'),
  }),
];
const MODEL: SiteModel = { profile: 'tiny', timeZone: 'UTC', entities: ENTITIES, points: POINTS };
const T0 = Date.UTC(2026, 2, 1);
const RUN: RunDescriptor = {
  org: 'demo',
  profile: 'tiny',
  seed: 7,
  intervalMs: 60_000,
  fingerprint: 'fp-tiny',
  start: T0,
  end: T0 + 3_600_000,
};

/** Chunk i: three one-minute steps; temp NaN at the last step (fault), mode 2 has no enum name. */
function chunk(i: number): Chunk {
  const timestamps = Float64Array.from([0, 1, 2], (k) => T0 + (i * 3 + k) * 60_000);
  const values = Float64Array.from([72 + i, -0.4, NaN, 1, 0, 1, 0, 1, 2]);
  const status = Uint8Array.from([0, 0, 2, 0, 0, 0, 0, 1, 0]);
  const events = [
    {
      id: `fault:demo.ahu.temp:${i}`,
      type: 'fault',
      entityId: 'demo.ahu.temp',
      start: timestamps[2],
      end: timestamps[2] + 60_000,
      params: { z: 1, a: 'x,"y"' },
    },
  ];
  return { index: i, batch: { points: POINTS, timestamps, values, status }, events };
}

const CHUNK0_ROWS = [
  '2026-03-01T00:00:00.000Z,demo.ahu.temp,72.0,ok',
  '2026-03-01T00:00:00.000Z,demo.ahu.run,true,ok',
  '2026-03-01T00:00:00.000Z,demo.ahu.mode,auto,ok',
  '2026-03-01T00:01:00.000Z,demo.ahu.temp,-0.4,ok',
  '2026-03-01T00:01:00.000Z,demo.ahu.run,false,ok',
  '2026-03-01T00:01:00.000Z,demo.ahu.mode,manual,stale',
  '2026-03-01T00:02:00.000Z,demo.ahu.temp,,fault',
  '2026-03-01T00:02:00.000Z,demo.ahu.run,true,ok',
  '2026-03-01T00:02:00.000Z,demo.ahu.mode,2,ok',
];
const chunk1Rows = () => CHUNK0_ROWS.map((r) => r.replace('72.0', '73.0').replace(/T00:0(\d)/, (_, k: string) => `T00:0${Number(k) + 3}`));

/** Chunk 7 with a sound shape, but its last time is beyond what a Date holds: several MiB reach the file, then the encoder fails. */
function failingChunk(): Chunk {
  const steps = 30_000;
  const timestamps = Float64Array.from({ length: steps }, (_, k) => (k === steps - 1 ? 9e15 : T0 + k * 1000));
  return {
    index: 7,
    batch: { points: POINTS, timestamps, values: new Float64Array(3 * steps), status: new Uint8Array(3 * steps) },
    events: [],
  };
}

describe('FilesSink', () => {
  let root: string;
  let dir: string;
  const sinks: FilesSink[] = [];
  const sink = () => {
    const s = new FilesSink({ dir });
    sinks.push(s);
    return s;
  };
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  const lines = async (name: string) => (await read(name)).split('\n').slice(1, -1);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'haysim-files-'));
    dir = join(root, 'nested', 'out');
  });
  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close();
    await rm(root, { recursive: true, force: true });
  });

  async function writeRun(chunks: number[], s = sink(), reset = false) {
    await s.open();
    const done = await s.begin(MODEL, RUN, { reset });
    for (const i of chunks) await s.writeChunk(chunk(i));
    return { done, summary: await s.finish() };
  }

  it('writes history.csv sorted by ts then point, with decimals, booleans, enum names and empty NaN', async () => {
    const { summary } = await writeRun([0, 1]);
    expect(await read('history.csv')).toBe(`${['ts,point_id,value,status', ...CHUNK0_ROWS, ...chunk1Rows()].join('\n')}\n`);
    expect(summary).toEqual({
      entities: { site: 1, equip: 1, point: 3 },
      rowsWritten: 18,
      chunksWritten: 2,
      chunksSkipped: 0,
      eventsWritten: 2,
      location: dir,
    });
  });

  it('writes events.csv with ISO times and params as JSON with sorted keys', async () => {
    await writeRun([0]);
    expect(await read('events.csv')).toBe(
      'id,type,entity_id,start,end,params\n' +
        'fault:demo.ahu.temp:0,fault,demo.ahu.temp,2026-03-01T00:02:00.000Z,2026-03-01T00:03:00.000Z,"{""a"":""x,\\""y\\"""",""z"":1}"\n',
    );
  });

  it('writes points.csv from the point table', async () => {
    await writeRun([]);
    expect(await read('points.csv')).toBe(
      'index,id,key,dis,equipId,siteId,kind,unit,decimals,totalized\n' +
        '0,demo.ahu.temp,temp,AHU Temp,demo.ahu,demo,Number,°F,1,false\n' +
        '1,demo.ahu.run,run,AHU Run,demo.ahu,demo,Bool,,0,false\n' +
        '2,demo.ahu.mode,mode,"AHU ""Mode"", manual",demo.ahu,demo,Str,,0,false\n',
    );
  });

  it('writes the entities as Zinc, Hayson JSON and a flat CSV that read back to the same dicts', async () => {
    await writeRun([]);
    const ids = ENTITIES.map((e) => (e.get('id') as HRef).value);
    const zinc = ZincReader.readValue(await read('entities.zinc'));
    expect(zinc).toBeInstanceOf(HGrid);
    const zincRows = (zinc as HGrid).getRows();
    expect(zincRows.map((r) => (r.get('id') as HRef).value)).toEqual(ids);
    zincRows.forEach((r, i) => expect(r.equals(ENTITIES[i]), ids[i]).toBe(true));
    const json = HGrid.make(JSON.parse(await read('entities.json')));
    json.getRows().forEach((r, i) => expect(r.equals(ENTITIES[i]), ids[i]).toBe(true));
    const csv = await table(dir, 'entities.csv');
    expect(csv.map((r) => [r.id, r.type, r.siteRef, r.equipRef, r.spaceRef])).toEqual([
      ['demo', 'site', '', '', ''],
      ['demo.ahu', 'equip', 'demo', '', ''],
      ['demo.ahu.mode', 'point', 'demo', 'demo.ahu', ''],
      ['demo.ahu.run', 'point', 'demo', 'demo.ahu', ''],
      ['demo.ahu.temp', 'point', 'demo', 'demo.ahu', ''],
    ]);
    expect(csv[2].dis).toBe('AHU "Mode", manual');
    csv.forEach((r, i) => expect((ZincReader.readValue(r.tags) as HDict).equals(ENTITIES[i]), ids[i]).toBe(true));
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

  it('gives a clear write error for a directory that cannot be created', async () => {
    await writeFile(join(root, 'file'), '');
    const target = join(root, 'file', 'out');
    const error = await new FilesSink({ dir: target }).begin(MODEL, RUN, { reset: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toMatchObject({ code: 'SINK_WRITE_FAILED', output: 'files', operation: 'write', target });
    expect((error as Error).message).toBe(
      `files write failed (${target}): cannot create the output directory: a part of the path is a file, not a directory (ENOTDIR)`,
    );
  });

  it('summarises the directory and says whether history.csv is globally sorted', async () => {
    await writeRun([2]);
    await writeRun([0]);
    const summary = JSON.parse(await read('summary.json'));
    expect(summary).toMatchObject({
      rows: 18,
      chunks: 2,
      events: 2,
      points: 3,
      historySorted: false,
      fingerprint: 'fp-tiny',
      intervalMs: 60_000,
    });
    expect(summary.entities).toEqual({ site: 1, equip: 1, point: 3 });
    expect([summary.firstTs, summary.lastTs]).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-01T00:08:00.000Z']);
  });

  it('writes byte-identical files for the same input', async () => {
    await writeRun([0, 1]);
    const names = (await readdir(dir)).sort();
    const first = await Promise.all(names.map(read));
    await rm(dir, { recursive: true });
    await writeRun([0, 1]);
    expect((await readdir(dir)).sort()).toEqual(names);
    expect(await Promise.all(names.map(read))).toEqual(first);
  });
});
