import { ArgsError, HaysimError } from '../errors.js';

/**
 * SQLSTATE classes that mean the statement itself is wrong or not a read: syntax and names (42), data (22),
 * a write in the read-only transaction (25006), a feature not supported (0A). They are the caller's to fix
 * (exit 2); anything else is the store's failure.
 */
const CALLER_CODES = /^(42|22|0A|25006)/;

/** A driver error of a user's statement → one line: an input error, or the store's failure as it was. */
export function sqlError(err: unknown): unknown {
  const cause = err instanceof HaysimError ? err.cause : err;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CALLER_CODES.test(code)) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new ArgsError(`query sql: ${code === '25006' ? `not a read: ${message}` : message}`);
  }
  return err;
}

/** A value as drivers return it → plain data: times as ISO text, large integers as text, bytes as hex. */
export function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  return v;
}
