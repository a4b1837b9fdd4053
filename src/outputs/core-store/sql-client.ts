/**
 * The little a store needs from a Postgres driver. Both adapters (pg over the
 * network, PGlite embedded) implement it, so all schema and write logic is
 * shared SQL in core-store/.
 */
export interface SqlClient {
  /** One statement with $1.. parameters; rows as the driver parses them. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (DDL scripts). */
  exec(sql: string): Promise<void>;
  /** Runs `COPY ... FROM STDIN WITH (FORMAT binary)` with `data` as the whole input stream. */
  copyIn(copySql: string, data: Buffer): Promise<void>;
  /**
   * Runs fn inside BEGIN/COMMIT (ROLLBACK when it throws). Called on the
   * client handed to fn, it joins the open transaction instead of nesting.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Releases what the adapter opened; a caller-provided driver object stays open. */
  close(): Promise<void>;
  /** Where the data is, for messages: a redacted URL or a directory. */
  readonly target: string;
}

/** Opens the client; called by CoreStore.open(), after every option has been validated. */
export type SqlClientFactory = () => Promise<SqlClient>;
