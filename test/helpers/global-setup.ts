// Vitest globalSetup: provides ONE PostgreSQL server for the whole test run.
// Order: HAYSIM_TEST_DATABASE_URL, else a throwaway cluster from installed server
// binaries, else nothing (PostgreSQL tests then skip loudly, see postgres.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { quoteIdent } from '../../src/sql/sql-quote.js';
import type { ProvidedPostgres } from './postgres.js';
import { findServerBin, startCluster, stopCluster, type Cluster } from './throwaway-cluster.js';

let cluster: Cluster | undefined;
let externalUrl: string | undefined;
let runId = '';

export async function setup(project: TestProject): Promise<void> {
  runId = randomBytes(4).toString('hex');
  const provided: ProvidedPostgres = { url: null, runId, skipReason: '' };
  const envUrl = process.env.HAYSIM_TEST_DATABASE_URL?.trim();
  if (envUrl) {
    externalUrl = envUrl;
    provided.url = envUrl;
  } else {
    const bin = findServerBin();
    if (bin) {
      cluster = await startCluster(bin);
      provided.url = cluster.url;
      console.log(`[haysim tests] throwaway PostgreSQL (${bin}) at ${provided.url}`);
    } else {
      provided.skipReason =
        process.env.HAYSIM_TEST_PG_BIN === 'none'
          ? 'HAYSIM_TEST_DATABASE_URL is not set and HAYSIM_TEST_PG_BIN=none disables the throwaway cluster'
          : 'HAYSIM_TEST_DATABASE_URL is not set and no PostgreSQL server binaries (initdb, pg_ctl) were found ' +
            'in /usr/lib/postgresql/*/bin or on PATH (install the postgresql package)';
      console.warn(`\n[haysim tests] WARNING: PostgreSQL tests will be SKIPPED: ${provided.skipReason}\n`);
    }
  }
  project.provide('haysimPostgres', provided);
}

export async function teardown(): Promise<void> {
  if (externalUrl) await dropRunObjects(externalUrl);
  if (cluster) stopCluster(cluster);
}

/** On a server we don't own, remove the databases and roles this run created (named with its run id). */
async function dropRunObjects(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  const marker = `%\\_x${runId}\\_%`;
  try {
    await client.connect();
    const dbs = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [marker]);
    for (const { datname } of dbs.rows) {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [datname]);
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`);
    }
    const roles = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [marker]);
    for (const { rolname } of roles.rows) await client.query(`DROP ROLE IF EXISTS ${quoteIdent(rolname)}`);
  } catch (err) {
    console.warn(`[haysim tests] could not clean up test databases on HAYSIM_TEST_DATABASE_URL: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
