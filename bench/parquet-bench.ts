// One industrial-campus day at 1 minute into Parquet (wide layout: a file per equipment and month) as generate
// writes it, next to two baselines in the same run: the sink alone fed the same pre-computed chunks, and DuckDB
// writing the same rows (loaded from haysim's files first, untimed) to Parquet with the same compression.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PartitionedFilesSink } from '../src/outputs/files/partitioned-files-sink.js';
import { Engine } from '../src/sim/engine.js';
import { type Report, USERS_BYTES_PER_ROW, fmt } from './bench-report.js';
import { campusDay, HORIZON_DAYS, WORKER_COUNTS } from './campus-day.js';

/** the longer run whose difference from a 1-day run gives what a further day costs */
const MARGIN_DAYS = 4;

function bytesUnder(dir: string, pattern: RegExp): number {
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile() && pattern.test(e.name)) bytes += statSync(join(e.parentPath, e.name)).size;
  return bytes;
}

export async function campusParquetFigures(report: Report): Promise<void> {
  const { built, epochMs, run, generate } = await campusDay();
  const scratch = mkdtempSync(join(tmpdir(), 'haysim-bench-parquet-'));
  try {
    // as generate --workers N runs it: the engine in N worker threads, the sink on this one, its encoder threads
    // beside them. A 3-year run pays its start (threads, JIT, wasm, the registers' first day) once: it is
    // extrapolated from what each further day adds, the difference between a 1-day and a MARGIN_DAYS-day run
    const dir = join(scratch, 'generate-w1-d1');
    let rows = 0;
    let perDay = 0;
    for (const workers of WORKER_COUNTS) {
      const walls: number[] = [];
      for (const days of [1, MARGIN_DAYS]) {
        const sink = new PartitionedFilesSink({ dir: join(scratch, `generate-w${workers}-d${days}`) }, 'parquet', 'wide');
        const cpu0 = process.cpuUsage();
        const { result, started } = await generate([sink], workers, days);
        await sink.close();
        const wall = (performance.now() - started) / 1000;
        walls.push(wall);
        if (days !== 1) continue;
        const cpu = process.cpuUsage(cpu0); // every thread of the process: engine, sink, encoders
        rows = result.summaries[0]!.rowsWritten;
        report(
          `campus day at 1 min → Parquet, wide, --workers ${workers} (rows/s)`,
          fmt(rows / wall),
          `${fmt(result.rowsGenerated / wall)} values/s; ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (all threads), the start included`,
        );
      }
      const [first, all] = walls as [number, number];
      const day = (all - first) / (MARGIN_DAYS - 1);
      const scaling = workers === 1 ? '' : `; ${(perDay / day).toFixed(2)} × --workers 1`;
      if (workers === 1) perDay = day;
      report(
        `  each further day, --workers ${workers} (s wall)`,
        day.toFixed(2),
        `(${MARGIN_DAYS}-day run ${all.toFixed(1)} s − 1-day run ${first.toFixed(1)} s) / ${MARGIN_DAYS - 1}; 3 years ≈ ${((first - day + day * HORIZON_DAYS) / 3600).toFixed(2)} h (target < 1 h), first day × ${HORIZON_DAYS} would say ${((first * HORIZON_DAYS) / 3600).toFixed(2)} h${scaling}`,
      );
      for (const days of [1, MARGIN_DAYS])
        if (workers !== 1 || days !== 1) rmSync(join(scratch, `generate-w${workers}-d${days}`), { recursive: true, force: true });
    }
    const bytes = bytesUnder(dir, /^data\.parquet$/);
    report('Parquet bytes per wide row on disk', (bytes / rows).toFixed(1), `the users' PostgreSQL ≈ ${USERS_BYTES_PER_ROW} B/row`);

    // baseline 1: the sink alone, fed the same chunks computed beforehand (untimed)
    const engine = new Engine(built.model, built.topology, { seed: 1, intervalMs: run.intervalMs, epochMs });
    const computed = engine.chunksIn(run.start, run.end).map((c) => engine.computeChunk(c, run.start, run.end));
    const alone = new PartitionedFilesSink({ dir: join(scratch, 'alone') }, 'parquet', 'wide');
    const t0 = performance.now();
    const aloneCpu0 = process.cpuUsage();
    await alone.begin(built.model, run, { reset: true });
    for (const c of computed) await alone.writeChunk(c);
    await alone.finish();
    await alone.close();
    const aloneSeconds = (performance.now() - t0) / 1000;
    const aloneCpu = process.cpuUsage(aloneCpu0);
    report(
      '  the Parquet sink alone, pre-computed chunks (rows/s)',
      fmt(rows / aloneSeconds),
      `${aloneSeconds.toFixed(1)} s wall, ${((aloneCpu.user + aloneCpu.system) / 1e6).toFixed(1)} s CPU`,
    );

    // baseline 2: DuckDB (native, C++) writing the same rows to ZSTD Parquet, one file per equipment
    const db = await (await DuckDBInstance.create()).connect();
    await db.run('SET threads = 1');
    const equipment = readdirSync(dir).filter((d) => d.startsWith('equipment='));
    for (const [i, e] of equipment.entries())
      await db.run(`CREATE TABLE t${i} AS SELECT * FROM read_parquet('${join(dir, e)}/*/*.parquet')`);
    const t1 = performance.now();
    for (const i of equipment.keys())
      await db.run(`COPY t${i} TO '${join(scratch, `duck${i}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`);
    const duckSeconds = (performance.now() - t1) / 1000;
    const duckBytes = bytesUnder(scratch, /^duck\d+\.parquet$/);
    report(
      '  DuckDB COPY of the same rows to Parquet, 1 thread (rows/s)',
      fmt(rows / duckSeconds),
      `${duckSeconds.toFixed(1)} s, ${(duckBytes / rows).toFixed(1)} B/row; the sink alone is ${(duckSeconds / aloneSeconds).toFixed(2)} × its rate, generate end to end (a further day, 1 worker) ${(duckSeconds / perDay).toFixed(2)} ×`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
