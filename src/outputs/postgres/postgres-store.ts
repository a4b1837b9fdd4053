import { CoreStore } from '../core-store/core-store.js';
import { parseRetention } from '../core-store/retention.js';
import type { TagVocabulary } from '../core-store/tag-defs.js';
import type { Layout } from '../wide/wide-names.js';
import { type PostgresConnectionOptions, postgresConnection } from './postgres-client.js';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  readonly org?: string;
  readonly orgName?: string;
  readonly tagVocabulary?: TagVocabulary;
  /** `haystack` (default) or `wide`: one table per equipment in `wideSchema` (see src/outputs/wide/) */
  readonly layout?: Layout;
  /** schema of the wide tables (default `public`) */
  readonly wideSchema?: string;
  /** TimescaleDB retention policy: `90d`, `12w`, `6mo`, `1y` (checked by the options schema) */
  readonly retention?: string;
}

/** The `core` schema in PostgreSQL, as hypertables when TimescaleDB is available. */
export class PostgresStore extends CoreStore {
  constructor(options: PostgresStoreOptions) {
    const { target, open } = postgresConnection(options, 'haysim', 'postgres.url');
    super('postgres', open, target, {
      org: options.org ?? 'demo',
      orgName: options.orgName,
      bulkIndexDeferral: false,
      tagVocabulary: options.tagVocabulary,
      layout: options.layout,
      wideSchema: options.wideSchema,
      retention: options.retention === undefined ? undefined : parseRetention(options.retention),
    });
  }
}
