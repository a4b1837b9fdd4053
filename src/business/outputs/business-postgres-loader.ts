import { OutputError, type IoOperation } from '../../errors.js';
import type { CopyInput, HeldTransaction, SqlClient, SqlConnection } from '../../outputs/core-store/sql-client.js';
import { holdTransaction } from '../../outputs/core-store/sql-client.js';
import { storeError } from '../../outputs/core-store/store-errors.js';
import { type PgliteConnectionOptions, pgliteConnection } from '../../outputs/pglite/pglite-client.js';
import { type PostgresConnectionOptions, postgresConnection } from '../../outputs/postgres/postgres-client.js';
import { quoteIdent } from '../../sql/sql-quote.js';
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

/**
 * A PostgreSQL server (`url` or `client`) or, with `dataDir` or `instance`,
 * the embedded store (PGlite): the same connections the core store opens.
 */
export interface BusinessPostgresOptions extends PostgresConnectionOptions, PgliteConnectionOptions {
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
  /** `postgres` or `pglite` */
  readonly name: string;
  readonly location: string;
  private readonly schema: string;
  private readonly connection: SqlConnection;
  private readonly tables: ReadonlyMap<string, TableDef>;
  private client: SqlClient | undefined;
  private held: HeldTransaction | undefined;
  private copy: { table: TableDef; input: CopyInput } | undefined;
  private readonly loaded: TableDef[] = [];

  constructor(options: BusinessPostgresOptions) {
    this.schema = validateSchemaName(options.schema ?? 'hvac');
    const embedded = options.dataDir !== undefined || options.instance !== undefined;
    this.name = embedded ? 'pglite' : 'postgres';
    this.connection = embedded ? pgliteConnection(options) : postgresConnection(options, 'haysim business');
    this.location = `${this.connection.target} schema ${this.schema}`;
    this.tables = new Map((options.tables ?? BUSINESS_TABLES).map((t) => [t.name, t]));
  }

  async open(): Promise<void> {
    await this.step('connect', undefined, async () => {
      this.client = await this.connection.open();
    });
    await this.step('write', undefined, async () => {
      this.held = await holdTransaction(this.client!);
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
          this.name,
          'write',
          this.connection.target,
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
      this.copy = { table, input: await this.held!.tx.copyFrom(copySql(this.schema, table)) };
    });
  }

  async write(text: string): Promise<void> {
    await this.step('write', this.copy!.table, () => this.copy!.input.write(text));
  }

  async endTable(table: TableDef, rows: number): Promise<void> {
    await this.step('write', table, async () => {
      const copied = await this.copy!.input.end();
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
    const held = this.held!;
    this.held = undefined;
    await this.step('flush', undefined, () => held.commit());
  }

  async close(): Promise<void> {
    this.copy?.input.abort(); // a COPY in flight: the ROLLBACK below queues behind its CopyFail
    this.copy = undefined;
    await this.held?.rollback();
    this.held = undefined;
    await this.client?.close().catch(() => undefined);
    this.client = undefined;
  }

  private async dropTables(names: readonly string[]): Promise<void> {
    try {
      await this.sql(`DROP TABLE ${names.map((n) => qualified(this.schema, n)).join(', ')}`);
    } catch (err) {
      const e = err as { code?: string; message?: string; detail?: string };
      if (e.code !== '2BP01') throw err; // dependent_objects_still_exist
      const detail = `${e.message}: ${e.detail?.replace(/\n/g, '; ')}; drop or recreate those objects after the load, or choose another --schema`;
      throw new OutputError('STORE_CONFLICT', this.name, 'write', this.connection.target, detail, err);
    }
  }

  private sql<R>(text: string, params?: unknown[]): Promise<R[]> {
    return this.held!.tx.query<R>(text, params);
  }

  private async step<T>(operation: IoOperation, table: TableDef | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeError(err, {
        output: this.name,
        operation,
        target: this.connection.target,
        table: table && `${this.schema}.${table.name}`,
        schema: this.schema,
      });
    }
  }
}
