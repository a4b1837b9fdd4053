import { type ShardShare, shardLabel, WHOLE } from '../../model/shard.js';
import type { RunDescriptor } from '../output.js';
import type { Chunk, GroundTruthEvent } from '../../sim/sample.js';
import { batchShapeProblem, presentRows } from '../../sim/sample.js';
import type { ValuesCopyEncoder } from './copy-binary-encoder.js';
import { VALUES_COPY_COLUMNS } from './copy-binary-encoder.js';
import type { OrgTables } from './org-key.js';
import { copyPieces, type SqlClient } from './sql-client.js';

/** Everything writeChunk needs that begin() worked out. */
const iso = (ms: number) => new Date(ms).toISOString();

export interface ChunkContext {
  readonly orgId: number;
  readonly run: RunDescriptor;
  readonly tables: OrgTables;
  /** entity serial id per point index */
  readonly entityIds: Int32Array;
  /** enum names per Str point index */
  readonly labels: readonly (readonly string[] | undefined)[];
  /** indexes are dropped for a bulk load: the current table is refreshed once in finish() instead */
  readonly deferred: boolean;
  /** `--shard K/N`: the points, events and chunk markers this process writes (default: all, markers `1/1`) */
  readonly share?: ShardShare;
}

/** The key of this process's chunk markers in core.haysim_chunk: its shard, `1/1` for a whole run. */
export function markerShard(cx: ChunkContext): string {
  return cx.share?.label ?? shardLabel(WHOLE);
}

/** SQL that upserts a chunk marker: $1 org, $2 chunk, $3 shard, $4 interval, $5 fingerprint, $6–$7 span, $8 rows, $9 events, $10 complete. */
const UPSERT_MARKER = `INSERT INTO core.haysim_chunk (org_id, chunk_index, shard, interval_ms, fingerprint, start_ts, end_ts, rows, events, complete)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8, $9, $10)
     ON CONFLICT (org_id, chunk_index, shard) DO UPDATE SET start_ts = EXCLUDED.start_ts, end_ts = EXCLUDED.end_ts,
       rows = core.haysim_chunk.rows + EXCLUDED.rows, events = core.haysim_chunk.events + EXCLUDED.events,
       complete = EXCLUDED.complete, written_at = now()`;

/** SQL that locks this shard's marker of a chunk: $1 org, $2 chunk, $3 shard. */
const LOCK_MARKER = `SELECT extract(epoch FROM start_ts) * 1000 AS start_ms, extract(epoch FROM end_ts) * 1000 AS end_ms, complete
       FROM core.haysim_chunk WHERE org_id = $1 AND chunk_index = $2 AND shard = $3 FOR UPDATE`;

export interface ChunkResult {
  /** false when the chunk was already complete (nothing written) */
  readonly written: boolean;
  readonly rows: number;
  readonly events: number;
}

/** Why a chunk cannot be written, or undefined when it is sound. */
export function chunkProblem(chunk: Chunk, pointCount: number): string | undefined {
  if (!Number.isSafeInteger(chunk.index)) return `chunk index ${chunk.index} is not an integer`;
  return batchShapeProblem(chunk.batch, pointCount);
}

/**
 * One chunk in one transaction: its marker (a chunk already marked complete
 * is left alone), its rows by binary COPY, its ground-truth events. If any
 * part fails, nothing of the chunk remains.
 * @param onTable told which table each statement writes, for error messages
 */
