import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEPS, storeChunk, storeModel, storeRun } from '../../../test/contract/store-contract-fixture.js';
import { PgliteStore } from './pglite-store.js';

let root = '';
beforeEach(async () => void (root = await mkdtemp(join(tmpdir(), 'haysim-abandon-'))));
afterEach(() => rm(root, { recursive: true, force: true }));

describe('abandoning the embedded store mid-write (a stop past its grace period)', () => {
  it('ends the worker at once, opens nothing again, and leaves the chunk either whole or absent for the next run', async () => {
    const dataDir = join(root, 'data');
    const model = storeModel();
    const run = storeRun();
    const store = new PgliteStore({ dataDir, org: run.org });
    await store.open();
    await store.begin(model, run, { reset: true });
    await store.writeChunk(storeChunk(0));
    const writing = store.writeChunk(storeChunk(1)).then(
      () => 'committed',
      () => 'failed',
    );
    await store.abandon();
    const outcome = await writing;
    await expect(store.open()).rejects.toThrow(/abandoned/);
    await store.close();

    // the next run: chunk 0 is there; chunk 1 is whole if its commit came first, else absent and written again
    const next = new PgliteStore({ dataDir, org: run.org });
    await next.open();
    try {
      const done = await next.begin(model, run, { reset: false });
      expect(done.has(0)).toBe(true);
      expect(done.has(1)).toBe(outcome === 'committed');
      if (!done.has(1)) await next.writeChunk(storeChunk(1));
      const [count] = await next.query<{ n: number }>('SELECT count(*)::int AS n FROM core.values_demo');
      const perChunk = model.points.length * STEPS;
      expect(count!.n).toBe(2 * perChunk);
    } finally {
      await next.close();
    }
  }, 180_000);
});
