import { appendFile, mkdtemp, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcMessages } from './arrow-ipc.js';
import { encodeParquet, encodeParquetFile, ROW_GROUP_ROWS } from './block-parquet.js';
import type { ColumnBlock } from './column-block.js';

// The streamed Parquet encoder: a spill of many blocks becomes a file an independent reader reads back as written,
// the same bytes as encoding it whole, in memory bounded by a block and a row group.

const wasm = await import('parquet-wasm/node');
const T0 = Date.UTC(2025, 4, 1);

/** Block `b` of `rows` rows: a minute series, a value with gaps, a repeating id with nulls, a flag (2: null). */
function block(b: number, rows: number): ColumnBlock {
  const at = (i: number) => b * rows + i;
  return {
    rows,
    columns: [
      { name: 'ts', type: 'timestamp', data: Float64Array.from({ length: rows }, (_, i) => T0 + at(i) * 60_000) },
      { name: 'value', type: 'double', data: Float64Array.from({ length: rows }, (_, i) => (at(i) % 97 === 0 ? Number.NaN : at(i) / 8)) },
      { name: 'point_id', type: 'string', data: Array.from({ length: rows }, (_, i) => (at(i) % 11 === 0 ? null : `p${at(i) % 300}`)) },
      { name: 'flag', type: 'boolean', data: Uint8Array.from({ length: rows }, (_, i) => at(i) % 3) },
    ],
  };
}

describe('encodeParquetFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haysim-block-parquet-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function spillOf(name: string, blocks: number, rows: number): Promise<string> {
    const spill = join(dir, `${name}.part`);
    for (let b = 0; b < blocks; b++) await appendFile(spill, ipcMessages(block(b, rows), b === 0));
    return spill;
  }

  it('streams a multi-row-group file that DuckDB reads back as written, byte for byte the whole-file encoding', async () => {
    const blocks = 5;
    const rows = 70_001; // blocks straddle row groups
    const spill = await spillOf('many', blocks, rows);
    const target = join(dir, 'many.parquet');
    expect(await encodeParquetFile(wasm, { spill, target, textColumns: ['point_id'] })).toBe(blocks * rows);
    const bytes = await readFile(target);
    expect(bytes.equals(Buffer.from(encodeParquet(wasm, await readFile(spill), ['point_id'])))).toBe(true);

    const duck = await (await DuckDBInstance.create()).connect();
    const meta = (
      await duck.runAndReadAll(
        `SELECT row_group_id, max(row_group_num_rows) AS n FROM parquet_metadata('${target}') GROUP BY ALL ORDER BY 1`,
      )
    )
      .getRowObjectsJson()
      .map((r) => Number(r.n));
    const total = blocks * rows;
    expect(meta).toEqual([...Array(Math.floor(total / ROW_GROUP_ROWS)).fill(ROW_GROUP_ROWS), total % ROW_GROUP_ROWS]);
    const read = (
      await duck.runAndReadAll(`SELECT epoch_ms(ts)::double AS t, value, point_id, flag FROM read_parquet('${target}')`)
    ).getRows();
    expect(read).toHaveLength(total);
    let mismatches = 0;
    for (let b = 0; b < blocks; b++) {
      const expected = block(b, rows).columns;
      for (let i = 0; i < rows; i++) {
        const [t, value, id, flag] = read[b * rows + i]!;
        const v = expected[1]!.data[i] as number;
        const f = expected[3]!.data[i] as number;
        const same =
          t === expected[0]!.data[i] &&
          value === (Number.isNaN(v) ? null : v) &&
          id === expected[2]!.data[i] &&
          flag === (f === 2 ? null : f === 1);
        if (!same) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('holds a block and a row group in its memory, not the file (a spill of 24 row groups)', async () => {
    const rows = 2 * ROW_GROUP_ROWS;
    const spill = await spillOf('big', 12, rows);
    const spillBytes = (await stat(spill)).size;
    // the wasm memory only grows: a warm-up file of one block sets what a block and a row group take
    await encodeParquetFile(wasm, { spill: await spillOf('warm', 1, rows), target: join(dir, 'warm.parquet'), textColumns: ['point_id'] });
    const before = wasm.wasmMemory().buffer.byteLength;
    await encodeParquetFile(wasm, { spill, target: join(dir, 'big.parquet'), textColumns: ['point_id'] });
    const grown = wasm.wasmMemory().buffer.byteLength - before;
    // encoded whole, the table alone (the spill's bytes) would land in wasm memory; streamed, 24 row groups need no more than one
    expect(spillBytes).toBeGreaterThan(60 << 20);
    expect(grown).toBeLessThan(spillBytes / 4);
  });

  it('fails on a spill cut short instead of ending a well-formed file without its last rows', async () => {
    const spill = await spillOf('cut', 3, 1000);
    await truncate(spill, (await stat(spill)).size - 100);
    await expect(encodeParquetFile(wasm, { spill, target: join(dir, 'cut.parquet'), textColumns: [] })).rejects.toThrow(/cut short/);
  });
});
