import { z } from 'zod';
import type { LiveControl } from '../../live/live-session.js';
import { MAX_ACCELERATION, MAX_BACKFILL_DAYS, MIN_ACCELERATION } from '../live-limits.js';

const DAY = 86_400_000;

/** What the config editor may change: the live service's settings, in the ranges the CLI and control API take. */
export const liveConfigChange = z.strictObject({
  acceleration: z.number().min(MIN_ACCELERATION).max(MAX_ACCELERATION).optional(),
  backfillDays: z.number().int().min(0).max(MAX_BACKFILL_DAYS).optional(),
});

export const activityQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(40) });

/**
 * The live service as its operators read it: running or not, the state row (status, last run, error), the
 * counters turned into rates (points per minute, rows per second), uptime, lag and the errors of the
 * last 24 h, plus the settings the editor shows.
 */
export async function liveStatus(live: LiveControl, entities: { equipment: number; points: number }) {
  const m = live.metrics();
  const state = await live.state.read();
  const now = Date.now();
  const running = live.running();
  const uptimeMs = running && m.startedAt !== undefined ? now - m.startedAt : 0;
  const errors24h = await live.state.activity({ limit: 1000, offset: 0, type: 'error', since: now - DAY });
  return {
    running,
    status: running ? 'running' : (state?.status ?? 'initialized'),
    lastRun: iso(state?.lastRunTimestamp),
    updatedAt: iso(state?.updatedAt),
    errorMessage: state?.errorMessage ?? null,
    uptimeMs,
    ticks: m.ticks,
    pointsGenerated: m.rows + m.backfilledRows,
    pointsPerMinute: uptimeMs > 0 ? Math.round((m.rows / uptimeMs) * 60_000) : 0,
    rowsPerSecond: uptimeMs > 0 ? Number(((m.rows / uptimeMs) * 1000).toFixed(1)) : 0,
    lagMs: Math.round(m.lagMs),
    lagSeconds: m.lagSeconds,
    errors24h: errors24h.length,
    entities,
    config: live.config(),
  };
}

/** A backfill reaching before the profile's epoch cannot run: refused now, not at the next start. */
export function backfillProblem(days: number | undefined, max: (() => number) | undefined): string | undefined {
  const limit = max?.();
  return days !== undefined && limit !== undefined && days > limit
    ? `backfillDays: at most ${limit} now (the days since the profile's epoch), got ${days}`
    : undefined;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
