/**
 * Hive-partitioned files (--out DIR --format parquet|csv) read back by an
 * independent reader (DuckDB) against the embedded store's tables for the same
 * run: the same rows and values, typed columns, hive keys; a resumed run gives
 * the same bytes as an uninterrupted one, and two runs give identical files.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { buildModel } from '../../src/model/build-model.js';
import { createFilesSink } from '../../src/outputs/files/create-files-sink.js';
import type { FileFormat } from '../../src/outputs/files/files-options.js';
import { PartitionedFilesSink } from '../../src/outputs/files/partitioned-files-sink.js';
import type { RunDescriptor, Sink } from '../../src/outputs/output.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { planWideTables } from '../../src/outputs/wide/wide-names.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { runFingerprint } from '../../src/runner/fingerprint.js';
import { Engine } from '../../src/sim/engine.js';

const INTERVAL = 15 * 60_000;
// crosses a New York month's end (2025-07-01 04:00 UTC): every equipment gets two month files, the Haystack history four date files
const START = Date.UTC(2025, 5, 29, 6);
const END = Date.UTC(2025, 6, 2, 18);
const ROWS = (END - START) / INTERVAL;

const scratch = mkdtempSync(join(tmpdir(), 'haysim-partitioned-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const loaded = await loadProfile('office-tower', EQUIPMENT_TYPES);
const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
const seed = loaded.profile.simulation.seed;
const epochMs = Date.parse(loaded.profile.simulation.epoch);
const engine = new Engine(model, topology, { seed, intervalMs: INTERVAL, epochMs });
const chunks = engine.chunksIn(START, END).map((c) => engine.computeChunk(c, START, END));
const grid = { epochMs, chunkMs: engine.chunkMs };
const run = (org: string): RunDescriptor => ({
  org,
  profile: 'office-tower',
  seed,
  intervalMs: INTERVAL,
  fingerprint: runFingerprint(loaded.text, seed, INTERVAL),
  start: START,
  end: END,
});

/** Writes the run's chunks (those not already complete, up to `stopAfter` of them; then stops as a kill would: no close). */
async function write(sink: Sink, stopAfter = Infinity) {
  await sink.open();
  const done = await sink.begin(model, run('hay'), { reset: false, grid });
  let written = 0;
  for (const c of chunks) {
    if (done.has(c.index)) continue;
    if (written++ === stopAfter) {
      // files complete in the background; a kill after they are leaves them
      if (sink instanceof PartitionedFilesSink) await sink.settled();
      return { done, summary: undefined };
    }
    await sink.writeChunk(c);
  }
  const summary = await sink.finish();
  await sink.close();
  return { done, summary };
}

async function writeFiles(name: string, format: FileFormat, layout: 'wide' | 'haystack'): Promise<string> {
  const dir = join(scratch, name);
  await write(createFilesSink({ dir, format }, layout));
  return dir;
}

/** Every file under dir (relative path → sha256), the summary (which names the range only) included. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

const duck = await (await DuckDBInstance.create()).connect();
async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  return (await duck.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

const tables = planWideTables(model);
/** Per wide table: row count, and per column the non-null count and a sum (numbers, true Booleans, text lengths). */
function aggregateSql(table: (typeof tables)[number], from: string, dialect: 'duckdb' | 'postgres' = 'duckdb'): string {
  const numeric = dialect === 'postgres' ? '::numeric' : '';
  const cols = table.columns.map((c, i) => {
    const q = `"${c.name}"`;
    const sum =
      c.type === 'double precision' ? `round(sum(${q})${numeric}, 3)` : c.type === 'boolean' ? `sum(${q}::int)` : `sum(length(${q}))`;
    return `count(${q}) AS n${i}, ${sum} AS s${i}`;
  });
  return `SELECT count(*) AS n, ${cols.join(', ')} FROM ${from}`;
}
/** The office tower's local calendar, by Intl: what every row's partition key must be. */
const localKey = (ms: number, length: 7 | 10) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: model.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(ms)
    .slice(0, length);

/** Rows whose partition key (`key` column, from the hive path) is not their ts's local month or date. */
async function misplacedRows(from: string, key: 'month' | 'date'): Promise<number> {
  const rows = await duckRows(`SELECT DISTINCT epoch_ms(ts)::double AS t, ${key} AS k FROM ${from}`);
  expect(rows.length).toBeGreaterThan(0);
  return rows.filter((r) => localKey(Number(r.t), key === 'month' ? 7 : 10) !== r.k).length;
}
const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : Number(v)]));

