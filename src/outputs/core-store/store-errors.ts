import type { IoOperation } from '../../errors.js';
import { HaysimError, OutputError } from '../../errors.js';

/** Driver errors that mean "could not reach the server" rather than "the server refused the work". */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown: the server restarts after a crash
  '57P03', // cannot_connect_now (server starting up)
  '08000', // connection_exception and its kinds: the connection is gone
  '08003',
  '08006',
  '3D000', // invalid_catalog_name: the database does not exist
]);
const AUTH_CODES = new Set(['28P01', '28000']);

interface DriverError {
  code?: string;
  message?: string;
  table?: string;
  constraint?: string;
  detail?: string;
}

export interface ErrorContext {
  /** output name: `postgres` or `pglite` */
  readonly output: string;
  readonly operation: IoOperation;
  /** redacted URL or directory */
  readonly target: string;
  /** table the operation wrote or read, when one is known */
  readonly table?: string;
  /** schema of the table names the driver reports (`core` unless given) */
  readonly schema?: string;
}

/**
 * Turns a driver error into the OutputError the user sees: connect problems
 * name host:port/db, authentication failures the user, anything else the
 * table. HaysimErrors pass through unchanged. The driver error stays as cause.
 */
export function storeError(err: unknown, cx: ErrorContext): HaysimError {
  if (err instanceof HaysimError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as DriverError;
  const message = e.message || String(err);
  if (e.code && AUTH_CODES.has(e.code)) {
    return new OutputError('STORE_AUTH_FAILED', cx.output, 'connect', cx.target, message, err);
  }
  const unreachable = (e.code && CONNECT_CODES.has(e.code)) || /timeout|terminated unexpectedly|connection terminated/i.test(message);
  if (unreachable || cx.operation === 'connect') {
    return new OutputError('STORE_CONNECT_FAILED', cx.output, 'connect', cx.target, describeConnect(e, message), err);
  }
  const table = e.table ? `${cx.schema ?? 'core'}.${e.table}` : cx.table;
  const where = table ? ` (table ${table}${e.constraint ? `, constraint ${e.constraint}` : ''})` : '';
  const code = cx.operation === 'read' ? 'STORE_READ_FAILED' : 'STORE_WRITE_FAILED';
  const detail = e.detail ? `${message}${where}: ${e.detail}` : `${message}${where}`;
  return new OutputError(code, cx.output, cx.operation, cx.target, detail, err);
}

function describeConnect(e: DriverError, message: string): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused: is PostgreSQL running and listening on that host and port?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case '3D000':
      return message; // "database "x" does not exist"
    default:
      return message;
  }
}
