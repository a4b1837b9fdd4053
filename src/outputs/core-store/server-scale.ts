import { ArgsError } from '../../errors.js';
import { citusInstalled } from './citus.js';
import type { SqlClient } from './sql-client.js';
import { enableTimescale } from './timescale.js';

/** What the server offers for scale, learned once per run before anything is written. */
export interface ServerScale {
  readonly timescale: boolean;
  readonly citus: boolean;
  /** bytes the indexes of the chunks being written may take: shared_buffers (see chunk-interval.ts) */
  readonly chunkBudgetBytes: number;
}

/**
 * Citus and TimescaleDB do not share a database (both take over the planner
 * for the same tables): with Citus installed the history is distributed and
 * TimescaleDB is not enabled.
 */
export async function detectServerScale(client: SqlClient): Promise<ServerScale> {
  const citus = await citusInstalled(client);
  const timescale = !citus && (await enableTimescale(client));
  const [row] = await client.query<{ bytes: string | number }>(`SELECT pg_size_bytes(current_setting('shared_buffers')) AS bytes`);
  return { timescale, citus, chunkBudgetBytes: Number(row.bytes) };
}

/**
 * A retention policy needs TimescaleDB's job scheduler (add_retention_policy
 * drops whole chunks as they age). Elsewhere nothing would run it later, so
 * `--retention` is refused before anything is written rather than done once.
 */
export function checkRetention(scale: ServerScale, retention: string | undefined, target: string): void {
  if (retention && !scale.timescale) {
    throw new ArgsError(
      `--retention needs TimescaleDB (add_retention_policy); ${target} has no timescaledb extension${scale.citus ? ' (Citus is installed)' : ''}: drop --retention or use a TimescaleDB server`,
    );
  }
}
