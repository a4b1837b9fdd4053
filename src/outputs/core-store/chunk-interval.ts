/**
 * Hypertable chunk length from the data rate (TimescaleDB's sizing rule): the
 * indexes of the chunks being written at once, one per hypertable, should fit
 * in 25 % of the server's memory, which is what `shared_buffers` is set to
 * (timescaledb-tune does so). Longer chunks only cost memory on ingest;
 * shorter ones cost planning and compression: take the longest that fits,
 * between an hour and 30 days, on a boundary that tiles the day.
 */

/**
 * Index bytes one history row costs, measured on PostgreSQL 15: a wide row's
 * `ts` primary key 22.6 B; a Haystack row's primary key `(entity_id, ts)` and
 * `(entity_id, ts DESC)` index together 88 B (rows arrive time-major across
 * entities, so the pages split half full).
 */
export const INDEX_BYTES_PER_ROW = { wide: 23, haystack: 88 } as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Under an hour the chunks of a year outnumber what the planner handles well. */
const MIN_HOURS = 1;
/** Past a month retention and compression work in blocks too coarse to follow a policy. */
const MAX_HOURS = 30 * 24;
/** Sub-day chunk lengths that divide a day, so chunks start at midnight UTC. */
const DAY_DIVISORS = [1, 2, 3, 4, 6, 8, 12];

export interface ChunkLoad {
  /** hypertables written at once (each fills its own current chunk) */
  readonly tables: number;
  /** rows one table receives per day */
  readonly rowsPerDayPerTable: number;
  /** index bytes per row (INDEX_BYTES_PER_ROW) */
  readonly indexBytesPerRow: number;
}

/** Rows per day of one series at this sample interval. */
export function rowsPerDay(intervalMs: number): number {
  return DAY / Math.max(intervalMs, 1);
}

/** Chunk length in hours: whole days from a day up, a divisor of 24 below. */
export function chunkIntervalHours(load: ChunkLoad, budgetBytes: number): number {
  const bytesPerHour = (load.tables * load.rowsPerDayPerTable * load.indexBytesPerRow) / 24;
  const fits = bytesPerHour > 0 ? budgetBytes / bytesPerHour : Number.POSITIVE_INFINITY;
  const hours = Math.min(MAX_HOURS, Math.max(MIN_HOURS, fits));
  if (hours >= 24) return Math.floor(hours / 24) * 24;
  return DAY_DIVISORS.filter((d) => d <= hours).pop() ?? MIN_HOURS;
}

/** `30 days`, `6 hours`: the interval text create_hypertable takes. */
export function chunkIntervalSql(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}
