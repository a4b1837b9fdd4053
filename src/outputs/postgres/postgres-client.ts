import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase, Pool, PoolClient } from 'pg';
import type { SqlClient } from '../core-store/sql-client.js';

type CopyFrom = typeof import('pg-copy-streams')['from'];
type Driver = Pool | ClientBase;

/** COPY input goes to the server in slices this size, each written only when the socket drains. */
const COPY_SLICE = 1 << 20;
const INT8 = 20;

/**
 * Opens a pool on `url` (or wraps the caller's pool/client) as a SqlClient.
 * Sessions we open use UTC and return int8 as number, like PGlite.
 */
export async function openPostgresClient(opts: {
  url: string;
  ssl?: boolean;
  client?: Pool | ClientBase;
  target: string;
}): Promise<SqlClient> {
  const { from: copyFrom } = await import('pg-copy-streams');
  if (opts.client) return new PostgresClient(opts.client, copyFrom, opts.target, false);
  const pg = await import('pg');
  const pool = new pg.Pool({
    connectionString: opts.url,
    ...(opts.ssl !== undefined ? { ssl: opts.ssl } : {}),
    connectionTimeoutMillis: 5000,
    application_name: 'haysim',
    options: '-c TimeZone=UTC',
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
  return new PostgresClient(pool, copyFrom, opts.target, true);
}

function isPool(db: Driver): db is Pool {
  return typeof (db as Pool).totalCount === 'number';
}

class PostgresClient implements SqlClient {
  constructor(
    private readonly db: Driver,
    private readonly copyFrom: CopyFrom,
    readonly target: string,
    private readonly owned: boolean,
    private readonly inTransaction = false,
  ) {}

  async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const result = await this.db.query(sql, params as unknown[] | undefined);
    return result.rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.db.query(sql);
  }

  async copyIn(copySql: string, data: Buffer): Promise<void> {
    await this.withConnection(async (conn) => {
      const slices = function* () {
        for (let o = 0; o < data.length; o += COPY_SLICE) yield data.subarray(o, o + COPY_SLICE);
      };
      await pipeline(Readable.from(slices()), conn.query(this.copyFrom(copySql)));
    });
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.withConnection(async (conn) => {
      await conn.query('BEGIN');
      try {
        const result = await fn(new PostgresClient(conn, this.copyFrom, this.target, false, true));
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    if (this.owned && isPool(this.db)) await this.db.end();
  }

  /** A dedicated connection: from the pool (destroyed if it failed), or the single client. */
  private async withConnection<T>(fn: (conn: ClientBase) => Promise<T>): Promise<T> {
    if (!isPool(this.db)) return fn(this.db);
    const conn: PoolClient = await this.db.connect();
    let failed: Error | undefined;
    try {
      return await fn(conn);
    } catch (err) {
      failed = err as Error;
      throw err;
    } finally {
      conn.release(failed);
    }
  }
}
