import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ArgsError } from '../../errors.js';
import type { LiveControl } from '../../live/live-session.js';
import { findOrg } from '../../outputs/core-store/find-org.js';
import type { Store } from '../../outputs/output.js';
import type { QueryClient } from '../../query/query-client.js';
import type { EntityIndex } from '../haystack/entity-index.js';
import { validateStore, type ValidationReport } from '../../validate/validate-store.js';
import { serveAsset } from './dashboard-assets.js';
import { loadEvents, loadReadings } from './equip-readings.js';
import { activityQuery, backfillProblem, liveConfigChange, liveStatus } from './live-panel.js';
import { loadSiteTree } from './site-tree.js';
import { loadTrend } from './trend-series.js';

/** Why the server's authentication refuses a request: the HTTP status and a message. */
export interface AuthRefusal {
  readonly status: number;
  readonly error: string;
}

export interface DashboardContext {
  /** the store's catalog and queries (either layout) */
  readonly query: QueryClient;
  /** the same store, for readings' status, ground truth and validation */
  readonly store: Pick<Store, 'readOnly' | 'query'>;
  /** the entities the Haystack API answers from: the site tree is built from them */
  readonly entities: EntityIndex;
  /** the live service this process runs, if any: its panel shows and controls it */
  readonly live?: LiveControl;
  /** most backfill days the live service can run now (its profile's epoch bounds it) */
  readonly maxBackfillDays?: () => number;
  /** the server's authentication: every /ui/api call asks it, with write: true for a change */
  authorize(req: IncomingMessage, access: { write: boolean }): AuthRefusal | undefined;
}

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const MAX_BODY = 16 * 1024;
const MAX_WIDTH = 4000;
const HOUR = 3_600_000;

const trendQuery = z.strictObject({
  equip: z.string().min(1).max(200),
  columns: z
    .string()
    .min(1)
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().min(1).max(200)).min(1).max(8)),
  from: z.coerce.number().int().positive().optional(),
  to: z.coerce.number().int().positive().optional(),
  width: z.coerce.number().int().min(10).max(MAX_WIDTH).default(800),
});
const equipQuery = z.strictObject({ equip: z.string().min(1).max(200) });
const eventQuery = z.strictObject({ equip: z.string().min(1).max(200), from: z.coerce.number().int(), to: z.coerce.number().int() });

/**
 * The operations dashboard, served from the same process as the API: the page at `/`, its static files
 * under `/ui/`, and its JSON under `/ui/api/` (site tree, current values with status, downsampled trends,
 * ground-truth events, the live service's status, activity and control, the validation report). Resolves
 * true when the path was the dashboard's; it never throws: errors answer as JSON.
 */
