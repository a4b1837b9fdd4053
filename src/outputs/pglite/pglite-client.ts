import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import type { CopyInput, SqlClient, SqlConnection } from '../core-store/sql-client.js';
import { makeDirectories } from '../files/make-directories.js';
import { DEFAULT_PGLITE_DIR } from './pglite-options.js';
import { openPgliteThread } from './pglite-thread-client.js';
import { makePrivate } from './private-directory.js';

export interface PgliteConnectionOptions {
  /** database directory, created if missing; default ./haysim-data */
  readonly dataDir?: string;
  /** an existing PGlite instance to use instead (left open by close()) */
  readonly instance?: PGliteInterface;
}

/**
 * The embedded database as the store and the business loader reach it. A
 * data directory is run in a worker thread (pglite-thread-client.ts): the
 * WASM engine works synchronously, and on the main thread a long load would
 * leave the live service's control API and its signals unanswered.
 */
export function pgliteConnection(options: PgliteConnectionOptions): SqlConnection {
  const dataDir = resolve(options.dataDir ?? DEFAULT_PGLITE_DIR);
  const { instance } = options;
  const target = instance && !options.dataDir ? 'pglite (caller-provided instance)' : dataDir;
  return { target, open: () => (instance ? openPgliteClient({ dataDir, instance, target }) : openPgliteThread(dataDir, target)) };
}

/**
 * Opens (creating if needed, private to the user) the embedded database in
 * `dataDir` on this thread, or wraps the caller's PGlite instance, as a
 * SqlClient. Sessions we open use UTC.
 */
export async function openPgliteClient(opts: { dataDir: string; instance?: PGliteInterface; target: string }): Promise<SqlClient> {
  if (opts.instance) return new PgliteClient(opts.instance, opts.target, false);
  await makeDirectories(opts.dataDir);
  await makePrivate(opts.dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const template = existsSync(join(opts.dataDir, 'PG_VERSION')) ? undefined : await readTemplate();
  const db = await PGlite.create(opts.dataDir, template ? { loadDataDir: template } : {});
  await makePrivate(opts.dataDir); // the template's files were just written 0666
  await db.exec(`SET TIME ZONE 'UTC'`);
  return new PgliteClient(db, opts.target, true);
}

/** The empty database the build packs (scripts/build-pglite-template.mjs); absent → PGlite runs initdb itself. */
const TEMPLATE = fileURLToPath(new URL('../../pglite-template.tar.gz', import.meta.url));

async function readTemplate(): Promise<Blob | undefined> {
  return existsSync(TEMPLATE) ? new Blob([await readFile(TEMPLATE)]) : undefined;
}

class PgliteClient implements SqlClient {
  constructor(
    private readonly db: PGliteInterface | Transaction,
    readonly target: string,
    private readonly owned: boolean,
    private readonly inTransaction = false,
  ) {}

  async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.db.query<R>(sql, params ? [...params] : undefined)).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  /**
   * PGlite has no COPY FROM STDIN; it reads the same input from a blob at
   * /dev/blob, so the pieces are gathered (without copying) until end().
   */
  async copyFrom(copySql: string): Promise<CopyInput> {
    const sql = copySql.replace(/\bFROM\s+STDIN\b/i, `FROM '/dev/blob'`);
    let parts: (string | Uint8Array<ArrayBuffer>)[] = [];
    return {
      write: async (chunk) => void parts.push(chunk as string | Uint8Array<ArrayBuffer>),
      end: async () => (await this.db.query(sql, [], { blob: new Blob(parts) })).affectedRows ?? 0,
      abort: () => void (parts = []),
    };
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.inTransaction || !('transaction' in this.db)) return fn(this);
    return this.db.transaction((tx) => fn(new PgliteClient(tx, this.target, false, true)));
  }

  async readOnly<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.inTransaction || !('transaction' in this.db)) return fn(this);
    return this.db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      const result = await fn(new PgliteClient(tx, this.target, false, true));
      await tx.rollback();
      return result;
    });
  }

  async close(): Promise<void> {
    if (this.owned && 'close' in this.db) await this.db.close();
  }
}
