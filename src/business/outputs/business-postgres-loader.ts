import type { ClientBase } from 'pg';
import { OutputError, type IoOperation } from '../../errors.js';
import { quoteIdent } from '../../sql/sql-quote.js';
import { storeError } from '../../outputs/core-store/store-errors.js';
import { describePostgresUrl, parsePostgresUrl } from '../../outputs/postgres/postgres-options.js';
import { BUSINESS_TABLES } from '../tables/business-tables.js';
import type { TableDef } from '../tables/table-def.js';
import type { BusinessOutput, BusinessSummary } from './business-output.js';
import {
  commentSql,
  copySql,
  createTableSql,
  foreignKeySql,
  qualified,
  TABLE_MARKER,
  validateSchemaName,
} from './business-postgres-ddl.js';
import { StreamWriter } from '../../csv/stream-writer.js';

export interface BusinessPostgresOptions {
  /** postgres://user:password@host:5432/database; optional when `client` is given */
  readonly url?: string;
  readonly ssl?: boolean;
  /** a connected pg Client to use instead of opening one (left open by close()) */
  readonly client?: ClientBase;
  /** `hvac` unless given */
  readonly schema?: string;
  /** the tables this run loads (all 19 unless given) */
  readonly tables?: readonly TableDef[];
}

/**
 * Loads the dataset into one schema in ONE transaction: drop haysim's previous
 * tables, create them (types, NOT NULL, CHECK, primary key, UNIQUE), COPY the
 * CSV text, then add the foreign keys (validated against all rows) and their
 * indexes. Readers see the old dataset until the commit and the new one after;
 * any failure rolls back to the old one. Tables without haysim's comment are
 * never dropped, and objects that depend on the tables (a user's views) make
 * the load fail rather than vanish.
 */
export class BusinessPostgresLoader implements BusinessOutput {
  readonly name = 'postgres';
  readonly location: string;
  private readonly schema: string;
  private readonly target: string;
  private readonly tables: ReadonlyMap<string, TableDef>;
  private conn: ClientBase | undefined;
  private owned = false;
  private copyFrom: typeof import('pg-copy-streams')['from'] | undefined;
  private copy: { table: TableDef; writer: StreamWriter; stream: { rowCount: number } } | undefined;
  private readonly loaded: TableDef[] = [];
  private state: 'idle' | 'loading' | 'committed' = 'idle';

  constructor(private readonly options: BusinessPostgresOptions) {
    this.schema = validateSchemaName(options.schema ?? 'hvac');
    const { url = '', client } = options;
    this.target = client && !url ? 'postgres (caller-provided client)' : describePostgresUrl(parsePostgresUrl(url));
    this.location = `${this.target} schema ${this.schema}`;
    this.tables = new Map((options.tables ?? BUSINESS_TABLES).map((t) => [t.name, t]));
  }

  async open(): Promise<void> {
    await this.step('connect', undefined, async () => {
      this.copyFrom = (await import('pg-copy-streams')).from;
      this.conn = this.options.client ?? (await this.connect());
    });
    await this.step('write', undefined, async () => {
      await this.sql('BEGIN');
      this.state = 'loading';
      // a second load of the same schema waits here instead of failing half way on a name clash
      await this.sql('SELECT pg_advisory_xact_lock(hashtext($1))', [`haysim business ${this.schema}`]);
      await this.sql(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      const existing = await this.sql<{ relname: string; note: string | null }>(
        `SELECT c.relname, obj_description(c.oid, 'pg_class') AS note FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) ORDER BY c.relname`,
        [this.schema, [...this.tables.keys()]],
      );
      const foreign = existing.filter((r) => !r.note?.startsWith(TABLE_MARKER)).map((r) => `${this.schema}.${r.relname}`);
      if (foreign.length > 0) {
        throw new OutputError(
          'STORE_CONFLICT',
          'postgres',
          'write',
          this.target,
          `${foreign.join(', ')} exist(s) and haysim did not create them; choose another --schema or drop them`,
        );
      }
      // all in one statement, so foreign keys between them do not need CASCADE (which would also drop users' views)
      if (existing.length > 0) await this.dropTables(existing.map((r) => r.relname));
    });
  }

  async beginTable(table: TableDef): Promise<void> {
    await this.step('write', table, async () => {
      await this.sql(createTableSql(this.schema, table));
      const stream = this.conn!.query(this.copyFrom!(copySql(this.schema, table)));
      this.copy = { table, writer: new StreamWriter(stream), stream };
    });
  }

  async write(text: string): Promise<void> {
    await this.step('write', this.copy!.table, () => this.copy!.writer.write(text));
  }

  async endTable(table: TableDef, rows: number): Promise<void> {
    await this.step('write', table, async () => {
      await this.copy!.writer.end();
      const copied = this.copy!.stream.rowCount;
      this.copy = undefined;
      if (copied !== rows) throw new Error(`COPY stored ${copied} rows of ${rows}`);
      this.loaded.push(table);
    });
  }

  async finish(summary: BusinessSummary): Promise<void> {
    const note = `seed ${summary.seed}, scale ${summary.scale}, as of ${summary.asOf}, haysim ${summary.haysimVersion}`;
    for (const table of this.loaded) {
      await this.step('write', table, async () => {
        for (const statement of foreignKeySql(this.schema, table, this.tables)) await this.sql(statement);
        await this.sql(commentSql(this.schema, table, note));
        await this.sql(`ANALYZE ${qualified(this.schema, table.name)}`);
      });
    }
    await this.step('flush', undefined, () => this.sql('COMMIT'));
    this.state = 'committed';
  }

  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    this.copy?.writer.destroy(); // sends CopyFail; the ROLLBACK below queues behind it
    this.copy = undefined;
    if (conn && this.state === 'loading') await conn.query('ROLLBACK').catch(() => undefined);
    if (conn && this.owned) await (conn as import('pg').Client).end().catch(() => undefined);
  }

  private async dropTables(names: readonly string[]): Promise<void> {
    try {
      await this.sql(`DROP TABLE ${names.map((n) => qualified(this.schema, n)).join(', ')}`);
    } catch (err) {
      const e = err as { code?: string; message?: string; detail?: string };
      if (e.code !== '2BP01') throw err; // dependent_objects_still_exist
      const detail = `${e.message}: ${e.detail?.replace(/\n/g, '; ')}; drop or recreate those objects after the load, or choose another --schema`;
      throw new OutputError('STORE_CONFLICT', 'postgres', 'write', this.target, detail, err);
    }
  }

  private async connect(): Promise<ClientBase> {
    const pg = (await import('pg')).default;
    const client = new pg.Client({
      connectionString: this.options.url,
      ...(this.options.ssl !== undefined ? { ssl: this.options.ssl } : {}),
      connectionTimeoutMillis: 5000,
      application_name: 'haysim business',
    });
    client.on('error', () => undefined); // a dropped connection is reported by the next query, not as a crash
    await client.connect();
    this.owned = true;
    return client;
  }

  private async sql<R>(text: string, params?: unknown[]): Promise<R[]> {
    return (await this.conn!.query(text, params)).rows as R[];
  }

  private async step<T>(operation: IoOperation, table: TableDef | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeError(err, {
        output: 'postgres',
        operation,
        target: this.target,
        table: table && `${this.schema}.${table.name}`,
        schema: this.schema,
      });
    }
  }
}