export function createDashboardHandler(context: DashboardContext): DashboardHandler {
  const { query, store, live } = context;
  let orgId: Promise<number> | undefined;
  const org = () => {
    orgId ??= store.readOnly((tx) => findOrg(tx, query.org));
    orgId.catch(() => (orgId = undefined)); // a failed lookup is tried again next time
    return orgId;
  };
  let validation: { at: number; report: Promise<ValidationReport> } | undefined;

  const routes: Record<string, (req: IncomingMessage, url: URL) => Promise<Answer>> = {
    'GET /ui/api/site': async () => {
      const tree = await loadSiteTree(context.entities, query);
      return ok({ org: query.org, layout: query.layout, timeZone: query.timeZone, live: live !== undefined, tree });
    },
    'GET /ui/api/readings': async (_req, url) => {
      const { equip } = parse(equipQuery, url);
      const id = await org();
      return ok(await loadReadings(query, store, id, equip));
    },
    'GET /ui/api/trend': async (_req, url) => {
      const q = parse(trendQuery, url);
      if ((q.from === undefined) !== (q.to === undefined)) throw new ArgsError('from and to go together');
      return ok(await loadTrend(query, q));
    },
    'GET /ui/api/events': async (_req, url) => {
      const q = parse(eventQuery, url);
      const id = await org();
      return ok({ events: await loadEvents(query, store, id, q.equip, q) });
    },
    'GET /ui/api/alerts': async () => ok(await query.alerts({ since: '7d', limit: 200 })),
    'GET /ui/api/validation': async (_req, url) => {
      // a full validation scans the store: one at a time, kept for an hour unless asked again
      const running = validation !== undefined && !(await settled(validation.report));
      const stale = !validation || url.searchParams.has('refresh') || Date.now() - validation.at > HOUR;
      if (stale && !running) validation = { at: Date.now(), report: validateStore(store, { org: query.org }) };
      const current = validation!;
      const report = await current.report.catch((e: unknown) => {
        if (validation === current) validation = undefined;
        throw e;
      });
      return ok({ ...report, checkedAt: new Date(current.at).toISOString() });
    },
    'GET /ui/api/live': async () => {
      if (!live) return ok({ available: false });
      const equipment = (await query.equipment()).rows;
      const points = equipment.reduce((n, e) => n + e.columns, 0);
      return ok({ available: true, ...(await liveStatus(live, { equipment: equipment.length, points })) });
    },
    'GET /ui/api/live/activity': async (_req, url) => {
      const { limit } = parse(activityQuery, url);
      return ok({ items: live ? await live.state.activity({ limit, offset: 0 }) : [] });
    },
    'POST /ui/api/live/start': async () => (needLive(live).start() ? ok({ status: 'starting' }, 202) : fail(409, 'already running')),
    'POST /ui/api/live/stop': async () => (needLive(live).stop() ? ok({ status: 'stopping' }, 202) : fail(409, 'not running')),
    'POST /ui/api/live/reset': async () => {
      await needLive(live).reset();
      return ok({ status: 'reset' });
    },
    'PUT /ui/api/live/config': async (req) => {
      const control = needLive(live);
      const parsed = liveConfigChange.safeParse(await jsonBody(req));
      if (!parsed.success) throw new ArgsError(problems(parsed.error));
      const problem = backfillProblem(parsed.data.backfillDays, context.maxBackfillDays);
      if (problem) throw new ArgsError(problem);
      control.updateConfig(parsed.data);
      return ok(control.config());
    },
  };

  return async (req, res, url) => {
    const path = url.pathname;
    if (path !== '/' && !path.startsWith('/ui/')) return false;
    try {
      if (!path.startsWith('/ui/api/')) return await serveAsset(req, res, path);
      const route = routes[`${req.method} ${path}`];
      if (!route) {
        answer(res, fail(404, `no dashboard route ${req.method} ${path}`));
        return true;
      }
      const refusal = context.authorize(req, { write: req.method !== 'GET' && req.method !== 'HEAD' });
      if (refusal) {
        req.resume(); // the body is not read: drain it so the connection can answer
        answer(res, fail(refusal.status, refusal.error));
        return true;
      }
      answer(res, await route(req, url));
    } catch (error) {
      const status = error instanceof RequestError ? error.status : error instanceof ArgsError ? 400 : 500;
      answer(res, fail(status, (error as Error).message));
    }
    return true;
  };
}

/** Input refused with a status of its own (413: body too large). */
class RequestError extends ArgsError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown, status = 200): Answer => ({ status, body });
const fail = (status: number, error: string): Answer => ({ status, body: { error } });

function answer(res: ServerResponse, a: Answer): void {
  if (res.headersSent) return;
  res.writeHead(a.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(a.body));
}

function needLive(live: LiveControl | undefined): LiveControl {
  if (!live) throw new ArgsError('no live service runs in this process (start it with haysim live)');
  return live;
}

function parse<T extends z.ZodType>(schema: T, url: URL): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new ArgsError(problems(parsed.error));
  return parsed.data;
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
}

/** A JSON body of at most MAX_BODY bytes ({} when empty). */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY) throw new RequestError(413, `the body is larger than ${MAX_BODY} bytes`);
    parts.push(part as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
  } catch (error) {
    throw new ArgsError(`the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Whether a promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  const pending = Symbol();
  return (
    (await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      Promise.resolve(pending),
    ])) !== pending
  );
}
