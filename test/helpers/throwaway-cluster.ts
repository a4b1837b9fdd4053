// A throwaway PostgreSQL cluster from the installed server binaries, in a temp dir on a
// free port: for the test run (global-setup.ts) and the benchmark.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Cluster {
  bin: string;
  dir: string;
  data: string;
  asPostgresUser: boolean;
  stopped: boolean;
  url: string;
}

/** Server bin dir: HAYSIM_TEST_PG_BIN (`none` disables), highest /usr/lib/postgresql/<v>/bin, then PATH. */
export function findServerBin(): string | undefined {
  const hasTools = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const override = process.env.HAYSIM_TEST_PG_BIN;
  if (override === 'none') return undefined;
  if (override) {
    if (!hasTools(override)) throw new Error(`HAYSIM_TEST_PG_BIN=${override} has no initdb/pg_ctl`);
    return override;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasTools(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  return (process.env.PATH ?? '').split(delimiter).find((d) => d !== '' && hasTools(d));
}

/** Starts a cluster; `stopCluster` removes it (also registered for process exit). */
export async function startCluster(bin: string): Promise<Cluster> {
  // The server refuses to run as root, so root (CI) runs it as the `postgres` system user.
  const asPostgresUser = process.getuid?.() === 0;
  // A root-only TMPDIR would be unreadable for the postgres user; /tmp is world-traversable.
  const dir = mkdtempSync(join(asPostgresUser ? '/tmp' : tmpdir(), 'haysim-pg-'));
  const data = join(dir, 'data');
  const c: Cluster = { bin, dir, data, asPostgresUser, stopped: false, url: '' };
  process.once('exit', () => stopCluster(c)); // best effort if vitest dies before teardown
  if (asPostgresUser) {
    const uid = Number(idOf('-u')),
      gid = Number(idOf('-g'));
    chownSync(dir, uid, gid);
  }
  await pgTool(c, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      '# haysim throwaway test cluster: speed over durability',
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 200',
      "password_encryption = 'scram-sha-256'",
      '',
    ].join('\n'),
  );
  // Superuser is trusted; every other role must give its password (wrong-password tests rely on it).
  writeFileSync(
    join(data, 'pg_hba.conf'),
    [
      'local all postgres trust',
      'local all all scram-sha-256',
      'host all postgres 127.0.0.1/32 trust',
      'host all all 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'),
  );

  const log = join(dir, 'server.log');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(); // another process may grab it before the server binds: retry
    try {
      await pgTool(c, 'pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', '-s', 'start']);
      await waitReady(c, port);
      c.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      return c;
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
export function stopCluster(c: Cluster): void {
  if (c.stopped) return;
  c.stopped = true;
  if (existsSync(join(c.data, 'postmaster.pid'))) {
    const exe = join(c.bin, 'pg_ctl');
    const args = ['-D', c.data, '-m', 'immediate', '-w', '-s', 'stop'];
    const r = c.asPostgresUser
      ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...args], { cwd: c.dir, encoding: 'utf8', timeout: 30_000 })
      : spawnSync(exe, args, { cwd: c.dir, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) console.warn(`[haysim] pg_ctl stop failed: ${r.stderr || r.error?.message || ''}`);
  }
  rmSync(c.dir, { recursive: true, force: true });
}

/** Stops the server as a crash would (`pg_ctl stop -m immediate`), keeping the cluster for `restartCluster`. */
export async function crashCluster(c: Cluster): Promise<void> {
  await pgTool(c, 'pg_ctl', ['-D', c.data, '-m', 'immediate', '-w', '-s', 'stop']);
}

/** Starts a crashed cluster again on its port (crash recovery runs first). */
export async function restartCluster(c: Cluster): Promise<void> {
  const port = Number(new URL(c.url).port);
  await pgTool(c, 'pg_ctl', ['-D', c.data, '-l', join(c.dir, 'server.log'), '-o', `-p ${port}`, '-w', '-t', '60', '-s', 'start']);
  await waitReady(c, port);
}
