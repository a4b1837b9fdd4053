import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveControl } from '../../live/live-session.js';
import type { QueryClient } from '../../query/query-client.js';
import type { EntityIndex } from '../haystack/entity-index.js';
import { createDashboardHandler } from './dashboard-handler.js';

/** A live service that records what it was asked; every other dependency fails if touched. */
function stubs() {
  const calls: string[] = [];
  const live = {
    running: () => true,
    start: () => (calls.push('start'), false),
    stop: () => (calls.push('stop'), true),
    reset: async () => void calls.push('reset'),
    config: () => ({ acceleration: 1, backfillDays: 1, intervalMs: 60_000, org: 'demo', profile: 'p' }),
    updateConfig: (c: object) => calls.push(`config ${JSON.stringify(c)}`),
  } as unknown as LiveControl;
  const untouched = new Proxy({}, { get: () => () => Promise.reject(new Error('not expected')) });
  return { calls, live, query: untouched as QueryClient, store: untouched as never, untouchedIndex: untouched as EntityIndex };
}

describe('dashboard handler: changes only through authorize, every input checked, never a crash', () => {
  const { calls, live, query, store, untouchedIndex } = stubs();
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const handler = createDashboardHandler({
      query,
      store,
      entities: untouchedIndex,
      live,
      maxBackfillDays: () => 30,
      authorize: (req, { write }) =>
        write && req.headers.authorization !== 'BEARER authToken=ok' ? { status: 401, error: 'sign in' } : undefined,
    });
    server = createServer((req, res) => {
      handler(req, res, new URL(req.url ?? '/', 'http://localhost')).then((done) => done || res.writeHead(418).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const auth = { authorization: 'BEARER authToken=ok', 'content-type': 'application/json' };
  const put = (body: string, headers: Record<string, string> = auth) =>
    fetch(`${base}/ui/api/live/config`, { method: 'PUT', headers, body });

  it('refuses start/stop/reset/config without the server’s consent, with its status', async () => {
    for (const verb of ['start', 'stop', 'reset'])
      expect((await fetch(`${base}/ui/api/live/${verb}`, { method: 'POST' })).status).toBe(401);
    expect((await put('{"acceleration":5}', { 'content-type': 'application/json' })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('takes a change when authorized, and checks the config with the live limits', async () => {
    expect((await fetch(`${base}/ui/api/live/stop`, { method: 'POST', headers: auth })).status).toBe(202);
    expect((await fetch(`${base}/ui/api/live/start`, { method: 'POST', headers: auth })).status).toBe(409);
    expect((await put('{"acceleration":60}')).status).toBe(200);
    const bad = await put('{"acceleration":0,"extra":1}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/acceleration.*extra|extra.*acceleration/s);
    expect(((await (await put('{"backfillDays":31}')).json()) as { error: string }).error).toMatch(/at most 30/);
    expect((await put('{"acceleration":')).status).toBe(400);
    expect((await put(`{"a":"${'x'.repeat(20_000)}"}`)).status).toBe(413);
    expect(calls).toEqual(['stop', 'start', 'config {"acceleration":60}']);
  });

  it('answers bad queries with 400, unknown routes with 404, and leaves other paths to the server', async () => {
    expect((await fetch(`${base}/ui/api/trend?equip=x`)).status).toBe(400);
    expect((await fetch(`${base}/ui/api/trend?equip=x&columns=a&width=99999`)).status).toBe(400);
    expect((await fetch(`${base}/ui/api/events?equip=x&from=abc&to=1`)).status).toBe(400);
    expect((await fetch(`${base}/ui/api/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/about`)).status).toBe(418);
    expect((await fetch(`${base}/ui/..%2f..%2fpackage.json`)).status).toBe(418);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/ui/dashboard.js');
    expect((await fetch(`${base}/ui/vendor/uPlot.esm.js`)).status).toBe(200);
  });
});
