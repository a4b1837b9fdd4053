import { resolve } from 'node:path';
import type { PGliteInterface } from '@electric-sql/pglite';
import { CoreStore } from '../core-store/core-store.js';
import type { TagVocabulary } from '../core-store/tag-defs.js';
import { DEFAULT_PGLITE_DIR } from './pglite-options.js';
import { openPgliteClient } from './pglite-client.js';

export interface PgliteStoreOptions {
  /** database directory, created if missing; default ./haysim-data */
  readonly dataDir?: string;
  /** an existing PGlite instance to use instead (left open by close()) */
  readonly instance?: PGliteInterface;
  readonly org?: string;
  readonly orgName?: string;
  readonly tagVocabulary?: TagVocabulary;
}

/**
 * The `core` schema in embedded PostgreSQL (PGlite): no server needed. Loads
 * without the history primary key and builds it once in finish(): for 1.15M
 * rows that took 4.0 s instead of 6.6 s in the single-threaded WASM engine.
 */
export class PgliteStore extends CoreStore {
  constructor(options: PgliteStoreOptions = {}) {
    const dataDir = resolve(options.dataDir ?? DEFAULT_PGLITE_DIR);
    const { instance } = options;
    const target = instance && !options.dataDir ? 'pglite (caller-provided instance)' : dataDir;
    super('pglite', () => openPgliteClient({ dataDir, instance, target }), target, {
      org: options.org ?? 'demo',
      orgName: options.orgName,
      bulkIndexDeferral: true,
      tagVocabulary: options.tagVocabulary,
    });
  }
}
