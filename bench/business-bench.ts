// `npm run bench`, business dataset: rows/s into CSV files and into PostgreSQL, each next to a bare
// write of the same bytes (fs streams; psql \copy) measured in the same run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBusiness } from '../src/business/generate/generate-business.js';
import { DEFAULT_AS_OF } from '../src/business/generate/calendar.js';
import type { BusinessOptions } from '../src/business/generate/business-dataset.js';
import { CHUNK_CHARS, csvChunks } from '../src/business/outputs/business-csv-encoder.js';
import type { BusinessOutput } from '../src/business/outputs/business-output.js';
import { BusinessCsvWriter } from '../src/business/outputs/business-csv-writer.js';
import { BusinessPostgresLoader } from '../src/business/outputs/business-postgres-loader.js';
import { createTableSql, foreignKeySql } from '../src/business/outputs/business-postgres-ddl.js';
import { writeBusinessDataset } from '../src/business/outputs/write-business-dataset.js';
import { StreamWriter } from '../src/csv/stream-writer.js';
import { BUSINESS_TABLES } from '../src/business/tables/business-tables.js';
import { type Report, fmt } from './bench-report.js';

async function timed(outputs: BusinessOutput[], options: BusinessOptions): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now();
  try {
    for (const o of outputs) await o.open();
    const summary = await writeBusinessDataset(options, generateBusiness(options), outputs);
    return { rows: summary.totalRows, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await Promise.allSettled(outputs.map((o) => o.close()));
  }
}

/** `postgresUrl`: an empty database to load into, or undefined to skip the PostgreSQL figures. */
export async function businessFigures(report: Report, scale: number, postgresUrl: string | undefined): Promise<void> {
  const options: BusinessOptions = { seed: 1, scale, overrides: {}, asOf: DEFAULT_AS_OF };
  const dir = mkdtempSync(join(tmpdir(), 'haysim-bench-business-'));
  try {
    // generation and CSV encoding alone, nothing written (after a warm-up run): what the outputs add comes on top
    const encodeAll = (o: BusinessOptions) => {
      let n = 0;
      for (const { table, rows } of generateBusiness(o)) for (const chunk of csvChunks(table, rows)) n += chunk.rows;
      return n;
    };
    encodeAll({ ...options, scale: 1 });
    const g0 = performance.now();
    const generated = encodeAll(options);
    const genRate = generated / ((performance.now() - g0) / 1000);
    // baseline: the finished files' bytes, already in memory, through fs write streams in the same pieces
    const csv = await timed([new BusinessCsvWriter(join(dir, 'csv'))], options);
    const texts = BUSINESS_TABLES.map((t) => readFileSync(join(dir, 'csv', `${t.name}.csv`), 'utf8'));
    const b0 = performance.now();
    for (const [i, text] of texts.entries()) {
      const writer = new StreamWriter(createWriteStream(join(dir, `bare-${i}.csv`)));
      for (let o = 0; o < text.length; o += CHUNK_CHARS) await writer.write(text.slice(o, o + CHUNK_CHARS));
      await writer.end();
    }
    const bareRate = csv.rows / ((performance.now() - b0) / 1000);
    report(`business scale ${scale}: generate + encode only, no output (rows/s)`, fmt(genRate), `${fmt(generated)} rows`);
    report('  baseline: the same CSV bytes, pre-built, via fs streams (rows/s)', fmt(bareRate));
    report(
      '  haysim business --out (rows/s)',
      fmt(csv.rows / csv.seconds),
      `${(csv.rows / csv.seconds / bareRate).toFixed(2)} × baseline, ${csv.seconds.toFixed(1)} s`,
    );

    if (!postgresUrl) {
      report('  business → PostgreSQL', 'SKIPPED', 'no HAYSIM_BENCH_DATABASE_URL and no PostgreSQL server binaries');
      return;
    }
    // baseline: psql, one transaction: the same tables (PK, UNIQUE, CHECK), \copy of the written files, the same foreign keys, indexes and ANALYZE
    const tables = new Map(BUSINESS_TABLES.map((t) => [t.name, t]));
    const script = [
      'CREATE SCHEMA bare;',
      ...BUSINESS_TABLES.map((t) => `${createTableSql('bare', t)};`),
      ...BUSINESS_TABLES.map((t) => `\\copy bare.${t.name} FROM '${join(dir, 'csv', `${t.name}.csv`)}' WITH (FORMAT csv, HEADER true)`),
      ...BUSINESS_TABLES.flatMap((t) => foreignKeySql('bare', t, tables).map((s) => `${s};`)),
      ...BUSINESS_TABLES.map((t) => `ANALYZE bare.${t.name};`),
    ].join('\n');
    writeFileSync(join(dir, 'bare.sql'), script);
    const p0 = performance.now();
    const r = spawnSync('psql', [postgresUrl, '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'bare.sql')], { encoding: 'utf8' });
    const psqlSeconds = (performance.now() - p0) / 1000;
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    const db = await timed([new BusinessPostgresLoader({ url: postgresUrl })], options);
    const psqlRate = csv.rows / psqlSeconds;
    report('  baseline: psql \\copy of the same CSV files, same keys (rows/s)', fmt(psqlRate));
    report(
      '  haysim business --db (rows/s)',
      fmt(db.rows / db.seconds),
      `${(db.rows / db.seconds / psqlRate).toFixed(2)} × psql \\copy, ${db.seconds.toFixed(1)} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
