import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as f from '../../../test/contract/store-contract-fixture.js';
import { PgliteStore } from '../pglite/pglite-store.js';

let db: PGlite;
beforeEach(async () => {
  db = new PGlite();
  await db.exec(`SET TIME ZONE 'UTC'`);
});
afterEach(() => db.close());

const runs = async () =>
  (
    await db.query<{ status: string; finished: boolean }>(
      'SELECT status, finished_at IS NOT NULL AS finished FROM core.haysim_run ORDER BY id',
    )
  ).rows;

it('marks runs that never finished (killed) as interrupted at the next begin, and finished runs as finished', async () => {
  const killed = new PgliteStore({ instance: db });
  await killed.begin(f.storeModel(), f.storeRun(), { reset: false });
  await killed.writeChunk(f.storeChunk(0));
  expect(await runs()).toEqual([{ status: 'running', finished: false }]);
  // no finish(): the process was killed; the next run notices
  const next = new PgliteStore({ instance: db });
  await next.begin(f.storeModel(), f.storeRun(), { reset: false });
  await next.writeChunk(f.storeChunk(1));
  await next.finish();
  expect(await runs()).toEqual([
    { status: 'interrupted', finished: false },
    { status: 'finished', finished: true },
  ]);
  const other = new PgliteStore({ instance: db, org: 'other' });
  await other.begin(f.storeModel(), f.storeRun({ org: 'other' }), { reset: false });
  expect((await runs()).map((r) => r.status)).toEqual(['interrupted', 'finished', 'running']); // another org's runs are its own
});
