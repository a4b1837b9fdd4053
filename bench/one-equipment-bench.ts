// One campus chiller over the users' whole horizon (2023-02-01 → 2026-02-01 at 1 minute, 1,578,240 wide rows)
// into Parquet and into PostgreSQL wide tables with `generate --equip`, as a user runs it (a process of its own,
// timed by /usr/bin/time), next to the same equipment's first month: peak memory must not grow with the horizon.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Report, fmt } from './bench-report.js';

const EQUIP = 'chiller_001';
const HORIZON = { start: '2023-02-01', end: '2026-02-01' };
const BASELINE = { start: '2023-02-01', end: '2023-03-01' };
const TIME = '/usr/bin/time';

interface Measured {
  readonly seconds: number;
  readonly rssMb: number;
  readonly values: number;
}

/** `generate --equip` over a range into `target` (output flags), in a child process: wall time and peak RSS. */
function generateOne(range: { start: string; end: string }, target: string[]): Measured {
  const args = ['-f', '%e %M', process.execPath, 'bin/haysim.js', 'generate', '--profile', 'industrial-campus'];
  args.push('--equip', EQUIP, '--start', range.start, '--end', range.end, '--interval', '1m', '--json', '--no-validate', ...target);
  const r = spawnSync(TIME, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`generate --equip failed: ${r.stderr.slice(-2000)}`);
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  const summary = JSON.parse(r.stdout) as { rowsWritten: number };
  return { seconds: seconds!, rssMb: kb! / 1024, values: summary.rowsWritten };
}

/** `database(name)` makes an empty database and returns its URL; undefined when there is no PostgreSQL. */
export async function oneEquipmentFigures(report: Report, database?: (name: string) => Promise<string>): Promise<void> {
  if (!existsSync(TIME)) {
    report('one equipment, 3 years', 'SKIPPED', `no ${TIME} to measure a process's peak memory`);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'haysim-bench-one-equip-'));
  try {
    const targets: [string, (tag: string) => Promise<string[]>][] = [
      ['Parquet', async (tag) => ['--out', join(scratch, tag), '--format', 'parquet']],
    ];
    if (database)
      targets.push([
        'PostgreSQL wide',
        async (tag) => ['--db', await database(`haysim_bench_one_${tag}_${process.pid}`), '--layout', 'wide'],
      ]);
    else report('one equipment, 3 years → PostgreSQL', 'SKIPPED', 'no PostgreSQL');
    for (const [label, target] of targets) {
      const month = generateOne(BASELINE, await target(`month_${label === 'Parquet' ? 'pq' : 'pg'}`));
      const years = generateOne(HORIZON, await target(`years_${label === 'Parquet' ? 'pq' : 'pg'}`));
      const months = 36;
      report(
        `${EQUIP}, 3 years at 1 min → ${label} (wall s, peak RSS MB)`,
        `${years.seconds.toFixed(0)} s, ${years.rssMb.toFixed(0)} MB`,
        `${fmt(years.values)} values; its first month ${month.seconds.toFixed(1)} s, ${month.rssMb.toFixed(0)} MB: RSS ${(years.rssMb / month.rssMb).toFixed(2)} ×, wall per month ${(years.seconds / months / month.seconds).toFixed(2)} ×`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
