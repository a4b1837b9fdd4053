import { z } from 'zod';
import { ArgsError } from '../../errors.js';
import { RETENTION_FORMAT, retentionInterval } from '../core-store/retention.js';
import type { OutputOptions } from '../output.js';

const URL_FORM = 'postgres://user:password@host:5432/database';

/** Options of the `postgres` store as they come from flags, YAML or the environment; the org is the run's. */
export const postgresOptionsSchema = z.object({
  url: z
    .string()
    .refine((url) => postgresUrl(url) !== undefined, `not a PostgreSQL URL: expected ${URL_FORM}`)
    .describe('PostgreSQL connection URL, postgres://user:password@host:5432/database'),
  ssl: z.boolean().optional().describe('connect with TLS and verify the server certificate'),
  orgName: z.string().min(1).optional().describe('display name for a new organization'),
  retention: z
    .string()
    .refine((text) => retentionInterval(text) !== undefined, `expected ${RETENTION_FORMAT}`)
    .optional()
    .describe('TimescaleDB: drop history older than this (90d, 1y) by a retention policy; refused without TimescaleDB'),
});

/** `--db URL`, or DATABASE_URL. */
export const postgresOptions: OutputOptions<typeof postgresOptionsSchema> = {
  summary: 'PostgreSQL/TimescaleDB URL',
  schema: postgresOptionsSchema,
  flags: { select: 'url', also: ['retention'], names: { url: '--db', retention: '--retention' }, env: 'DATABASE_URL' },
};

/** The URL parsed, or undefined when it is not a postgres:// or postgresql:// URL. */
function postgresUrl(url: string): URL | undefined {
  try {
    // `postgres://user@/db?host=/run/postgresql` (a Unix socket, as pg reads it): WHATWG URL wants a host after
    // credentials, so it parses with a stand-in one; the host parameter names the socket folder
    const parsed = new URL(/^postgres(ql)?:\/\/[^/]*@\/.*[?&]host=/i.test(url) ? url.replace('@/', '@localhost/') : url);
    return parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks the URL shape without echoing it (a malformed URL may hold a
 * password the redaction pattern cannot find) and returns it parsed.
 */
export function parsePostgresUrl(url: string, flag = '--db'): URL {
  const parsed = postgresUrl(url);
  if (!parsed) throw new ArgsError(`${flag} is not a PostgreSQL URL: expected ${URL_FORM}`);
  return parsed;
}

/** `postgres://user@host:port/db`, for messages: never the password. */
export function describePostgresUrl(url: URL): string {
  const host = url.searchParams.get('host') || url.hostname || 'localhost'; // as pg: the parameter wins
  const user = decode(url.username);
  const db = decode(url.pathname.replace(/^\//, '')) || user || 'postgres';
  return `postgres://${user ? `${user}@` : ''}${host}:${url.port || '5432'}/${db}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
