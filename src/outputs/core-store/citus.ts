import { quoteLiteral } from '../../sql/sql-quote.js';
import type { SqlClient } from './sql-client.js';

/**
 * Citus (a coordinator spreading tables over worker servers), used only when
 * the extension is installed in the database haysim writes to. History is
 * distributed, the small tables every query joins are copied to every worker
 * (reference tables). A table is distributed while empty, right after it is
 * created, so nothing is copied and COPY then routes rows to the workers.
 */

/** The core tables every worker needs whole, referenced tables before those referring to them (foreign keys). */
export const CORE_REFERENCE_TABLES = ['core.org', 'core."user"', 'core.tag_def', 'core.entity', 'core.entity_tag', 'core.org_user'];

/** One table's distribution. */
export type Distribution =
  /** copied to every worker */
  | { readonly kind: 'reference' }
  /** hash-distributed by a column of its primary key, optionally placed with another table's shards */
  | { readonly kind: 'hash'; readonly column: string; readonly colocateWith?: string }
  /** one shard (Citus 12+), in a colocation group of its own so the tables spread over the workers */
  | { readonly kind: 'single-shard' };

/** The statement that distributes a relation (qualified, quoted) as asked. */
export function distributeSql(relation: string, d: Distribution): string {
  const rel = `${quoteLiteral(relation)}::regclass`;
  if (d.kind === 'reference') return `SELECT create_reference_table(${rel})`;
  if (d.kind === 'single-shard') return `SELECT create_distributed_table(${rel}, NULL, colocate_with => 'none')`;
  const colocate = d.colocateWith ? `, colocate_with => ${quoteLiteral(d.colocateWith)}` : '';
  return `SELECT create_distributed_table(${rel}, ${quoteLiteral(d.column)}${colocate})`;
}

/** True when the citus extension is installed here (a coordinator; Citus needs its preload and nodes, so haysim never installs it). */
export async function citusInstalled(client: SqlClient): Promise<boolean> {
  const [row] = await client.query<{ installed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS installed`,
  );
  return row.installed;
}

/**
 * Distributes each relation not yet known to Citus. Inside a transaction that
 * also writes, Citus wants one connection per worker (sequential mode).
 */
export async function distribute(client: SqlClient, tables: ReadonlyArray<readonly [string, Distribution]>): Promise<void> {
  if (tables.length === 0) return;
  await client.exec(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
  for (const [relation, d] of tables) {
    const [row] = await client.query<{ known: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = $1::regclass) AS known',
      [relation],
    );
    if (!row.known) await client.query(distributeSql(relation, d));
  }
}
