import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOfficeStore, HAYSIM_BIN } from '../helpers/office-store.js';

// `haysim serve --pg-port` as users run it: the built binary on a generated embedded store, psql connecting to
// it with no PostgreSQL server running, the README's queries answered.
const PSQL = ['/usr/lib/postgresql/15/bin/psql', '/usr/bin/psql'].find((p) => existsSync(p))!;
const scratch = mkdtempSync(join(tmpdir(), 'haysim-pgport-'));
const PG_PORT = 20_000 + (process.pid % 10_000);
let serve: ChildProcess;

beforeAll(async () => {
  const dir = join(scratch, 'office');
  generateOfficeStore(dir);
  serve = spawn(process.execPath, [HAYSIM_BIN, 'serve', '--data-dir', dir, '--port', '0', '--pg-port', String(PG_PORT)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    serve.stderr!.on('data', (d) => {
      said += String(d);
      if (said.includes('Haystack API on')) resolve();
    });
    serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${said}`)));
  });
}, 240_000);
afterAll(async () => {
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await new Promise((resolve) => serve.once('exit', resolve));
  }
  rmSync(scratch, { recursive: true, force: true });
});

function psql(sql: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(PSQL, ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-c', sql], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

it("runs the README's psql queries against the embedded store", () => {
  const latest = psql(
    `SELECT e.haystack_id, c.ts, c.value_n, c.value_b, c.status FROM core.values_demo_current c JOIN core.entity e ON e.id = c.entity_id LIMIT 10`,
  );
  expect(latest.code, latest.stderr).toBe(0);
  expect(latest.stdout.trim().split('\n')).toHaveLength(10);
  const avg = psql(
    `SELECT AVG(value_n) AS avg_temp FROM core.values_demo WHERE entity_id IN (SELECT id FROM core.entity WHERE tags->'zoneTemp' = 'true')`,
  );
  expect(avg.code, avg.stderr).toBe(0);
  expect(Number(avg.stdout.trim())).toBeGreaterThan(60);
  expect(Number(avg.stdout.trim())).toBeLessThan(85);
  for (const view of ['core.demo_occupied_zone_temp', 'core.demo_daily_energy']) {
    const r = psql(`SELECT count(*) FROM ${view}`);
    expect(r.code, `${view}: ${r.stderr}`).toBe(0);
  }
  // one session after another: the embedded store takes one client at a time
  expect(psql('SELECT 1').stdout.trim()).toBe('1');
});
