import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HDict, HGrid, type HRef, ZincReader } from 'haystack-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK0_ROWS, chunk1Rows, ENTITIES, filesSinkSession, MODEL, RUN, table } from '../../../test/fixtures/files-sink-fixture.js';
import { OutputError } from '../../errors.js';
import { FilesSink } from './files-sink.js';

// What FilesSink writes; resuming and recovering a directory is in files-sink-resume.test.ts.
// The Sink contract runs against FilesSink in test/contract/files-sink.contract.test.ts.

describe('FilesSink', () => {
  const { paths, read, writeRun } = filesSinkSession();
  let root: string;
  let dir: string;
  beforeEach(() => {
    ({ root, dir } = paths);
  });

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
