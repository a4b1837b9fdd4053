// Bytes on disk per row of what a bench run left in PostgreSQL: tables with their indexes and TOAST (a hypertable
// through hypertable_size, its chunks included), and, where TimescaleDB is installed, again with every chunk compressed.
import type { PostgresStore } from '../src/outputs/postgres/postgres-store.js';
import { type Report, USERS_BYTES_PER_ROW } from './bench-report.js';

const SIZE = `coalesce(hypertable_size(x::regclass), pg_total_relation_size(x::regclass))`;

/** `relations` qualified and quoted; `rows` what one row means in `label` (a wide row, a value). */
export async function reportDiskBytes(
  store: PostgresStore,
  report: Report,
  label: string,
  relations: string[],
  rows: number,
): Promise<void> {
  const sum = async (size: string) =>
    Number((await store.query<{ bytes: string }>(`SELECT sum(${size})::bigint AS bytes FROM unnest($1::text[]) x`, [relations]))[0]?.bytes);
  const [ext] = await store.query<{ timescale: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS timescale`,
  );
  const users = `the users' PostgreSQL ≈ ${USERS_BYTES_PER_ROW} B per wide row`;
  report(
    `PostgreSQL bytes per row on disk, ${label}`,
    ((await sum(ext?.timescale ? SIZE : 'pg_total_relation_size(x::regclass)')) / rows).toFixed(1),
    users,
  );
  if (!ext?.timescale) {
    report(`compressed TimescaleDB bytes per row, ${label}`, 'SKIPPED', 'no timescaledb extension on the bench server');
    return;
  }
  await store.query(`SELECT compress_chunk(c, if_not_compressed => true) FROM unnest($1::text[]) x, show_chunks(x::regclass) c`, [
    relations,
  ]);
  report(`compressed TimescaleDB bytes per row, ${label}`, ((await sum(SIZE)) / rows).toFixed(1), users);
}
