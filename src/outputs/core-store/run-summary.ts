import type { RunDescriptor, WriteSummary } from '../output.js';
import type { ChunkContext } from './chunk-writer.js';
import type { SqlClient } from './sql-client.js';
import type { TimescaleFinish } from './timescale.js';

/** State of a run between begin() and finish(). */
export interface RunState extends ChunkContext {
  readonly run: RunDescriptor;
  readonly runId: number;
  /** chunks complete before begin() */
  readonly completed: ReadonlySet<number>;
  /** history PK dropped for the load; finish() rebuilds it */
  readonly deferred: boolean;
  /** TimescaleDB only: what finish() sets policies on and materialises */
  readonly timescale?: TimescaleFinish;
  /** chunks handed to writeChunk that were already complete */
  readonly skipped: Set<number>;
  rows: number;
  chunks: number;
  events: number;
}

const KIND_MARKERS = ['site', 'space', 'equip', 'point', 'weatherStation'] as const;

/**
 * The run's WriteSummary, also stored in core.haysim_run. Entities are
 * counted by kind marker (kinds with none are left out); skipped chunks are
 * those complete before this run that fall in its time range, plus chunks
 * written twice.
 */
export async function recordRunFinish(client: SqlClient, state: RunState, location: string): Promise<WriteSummary> {
  const [counts] = await client.query<Record<string, number | string>>(
    `SELECT ${KIND_MARKERS.map((m) => `count(*) FILTER (WHERE tags @> '{"${m}": true}') AS "${m}"`).join(', ')}
       FROM core.entity WHERE org_id = $1 AND disabled_ts IS NULL`,
    [state.orgId],
  );
  const entities: Record<string, number> = {};
  for (const m of KIND_MARKERS) if (Number(counts[m]) > 0) entities[m] = Number(counts[m]);
  const inRange = await client.query<{ chunk_index: number | string }>(
    `SELECT chunk_index FROM core.haysim_chunk
      WHERE org_id = $1 AND chunk_index = ANY($2::bigint[])
        AND start_ts >= $3::timestamptz AND start_ts < $4::timestamptz`,
    [state.orgId, [...state.completed], new Date(state.run.start).toISOString(), new Date(state.run.end).toISOString()],
  );
  const skipped = new Set([...state.skipped, ...inRange.map((r) => Number(r.chunk_index))]);
  const summary: WriteSummary = {
    entities,
    rowsWritten: state.rows,
    chunksWritten: state.chunks,
    chunksSkipped: skipped.size,
    eventsWritten: state.events,
    location,
  };
  await client.query(`UPDATE core.haysim_run SET finished_at = now(), status = 'finished', summary = $2::jsonb WHERE id = $1`, [
    state.runId,
    JSON.stringify(summary),
  ]);
  return summary;
}
