// The live service and generate when things go wrong: a busy embedded store, a PostgreSQL
// server that crashes and comes back. Runs the BUILT binary (npm run build first).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type Cluster, crashCluster, findServerBin, restartCluster, startCluster, stopCluster } from '../helpers/throwaway-cluster.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function haysim(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 240_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** SIGTERM, then how long the process took to exit (ms) and its exit code. */
async function terminate(run: Running): Promise<{ ms: number; code: number | null }> {
  const started = performance.now();
  run.child.kill('SIGTERM');
  const code = await Promise.race([run.exited, sleep(60_000).then(() => 'hung' as const)]);
  if (code === 'hung') run.child.kill('SIGKILL');
  return { ms: performance.now() - started, code: code === 'hung' ? null : code };
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The grid check: per point one row per interval from the first timestamp to the last, nothing twice. */
const GRID_SQL = (table: string, intervalS: number) => `
  SELECT count(*)::int AS rows, count(DISTINCT (entity_id, ts))::int AS distinct_rows, count(DISTINCT entity_id)::int AS points,
         ((extract(epoch FROM max(ts)) - extract(epoch FROM min(ts))) / ${intervalS})::int + 1 AS steps
    FROM ${table}`;

describe('live on the embedded store while it is busy', () => {
  it('answers the control API and stops on SIGTERM during the initial backfill; the restart resumes with no gap and no duplicate', async () => {
    const root = mkdtempSync(join(tmpdir(), 'haysim-live-busy-'));
    const dataDir = join(root, 'data');
    const args = ['live', '--profile', SMALL, '--data-dir', dataDir, '--interval', '1m', '--acceleration', '60', '--api-port', '0'];
    try {
      // five days: the backfill outlasts the polling (about two seconds a day on a quiet machine)
      const first = haysim([...args, '--backfill-days', '5']);
      const port = await waitFor('the control API', () => /control API on http:\/\/[^:]+:(\d+)/.exec(first.stderr())?.[1]);
      // poll during the backfill, after one warm-up call (the first fetch sets up the client's own connection);
      // each answer takes a few ms on an idle machine: 100 ms for 95 in 100 is the budget, and none may take a second
      // (with the engine on the service's own thread the first chunk alone held it 1.5-2 s, and p95 was 110-270 ms)
      const health = async () =>
        void (await (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(10_000) })).text());
      await health();
      const times: number[] = [];
      for (const end = Date.now() + 8_000; Date.now() < end || times.length < 100; await sleep(50)) {
        const t0 = performance.now();
        await health();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      console.info(
        `[live-busy] /health over ${times.length} polls: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
      );
      expect(first.child.exitCode).toBeNull(); // still busy: polled while it backfilled, not after it failed
      expect(at(0.95)).toBeLessThan(100);
      expect(times.at(-1)!).toBeLessThan(1_000);
      const stop = await terminate(first);
      console.info(`[live-busy] SIGTERM during the backfill: exited ${stop.code} after ${stop.ms.toFixed(0)} ms`);
      expect(stop.code).toBe(0);
      expect(stop.ms).toBeLessThan(5_000);

      const second = haysim([...args, '--backfill-days', '5']);
      const port2 = await waitFor('the control API', () => /control API on http:\/\/[^:]+:(\d+)/.exec(second.stderr())?.[1]);
      await waitFor('live ticks after the resumed backfill', async () => {
        const status = (await (await fetch(`http://127.0.0.1:${port2}/status`)).json()) as { ticks: number };
        return status.ticks >= 3 ? status : undefined;
      });
      expect((await terminate(second)).code).toBe(0);
      const db = new PGlite(dataDir);
      try {
        const [grid] = (await db.query<Record<string, number>>(GRID_SQL('core.values_demo', 60))).rows;
        expect(grid!.rows).toBe(grid!.distinct_rows); // nothing twice
        expect(grid!.rows).toBe(grid!.steps * grid!.points); // no gap
        expect(grid!.steps).toBeGreaterThan(5 * 1440); // five days backfilled, then live
      } finally {
        await db.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 900_000);
});

const bin = findServerBin();
const withServer = bin ? describe : describe.skip;
if (!bin) console.warn('\n!!! PostgreSQL server binaries not installed: the database-outage tests are SKIPPED\n');

withServer('PostgreSQL going away', () => {
  const cluster = async (run: (c: Cluster) => Promise<void>) => {
    const c = await startCluster(bin!);
    try {
      await run(c);
    } finally {
      stopCluster(c);
    }
  };

  it(
    'generate during a server crash ends with one line and exit 1',
    () =>
      cluster(async (c) => {
        const gen = haysim(['generate', '--db', c.url, '--days', '30', '--quiet', '--no-validate']);
        await waitFor('history rows', async () => {
          const client = new pg.Client({ connectionString: c.url });
          await client.connect();
          try {
            const r = await client.query(`SELECT count(*)::int AS n FROM core.haysim_chunk`).catch(() => ({ rows: [{ n: 0 }] }));
            return r.rows[0].n > 0 ? true : undefined;
          } finally {
            await client.end();
          }
        });
        await crashCluster(c);
        expect(await gen.exited).toBe(1);
        const lines = gen.stderr().trim().split('\n');
        expect(lines, gen.stderr()).toHaveLength(1);
        expect(lines[0]).toMatch(/^haysim: error: postgres .* failed/);
      }),
    600_000,
  );

  it(
    'live survives a server crash: it logs the outage, retries, and resumes with no gap and no duplicate',
    () =>
      cluster(async (c) => {
        // a crash must not lose committed ticks: the throwaway cluster runs with synchronous_commit off for speed
        await sql(c.url, 'ALTER DATABASE postgres SET synchronous_commit TO on');
        const fast = ['--interval', '1m', '--acceleration', '600', '--backfill-days', '0', '--api-port', 'off'];
        const live = haysim(['live', '--profile', SMALL, '--db', c.url, ...fast]);
        const ticks = async () => {
          const client = new pg.Client({ connectionString: c.url });
          try {
            await client.connect();
            return (await client.query(`SELECT count(DISTINCT ts)::int AS n FROM core.values_demo`)).rows[0].n as number;
          } catch {
            return 0;
          } finally {
            await client.end().catch(() => undefined);
          }
        };
        await waitFor('10 live ticks', async () => ((await ticks()) >= 10 ? true : undefined));
        await crashCluster(c);
        await sleep(3_000);
        expect(live.child.exitCode).toBeNull(); // still running, retrying
        await restartCluster(c);
        const before = await ticks();
        await waitFor('ticks after the restart', async () => ((await ticks()) >= before + 10 ? true : undefined));
        expect((await terminate(live)).code).toBe(0);
        expect(live.stderr()).toMatch(/store unreachable/);
        const client = new pg.Client({ connectionString: c.url });
        await client.connect();
        try {
          const [grid] = (await client.query(GRID_SQL('core.values_demo', 60))).rows;
          expect(grid.rows).toBe(grid.distinct_rows);
          expect(grid.rows).toBe(grid.steps * grid.points);
          const outages = await client.query(`SELECT message FROM simulator_activity_log WHERE event_type = 'outage'`);
          expect(outages.rows.length).toBeGreaterThanOrEqual(1);
          expect(outages.rows[0].message).toMatch(/store unreachable for \d+ s/);
        } finally {
          await client.end();
        }
      }),
    600_000,
  );
});
