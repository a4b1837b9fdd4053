import type { RunDescriptor } from '../outputs/output.js';

/** Anything that runs SQL: the main store, or a separate state database. */
export interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export const ACTIVITY_TYPES = [
  'initialized',
  'started',
  'stopped',
  'data_generated',
  'gaps_filled',
  'falling_behind',
  'caught_up',
  'outage',
  'error',
  'reset',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type ServiceStatus = 'initialized' | 'running' | 'stopped' | 'error';

export interface SimulatorState {
  readonly status: ServiceStatus;
  /** epoch ms of the last timestamp written, if any */
  readonly lastRunTimestamp?: number;
  readonly totalizers: Readonly<Record<string, number>>;
  readonly config: Readonly<Record<string, unknown>>;
  readonly errorMessage?: string;
  /** wall-clock time of the last update, epoch ms */
  readonly updatedAt: number;
}

export interface ActivityEntry {
  readonly id: number;
  readonly timestamp: string;
  readonly eventType: ActivityType;
  readonly message: string;
  readonly details: unknown;
}

/**
 * The live service's own state: `simulator_state` (one row per service) and
 * `simulator_activity_log`, the tables users already keep in the main store
 * or in a separate state database.
 */
export class SimulatorStateStore {
  constructor(
    private readonly db: Queryable,
    readonly serviceName: string,
  ) {}

  async ensureTables(): Promise<void> {
    await this.db.query(`CREATE TABLE IF NOT EXISTS simulator_state (
      id serial PRIMARY KEY,
      service_name varchar NOT NULL DEFAULT 'haystack_simulator',
      last_run_timestamp timestamptz,
      totalizers jsonb NOT NULL DEFAULT '{}'::jsonb,
      status varchar NOT NULL DEFAULT 'initialized' CHECK (status IN ('initialized', 'running', 'stopped', 'error')),
      config jsonb NOT NULL DEFAULT '{}'::jsonb,
      error_message text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await this.db.query('CREATE UNIQUE INDEX IF NOT EXISTS simulator_state_service_idx ON simulator_state (service_name)');
    await this.db.query(`CREATE TABLE IF NOT EXISTS simulator_activity_log (
      id serial PRIMARY KEY,
      timestamp timestamptz NOT NULL DEFAULT now(),
      event_type varchar(50) NOT NULL,
      message text,
      details jsonb,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await this.db.query('CREATE INDEX IF NOT EXISTS simulator_activity_log_ts_idx ON simulator_activity_log (timestamp DESC)');
    await this.db.query(
      'CREATE INDEX IF NOT EXISTS simulator_activity_log_type_idx ON simulator_activity_log (event_type, timestamp DESC)',
    );
  }

  async read(): Promise<SimulatorState | undefined> {
    const [row] = await this.db.query<{
      status: ServiceStatus;
      last_ms: number | null;
      totalizers: Record<string, number>;
      config: Record<string, unknown>;
      error_message: string | null;
      updated_ms: number;
    }>(
      `SELECT status, extract(epoch FROM last_run_timestamp) * 1000 AS last_ms, totalizers, config, error_message, extract(epoch FROM updated_at) * 1000 AS updated_ms
         FROM simulator_state WHERE service_name = $1`,
      [this.serviceName],
    );
    if (!row) return undefined;
    return {
      status: row.status,
      lastRunTimestamp: row.last_ms === null ? undefined : Math.round(Number(row.last_ms)),
      totalizers: row.totalizers,
      config: row.config,
      errorMessage: row.error_message ?? undefined,
      updatedAt: Math.round(Number(row.updated_ms)),
    };
  }

  /** Creates the service's row on first start, keeping an existing row's progress. */
  async initialize(config: Record<string, unknown>): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO simulator_state (service_name, status, config) VALUES ($1, 'initialized', $2::jsonb)
       ON CONFLICT (service_name) DO NOTHING RETURNING id`,
      [this.serviceName, JSON.stringify(config)],
    );
    return rows.length > 0;
  }

  async update(change: {
    status?: ServiceStatus;
    lastRunTimestamp?: number;
    totalizers?: Record<string, number>;
    config?: Record<string, unknown>;
    errorMessage?: string | null;
  }): Promise<void> {
    await this.db.query(
      `UPDATE simulator_state SET
         status = coalesce($2, status),
         last_run_timestamp = coalesce($3::timestamptz, last_run_timestamp),
         totalizers = coalesce($4::jsonb, totalizers),
         config = coalesce($5::jsonb, config),
         error_message = CASE WHEN $6::boolean THEN $7 ELSE error_message END,
         updated_at = now()
       WHERE service_name = $1`,
      [
        this.serviceName,
        change.status ?? null,
        change.lastRunTimestamp === undefined ? null : new Date(change.lastRunTimestamp).toISOString(),
        change.totalizers ? JSON.stringify(change.totalizers) : null,
        change.config ? JSON.stringify(change.config) : null,
        change.errorMessage !== undefined,
        change.errorMessage ?? null,
      ],
    );
  }

  /** Forgets progress: the next start backfills from scratch. */
  async reset(): Promise<void> {
    await this.db.query(
      `UPDATE simulator_state SET last_run_timestamp = NULL, totalizers = '{}'::jsonb, status = 'initialized', error_message = NULL, updated_at = now() WHERE service_name = $1`,
      [this.serviceName],
    );
  }

  async log(type: ActivityType, message: string, details: Record<string, unknown> = {}): Promise<void> {
    await this.db.query('INSERT INTO simulator_activity_log (event_type, message, details) VALUES ($1, $2, $3::jsonb)', [
      type,
      message,
      JSON.stringify({ service: this.serviceName, ...details }),
    ]);
  }

  async activity(options: { limit: number; offset: number; type?: ActivityType; since?: number }): Promise<ActivityEntry[]> {
    const rows = await this.db.query<{ id: number; ts: string; event_type: ActivityType; message: string; details: unknown }>(
      `SELECT id, to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, event_type, message, details
         FROM simulator_activity_log
        WHERE details->>'service' = $1 AND ($2::varchar IS NULL OR event_type = $2) AND ($3::timestamptz IS NULL OR timestamp >= $3)
        ORDER BY timestamp DESC, id DESC LIMIT $4 OFFSET $5`,
      [
        this.serviceName,
        options.type ?? null,
        options.since === undefined ? null : new Date(options.since).toISOString(),
        options.limit,
        options.offset,
      ],
    );
    return rows.map((r) => ({ id: Number(r.id), timestamp: r.ts, eventType: r.event_type, message: r.message, details: r.details }));
  }
}

/** The run parameters a state row snapshots, so a restart can refuse a changed configuration. */
export function configSnapshot(run: RunDescriptor, extra: Record<string, unknown>): Record<string, unknown> {
  return { org: run.org, profile: run.profile, seed: run.seed, intervalMs: run.intervalMs, fingerprint: run.fingerprint, ...extra };
}
