// Worker thread of the Parquet encoder: turns a file's Arrow IPC spill into its Parquet file (block-parquet.ts),
// so the CPU-heavy encoding (arrow-rs in WebAssembly) runs beside the engine instead of on the writing thread.
import { serveCalls } from '../../threads/worker-calls.js';
import { type EncodeRequest, encodeParquetFile } from './block-parquet.js';

const wasm = await import('parquet-wasm/node');

serveCalls<EncodeRequest>(async (request) => {
  await encodeParquetFile(wasm, request);
});
