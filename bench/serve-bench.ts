import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateOfficeStore } from '../test/helpers/office-store.js';
import { startServeProcess, stopServeProcess } from '../test/helpers/serve-process.js';
import { fmt, type Report } from './bench-report.js';

const CLIENTS = 200;
/** the VAV zone temperatures the clients read, one each in turn (48 in the office tower) */
const VAVS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].flatMap((f) =>
  ['north', 'south', 'east', 'west'].map((side) => `equip-vav-${f}-${side}.zoneTemp`),
);

interface Load {
  readonly answers: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/**
 * `haysim serve` under hisRead load on loopback: the built CLI serving an office-tower embedded store (two
 * days at 15 minutes) in its own process, and `clients` concurrent clients here, each reading one VAV's
 * zone temperature for a day, again and again, for a bounded time. One client first, as the baseline of
 * the same run: 200 clients then share what one client gets alone.
 */
export async function serveFigures(report: Report, seconds = 10): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-serve-bench-'));
  let serve: ChildProcess | undefined;
  try {
    const data = join(dir, 'office');
    generateOfficeStore(data, { end: '2025-07-16', interval: '15m' });
    const started = await startServeProcess(['--data-dir', data]);
    serve = started.process;
    const url = (i: number) => `${started.base}/api/hisRead?id=@${VAVS[i % VAVS.length]}&range=2025-07-14`;
    await hisReadLoad(url, 4, 1); // warm-up: JIT, the store's caches
    const one = await hisReadLoad(url, Math.max(3, seconds / 3), 1);
    const many = await hisReadLoad(url, seconds, CLIENTS);
    report(
      'serve hisRead, 1 client (baseline, requests/s)',
      fmt(one.perSecond),
      `p50 ${ms(one.p50)}, p99 ${ms(one.p99)}, ${one.errors} errors`,
    );
    report(
      `serve hisRead, ${CLIENTS} concurrent clients, ${seconds} s (requests/s)`,
      fmt(many.perSecond),
      `${(many.perSecond / one.perSecond).toFixed(2)} × 1 client; p50 ${ms(many.p50)}, p99 ${ms(many.p99)}, ${many.errors} errors`,
    );
  } catch (error) {
    report('serve hisRead', 'FAILED', (error as Error).message.slice(0, 200));
  } finally {
    await stopServeProcess(serve);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `clients` loops, each a request after the last one's answer, until `seconds` have passed. */
async function hisReadLoad(url: (i: number) => string, seconds: number, clients: number): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const res = await fetch(url(sent++), { headers: { accept: 'text/zinc' } });
          const body = await res.text();
          // an answer is a grid of the day's samples, not an error grid
          if (res.status !== 200 || body.slice(0, body.indexOf('\n')).includes(' err') || !body.includes('2025-07-14T')) errors++;
          else latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { answers: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

// `npm run bench:serve [seconds]`: this section alone
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await serveFigures(
    (what, figure, note = '') => console.log(`${what.padEnd(58)} ${figure.padStart(16)}  ${note}`),
    Number(process.argv[2] ?? 10),
  );
