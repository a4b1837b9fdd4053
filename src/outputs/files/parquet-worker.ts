// Worker thread of the Parquet encoder: turns a file's Arrow IPC stream into its Parquet bytes (block-parquet.ts),
// so the CPU-heavy encoding (arrow-rs in WebAssembly) runs beside the engine instead of on the writing thread.
import { serveCalls } from '../../threads/worker-calls.js';
import { type EncodeRequest, encodeParquet } from './block-parquet.js';

const wasm = await import('parquet-wasm/node');

serveCalls<EncodeRequest>(
  async ({ ipc, textColumns }) => encodeParquet(wasm, ipc, textColumns),
  (result) => [(result as Uint8Array).buffer as ArrayBuffer],
);
