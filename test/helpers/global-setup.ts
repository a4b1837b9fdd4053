// Vitest globalSetup: provides ONE PostgreSQL server for the whole test run.
// Order: HAYSIM_TEST_DATABASE_URL, else a throwaway cluster from installed server
// binaries, else nothing (PostgreSQL tests then skip loudly, see postgres.ts).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { ProvidedPostgres } from './postgres.js';

const run = promisify(execFile);

interface Cluster { bin: string; dir: string; data: string; asPostgresUser: boolean; stopped: boolean }

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
      provided.url = await startCluster(bin);
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

/** Server bin dir: HAYSIM_TEST_PG_BIN (`none` disables), highest /usr/lib/postgresql/<v>/bin, then PATH. */
function findServerBin(): string | undefined {
  const hasTools = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const override = process.env.HAYSIM_TEST_PG_BIN;
  if (override === 'none') return undefined;
  if (override) {
    if (!hasTools(override)) throw new Error(`HAYSIM_TEST_PG_BIN=${override} has no initdb/pg_ctl`);
    return override;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasTools(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  return (process.env.PATH ?? '').split(delimiter).find((d) => d !== '' && hasTools(d));
}

async function startCluster(bin: string): Promise<string> {
  // The server refuses to run as root, so root (CI) runs it as the `postgres` system user.
  const asPostgresUser = process.getuid?.() === 0;
  // A root-only TMPDIR would be unreadable for the postgres user; /tmp is world-traversable.
  const dir = mkdtempSync(join(asPostgresUser ? '/tmp' : tmpdir(), 'haysim-pg-'));
  const data = join(dir, 'data');
  const c: Cluster = { bin, dir, data, asPostgresUser, stopped: false };
  cluster = c;
  process.once('exit', () => stopCluster(c)); // best effort if vitest dies before teardown
  if (asPostgresUser) {
    const uid = Number(idOf('-u')), gid = Number(idOf('-g'));
    chownSync(dir, uid, gid);
  }
  await pgTool(c, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  appendFileSync(join(data, 'postgresql.conf'), [
    '',
    '# haysim throwaway test cluster: speed over durability',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off', 'synchronous_commit = off', 'full_page_writes = off',
    'max_connections = 200',
    "password_encryption = 'scram-sha-256'",
    '',
  ].join('\n'));
  // Superuser is trusted; every other role must give its password (wrong-password tests rely on it).
  writeFileSync(join(data, 'pg_hba.conf'), [
    'local all postgres trust',
    'local all all scram-sha-256',
    'host all postgres 127.0.0.1/32 trust',
    'host all all 127.0.0.1/32 scram-sha-256',
    '',
  ].join('\n'));

  const log = join(dir, 'server.log');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(); // another process may grab it before the server binds: retry
    try {
      await pgTool(c, 'pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', '-s', 'start']);
      await waitReady(c, port);
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    } catch (err) {
      lastError = err;
      if (!/could not bind|already in use/i.test(logTail(log))) break;
    }
  }
  stopCluster(c);
  throw new Error(`could not start the throwaway PostgreSQL cluster: ${(lastError as Error).message}`);
}

function idOf(flag: '-u' | '-g'): string {
  try {
    return execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('tests run as root, so the throwaway PostgreSQL must run as the "postgres" system user, which does not exist');
  }
}

/** Runs a PostgreSQL tool (as the postgres user under root); failures carry output and the server log tail. */
async function pgTool(c: Cluster, tool: string, args: string[]): Promise<string> {
  const exe = join(c.bin, tool);
  const [file, argv] = c.asPostgresUser ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  try {
    // cwd = the temp dir: the postgres user may not be able to enter the caller's cwd.
    const { stdout } = await run(file, argv, { cwd: c.dir, timeout: 90_000, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: unknown; message: string };
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    const tail = logTail(join(c.dir, 'server.log'));
    throw new Error(
      `${tool} ${args.join(' ')} failed (exit ${String(e.code)})` +
        (out ? `:\n${out}` : `: ${e.message}`) +
        (tail ? `\n--- server log (tail) ---\n${tail}` : ''),
    );
  }
}

async function waitReady(c: Cluster, port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await pgTool(c, 'pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres']);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function logTail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Synchronous so it also works from the process 'exit' hook. */
function stopCluster(c: Cluster): void {
  if (c.stopped) return;
  c.stopped = true;
  if (existsSync(join(c.data, 'postmaster.pid'))) {
    const exe = join(c.bin, 'pg_ctl');
    const args = ['-D', c.data, '-m', 'immediate', '-w', '-s', 'stop'];
    const r = c.asPostgresUser
      ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...args], { cwd: c.dir, encoding: 'utf8', timeout: 30_000 })
      : spawnSync(exe, args, { cwd: c.dir, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) console.warn(`[haysim tests] pg_ctl stop failed: ${r.stderr || r.error?.message || ''}`);
  }
  rmSync(c.dir, { recursive: true, force: true });
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

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
