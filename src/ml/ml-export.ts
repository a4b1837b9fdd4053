import { ipcMessages } from '../outputs/files/arrow-ipc.js';
import { encodeParquet } from '../outputs/files/block-parquet.js';
import type { BlockColumn } from '../outputs/files/column-block.js';
import type { MlRecord } from './ml-types.js';

export const ML_FORMATS = ['jsonl', 'parquet'] as const;
export type MlFormat = (typeof ML_FORMATS)[number];

/** One JSON object a line, keys in the records' order: what `datasets.load_dataset('json', …)` and pandas read. */
export function toJsonl(records: readonly MlRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/**
 * The records as one Parquet table, a column per top-level key (first seen first): numbers as float64,
 * text as UTF-8, nested values (features, units, steps, faults, a pair's windows) as JSON text, a key a
 * record lacks as null. A pair file has TRL's `prompt`, `chosen` and `rejected` string columns.
 */
export async function toParquet(records: readonly MlRecord[]): Promise<Uint8Array> {
  const rows = records as unknown as readonly Record<string, unknown>[];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = keys.map((name): BlockColumn => {
    const values = rows.map((r) => r[name]);
    if (values.every((v) => typeof v === 'number' || v === undefined || v === null))
      return { name, type: 'double', data: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN)) };
    const text = values.map((v) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)));
    return { name, type: 'string', data: text };
  });
  // one small file: encoded on this thread, no encoder threads to start
  const wasm = await import('parquet-wasm/node');
  const text = columns.filter((c) => c.type === 'string').map((c) => c.name);
  return encodeParquet(wasm, ipcMessages({ rows: rows.length, columns }, true), text);
}
