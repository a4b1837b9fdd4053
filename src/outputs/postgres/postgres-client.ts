import type { ClientBase, Pool, PoolClient } from 'pg';
import { StreamWriter } from '../../csv/stream-writer.js';
import type { CopyInput, SqlClient, SqlConnection } from '../core-store/sql-client.js';
import { describePostgresUrl, parsePostgresUrl } from './postgres-options.js';

type CopyFrom = typeof import('pg-copy-streams')['from'];
type Driver = Pool | ClientBase;

const INT8 = 20;
/** distinct read texts prepared on the read sessions, at most */
const MAX_PREPARED = 1000;

export interface PostgresConnectionOptions {
  /** postgres://user:password@host:5432/database; optional when `client` is given */
  readonly url?: string;
  readonly ssl?: boolean;
  /** an existing pg Pool or Client to use instead of opening one (left open by close()) */
  readonly client?: Pool | ClientBase;
}

/**
 * A PostgreSQL server as the store and the business loader reach it. The URL
 * is checked now (before anything opens) and only its redacted form is kept
 * for messages; `applicationName` shows in pg_stat_activity.
 */
/** `urlOption` names the URL in errors: the CLI flag, or the library option (`postgres.url`). */
export function postgresConnection(options: PostgresConnectionOptions, applicationName = 'haysim', urlOption = '--db'): SqlConnection {
  const { url = '', ssl, client } = options;
  const target = client && !url ? 'postgres (caller-provided client)' : describePostgresUrl(parsePostgresUrl(url, urlOption));
  return { target, open: () => openPostgresClient({ url, ssl, client, target, applicationName }) };
}

/**
 * Opens a pool on `url` (or wraps the caller's pool/client) as a SqlClient.
 * Sessions we open use UTC and return int8 as number, like PGlite.
 */
async function openPostgresClient(opts: {
  url: string;
  ssl?: boolean;
  client?: Pool | ClientBase;
  target: string;
  applicationName: string;
}): Promise<SqlClient> {
  const { from: copyFrom } = await import('pg-copy-streams');
  if (opts.client) return new PostgresClient(opts.client, copyFrom, opts.target, false);
  const pg = await import('pg');
  const pool = new pg.Pool({
    connectionString: opts.url,
    ...(opts.ssl !== undefined ? { ssl: opts.ssl } : {}),
    connectionTimeoutMillis: 5000,
    application_name: opts.applicationName,
    // no JIT: compiling a plan over the wide layout's view (a branch per point) took minutes for a 5 s query;
    // the store's queries are short enough that JIT never paid for itself on the narrow layout either
    options: '-c TimeZone=UTC -c jit=off',
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  pool.on('error', () => undefined); // an idle connection dropping must not crash the process; the next query reports it
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  // connects on first use only: a run that writes never opens it
  const reads = new pg.Pool({
    connectionString: opts.url,
    ...(opts.ssl !== undefined ? { ssl: opts.ssl } : {}),
    connectionTimeoutMillis: 5000,
    application_name: opts.applicationName,
    options: '-c TimeZone=UTC -c jit=off -c default_transaction_read_only=on',
    max: 2,
    types: pool.options.types,
  });
  reads.on('error', () => undefined);
  return new PostgresClient(pool, copyFrom, opts.target, true, false, reads);
}

function ignoreDroppedConnection(): void {}

function isPool(db: Driver): db is Pool {
  return typeof (db as Pool).totalCount === 'number';
}

/** A connection of its own: from the pool (release(error) destroys a failed one), or the single client. */
interface Lease {
  readonly conn: ClientBase;
  release(failed?: Error): void;
}

class PostgresClient implements SqlClient {
  constructor(
    private readonly db: Driver,
    private readonly copyStream: CopyFrom,
    readonly target: string,
    private readonly owned: boolean,
    private readonly inTransaction = false,
    /** sessions read only by default, for readOne() (pools haysim opened) */
    private readonly reads?: Pool,
  ) {
    if (!reads) this.readOne = undefined;
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const result = await this.db.query(sql, params as unknown[] | undefined);
    return result.rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.db.query(sql);
  }

  /** Streams the input over the socket with backpressure: memory stays flat whatever the size. */
  async copyFrom(copySql: string): Promise<CopyInput> {
    const lease = await this.lease();
    let released = false;
    const release = (failed?: Error) => {
      if (!released) lease.release(failed);
      released = true;
    };
    const stream = lease.conn.query(this.copyStream(copySql));
    const writer = new StreamWriter(stream);
    return {
      write: (chunk) => writer.write(chunk),
      async end() {
        try {
          await writer.end();
        } catch (err) {
          release(err as Error);
          throw err;
        }
        release();
        return stream.rowCount;
      },
      abort() {
        writer.destroy(); // sends CopyFail; whatever the connection runs next queues behind it
        release(new Error('COPY abandoned'));
      },
    };
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this) : this.leased('BEGIN', 'COMMIT', fn);
  }

  readOnly<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this) : this.leased('BEGIN READ ONLY', 'ROLLBACK', fn);
  }

  /**
   * A named (server-side prepared) statement per text: each read session parses and plans a repeated read once,
   * which for a latest reading over a wide table is more than half the server's time (planning 0.16 ms of 0.26).
   * Past MAX_PREPARED texts, reads go unnamed, so a long-running server's sessions do not grow without bound.
   */
  readOne? = async <R>(sql: string, params?: readonly unknown[]): Promise<R[]> => {
    let name = this.prepared.get(sql);
    if (name === undefined && this.prepared.size < MAX_PREPARED) this.prepared.set(sql, (name = `haysim_read_${this.prepared.size}`));
    return (await this.reads!.query({ name, text: sql, values: params as unknown[] | undefined })).rows as R[];
  };

  private readonly prepared = new Map<string, string>();

  /** fn on a connection of its own between `begin` and `end` (ROLLBACK when fn throws). */
  private async leased<T>(begin: string, end: string, fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const { conn, release } = await this.lease();
    let failed: Error | undefined;
    try {
      await conn.query(begin);
      try {
        const result = await fn(new PostgresClient(conn, this.copyStream, this.target, false, true));
        await conn.query(end);
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      failed = err as Error;
      throw err;
    } finally {
      release(failed);
    }
  }

  async close(): Promise<void> {
    if (this.owned && isPool(this.db)) await Promise.all([this.db.end(), this.reads?.end()]);
  }

  /**
   * A connection the server drops mid-transaction (a crash, `pg_ctl stop -m immediate`) emits
   * 'error' besides failing the query in progress; unheard, that event would end the process
   * with a stack trace. The query's own rejection carries the failure to the caller.
   */
  private async lease(): Promise<Lease> {
    const conn: ClientBase = isPool(this.db) ? await this.db.connect() : this.db;
    conn.on('error', ignoreDroppedConnection);
    return {
      conn,
      release: (failed) => {
        conn.off('error', ignoreDroppedConnection);
        if (isPool(this.db)) (conn as PoolClient).release(failed);
      },
    };
  }
}
