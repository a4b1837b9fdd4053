// A shard killed with SIGKILL mid-run (into PostgreSQL and a Parquet folder at once) and run again: with the
// other shards, the folder and the tables equal an unsharded run's byte for byte, nothing written twice, and
// no file under its final name was ever partial.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../helpers/postgres.js';
import { folderHashes, wideStoreHashes } from '../helpers/run-hashes.js';

const BIN = join(import.meta.dirname, '../../bin/haysim.js');
const scratch = mkdtempSync(join(tmpdir(), 'haysim-shard-kill-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 38 days at 5 minutes across two month ends: long enough to kill the shard between chunks. */
const args = (url: string, org: string, ...more: string[]) => [
  BIN,
  'generate',
  ...['--profile', 'test/fixtures/profiles/small-office.yaml', '--seed', '7', '--interval', '5m', '--workers', '1'],
  ...['--start', '2025-01-26', '--end', '2025-03-05', '--quiet', '--no-validate'],
  ...['--org', org, '--db', url, '--layout', 'wide', '--wide-schema', org, '--out', join(scratch, org), '--format', 'parquet'],
  ...more,
];

function run(url: string, org: string, ...more: string[]): void {
  const r = spawnSync(process.execPath, args(url, org, ...more), { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

async function completeChunks(client: pg.Client, org: string, shard: string): Promise<number> {
  const r = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM core.haysim_chunk c JOIN core.org o ON o.id = c.org_id WHERE o.key = $1 AND c.shard = $2 AND c.complete`,
    [org, shard],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Whether every file under a final name (`data.parquet`) is a whole Parquet file: PAR1 at both ends. */
function visibleParquetWhole(dir: string): { files: number; partial: string[] } {
  const partial: string[] = [];
  let files = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name !== 'data.parquet') continue;
    files++;
    const path = join(e.parentPath, e.name);
    const size = statSync(path).size;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    const fd = openSync(path, 'r');
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 4, Math.max(0, size - 4));
    closeSync(fd);
    if (size < 12 || head.toString() !== 'PAR1' || tail.toString() !== 'PAR1') partial.push(path);
  }
  return { files, partial };
}

describeWithPostgres('a shard killed mid-run', (server) => {
  it('resumes: the shards together equal an unsharded run, nothing twice, no partial file visible', async () => {
    const url = await server.createDatabase('hskill');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const child = spawn(process.execPath, args(url, 'kl', '--shard', '2/3'), { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      // kill once a few chunks have landed (markers commit with their rows), well before the last
      let landed = 0;
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline && child.exitCode === null) {
        landed = await completeChunks(client, 'kl', '2/3').catch(() => 0);
        if (landed >= 3) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      expect(await exited, stderr).toBe('SIGKILL');
      const atKill = await completeChunks(client, 'kl', '2/3');
      expect(atKill).toBeGreaterThanOrEqual(3);
      expect(visibleParquetWhole(join(scratch, 'kl')).partial).toEqual([]);
      // the kill left months half filled: their spills hidden beside the final names
      const spills = readdirSync(join(scratch, 'kl'), { recursive: true }).filter((f) => String(f).endsWith('.data.parquet.part'));
      expect(spills.length).toBeGreaterThan(0);

      // the killed shard again, then the others; and the same run unsharded into another org and folder
      run(url, 'kl', '--shard', '2/3');
      run(url, 'kl', '--shard', '1/3');
      run(url, 'kl', '--shard', '3/3');
      run(url, 'kw');
      const chunks = await completeChunks(client, 'kw', '1/1');
      expect(atKill).toBeLessThan(chunks);
      expect(await completeChunks(client, 'kl', '2/3')).toBe(chunks);
      const whole = folderHashes(join(scratch, 'kw'));
      expect(Object.keys(whole).filter((f) => f.endsWith('.parquet')).length).toBeGreaterThan(10);
      // leftover spills or temp files of the killed run would show here as extra paths
      expect(folderHashes(join(scratch, 'kl'))).toEqual(whole);
      expect(visibleParquetWhole(join(scratch, 'kl')).partial).toEqual([]);
      expect(await wideStoreHashes(url, 'kl')).toEqual(await wideStoreHashes(url, 'kw'));
    } finally {
      await client.end();
    }
  }, 900_000);
});
