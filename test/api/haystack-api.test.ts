import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDate, HDateTime, HDict, type HaysonGrid, HGrid, HNum, type HRef, HStr, makeValue, ZincReader } from 'haystack-core';
import { Client, HisRange } from 'haystack-nclient';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHaystack, type ServeHandle } from '../../src/api/haystack-service.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { generateOfficeStore } from '../helpers/office-store.js';

// The Haystack API as clients see it: a store `haysim generate` wrote, the real server on a free port,
// haystack-nclient 4.0.4 as the client and raw fetch for what a client library would never send.
const scratch = mkdtempSync(join(tmpdir(), 'haysim-serve-'));
const POINT = 'equip-vav-1-east.zoneTemp';
const SETPOINT = 'equip-vav-1-east.zoneTempSp';

async function serve(options: { allowWrites: boolean }): Promise<{ handle: ServeHandle; store: PgliteStore; base: string }> {
  const store = new PgliteStore({ dataDir: join(scratch, 'office') });
  const handle = await serveHaystack({ store, org: 'demo', host: '127.0.0.1', port: 0, allowWrites: options.allowWrites });
  return { handle, store, base: `http://127.0.0.1:${handle.port}` };
}

let server: Awaited<ReturnType<typeof serve>>;
let client: Client;
beforeAll(async () => {
  generateOfficeStore(join(scratch, 'office'), { end: '2025-07-16' });
  server = await serve({ allowWrites: false });
  client = new Client({ base: new URL(server.base), fetch: globalThis.fetch });
}, 240_000);
afterAll(async () => {
  await server?.handle.close();
  await server?.store.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('haystack-nclient against haysim serve', () => {
  it('about, ops and formats', async () => {
    const about = (await client.ops.about()).first!;
    expect(about.get<HStr>('productName')?.value).toBe('haysim');
    expect(about.get<HStr>('tz')?.value).toBe('New_York');
    const ops = (await client.ops.ops()).getRows().map((r) => r.get<HStr>('name')?.value);
    expect(ops).toEqual(
      expect.arrayContaining(['about', 'read', 'nav', 'hisRead', 'hisWrite', 'pointWrite', 'watchSub', 'watchPoll', 'watchUnsub', 'defs']),
    );
    expect((await client.ops.formats()).getRows().map((r) => r.get<HStr>('mime')?.value)).toContain('text/zinc');
  });

  it('reads by filter (with a -> ref path and a limit) and by ids, unknown ids as empty rows', async () => {
    const vavTemps = await client.ops.read('point and zone and temp and sensor and equipRef->vav');
    expect(vavTemps.length).toBe(48);
    expect((await client.ops.read('point', 5)).length).toBe(5);
    const byId = await client.ops.read([POINT, 'no-such-point']);
    expect(byId.length).toBe(2);
    expect(byId.get(0)?.get<HRef>('id')?.value).toBe(POINT);
    expect(byId.get(1)?.has('id')).toBe(false);
  });

  it('navigates site → floor → zone/equipment → points', async () => {
    const sites = await client.ops.nav();
    expect(sites.getRows().map((r) => r.get<HRef>('navId')?.value)).toEqual(['site-downtown-tower']);
    const underSite = await client.ops.nav('site-downtown-tower');
    expect(underSite.getRows().some((r) => r.has('floor'))).toBe(true);
    const floor1 = await client.ops.nav('space-floor-1');
    expect(floor1.getRows().some((r) => r.has('zone'))).toBe(true);
    const zone = await client.ops.nav('space-zone-1-east');
    expect(zone.getRows().map((r) => r.get<HRef>('id')?.value)).toContain('equip-vav-1-east');
    const points = await client.ops.nav('equip-vav-1-east');
    expect(points.getRows().every((r) => r.has('point'))).toBe(true);
    expect(points.getRows().map((r) => r.get<HRef>('id')?.value)).toContain(POINT);
  });

  it('hisRead: a date, a date range, a datetime range, today and yesterday', async () => {
    // the simulated data has realistic gaps (a missed reading now and then): hourly data is 24 rows at most
    const day = await client.ops.hisRead(POINT, HDate.make('2025-07-14'));
    expect(day.length).toBeGreaterThan(20);
    expect(day.length).toBeLessThanOrEqual(24);
    expect(day.first?.get<HDateTime>('ts')?.toZinc()).toMatch(/^2025-07-14T0\d:00:00-04:00 New_York$/);
    expect(day.first?.get<HNum>('val')?.unit?.symbol).toBe('°F');
    const twoDays = await client.ops.hisRead(POINT, [HDate.make('2025-07-14'), HDate.make('2025-07-15')]);
    expect(twoDays.length).toBeGreaterThan(day.length);
    expect(twoDays.last?.get<HDateTime>('ts')?.toZinc()).toMatch(/^2025-07-15T/);
    const morning = await client.ops.hisRead(POINT, [
      HDateTime.make('2025-07-14T06:00:00-04:00 New_York'),
      HDateTime.make('2025-07-14T09:00:00-04:00 New_York'),
    ]);
    expect(morning.getRows().map((r) => r.get<HDateTime>('ts')?.toZinc().slice(11, 13))).toEqual(
      day
        .getRows()
        .map((r) => r.get<HDateTime>('ts')?.toZinc().slice(11, 13))
        .filter((h) => h! >= '06' && h! < '09'),
    );
    // the store's data is in July 2025: today and yesterday are valid ranges with nothing in them
    expect((await client.ops.hisRead(POINT, HisRange.Today)).length).toBe(0);
    expect((await client.ops.hisRead(POINT, HisRange.Yesterday)).getColumnNames()).toEqual(['ts', 'val']);
  });

  it('hisRead in batch: range in meta, ids in rows, columns v0, v1 with their ids', async () => {
    const request = HGrid.make({
      meta: HDict.make({ range: HStr.make('2025-07-14') }),
      rows: [HDict.make({ id: HRef_(POINT) }), HDict.make({ id: HRef_(SETPOINT) })],
    });
    const grid = await client.ops.invokeOp('hisRead', request);
    const single = await client.ops.hisRead(POINT, HDate.make('2025-07-14'));
    expect(grid.length).toBeGreaterThanOrEqual(single.length);
    expect(grid.getRows().filter((r) => r.has('v0')).length).toBe(single.length);
    expect(grid.getColumn('v1')?.meta.get<HRef>('id')?.value).toBe(SETPOINT);
  });

  it('watchSub, watchPoll (nothing changed; refresh), watchUnsub as the spec sends them', async () => {
    const sub = await fetchGrid(`${server.base}/api/watchSub`, `ver:"3.0" watchDis:"t" lease:30s\nid\n@${POINT}\n@nope\n`);
    const watchId = sub.meta.get<HStr>('watchId')!.value;
    expect(sub.length).toBe(2);
    expect(sub.get(1)?.has('id')).toBe(false);
    expect((await fetchGrid(`${server.base}/api/watchPoll`, `ver:"3.0" watchId:"${watchId}"\nempty\n`)).length).toBe(0);
    const refreshed = await fetchGrid(`${server.base}/api/watchPoll`, `ver:"3.0" watchId:"${watchId}" refresh\nempty\n`);
    expect(refreshed.first?.get<HRef>('id')?.value).toBe(POINT);
    await fetchGrid(`${server.base}/api/watchUnsub`, `ver:"3.0" watchId:"${watchId}" close\nempty\n`);
    const gone = await fetchGrid(`${server.base}/api/watchPoll`, `ver:"3.0" watchId:"${watchId}"\nempty\n`, 404);
    expect(gone.isError()).toBe(true);
  });

  it('answers Hayson JSON and version 3 JSON on request, both decoded by haystack-core', async () => {
    const hayson = await fetch(`${server.base}/api/read?filter=site`, { headers: { accept: 'application/json' } });
    const grid = makeValue((await hayson.json()) as HaysonGrid) as HGrid;
    expect(grid.first?.get<HStr>('dis')?.value).toBe('Downtown Office Tower');
    const v3 = await fetch(`${server.base}/api/read?filter=site`, { headers: { accept: 'application/vnd.haystack+json;version=3' } });
    const body = (await v3.json()) as { rows: Record<string, string>[] };
    expect(body.rows[0]?.site).toBe('m:');
    expect(body.rows[0]?.dis).toBe('Downtown Office Tower');
    expect(body.rows[0]?.id).toBe('r:site-downtown-tower Downtown Office Tower');
  });

  it('refuses bad input with error grids and keeps serving', async () => {
    const bad = [
      [`${server.base}/api/read?filter=${encodeURIComponent('site and (')}`, 400],
      [`${server.base}/api/noSuchOp`, 404],
      [`${server.base}/api/hisRead?id=@${POINT}&range=2025-02-30`, 400],
      [`${server.base}/api/hisRead?id=@${POINT}&range=2025-07-15,2025-07-14`, 400],
      [`${server.base}/api/hisRead?id=@${POINT}&range=2020-01-01,2025-01-01`, 400],
      [`${server.base}/api/hisRead?id=@nope&range=today`, 404],
      [`${server.base}/api/read?id=notaref`, 400],
    ] as const;
    for (const [url, status] of bad) {
      const res = await fetch(url);
      expect(res.status, url).toBe(status);
      expect((ZincReader.readValue(await res.text()) as HGrid).isError(), url).toBe(true);
    }
    const notAGrid = await fetch(`${server.base}/api/read`, {
      method: 'POST',
      headers: { 'content-type': 'text/zinc' },
      body: 'ver:"3.0"\n"unterminated',
    });
    expect(notAGrid.status).toBe(400);
    const oversized = await fetch(`${server.base}/api/read`, {
      method: 'POST',
      headers: { 'content-type': 'text/zinc' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(oversized.status).toBe(413);
    expect((await client.ops.about()).first?.has('serverTime')).toBe(true);
  });

  it('refuses writes without permission and writes nothing', async () => {
    const before = await client.ops.hisRead(POINT, HDate.make('2025-07-14'));
    await expect(
      client.ops.hisWrite(POINT, [HDict.make({ ts: HDateTime.make('2025-07-14T00:00:00-04:00 New_York'), val: HNum.make(99, '°F') })]),
    ).rejects.toThrow(/write permission/);
    await expect(client.ops.pointWrite({ id: SETPOINT, level: 8, val: HNum.make(70, '°F') })).rejects.toThrow(/write permission/);
    const after = await client.ops.hisRead(POINT, HDate.make('2025-07-14'));
    expect(after.toZinc()).toBe(before.toZinc());
    const levels = await client.ops.pointRead(SETPOINT);
    expect(levels.getRows().every((r) => !r.has('val'))).toBe(true);
  });
});

describe('writes with --allow-writes', () => {
  let writer: Awaited<ReturnType<typeof serve>>;
  let wclient: Client;
  beforeAll(async () => {
    await server.handle.close();
    await server.store.close();
    writer = await serve({ allowWrites: true });
    wclient = new Client({ base: new URL(writer.base), fetch: globalThis.fetch });
  }, 60_000);
  afterAll(async () => {
    await writer?.handle.close();
    await writer?.store.close();
  });

  it('pointWrite: priority levels, the effective curVal, relinquish', async () => {
    await wclient.ops.pointWrite({ id: SETPOINT, level: 16, val: HNum.make(74, '°F'), who: 'test' });
    await wclient.ops.pointWrite({ id: SETPOINT, level: 8, val: HNum.make(70, '°F'), who: 'operator' });
    const levels = await wclient.ops.pointRead(SETPOINT);
    expect(levels.length).toBe(17);
    expect(levels.get(7)?.get<HNum>('val')?.value).toBe(70);
    expect(levels.get(15)?.get<HStr>('who')?.value).toBe('test');
    const curVal = async () => (await fetchGrid(`${writer.base}/api/watchSub`, `ver:"3.0" watchDis:"sp"\nid\n@${SETPOINT}\n`)).first!;
    expect((await curVal()).get<HNum>('curVal')?.value).toBe(70);
    expect((await curVal()).get<HNum>('writeLevel')?.value).toBe(8);
    await wclient.ops.pointWrite({ id: SETPOINT, level: 8 });
    expect((await curVal()).get<HNum>('curVal')?.value).toBe(74);
    await expect(wclient.ops.pointWrite({ id: SETPOINT, level: 18, val: HNum.make(1) })).rejects.toThrow(/level must be 1-17/);
    await expect(wclient.ops.pointWrite({ id: POINT, level: 8, val: HNum.make(1) })).rejects.toThrow(/not a writable point/);
  });

  it('hisWrite: samples land in the store and read back', async () => {
    const ts = HDateTime.make('2025-07-16T00:00:00-04:00 New_York');
    await wclient.ops.hisWrite(POINT, [HDict.make({ ts, val: HNum.make(71.5, '°F') })]);
    const back = await wclient.ops.hisRead(POINT, HDate.make('2025-07-16'));
    expect(back.first?.get<HNum>('val')?.value).toBe(71.5);
    await expect(wclient.ops.hisWrite(POINT, [HDict.make({ ts, val: HStr.make('warm') })])).rejects.toThrow(/holds number values/);
  });
});

function HRef_(id: string): HRef {
  return ZincReader.readValue(`@${id}`) as HRef;
}

async function fetchGrid(url: string, zinc: string, status = 200): Promise<HGrid> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/zinc', accept: 'text/zinc' }, body: zinc });
  expect(res.status).toBe(status);
  return ZincReader.readValue(await res.text()) as HGrid;
}
