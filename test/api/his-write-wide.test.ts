import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDate, HDateTime, HDict, HNum, HStr } from 'haystack-core';
import { Client } from 'haystack-nclient';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ServeHandle, serveHaystack } from '../../src/api/haystack-service.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { generateOfficeStore } from '../helpers/office-store.js';

// hisWrite on a store in the wide layout (a table per equipment, a column per point), through
// haystack-nclient against the real server; the rows are checked in the wide table itself.
const scratch = mkdtempSync(join(tmpdir(), 'haysim-hiswrite-wide-'));
const POINT = 'equip-vav-1-east.zoneTemp';
const TABLE = 'public.equip_vav_1_east';

let store: PgliteStore;
let handle: ServeHandle;
let client: Client;
beforeAll(async () => {
  generateOfficeStore(join(scratch, 'office'), { layout: 'wide' });
  store = new PgliteStore({ dataDir: join(scratch, 'office') });
  handle = await serveHaystack({ store, org: 'demo', host: '127.0.0.1', port: 0, allowWrites: true });
  client = new Client({ base: new URL(`http://127.0.0.1:${handle.port}`), fetch: globalThis.fetch });
}, 240_000);
afterAll(async () => {
  await handle?.close();
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The VAV's wide row at an instant, every column. */
async function wideRow(iso: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await store.query<Record<string, unknown>>(`SELECT * FROM ${TABLE} WHERE ts = $1::timestamptz`, [iso]);
  return row;
}

it('writes a new sample and replaces a stored one in the point’s column, leaving the row’s other columns', async () => {
  const [{ name: column } = { name: '' }] = await store.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'equip_vav_1_east' AND column_name LIKE 'zone_temp%' ORDER BY 1 LIMIT 1`,
  );
  expect(column).toMatch(/^zone_temp/);
  const stored = '2025-07-14T14:00:00.000Z';
  const before = await wideRow(stored);
  expect(typeof before?.[column]).toBe('number');

  const fresh = HDateTime.make('2025-07-15T02:00:00-04:00 New_York'); // after the generated day: a new row
  const replaced = HDateTime.make('2025-07-14T10:00:00-04:00 New_York'); // = 14:00 UTC, a stored row
  await client.ops.hisWrite(POINT, [
    HDict.make({ ts: fresh, val: HNum.make(70.25, '°F') }),
    HDict.make({ ts: replaced, val: HNum.make(60, '°F') }),
    HDict.make({ ts: replaced, val: HNum.make(80.5, '°F') }), // the later of two at one instant wins
  ]);

  const after = await wideRow(stored);
  expect(after?.[column]).toBe(80.5);
  for (const [name, value] of Object.entries(before!)) if (name !== column) expect(after?.[name], name).toEqual(value);
  const added = await wideRow('2025-07-15T06:00:00.000Z');
  expect(added?.[column]).toBe(70.25);
  expect(Object.entries(added!).filter(([name, v]) => name !== 'ts' && name !== column && v !== null)).toEqual([]);

  // and hisRead answers them like the generated samples
  const day = await client.ops.hisRead(POINT, HDate.make('2025-07-14'));
  const at10 = day.getRows().find((r) => r.get<HDateTime>('ts')?.toZinc().startsWith('2025-07-14T10:00:00'));
  expect(at10?.get<HNum>('val')?.value).toBe(80.5);
  const next = await client.ops.hisRead(POINT, HDate.make('2025-07-15'));
  expect(next.first?.get<HNum>('val')?.value).toBe(70.25);
});

it('refuses a value of the wrong kind and writes nothing', async () => {
  const ts = HDateTime.make('2025-07-14T11:00:00-04:00 New_York');
  const before = await wideRow('2025-07-14T15:00:00.000Z');
  await expect(client.ops.hisWrite(POINT, [HDict.make({ ts, val: HStr.make('warm') })])).rejects.toThrow(/holds number values/);
  expect(await wideRow('2025-07-14T15:00:00.000Z')).toEqual(before);
});
