import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HGrid, type HNum, ZincReader } from 'haystack-core';
import { afterAll, expect, it } from 'vitest';
import { type ServeProcess, startServeProcess, stopServeProcess } from '../helpers/serve-process.js';

/*
 * `haysim serve --live` on a store nothing was generated into, as the README's first serve command runs it on a
 * new database: the live service writes the site and backfills, and the API opens once the site is there.
 */

const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-serve-empty-'));
let serve: ServeProcess | undefined;

afterAll(async () => {
  await stopServeProcess(serve?.process);
  rmSync(scratch, { recursive: true, force: true });
});

const zinc = async (res: Response) => ZincReader.readValue(await res.text()) as HGrid;

it('opens the API on an empty store once the live service has written the site, with the backfilled history', async () => {
  const dataDir = join(scratch, 'data');
  serve = await startServeProcess(['--live', '--profile', SMALL, '--data-dir', dataDir, '--acceleration', '60', '--backfill-days', '1']);
  const sites = await zinc(await fetch(`${serve.base}/api/read?filter=site`));
  expect(sites.length).toBe(1);
  const [zone] = (
    await zinc(await fetch(`${serve.base}/api/read?filter=${encodeURIComponent('zone and air and temp and sensor')}&limit=1`))
  ).getRows();
  expect(zone, 'a zone temperature point').toBeDefined();
  // the backfilled day is history: readings over the last day, each a plausible room temperature
  const body = `ver:"3.0"\nid,range\n${zone!.get('id')!.toZinc()},"${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)},${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}"\n`;
  const hisRead = async () =>
    zinc(await fetch(`${serve!.base}/api/hisRead`, { method: 'POST', headers: { 'content-type': 'text/zinc' }, body }));
  // the API opens with the site, before the backfill behind it has landed
  await expect.poll(async () => (await hisRead()).length, { timeout: 120_000, interval: 1000 }).toBeGreaterThan(24);
  const his = await hisRead();
  for (const row of his.getRows()) expect(row.get<HNum>('val')!.value).toBeGreaterThan(40);
}, 240_000);
