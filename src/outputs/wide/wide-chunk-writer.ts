import type { Chunk } from '../../sim/sample.js';
import type { ChunkContext, ChunkResult } from '../core-store/chunk-writer.js';
import { claimChunk, insertEvents, markChunk } from '../core-store/chunk-writer.js';
import { copyBuffer, type SqlClient } from '../core-store/sql-client.js';
import type { WideCopyEncoder } from './wide-copy-encoder.js';
import type { WideTable } from './wide-names.js';
import { qualified } from './wide-tables.js';

/** What a wide chunk write needs beyond the core store's chunk context. */
export interface WideContext {
  readonly schema: string;
  readonly tables: readonly WideTable[];
  /** core.entity id per Haystack id */
  readonly ids: ReadonlyMap<string, number>;
}

/**
 * One chunk in one transaction, as the core store writes it (the marker in
 * core.haysim_chunk, then the rows, then the ground truth), but the rows go
 * to the wide tables by binary COPY, one table after another. A chunk already
 * complete is left alone; a part written by an earlier run (a range that cut
 * the chunk) is replaced where it overlaps. If any part fails, nothing of the
 * chunk remains.
 * @returns rows = wide rows written (timestamps × tables)
 */
export async function writeWideChunk(
  tx: SqlClient,
  cx: ChunkContext,
  wide: WideContext,
  chunk: Chunk,
  encoders: readonly [WideCopyEncoder, WideCopyEncoder],
  onTable: (table: string) => void,
): Promise<ChunkResult> {
  const { batch } = chunk;
  const n = batch.timestamps.length;
  const claim = await claimChunk(tx, cx, chunk, onTable);
  if (!claim) return { written: false, rows: 0, events: 0 };
  const span = claim.span;
  if (claim.replaces && span) {
    const from = new Date(span.start).toISOString();
    const to = new Date(span.end).toISOString();
    for (const table of wide.tables) {
      const name = qualified(wide.schema, table.name);
      onTable(name);
      await tx.query(`DELETE FROM ${name} WHERE ts >= $1::timestamptz AND ts < $2::timestamptz`, [from, to]);
    }
  }
  const rows = n * wide.tables.length;
  await markChunk(tx, cx, chunk, claim, rows, onTable);
  if (n > 0 && wide.tables.length > 0) {
    // table i + 1 is encoded (into the other encoder's buffer) while table i's COPY is in flight
    const tables = wide.tables;
    let data = encoders[0].encode(batch, tables[0]!, cx.labels);
    for (let i = 0; i < tables.length; i++) {
      const table = tables[i]!;
      const name = qualified(wide.schema, table.name);
      onTable(name);
      const sent = copyBuffer(
        tx,
        `COPY ${name} (ts, ${table.columns.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN WITH (FORMAT binary)`,
        data,
      );
      const next = i + 1 < tables.length ? encoders[(i + 1) % 2]!.encode(batch, tables[i + 1]!, cx.labels) : undefined;
      await sent;
      if (next) data = next;
    }
  }
  onTable('core.haysim_event');
  return { written: true, rows, events: await insertEvents(tx, cx, chunk) };
}
