import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LiveControl } from '../live/live-session.js';
import type { Refusal } from './api-auth.js';
import type { ServeAuth } from './auth/serve-auth.js';
import { handleControlRequest } from './control-api.js';
import { errorGrid, negotiate, sendGrid } from './haystack/grid-codec.js';
import type { HaystackApi } from './haystack/haystack-api.js';

/** A part of the site mounted on the server: true when it answered the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface ServeServerOptions {
  readonly host: string;
  /** 0: any free port */
  readonly port: number;
  readonly api: HaystackApi;
  readonly auth: ServeAuth;
  /** the live service running in this process (`serve --live`): its control routes under /live */
  readonly live?: { readonly control: LiveControl; maxBackfillDays(): number };
  /** the web dashboard (src/api/dashboard/), mounted at / */
  readonly dashboard: RouteHandler;
}

/**
 * `haysim serve`'s one HTTP server: the sign-in handshake on any path, the Haystack API at /api, the live
 * control routes at /live/* (GET /live/status, POST /live/start, … as `haysim live` serves them at its
 * root) and the dashboard at /. One ServeAuth decides for all of them.
 */
export function startServeServer(o: ServeServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    route(o, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendGrid(res, errorGrid(`internal error: ${(error as Error).message}`, 'haysim::InternalErr'), 'zinc', 500);
      else res.destroy();
    });
  });
  // slow clients must not hold sockets open forever (a bench opens hundreds)
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const address = server.address();
      o.auth.listening(o.host, typeof address === 'object' && address ? address.port : o.port);
      resolve(server);
    });
  });
}

async function route(o: ServeServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (o.auth.handshake(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    const caller = o.auth.caller(req);
    if ('status' in caller) return refuseGrid(req, res, caller);
    await o.api.handle(req, res, url, caller);
    return;
  }
  if (url.pathname.startsWith('/live/')) {
    if (!o.live) return refuseJson(res, { status: 404, error: 'no live service in this process: start serve with --live' });
    const refusal = o.auth.authorize(req, { write: req.method !== 'GET' && req.method !== 'HEAD' });
    if (refusal) return refuseJson(res, refusal);
    return handleControlRequest(o.live.control, o.live, req, res, url.pathname.slice('/live'.length));
  }
  if (await o.dashboard(req, res, url)) return;
  res
    .writeHead(404, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error: `nothing at ${url.pathname}: the Haystack API is at /api` }));
}

function refuseGrid(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  if (refusal.status === 401) res.setHeader('www-authenticate', 'HELLO');
  sendGrid(res, errorGrid(refusal.error, 'haysim::AuthErr'), negotiate(req.headers.accept), refusal.status);
}

function refuseJson(res: ServerResponse, refusal: { status: number; error: string }): void {
  res.writeHead(refusal.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: refusal.error }));
}
