import type { Sink, Store } from './output.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { PgliteStore } from './pglite/pglite-store.js';
import { FilesSink } from './files/files-sink.js';
import { DEFAULT_PGLITE_DIR } from './pglite/pglite-options.js';
import { validateOrgKey } from './core-store/org-key.js';

export interface OutputSelection {
  /** PostgreSQL/TimescaleDB URL; absent → the embedded store unless only files are asked for */
  readonly db?: string;
  /** embedded store folder */
  readonly dataDir?: string;
  /** files folder */
  readonly out?: string;
  readonly org: string;
}

export interface OpenedOutputs {
  readonly sinks: Sink[];
  /** the store that can be read back (for validation), if any */
  readonly store?: Store;
}

/**
 * Chooses outputs from the flags: `--db` → PostgreSQL; `--out` alone → files
 * only; nothing → the embedded PGlite store. Validates everything before
 * opening anything, so a bad flag touches nothing.
 */
export function selectOutputs(sel: OutputSelection): OpenedOutputs {
  validateOrgKey(sel.org);
  const sinks: Sink[] = [];
  let store: Store | undefined;
  if (sel.db) store = new PostgresStore({ url: sel.db, org: sel.org });
  else if (!sel.out || sel.dataDir) store = new PgliteStore({ dataDir: sel.dataDir ?? DEFAULT_PGLITE_DIR, org: sel.org });
  if (store) sinks.push(store);
  if (sel.out) sinks.push(new FilesSink({ dir: sel.out }));
  return { sinks, store };
}