describe('hive-partitioned files read back by DuckDB', () => {
  let pgliteWide: PgliteStore;
  afterAll(() => pgliteWide?.close());

  it('wide Parquet: a file per equipment and local month, the wide tables’ columns and types, the same values as the embedded store', async () => {
    const dir = await writeFiles('wide-parquet', 'parquet', 'wide');
    pgliteWide = new PgliteStore({ dataDir: join(scratch, 'pglite-wide'), org: 'hay', layout: 'wide' });
    await write(pgliteWide);
    const files = Object.keys(hashes(dir)).filter((p) => p.startsWith('equipment='));
    expect(files).toHaveLength(tables.length * 2);
    const all = `read_parquet('${dir}/equipment=*/*/*.parquet', hive_partitioning = true, union_by_name = true)`;
    const [total] = await duckRows(`SELECT count(*) AS n, count(DISTINCT equipment) AS e, min(ts)::text AS lo, max(ts)::text AS hi,
      string_agg(DISTINCT month, ',' ORDER BY month) AS months FROM ${all}`);
    expect(total).toEqual({
      n: String(ROWS * tables.length),
      e: String(tables.length),
      lo: '2025-06-29 06:00:00+00',
      hi: '2025-07-02 17:45:00+00',
      months: '2025-06,2025-07',
    });
    for (const table of tables) {
      const from = `read_parquet('${dir}/equipment=${table.name}/*/*.parquet')`;
      const described = await duckRows(`DESCRIBE SELECT * FROM ${from}`);
      const duckType = { 'double precision': 'DOUBLE', boolean: 'BOOLEAN', text: 'VARCHAR' } as const;
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual([
        ['ts', 'TIMESTAMP WITH TIME ZONE'],
        ...table.columns.map((c) => [c.name, duckType[c.type]]),
        ['equipment', 'VARCHAR'], // the hive keys, found by the reader itself
        ['month', 'VARCHAR'],
      ]);
      const [fromFiles] = await duckRows(aggregateSql(table, from));
      const [fromStore] = await pgliteWide.query(aggregateSql(table, `public.${table.name}`, 'postgres'));
      expect(plain(fromFiles!), table.name).toEqual(plain(fromStore!));
    }
    const [meta] = await duckRows(
      `SELECT DISTINCT compression, row_group_num_rows AS r FROM parquet_metadata('${dir}/equipment=${tables[0]!.name}/month=2025-06/data.parquet')`,
    );
    expect(meta).toEqual({ compression: 'ZSTD', r: String((Date.UTC(2025, 6, 1, 4) - START) / INTERVAL) });
    expect(await misplacedRows(all, 'month')).toBe(0);
    const [schema] = await duckRows(
      `SELECT logical_type FROM parquet_schema('${dir}/equipment=${tables[0]!.name}/month=2025-06/data.parquet') WHERE name = 'ts'`,
    );
    expect(String(schema!.logical_type)).toMatch(/isAdjustedToUTC=1/);
  });

  it('wide CSV: the same partitions and values as wide Parquet', async () => {
    const parquet = join(scratch, 'wide-parquet');
    const csv = await writeFiles('wide-csv', 'csv', 'wide');
    for (const table of tables.slice(0, 8)) {
      const [a] = await duckRows(aggregateSql(table, `read_parquet('${parquet}/equipment=${table.name}/*/*.parquet')`));
      const [b] = await duckRows(
        aggregateSql(table, `read_csv('${csv}/equipment=${table.name}/*/*.csv', header = true, union_by_name = true)`),
      );
      expect(plain(b!), table.name).toEqual(plain(a!));
    }
  });

  it('Haystack Parquet: history by local date shaped as core.values, equal to the embedded store’s', async () => {
    const dir = await writeFiles('haystack-parquet', 'parquet', 'haystack');
    const store = new PgliteStore({ dataDir: join(scratch, 'pglite-hay'), org: 'hay', layout: 'haystack' });
    try {
      await write(store);
      const [files] = await duckRows(`SELECT count(*) AS n, count(value_n) AS num, round(sum(value_n), 3) AS s, count(value_b) AS b,
        sum(value_b::int) AS t, count(value_s) AS str, count(DISTINCT point_id) AS points, string_agg(DISTINCT date, ',' ORDER BY date) AS dates
        FROM read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true)`);
      const [db] =
        await store.query(`SELECT count(*) AS n, count(value_n) AS num, round(sum(value_n)::numeric, 3) AS s, count(value_b) AS b,
        sum(value_b::int) AS t, count(value_s) AS str, count(DISTINCT entity_id) AS points FROM core.values_hay`);
      expect(files!.dates).toBe('2025-06-29,2025-06-30,2025-07-01,2025-07-02');
      expect(await misplacedRows(`read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true)`, 'date')).toBe(0);
      const { dates: _, ...values } = files!;
      expect(plain(values)).toEqual(plain(db!));
      const [points] = await duckRows(`SELECT count(*) AS n FROM read_parquet('${dir}/points.parquet')`);
      expect(points).toEqual({ n: String(model.points.length) });
      const [events] = await duckRows(`SELECT count(*) AS n FROM read_parquet('${dir}/events/*/*.parquet')`);
      const [dbEvents] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM core.haysim_event');
      expect(Number(events!.n)).toBe(dbEvents!.n);
    } finally {
      await store.close();
    }
  });

  it('two runs give byte-identical files; a run stopped mid-way and resumed gives the same bytes and leaves no temporary file', async () => {
    for (const [layout, format] of [
      ['wide', 'parquet'],
      ['haystack', 'parquet'],
      ['wide', 'csv'],
    ] as const) {
      const reference = hashes(await writeFiles(`${layout}-${format}-a`, format, layout));
      expect(hashes(await writeFiles(`${layout}-${format}-b`, format, layout))).toEqual(reference);
      const dir = join(scratch, `${layout}-${format}-resumed`);
      await write(createFilesSink({ dir, format }, layout), chunks.length - 1);
      const partial = Object.keys(hashes(dir));
      expect(partial.some((p) => /\.part$/.test(p))).toBe(true); // the open files' spills, as a kill leaves them
      const resumed = await write(createFilesSink({ dir, format }, layout));
      expect(resumed.done.size).toBeGreaterThan(0); // chunks of the periods completed before the stop were not written again
      expect(hashes(dir)).toEqual(reference);
    }
  });

  it('refuses a folder holding another run', async () => {
    const dir = join(scratch, 'wide-parquet');
    const sink = createFilesSink({ dir, format: 'parquet' }, 'wide');
    await expect(sink.begin(model, { ...run('hay'), end: END + INTERVAL }, { reset: false, grid })).rejects.toThrow(
      /holds files of another run/,
    );
  });
});
