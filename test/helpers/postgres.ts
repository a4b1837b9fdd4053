// Test-side access to the run's PostgreSQL server (started or chosen by global-setup.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { quoteIdent, quoteLiteral } from '../../src/sql/sql-quote.js';

/** What global-setup.ts hands to every test worker. */
export interface ProvidedPostgres {
  /** maintenance-database URL, or null when no server is available */
  url: string | null;
  /** tags every database/role this run creates, so a shared server can be cleaned up */
  runId: string;
  /** why there is no server (only when url is null) */
  skipReason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    haysimPostgres: ProvidedPostgres;
  }
}

export interface TestPostgres {
  /** URL of the maintenance database */
  url: string;
  /** creates a fresh empty database (unique name) and returns its URL */
  createDatabase(prefix?: string): Promise<string>;
  /**
   * creates a role with a password and a database it owns; returns its URL (for wrong-password tests).
   * The role and database are named `<user>_x<run>_<random>` so parallel test files never collide;
   * read the actual name from the returned URL.
   */
  createUserDatabase(user: string, password: string): Promise<string>;
}

const NAME = /^[a-z][a-z0-9_]{0,23}$/;

/** The run's server, or undefined when none is available. */
export function getTestPostgres(): TestPostgres | undefined {
  const provided = inject('haysimPostgres');
  if (!provided?.url) return undefined;
  return makeTestPostgres(provided.url, provided.runId);
}

/** describe() with a server; otherwise describe.skip with a loud warning (skipped, never passed). */
export function describeWithPostgres(name: string, fn: (pg: TestPostgres) => void): void {
  const server = getTestPostgres();
  if (server) {
    describe(name, () => fn(server));
    return;
  }
  const reason = inject('haysimPostgres')?.skipReason || 'the haysim globalSetup (test/helpers/global-setup.ts) did not run';
  console.warn(`\n!!! PostgreSQL tests SKIPPED: "${name}" — ${reason}\n`);
  // Collection still calls fn, so it gets a stand-in whose methods fail if ever used.
  describe.skip(name, () => fn(unavailable(reason)));
}

function makeTestPostgres(url: string, runId: string): TestPostgres {
  const uniqueName = (base: string, what: string) => {
    if (!NAME.test(base)) throw new Error(`${what} must match ${NAME}, got ${JSON.stringify(base)}`);
    return `${base}_x${runId}_${randomBytes(3).toString('hex')}`;
  };
  return {
    url,
    async createDatabase(prefix = 'hstest') {
      const db = uniqueName(prefix, 'database prefix');
      // template0: nobody is ever connected to it, so parallel CREATE DATABASE calls cannot conflict.
      await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(db)} TEMPLATE template0 ENCODING 'UTF8'`));
      return withDatabase(url, db);
    },
    async createUserDatabase(user, password) {
      const role = uniqueName(user, 'user');
      await withClient(url, async (c) => {
        await c.query(`CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD ${quoteLiteral(password)}`);
        await c.query(`CREATE DATABASE ${quoteIdent(role)} OWNER ${quoteIdent(role)} TEMPLATE template0 ENCODING 'UTF8'`);
      });
      const u = new URL(withDatabase(url, role));
      u.username = role;
      u.password = password;
      return u.toString();
    },
  };
}

/** One client on `url` for `work`, ended whatever happens. */
export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function unavailable(reason: string): TestPostgres {
  const fail = async (): Promise<string> => {
    throw new Error(`PostgreSQL is not available: ${reason}`);
  };
  return { url: '', createDatabase: fail, createUserDatabase: fail };
}
