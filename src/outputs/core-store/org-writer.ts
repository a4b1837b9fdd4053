import { HaysimError } from '../../errors.js';
import { type ShardShare, shardLabel, WHOLE } from '../../model/shard.js';
import type { RunDescriptor } from '../output.js';
import type { OrgTables } from './org-key.js';
import type { SqlClient } from './sql-client.js';

/**
 * Finds or creates the org row by key (org.key has no unique constraint in
 * existing installs, so a per-key advisory lock stands in for one).
 */
export async function upsertOrg(tx: SqlClient, t: OrgTables, name?: string): Promise<number> {
  await lockOrg(tx, t.key);
  const found = await tx.query<{ id: number }>('SELECT id FROM core.org WHERE key = $1 ORDER BY disabled_ts NULLS FIRST, id LIMIT 1', [
    t.key,
  ]);
  if (found.length > 0) {
    const id = Number(found[0].id);
    await tx.query(
      `UPDATE core.org SET value_table = $2, current_table = $3, disabled_ts = NULL, name = COALESCE($4, name)
        WHERE id = $1`,
      [id, t.valueTable, t.currentTable, name ?? null],
    );
    return id;
  }
  const orgName = name ?? (t.key === 'demo' ? 'Demo Building Corp' : t.key);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO core.org (name, key, value_table, schema_name, current_table)
     VALUES ($1, $2, $3, $2, $4) RETURNING id`,
    [orgName, t.key, t.valueTable, t.currentTable],
  );
  return Number(row.id);
}

/** Holds the org's advisory lock until the transaction ends: a run's begin (and the shards' table creation) one at a time. */
export async function lockOrg(tx: SqlClient, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('haysim org ' || $1::text))`, [key]);
}

/** --reset: everything haysim wrote for this org, in the caller's transaction. */
export async function deleteOrgData(tx: SqlClient, orgId: number, t: OrgTables): Promise<void> {
  for (const table of [t.values, t.current, t.alerts]) {
    const [row] = await tx.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    if (row.present) await tx.exec(`TRUNCATE ${table}`);
  }
  for (const table of ['core.haysim_event', 'core.haysim_chunk', 'core.haysim_run']) {
    await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
  }
  await tx.query('DELETE FROM core.entity_tag WHERE entity_id IN (SELECT id FROM core.entity WHERE org_id = $1)', [orgId]);
  await tx.query('DELETE FROM core.entity WHERE org_id = $1', [orgId]);
}

/** The chunks this process (its shard, or the whole run) has complete. */
export async function completeChunks(tx: SqlClient, orgId: number, share: ShardShare | undefined): Promise<Set<number>> {
  const done = await tx.query<{ chunk_index: string | number }>(
    'SELECT chunk_index FROM core.haysim_chunk WHERE org_id = $1 AND shard = $2 AND complete',
    [orgId, share?.label ?? shardLabel(WHOLE)],
  );
  return new Set(done.map((r) => Number(r.chunk_index)));
}

/**
 * Refuses to mix chunks of another profile/seed or interval into the same history, or chunks split into
 * another number of shards (their equipment would overlap this run's: every run of an org uses one N).
 */
export async function findConflict(tx: SqlClient, orgId: number, t: OrgTables, run: RunDescriptor, share?: ShardShare): Promise<void> {
  const count = share?.shard.count ?? 1;
  // a selection (`equip:…` markers) shares its org with no other run; shards of one N share it with each other
  const selection = share !== undefined && share.label !== shardLabel(share.shard);
  const [split] = await tx.query<{ shard: string }>(
    `SELECT shard FROM core.haysim_chunk WHERE org_id = $1 AND CASE WHEN $3 THEN shard <> $4 ELSE split_part(shard, '/', 2) <> $2 END LIMIT 1`,
    [orgId, String(count), selection, share?.label ?? ''],
  );
  if (split) {
    const mine = selection ? share.flag : count === 1 ? 'not sharded' : `one of ${count} shards`;
    throw new HaysimError(
      'STORE_CONFLICT',
      `${t.values} already holds chunks written as ${split.shard.startsWith('equip:') ? split.shard : `shard ${split.shard}`}, this run is ${mine}: ` +
        `every run of org "${t.key}" must split it the same way (--shard K/N, --equip); pass --reset (without --shard) to start over, or use another --org.`,
    );
  }
  const rows = await tx.query<{ fingerprint: string; interval_ms: string | number; chunks: string | number }>(
    `SELECT fingerprint, interval_ms, count(*) AS chunks FROM core.haysim_chunk
      WHERE org_id = $1 AND (fingerprint <> $2 OR interval_ms <> $3)
      GROUP BY fingerprint, interval_ms LIMIT 1`,
    [orgId, run.fingerprint, run.intervalMs],
  );
  if (rows.length === 0) return;
  const other = rows[0];
  const what =
    other.fingerprint !== run.fingerprint
      ? `another profile, seed or options (fingerprint ${other.fingerprint}, this run ${run.fingerprint})`
      : `another interval (${Number(other.interval_ms)} ms, this run ${run.intervalMs} ms)`;
  throw new HaysimError(
    'STORE_CONFLICT',
    `${t.values} already holds ${Number(other.chunks)} chunks written with ${what}. ` +
      `Pass --reset to delete org "${t.key}"'s data and write it again, or use another --org.`,
  );
}

/**
 * Records the run as running. The org's runs still running now were ended by a kill or a crash
 * (finish() never ran): they are marked interrupted. Two processes writing the same org at once
 * would mark each other; a run that does finish sets its own status back to finished.
 */
export async function recordRunStart(tx: SqlClient, orgId: number, run: RunDescriptor): Promise<number> {
  await tx.query(
    `UPDATE core.haysim_run SET status = 'interrupted'
      WHERE org_id = $1 AND finished_at IS NULL AND (status IS NULL OR status = 'running')`,
    [orgId],
  );
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO core.haysim_run (org_id, profile, seed, start_ts, end_ts, interval_ms, fingerprint, status)
     VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7, 'running') RETURNING id`,
    [orgId, run.profile, run.seed, new Date(run.start).toISOString(), new Date(run.end).toISOString(), run.intervalMs, run.fingerprint],
  );
  return Number(row.id);
}
