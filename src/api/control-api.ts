import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { LiveControl } from '../live/live-session.js';
import { ACTIVITY_TYPES, type ActivityType } from '../live/simulator-state.js';
import { ApiGuard } from './api-auth.js';
import { controlApiSpec } from './openapi.js';
import { MAX_ACCELERATION, MAX_BACKFILL_DAYS, MIN_ACCELERATION } from './live-limits.js';

const activityQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  type: z.enum(ACTIVITY_TYPES).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});
const configChange = z.strictObject({
  acceleration: z.number().min(MIN_ACCELERATION).max(MAX_ACCELERATION).optional(),
  backfillDays: z.number().int().min(0).max(MAX_BACKFILL_DAYS).optional(),
});
const MAX_BODY = 16 * 1024;

export interface ControlApiOptions {
  readonly host: string;
  /** 0: any free port */
  readonly port: number;
  /** the bearer token mutating requests must present */
  readonly token: string;
  /** most backfill days the service can run now: its profile's epoch bounds how far back it simulates */
  maxBackfillDays(): number;
}

/** Starts the control API; resolves with the server once it listens. */
export function startControlApi(control: LiveControl, options: ControlApiOptions): Promise<Server> {
  let guard: ApiGuard | undefined;
  const server = createServer((req, res) => {
    const refusal = guard?.refusal(req, req.method !== 'GET' && req.method !== 'HEAD');
    if (refusal) {
      req.resume(); // the body is not read: drain it so the connection can answer
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, refusal.status, { error: refusal.error });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    handleControlRequest(control, options, req, res, url.pathname).catch((error: unknown) =>
      send(res, 500, { error: (error as Error).message }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      guard = new ApiGuard(options.token, options.host, typeof address === 'object' && address ? address.port : options.port);
      resolve(server);
    });
  });
}

/**
 * Answers one control route (`path` as the control API names it: /status, /start, …), once the caller has
 * been let in; `haysim live` serves these at its root, `haysim serve --live` under /live.
 */
export async function handleControlRequest(
  control: LiveControl,
  options: Pick<ControlApiOptions, 'maxBackfillDays'>,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /health':
      return send(res, 200, { status: 'ok' });
    case 'GET /openapi.json':
      return send(res, 200, controlApiSpec);
    case 'GET /status': {
      const m = control.metrics();
      return send(res, 200, {
        running: control.running(),
        ticks: m.ticks,
        lastTick: iso(m.lastTick),
        lagMs: Math.round(m.lagMs),
        lagSeconds: m.lagSeconds,
        errors: m.errors,
      });
    }
    case 'GET /state': {
      const state = await control.state.read();
      return state
        ? send(res, 200, { ...state, lastRunTimestamp: iso(state.lastRunTimestamp), updatedAt: iso(state.updatedAt) })
        : send(res, 404, { error: 'no state yet' });
    }
    case 'GET /metrics':
      return metrics(control, url, res);
    case 'POST /start':
      return control.start() ? send(res, 202, { status: 'starting' }) : send(res, 409, { error: 'already running' });
    case 'POST /stop':
      return control.stop() ? send(res, 202, { status: 'stopping' }) : send(res, 409, { error: 'not running' });
    case 'POST /reset':
      await control.reset();
      return send(res, 200, { status: 'reset' });
    case 'GET /config':
      return send(res, 200, control.config());
    case 'PUT /config': {
      const body = await jsonBody(req);
      if ('refused' in body) return send(res, body.refused.status, { error: body.refused.error });
      const parsed = configChange.safeParse(body.value);
      const problems = parsed.success
        ? backfillProblems(parsed.data.backfillDays, options.maxBackfillDays())
        : parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      if (!parsed.success || problems.length > 0) return send(res, 400, { error: 'invalid config', problems });
      control.updateConfig(parsed.data);
      return send(res, 200, control.config());
    }
    case 'GET /activity': {
      const parsed = activityQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success)
        return send(res, 400, {
          error: 'invalid query',
          problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`),
        });
      const q = parsed.data;
      const items = await control.state.activity({
        limit: q.limit,
        offset: q.offset,
        type: q.type as ActivityType | undefined,
        since: q.since ? Date.parse(q.since) : undefined,
      });
      return send(res, 200, { items, limit: q.limit, offset: q.offset });
    }
    default:
      return send(res, 404, { error: `no route ${route}; see /openapi.json` });
  }
}

function metrics(control: LiveControl, url: URL, res: ServerResponse): void {
  const m = control.metrics();
  const seconds = m.startedAt ? (Date.now() - m.startedAt) / 1000 : 0;
  const rate = seconds > 0 ? m.rows / seconds : 0;
  if (url.searchParams.get('format') === 'prometheus') {
    const lines = [
      `haysim_live_running ${control.running() ? 1 : 0}`,
      `haysim_live_ticks_total ${m.ticks}`,
      `haysim_live_rows_total ${m.rows}`,
      `haysim_live_backfilled_rows_total ${m.backfilledRows}`,
      `haysim_live_errors_total ${m.errors}`,
      `haysim_live_lag_ms ${Math.round(m.lagMs)}`,
      `haysim_live_lag_seconds ${m.lagSeconds}`,
      `haysim_live_rows_per_second ${rate.toFixed(2)}`,
    ];
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
    return;
  }
  send(res, 200, {
    ...m,
    lastTick: iso(m.lastTick),
    startedAt: iso(m.startedAt),
    rowsPerSecond: Number(rate.toFixed(2)),
    running: control.running(),
  });
}

/** The request's JSON body ({} when empty), or why it is refused. */
async function jsonBody(req: IncomingMessage): Promise<{ value: unknown } | { refused: { status: 400 | 413; error: string } }> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY) return { refused: { status: 413, error: `the body is larger than ${MAX_BODY} bytes` } };
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return { value: JSON.parse(text || '{}') };
  } catch (error) {
    return { refused: { status: 400, error: `the body is not valid JSON: ${(error as Error).message}` } };
  }
}

/** A backfill the service cannot run (it would start before the profile's epoch) is refused now, not when it starts. */
function backfillProblems(days: number | undefined, max: number): string[] {
  return days !== undefined && days > max
    ? [`backfillDays: at most ${max} now (the days since the profile's epoch, where the simulation starts), got ${days}`]
    : [];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
