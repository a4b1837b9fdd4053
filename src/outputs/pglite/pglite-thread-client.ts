import { startWorker, WorkerCalls } from '../../threads/worker-calls.js';
import type { ValuesCopyJob } from '../core-store/copy-binary-encoder.js';
import type { CopyInput, SqlClient } from '../core-store/sql-client.js';

/** What the main thread asks of the embedded store's worker (pglite-worker.ts). */
export type PgliteRequest =
  | { readonly op: 'open'; readonly dataDir: string }
  | { readonly op: 'query'; readonly sql: string; readonly params?: readonly unknown[] }
  | { readonly op: 'exec'; readonly sql: string }
  | { readonly op: 'copy'; readonly sql: string; readonly data: readonly Uint8Array[] }
  | { readonly op: 'copyValues'; readonly sql: string; readonly job: ValuesCopyJob }
  | { readonly op: 'close' };

/**
 * Opens the embedded database of `dataDir` in a worker thread. The main
 * thread only waits for replies, so the control API and signals are answered
 * however long the engine works on a chunk.
 */
export async function openPgliteThread(dataDir: string, target: string): Promise<SqlClient> {
  const calls = new WorkerCalls<PgliteRequest>(startWorker(import.meta.url, 'pglite-worker'));
  try {
    await calls.call({ op: 'open', dataDir });
  } catch (err) {
    await calls.terminate();
    throw err;
  }
  return new PgliteThreadClient(calls, target, new Turns());
}

/** One caller at a time: a transaction keeps the engine (one session) until it ends, as PGlite's own lock does. */
class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  take<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(fn);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

class PgliteThreadClient implements SqlClient {
  constructor(
    private readonly calls: WorkerCalls<PgliteRequest>,
    readonly target: string,
    private readonly turns: Turns,
    private readonly inTransaction = false,
  ) {}

  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.send<R[]>({ op: 'query', sql, params });
  }

  async exec(sql: string): Promise<void> {
    await this.send({ op: 'exec', sql });
  }

  /**
   * The pieces are gathered and handed to the worker at end(), each moved
   * rather than copied where it owns its memory: the main thread never joins
   * a chunk's tens of megabytes into one buffer.
   */
  async copyFrom(sql: string): Promise<CopyInput> {
    let parts: Uint8Array[] = [];
    return {
      write: async (chunk) => void parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
      end: async () => {
        // a view into a shared pool (small Buffers) or into a larger buffer is copied; only a whole buffer moves
        const data = parts.map((p) => (p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? p : new Uint8Array(p)));
        parts = [];
        return this.send<number>({ op: 'copy', sql, data }, [...new Set(data.map((p) => p.buffer as ArrayBuffer))]);
      },
      abort: () => void (parts = []),
    };
  }

  /** The batch is copied to the worker (the caller keeps its chunk), which encodes it and runs the COPY. */
  async copyValues(sql: string, job: ValuesCopyJob): Promise<void> {
    await this.send({ op: 'copyValues', sql, job });
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this) : this.between('BEGIN', 'COMMIT', fn);
  }

  readOnly<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this) : this.between('BEGIN READ ONLY', 'ROLLBACK', fn);
  }

  /** fn in the engine's one session between `begin` and `end` (ROLLBACK when fn throws). */
  private between<T>(begin: string, end: string, fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.turns.take(async () => {
      await this.calls.call({ op: 'exec', sql: begin });
      try {
        const result = await fn(new PgliteThreadClient(this.calls, this.target, this.turns, true));
        await this.calls.call({ op: 'exec', sql: end });
        return result;
      } catch (err) {
        await this.calls.call({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    try {
      await this.turns.take(() => this.calls.call({ op: 'close' }));
    } finally {
      await this.calls.terminate();
    }
  }

  /** Ends the worker, the engine mid-statement included: the open transaction never commits, as after a kill. */
  async abandon(): Promise<void> {
    await this.calls.terminate();
  }

  private send<T>(request: PgliteRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    return this.inTransaction ? this.calls.call<T>(request, transfer) : this.turns.take(() => this.calls.call<T>(request, transfer));
  }
}
