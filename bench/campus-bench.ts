// One industrial-campus day at 1 minute into PostgreSQL, in the wide layout and the Haystack layout, next to
// psql's \copy of the same rows (exported from what haysim wrote) into identical empty tables in one transaction.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../src/outputs/postgres/postgres-store.js';
import { warmUpRegisters, warmUpWorkers } from '../src/runner/register-warm-up.js';
import { quoteIdent } from '../src/sql/sql-quote.js';
import { type Report, fmt } from './bench-report.js';
import { campusDay, HORIZON_DAYS, WORKER_COUNTS } from './campus-day.js';
import { reportDiskBytes } from './disk-size.js';

const DAY = 86_400_000;
const psqlBin = () => (existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql');

function psql(url: string, script: string[], single = false): void {
  const r = spawnSync(psqlBin(), [url, '-q', '-v', 'ON_ERROR_STOP=1', ...(single ? ['-1'] : []), ...script.flatMap((s) => ['-c', s])], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

/** `database(name)` makes an empty database and returns its URL. */
export async function campusPostgresFigures(report: Report, database: (name: string) => Promise<string>): Promise<void> {
  // what a later start adds (integrating the registers up to it) is timed below
  const { profile, built, epochMs, run, generate } = await campusDay();
  for (const layout of ['wide', 'haystack'] as const) {
    const url = await database(`haysim_bench_campus_${layout}_${process.pid}`);
    const store = new PostgresStore({ url, org: 'campus', layout });
    await store.open();
    const { result, started } = await generate([store]);
    // the whole run: tables and entities before the rows, current values, alerts and ANALYZE after them
    const runSeconds = (performance.now() - started) / 1000;
    const tables =
      layout === 'wide'
        ? await store.query<{ s: string; t: string }>(
            `SELECT schema_name AS s, table_name AS t FROM core.haysim_wide_table WHERE org_key = 'campus' AND equip_id IS NOT NULL ORDER BY 2`,
          )
        : [{ s: 'core', t: 'values_campus' }];
    // the users' 490 B is per wide row: one equipment's minute (357 equipment in the campus)
    const wideRows = (layout === 'wide' ? tables.length : 357) * (DAY / run.intervalMs);
    const relations = tables.map((t) => `${quoteIdent(t.s)}.${quoteIdent(t.t)}`);
    const valueRows = layout === 'wide' ? wideRows : result.rowsGenerated;
    await reportDiskBytes(
      store,
      report,
      layout === 'wide' ? 'wide tables (per wide row)' : 'Haystack layout (per value row)',
      relations,
      valueRows,
    );
    if (layout === 'haystack')
      await reportDiskBytes(store, report, 'Haystack layout (per equipment-minute, a wide row’s worth)', relations, wideRows);
    await store.close();
    // the baseline: the same rows as binary COPY files (exporting is not timed), loaded by psql into empty copies
    const dir = mkdtempSync(join(tmpdir(), 'haysim-bench-campus-'));
    try {
      const name = (t: { s: string; t: string }) => `${quoteIdent(t.s)}.${quoteIdent(t.t)}`;
      const file = (t: { t: string }) => join(dir, `${t.t}.pgcopy`);
      psql(
        url,
        tables.map((t) => `\\copy ${name(t)} TO '${file(t)}' WITH (FORMAT binary)`),
      );
      psql(url, [
        'CREATE SCHEMA bench_copy',
        ...tables.map((t) => `CREATE TABLE bench_copy.${quoteIdent(t.t)} (LIKE ${name(t)} INCLUDING ALL)`),
      ]);
      const t0 = performance.now();
      psql(
        url,
        tables.map((t) => `\\copy bench_copy.${quoteIdent(t.t)} FROM '${file(t)}' WITH (FORMAT binary)`),
        true,
      );
      const psqlSeconds = (performance.now() - t0) / 1000;
      const values = result.rowsGenerated;
      const rows = layout === 'wide' ? tables.length * (DAY / run.intervalMs) : values;
      const label = layout === 'wide' ? 'wide tables (357, a row per minute)' : 'Haystack layout (a row per value)';
      report(
        `campus day at 1 min, psql \\copy into ${label} (rows/s)`,
        fmt(rows / psqlSeconds),
        `${fmt(rows)} rows, ${psqlSeconds.toFixed(1)} s`,
      );
      const years = (s: number) => `3 years ≈ ${((s * HORIZON_DAYS) / 3600).toFixed(1)} h`;
      report(
        `campus day at 1 min, haysim --workers 1 → PostgreSQL ${label} (rows/s)`,
        fmt(rows / result.historySeconds),
        `${fmt(values / result.historySeconds)} values/s, ${result.historySeconds.toFixed(1)} s (the whole run ${runSeconds.toFixed(1)} s); ${years(result.historySeconds)}; ${(psqlSeconds / result.historySeconds).toFixed(2)} × psql \\copy (target ≥ 0.9)`,
      );
      // the same day with more engine threads into a fresh database: the scaling ratio
      for (const workers of WORKER_COUNTS.filter((w) => w > 1)) {
        const more = new PostgresStore({
          url: await database(`haysim_bench_campus_${layout}_w${workers}_${process.pid}`),
          org: 'campus',
          layout,
        });
        await more.open();
        const again = await generate([more], workers).finally(() => more.close());
        const s = again.result.historySeconds;
        report(
          `campus day at 1 min, haysim --workers ${workers} → PostgreSQL ${label} (rows/s)`,
          fmt(rows / s),
          `${fmt(values / s)} values/s, ${s.toFixed(1)} s; ${years(s)}; ${(result.historySeconds / s).toFixed(2)} × --workers 1; ${(psqlSeconds / s).toFixed(2)} × psql \\copy`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // energy registers are the trapezoid integral of 15-min physics from the epoch: a run starting later first
  // integrates up to its start, a fixed cost per year of history before the range, its days spread over worker
  // threads (as the engine thread does before its first chunk); one worker shows what the threads gain
  const warmUp = async (workers: number) => {
    const t0 = performance.now();
    await warmUpRegisters(profile, { seed: 1, intervalMs: 60_000, epochMs }, built.model, 365, {
      workers,
    });
    return (performance.now() - t0) / 1000;
  };
  const workers = warmUpWorkers(365, built.model.points.length);
  const parallel = await warmUp(workers);
  const single = await warmUp(1);
  report(
    'campus registers integrated from the epoch to a later start (s per year of history)',
    parallel.toFixed(1),
    `${workers} worker threads; 1 worker ${single.toFixed(1)} s (${(single / parallel).toFixed(2)} ×); once per run, before its first day`,
  );
}