export async function writeChunkRows(
  tx: SqlClient,
  cx: ChunkContext,
  chunk: Chunk,
  encoder: ValuesCopyEncoder,
  onTable: (table: string) => void,
): Promise<ChunkResult> {
  const { batch } = chunk;
  const n = batch.timestamps.length;
  const rows = presentRows(batch);
  const claim = await claimChunk(tx, cx, chunk, onTable);
  if (!claim) return { written: false, rows: 0, events: 0 };
  const own = Array.from(cx.entityIds).filter((_, i) => !cx.share || cx.share.points[i]);
  if (claim.replaces && claim.span) {
    // an earlier run wrote part of this day: replace what overlaps, keep the rest
    onTable(cx.tables.values);
    await tx.query(`DELETE FROM ${cx.tables.values} WHERE entity_id = ANY($1::int[]) AND ts >= $2::timestamptz AND ts < $3::timestamptz`, [
      own,
      iso(claim.span.start),
      iso(claim.span.end),
    ]);
  }
  await markChunk(tx, cx, chunk, claim, rows, onTable);
  if (rows > 0) {
    onTable(cx.tables.values);
    const copySql = `COPY ${cx.tables.values} (${VALUES_COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT binary)`;
    if (tx.copyValues) await tx.copyValues(copySql, { batch, entityIds: cx.entityIds, labels: cx.labels });
    else await copyPieces(tx, copySql, encoder.pieces(batch, cx.entityIds, cx.labels));
  }
  if (rows > 0 && !cx.deferred) {
    // keep the current table equal to each point's newest row after every chunk (the live service writes one tick at a time);
    // chunks in flight together upsert the same rows: in entity order, so they wait for each other instead of deadlocking
    onTable(cx.tables.current);
    await tx.query(
      `INSERT INTO ${cx.tables.current} (entity_id, ts, value_n, value_b, value_s, value_ts, status, value_dict)
       SELECT entity_id, ts, value_n, value_b, value_s, value_ts, status, value_dict FROM ${cx.tables.values}
        WHERE entity_id = ANY($1::int[]) AND ts = $2::timestamptz ORDER BY entity_id
       ON CONFLICT (entity_id) DO UPDATE SET ts = EXCLUDED.ts, value_n = EXCLUDED.value_n, value_b = EXCLUDED.value_b, value_s = EXCLUDED.value_s,
         value_ts = EXCLUDED.value_ts, status = EXCLUDED.status, value_dict = EXCLUDED.value_dict
        WHERE ${cx.tables.current}.ts < EXCLUDED.ts`,
      [own, iso(batch.timestamps[n - 1]!)],
    );
  }
  onTable('core.haysim_event');
  return { written: true, rows, events: await insertEvents(tx, cx, chunk) };
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A chunk this process may write: its span, whether an earlier run left part of it, and the span its marker will record. */
export interface ChunkClaim {
  readonly span: Span | undefined;
  /** an earlier run wrote part of the chunk: the caller deletes its own rows in `span` first */
  readonly replaces: boolean;
  /** what the marker records: the hull of the earlier piece and this one when they touch, else this one */
  readonly hull: Span | undefined;
}

/**
 * Locks this shard's marker of a chunk (both layouts share the marker protocol): undefined when the chunk is
 * already complete or covered by what an earlier run wrote, else the claim to write it.
 */
export async function claimChunk(
  tx: SqlClient,
  cx: ChunkContext,
  chunk: Chunk,
  onTable: (table: string) => void,
): Promise<ChunkClaim | undefined> {
  const ts = chunk.batch.timestamps;
  const n = ts.length;
  const span = n > 0 ? { start: ts[0]!, end: ts[n - 1]! + cx.run.intervalMs } : undefined;
  onTable('core.haysim_chunk');
  const [marker] = await tx.query<{ start_ms: number | null; end_ms: number | null; complete: boolean }>(LOCK_MARKER, [
    cx.orgId,
    chunk.index,
    markerShard(cx),
  ]);
  const known =
    marker && marker.start_ms !== null && marker.end_ms !== null
      ? { start: Number(marker.start_ms), end: Number(marker.end_ms) }
      : undefined;
  if (marker && (marker.complete || (span && known && known.start <= span.start && known.end >= span.end))) return undefined;
  const hull =
    known && span && known.start <= span.end && known.end >= span.start
      ? { start: Math.min(known.start, span.start), end: Math.max(known.end, span.end) }
      : span;
  return { span, replaces: marker !== undefined, hull };
}

/** Records the claimed chunk's marker: its span, the rows and this process's events it holds, whether it is complete. */
export async function markChunk(
  tx: SqlClient,
  cx: ChunkContext,
  chunk: Chunk,
  claim: ChunkClaim,
  rows: number,
  onTable: (table: string) => void,
): Promise<void> {
  onTable('core.haysim_chunk');
  await tx.query(UPSERT_MARKER, [
    cx.orgId,
    chunk.index,
    markerShard(cx),
    cx.run.intervalMs,
    cx.run.fingerprint,
    claim.hull ? iso(claim.hull.start) : null,
    claim.hull ? iso(claim.hull.end) : null,
    rows,
    ownEvents(cx, chunk).length,
    chunk.complete !== false,
  ]);
}

/** The chunk's ground-truth events this process writes: its share's (an event belongs to its equipment). */
export function ownEvents(cx: ChunkContext, chunk: Chunk): readonly GroundTruthEvent[] {
  const share = cx.share;
  return share ? chunk.events.filter((e) => share.owns(e.entityId)) : chunk.events;
}

/** Events keep the affected entity's haystack id and, when it is in the store, its serial id. */
export async function insertEvents(tx: SqlClient, cx: ChunkContext, chunk: Chunk): Promise<number> {
  const own = ownEvents(cx, chunk);
  if (own.length === 0) return 0;
  const events = own.map((ev) => ({ k: ev.id, y: ev.type, h: ev.entityId, s: ev.start, e: ev.end, p: ev.params }));
  const inserted = await tx.query(
    `INSERT INTO core.haysim_event (org_id, event_key, type, entity_id, haystack_id, start_ts, end_ts, params)
     SELECT $1::int, x.k, x.y, e.id, x.h,
            TIMESTAMPTZ 'epoch' + x.s * INTERVAL '1 millisecond',
            TIMESTAMPTZ 'epoch' + x.e * INTERVAL '1 millisecond', x.p
       FROM jsonb_to_recordset($2::jsonb) AS x(k varchar, y varchar, h varchar, s float8, e float8, p jsonb)
       LEFT JOIN core.entity e ON e.org_id = $1::int AND e.haystack_id = x.h
     ON CONFLICT (org_id, event_key) DO NOTHING
     RETURNING 1`,
    [cx.orgId, JSON.stringify(events)],
  );
  return inserted.length;
}
