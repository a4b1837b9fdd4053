import type { Override, OverrideSchedule } from '../sim/override-schedule.js';
import type { Queryable } from './simulator-state.js';

const TABLE = 'simulator_override_schedule';

/**
 * A live service's override schedule (what pointWrites commanded, in simulated time), one row per service
 * beside `simulator_state`: a restarted service keeps the overrides in force, and a backfill of the same range
 * with the schedule gives the same values. Saved whole in one statement, so it is never half written.
 */
export class OverrideStore {
  constructor(
    private readonly db: Queryable,
    private readonly serviceName: string,
  ) {}

  async load(): Promise<Override[]> {
    await this.ensureTable();
    const [row] = await this.db.query<{ schedule: string }>(`SELECT schedule::text AS schedule FROM ${TABLE} WHERE service_name = $1`, [
      this.serviceName,
    ]);
    if (!row) return [];
    // JSON has no Infinity: an override in force until relinquished is stored with end null
    const stored = JSON.parse(row.schedule) as { point: string; start: number; end: number | null; value: number }[];
    return stored.map((o) => ({ point: o.point, start: o.start, end: o.end ?? Infinity, value: o.value }));
  }

  async save(schedule: OverrideSchedule): Promise<void> {
    await this.ensureTable();
    const json = JSON.stringify(schedule.map((o) => ({ ...o, end: Number.isFinite(o.end) ? o.end : null })));
    await this.db.query(
      `INSERT INTO ${TABLE} (service_name, schedule) VALUES ($1, $2::jsonb)
       ON CONFLICT (service_name) DO UPDATE SET schedule = EXCLUDED.schedule, updated_at = now()`,
      [this.serviceName, json],
    );
  }

  private async ensureTable(): Promise<void> {
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      service_name varchar PRIMARY KEY,
      schedule jsonb NOT NULL DEFAULT '[]'::jsonb,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }
}
