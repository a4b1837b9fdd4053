import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOfficeStore } from '../helpers/office-store.js';
import { startServeProcess, stopServeProcess } from '../helpers/serve-process.js';

// `haysim serve --pg-port` as users run it: the built binary on a generated embedded store, psql connecting to
// it with no PostgreSQL server running, the README's queries answered.
const PSQL = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((p) => existsSync(p))!;
const scratch = mkdtempSync(join(tmpdir(), 'haysim-pgport-'));
const PG_PORT = 20_000 + (process.pid % 10_000);
let serve: ChildProcess;

beforeAll(async () => {
  const dir = join(scratch, 'office');
  generateOfficeStore(dir);
  serve = (await startServeProcess(['--data-dir', dir, '--pg-port', String(PG_PORT)])).process;
}, 240_000);
afterAll(async () => {
  await stopServeProcess(serve);
  rmSync(scratch, { recursive: true, force: true });
});

function psql(sql: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(PSQL, ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-d', 'postgres', '-X', '-A', '-t', '-c', sql], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The statements of the README's "Connect with psql" SQL block, as written there (comments dropped). */
function readmeQueries(): string[] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Connect with psql'));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split(';')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

it("runs the README's psql queries, as written there, against the embedded store", () => {
  const queries = readmeQueries();
  // the block's five statements: a VAV's latest values, the users' zone average, three of haysim's views
  expect(queries).toHaveLength(5);
  const answers = queries.map((sql) => ({ sql, ...psql(sql) }));
  for (const a of answers) expect(a.code, `${a.sql}: ${a.stderr}`).toBe(0);
  const rows = (i: number) => answers[i]!.stdout.trim().split('\n').filter(Boolean);
  // VAV 3 north has its points, each with a latest value
  expect(answers[0]!.sql).toContain("'@equip-vav-3-north'");
  expect(rows(0).length).toBeGreaterThan(5);
  expect(rows(0).every((r) => r.startsWith('equip-vav-3-north.'))).toBe(true);
  // zone temperatures of a July office day at 08-18 (session time zone UTC here): an indoor figure in °F
  const avg = Number(rows(1)[0]);
  expect(avg).toBeGreaterThan(65);
  expect(avg).toBeLessThan(85);
  // one occupied-hours row per zone and day, the chiller's COP while it runs, one energy row per day
  expect(rows(2).length).toBeGreaterThan(0);
  expect(rows(3).length).toBeGreaterThan(0);
  expect(rows(3).length).toBeLessThanOrEqual(20);
  expect(rows(4).length).toBeGreaterThan(0);
  // one session after another: the embedded store takes one client at a time
  expect(psql('SELECT 1').stdout.trim()).toBe('1');
});
