import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveControl } from '../live/live-session.js';
import { startControlApi } from './control-api.js';

const TOKEN = 'test-token-0123456789abcdef';

/** A stopped service that records what the API asked of it. */
function stubControl() {
  const calls: string[] = [];
  const settings = { acceleration: 1, backfillDays: 1 };
  const control = {
    state: { read: async () => undefined, activity: async () => [] },
    running: () => false,
    metrics: () => ({ ticks: 0, rows: 0, backfilledRows: 0, errors: 0, lagMs: 0 }),
    config: () => ({ ...settings, intervalMs: 60_000, org: 'demo', profile: 'p' }),
    start: () => (calls.push('start'), true),
    stop: () => (calls.push('stop'), false),
    reset: async () => void calls.push('reset'),
    updateConfig: (change: object) => (calls.push(`config ${JSON.stringify(change)}`), Object.assign(settings, change)),
  } as unknown as LiveControl;
  return { control, calls };
}

/** A raw request: fetch would not let a test send a foreign Host header. */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: { error?: string; problems?: string[]; [key: string]: unknown } }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('control API: only the token holder, from this server, with JSON, may change the service', () => {
  const { control, calls } = stubControl();
  let server: Server;
  let port: number;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };
  beforeAll(async () => {
    server = await startControlApi(control, { host: '127.0.0.1', port: 0, token: TOKEN, maxBackfillDays: () => 300 });
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps reading open on loopback', async () => {
    expect((await send(port, 'GET', '/health')).status).toBe(200);
    expect((await send(port, 'GET', '/config')).body).toMatchObject({ acceleration: 1 });
    expect((await send(port, 'GET', '/health', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a Host that is not this server (DNS rebinding), even for reading', async () => {
    const r = await send(port, 'GET', '/status', { host: `evil.example:${port}` });
    expect(r).toMatchObject({ status: 421, body: { error: expect.stringMatching(/does not answer to Host "evil\.example:\d+"/) } });
    expect((await send(port, 'GET', '/status', { host: '127.0.0.1:1' })).status).toBe(421);
  });

  it('refuses changes without the token or with a wrong one', async () => {
    expect((await send(port, 'POST', '/reset')).status).toBe(401);
    expect((await send(port, 'POST', '/reset', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await send(port, 'PUT', '/config', { 'content-type': 'application/json' }, '{"acceleration":5}')).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const r = await send(port, 'POST', '/stop', { ...auth, origin: 'http://evil.example' });
    expect(r).toMatchObject({ status: 403, body: { error: 'cross-origin requests are refused (Origin http://evil.example)' } });
    expect(calls).toEqual([]);
  });

  it('refuses a form or text/plain body (what a page can post without asking) with 415', async () => {
    const form = await send(port, 'POST', '/reset', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
    expect(form.status).toBe(415);
    expect((await send(port, 'POST', '/stop', { ...auth, 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    expect(calls).toEqual([]);
  });

  it('takes a change with the token, same origin and JSON (or no body)', async () => {
    expect((await send(port, 'POST', '/start', { ...auth, origin: `http://127.0.0.1:${port}` })).status).toBe(202);
    const r = await send(port, 'PUT', '/config', json, '{"acceleration":60}');
    expect(r).toMatchObject({ status: 200, body: { acceleration: 60 } });
    expect(calls).toEqual(['start', 'config {"acceleration":60}']);
  });

  it('says plainly that a body is not JSON, and bounds the backfill by what the service can run', async () => {
    const malformed = await send(port, 'PUT', '/config', json, '{"acceleration":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^the body is not valid JSON: /);
    const far = await send(port, 'PUT', '/config', json, '{"backfillDays":3650}');
    expect(far).toMatchObject({ status: 400, body: { problems: [expect.stringMatching(/backfillDays: at most 300 now .*got 3650/)] } });
    expect((await send(port, 'PUT', '/config', json, '{"backfillDays":99999}')).body.problems).toEqual([
      expect.stringMatching(/backfillDays: .*3650/),
    ]);
    expect((await send(port, 'PUT', '/config', json, 'x'.repeat(20_000))).status).toBe(413);
    expect(calls).toEqual(['start', 'config {"acceleration":60}']);
  });
});
