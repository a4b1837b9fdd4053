import { ArgsError, HaysimError } from '../../errors.js';

/** The little reading an org's rows needs from a store: parameterised SQL. */
export interface SqlReader {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * The id of the enabled org with this key: a store without the core schema is a runtime failure (generate
 * first), an unknown key an input error (exit 2) naming the keys the store holds. Validation and the query
 * library find their org this way.
 */
export async function findOrg(store: SqlReader, key: string): Promise<number> {
  const [schema] = await store.query<{ org: boolean }>(`SELECT to_regclass('core.org') IS NOT NULL AS org`);
  if (!schema?.org) throw new HaysimError('STORE_READ_FAILED', 'the store has no core.org table; generate data first (haysim generate)');
  const [row] = await store.query<{ id: number }>('SELECT id FROM core.org WHERE key = $1 AND disabled_ts IS NULL ORDER BY id LIMIT 1', [
    key,
  ]);
  if (row) return Number(row.id);
  const known = await store.query<{ key: string }>(
    'SELECT key FROM core.org WHERE disabled_ts IS NULL AND key IS NOT NULL ORDER BY key LIMIT 20',
  );
  throw new ArgsError(
    `--org "${key}": no organization with this key in the store (${known.length ? `found: ${known.map((k) => k.key).join(', ')}` : 'the store has no organizations'})`,
  );
}
