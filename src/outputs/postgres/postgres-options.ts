import { z } from 'zod';
import { ArgsError } from '../../errors.js';
import { ORG_KEY_PATTERN } from '../core-store/org-key.js';

/** Options of the `postgres` store as they come from flags, YAML or the environment. */
export const postgresOptionsSchema = z.object({
  url: z.string().min(1).describe('PostgreSQL connection URL, postgres://user:password@host:5432/database (env DATABASE_URL)'),
  ssl: z.boolean().optional().describe('connect with TLS and verify the server certificate'),
  org: z.string().regex(ORG_KEY_PATTERN).default('demo').describe('organization key: names core.values_{org}'),
  orgName: z.string().min(1).optional().describe('display name for a new organization'),
});

/**
 * Checks the URL shape without echoing it (a malformed URL may hold a
 * password the redaction pattern cannot find) and returns it parsed.
 */
export function parsePostgresUrl(url: string, flag = '--db'): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new ArgsError(`${flag} is not a PostgreSQL URL: expected postgres://user:password@host:5432/database`);
  }
  return parsed;
}

/** `postgres://user@host:port/db`, for messages: never the password. */
export function describePostgresUrl(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
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
