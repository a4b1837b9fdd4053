import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { describeSinkContract } from './sink-contract.js';
import * as f from './store-contract-fixture.js';
import { describeStoreContract, sinkHarness } from './store-contract.js';
import type { StoreHarness } from './store-contract.js';

/** Stores share one in-memory PGlite per test; the file-backed path is tested below. */
async function harness(): Promise<StoreHarness> {
  const db = new PGlite();
  await db.exec(`SET TIME ZONE 'UTC'`);
  return {
    createStore: (options = {}) => new PgliteStore({ instance: db, ...options }),
    sql: async <R>(text: string, params?: unknown[]) => (await db.query<R>(text, params)).rows,
    exec: async (script) => void (await db.exec(script)),
    dispose: () => db.close(),
  };
}

describeStoreContract('pglite', harness, { existingUsersSchema: true });
describeSinkContract('pglite', async () => sinkHarness(await harness()));

describe('pglite store in a data directory', () => {
  it('creates the directory, defers the primary key while loading, persists and resumes across processes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haysim-pglite-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const first = new PgliteStore({ dataDir });
      await first.open();
      await first.begin(f.storeModel(), f.storeRun(), { reset: false });
      await first.writeChunk(f.storeChunk(0));
      const pk = `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'core.values_demo'::regclass AND contype = 'p'`;
      expect(await first.query(pk)).toEqual([{ n: 0 }]); // loading without the index
      await first.close(); // interrupted

      const second = new PgliteStore({ dataDir });
      await second.open();
      expect([...(await second.begin(f.storeModel(), f.storeRun(), { reset: false }))]).toEqual([0]);
      await second.writeChunk(f.storeChunk(1));
      const summary = await second.finish();
      expect(summary).toMatchObject({ rowsWritten: f.STEPS * f.POINTS.length, chunksWritten: 1, chunksSkipped: 1, location: dataDir });
      expect(await second.query(pk)).toEqual([{ n: 1 }]);
      await second.close();

      const reader = new PGlite(dataDir);
      const [row] = (await reader.query<{ n: number }>('SELECT count(*)::int AS n FROM core.values_demo')).rows;
      await reader.close();
      expect(row.n).toBe(2 * f.STEPS * f.POINTS.length);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
