import type { ClientBase, Pool } from 'pg';
import { CoreStore } from '../core-store/core-store.js';
import type { TagVocabulary } from '../core-store/tag-defs.js';
import { describePostgresUrl, parsePostgresUrl } from './postgres-options.js';
import { openPostgresClient } from './postgres-client.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:5432/database; optional when `client` is given */
  readonly url?: string;
  readonly ssl?: boolean;
  /** an existing pg Pool or Client to use instead of opening one (left open by close()) */
  readonly client?: Pool | ClientBase;
  readonly org?: string;
  readonly orgName?: string;
  readonly tagVocabulary?: TagVocabulary;
}

/** The `core` schema in PostgreSQL, as hypertables when TimescaleDB is available. */
export class PostgresStore extends CoreStore {
  constructor(options: PostgresStoreOptions) {
    const { url = '', ssl, client } = options;
    const target = client && !url ? 'postgres (caller-provided client)' : describePostgresUrl(parsePostgresUrl(url, 'postgres.url'));
    super('postgres', () => openPostgresClient({ url, ssl, client, target }), target, {
      org: options.org ?? 'demo',
      orgName: options.orgName,
      bulkIndexDeferral: false,
      tagVocabulary: options.tagVocabulary,
    });
  }
}
