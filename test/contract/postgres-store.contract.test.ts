import { createServer } from 'node:net';
import type { Server } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ArgsError, HaysimError } from '../../src/errors.js';
import { PostgresStore } from '../../src/outputs/postgres/postgres-store.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { describeSinkContract } from './sink-contract.js';
import * as f from './store-contract-fixture.js';
import { describeStoreContract, sinkHarness } from './store-contract.js';
import type { StoreHarness } from './store-contract.js';

async function listen(onConnection: (socket: import('node:net').Socket) => void = (s) => s.destroy()): Promise<[Server, number]> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, (server.address() as { port: number }).port];
}

async function failure(promise: Promise<unknown>): Promise<HaysimError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HaysimError);
  return error as HaysimError;
}

describeWithPostgres('postgres store', (server) => {
  async function harness(): Promise<StoreHarness> {
    const url = await server.createDatabase('hsstore');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`SET TIME ZONE 'UTC'`);
    return {
      createStore: (options = {}) => new PostgresStore({ url, ...options }),
      sql: async <R>(text: string, params?: unknown[]) => (await admin.query(text, params)).rows as R[],
      exec: async (script) => void (await admin.query(script)),
      dispose: () => admin.end(),
    };
  }

  describeStoreContract('postgres', harness, { existingUsersSchema: true });
  describeSinkContract('postgres', async () => sinkHarness(await harness()));

  describe('connecting', () => {
    it('rejects a malformed URL as an argument error without echoing it', () => {
      for (const url of ['postgres://demo:s3cret@localhost:port/datakwip', 'mysql://demo:s3cret@localhost/db', 'localhost:5432']) {
        expect(() => new PostgresStore({ url }), url).toThrow(ArgsError);
        expect(() => new PostgresStore({ url }), url).toThrow(/postgres\.url is not a PostgreSQL URL/);
        expect(() => new PostgresStore({ url }), url).not.toThrow(/s3cret/);
      }
    });

    it('rejects a bad org key before connecting', () => {
      expect(() => new PostgresStore({ url: 'postgres://demo:s3cret@127.0.0.1:1/datakwip', org: 'demo; drop table' })).toThrow(ArgsError);
    });

    it('reports a refused connection naming host:port/db, never the password', async () => {
      const [probe, port] = await listen();
      await new Promise((r) => probe.close(r)); // nothing listens there now
      const error = await failure(new PostgresStore({ url: `postgres://demo:s3cret@127.0.0.1:${port}/datakwip` }).open());
      expect(error.code).toBe('STORE_CONNECT_FAILED');
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(`127.0.0.1:${port}/datakwip`);
      expect(error.message).toMatch(/connection refused/);
      expect(error.message).not.toContain('s3cret');
    });

    it('gives up on a server that never answers after about 5 seconds', async () => {
      const [silent, port] = await listen(() => undefined);
      try {
        const started = Date.now();
        const error = await failure(new PostgresStore({ url: `postgres://demo:s3cret@127.0.0.1:${port}/datakwip` }).open());
        expect(error.code).toBe('STORE_CONNECT_FAILED');
        expect(Date.now() - started).toBeGreaterThan(4000);
        expect(Date.now() - started).toBeLessThan(15000);
        expect(error.message).not.toContain('s3cret');
      } finally {
        silent.close();
      }
    });

    it('reports a wrong password as an authentication failure naming the user', async () => {
      const url = new URL(await server.createUserDatabase('hsauth', 'right-pass'));
      url.password = 'wrong-pass';
      const error = await failure(new PostgresStore({ url: url.toString() }).open());
      expect(error.code).toBe('STORE_AUTH_FAILED');
      expect(error.message).toMatch(new RegExp(`password authentication failed for user "${url.username}"`));
      expect(error.message).not.toContain('wrong-pass');
    });

    it('reports a missing database as a connection failure', async () => {
      const url = new URL(server.url);
      url.pathname = '/no_such_database';
      const error = await failure(new PostgresStore({ url: url.toString() }).open());
      expect(error.code).toBe('STORE_CONNECT_FAILED');
      expect(error.message).toMatch(/no_such_database/);
    });
  });

  it('loads as a non-superuser that owns its database', async () => {
    const url = await server.createUserDatabase('hsowner', 'owner-pass');
    const store = new PostgresStore({ url });
    await store.open();
    await store.begin(f.storeModel(), f.storeRun(), { reset: false });
    await store.writeChunk(f.storeChunk(0));
    const summary = await store.finish();
    expect(summary.rowsWritten).toBe(f.STEPS * f.POINTS.length);
    expect(summary.location).toMatch(/^postgres:\/\/hsowner_\w+@127\.0\.0\.1:\d+\/hsowner_\w+$/);
    await store.close();
  });

  it('uses a caller-provided pool and leaves it open', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase('hspool') });
    try {
      const store = new PostgresStore({ client: pool });
      await store.open();
      await store.begin(f.storeModel(), f.storeRun(), { reset: false });
      await store.writeChunk(f.storeChunk(0));
      await store.finish();
      await store.close();
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM core.values_demo');
      expect(rows).toEqual([{ n: f.STEPS * f.POINTS.length }]);
    } finally {
      await pool.end();
    }
  });
});
