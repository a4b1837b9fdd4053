import type { ValuesCopyJob } from './copy-binary-encoder.js';

/**
 * The little a store needs from a Postgres driver. Both adapters (pg over the
 * network, PGlite embedded) implement it, so all schema and write logic is
 * shared SQL in core-store/, and the business loader goes through it too.
 */
export interface SqlClient {
  /** One statement with $1.. parameters; rows as the driver parses them. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (DDL scripts). */
  exec(sql: string): Promise<void>;
  /** Starts `COPY ... FROM STDIN` (binary or csv) and takes its input in pieces. */
  copyFrom(copySql: string): Promise<CopyInput>;
  /**
   * Optional: runs a history COPY whose input is `job` as ValuesCopyEncoder
   * encodes it, the encoding done where the database runs. The embedded
   * store's worker thread offers it, so the thread that serves a live
   * service's control API neither encodes nor gathers the chunk's bytes.
   */
  copyValues?(copySql: string, job: ValuesCopyJob): Promise<void>;
  /**
   * Runs fn inside BEGIN/COMMIT (ROLLBACK when it throws). Called on the
   * client handed to fn, it joins the open transaction instead of nesting.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs fn inside BEGIN READ ONLY and always rolls back: nothing fn runs can
   * change the database, not even a SET (the query library's readers).
   */
  readOnly<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Optional: one statement on a session whose transactions are read only by default
   * (default_transaction_read_only), outside a transaction block: one round trip where readOnly()
   * takes three. Only for statements the library builds itself: a SET there would stay on the session.
   */
  readOne?<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Releases what the adapter opened; a caller-provided driver object stays open. */
  close(): Promise<void>;
  /** Optional: ends the client at once, an open transaction rolled back as by a crash (see Sink.abandon). */
  abandon?(): Promise<void>;
  /** Where the data is, for messages: a redacted URL or a directory. */
  readonly target: string;
}

/** The input stream of one COPY. */
export interface CopyInput {
  /** resolves when the COPY can take more */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Ends the input; resolves with the rows the server stored. */
  end(): Promise<number>;
  /** Abandons the COPY after a failure elsewhere: nothing of it is stored. */
  abort(): void;
}

/** Opens the client; called by CoreStore.open(), after every option has been validated. */
export type SqlClientFactory = () => Promise<SqlClient>;

/** One database as the outputs know it: where it is (for messages) and how to open a client on it. */
export interface SqlConnection {
  /** redacted URL or directory */
  readonly target: string;
  readonly open: SqlClientFactory;
}

/** COPY input goes in slices this size, each written only when the previous one was taken. */
const COPY_SLICE = 1 << 20;

/** Runs a COPY with `data` as its whole input. */
export async function copyBuffer(client: SqlClient, copySql: string, data: Buffer): Promise<void> {
  const copy = await client.copyFrom(copySql);
  try {
    for (let o = 0; o < data.length; o += COPY_SLICE) await copy.write(data.subarray(o, o + COPY_SLICE));
    await copy.end();
  } catch (err) {
    copy.abort();
    throw err;
  }
}

/**
 * Runs a COPY fed piece by piece, giving the event loop a turn after each
 * piece: encoding a large chunk in one go would hold the thread (and with
 * it a live service's control API and signals) for a quarter of a second.
 */
export async function copyPieces(client: SqlClient, copySql: string, pieces: Iterable<Uint8Array>): Promise<void> {
  const copy = await client.copyFrom(copySql);
  try {
    for (const piece of pieces) {
      await copy.write(piece);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await copy.end();
  } catch (err) {
    copy.abort();
    throw err;
  }
}

/** A transaction held open across calls that someone else's loop drives; ends with commit() or rollback(). */
export interface HeldTransaction {
  readonly tx: SqlClient;
  commit(): Promise<void>;
  /** ends it without a trace; resolves even when the connection is gone */
  rollback(): Promise<void>;
}

const ROLLED_BACK = new Error('rolled back');

/**
 * Opens client.transaction() and keeps it open until commit() or rollback(),
 * so the adapters' own BEGIN/COMMIT/ROLLBACK (and pooled-connection handling)
 * serve a load that spans many calls. One of the two must be called.
 */
export async function holdTransaction(client: SqlClient): Promise<HeldTransaction> {
  let entered: (tx: SqlClient) => void = () => {};
  let decide: (commit: boolean) => void = () => {};
  const inside = new Promise<SqlClient>((resolve) => (entered = resolve));
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  const done = client.transaction(async (tx) => {
    entered(tx);
    if (!(await decision)) throw ROLLED_BACK;
  });
  const tx = await Promise.race([inside, done.then(() => inside)]); // BEGIN failing rejects here
  return {
    tx,
    async commit() {
      decide(true);
      await done;
    },
    async rollback() {
      decide(false);
      await done.catch(() => undefined);
    },
  };
}
