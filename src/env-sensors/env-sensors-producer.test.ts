import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEnvSensorsConfig } from './env-sensors-config.js';
import { runEnvSensorsProducer } from './env-sensors-producer.js';
import { Bme280Model } from './bme280-model.js';
import { toReading } from './bme280-reading.js';

/** A tiny ingestion server on 127.0.0.1 that records what it receives. */
class Receiver {
  readonly bodies: unknown[] = [];
  readonly requests: { path: string; contentType: string | undefined }[] = [];
  private server: Server | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  private handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      this.requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] });
      this.bodies.push(JSON.parse(text));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }
}

/** Virtual time: sleeping advances it at once; HTTP stays real. */
function virtualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
    advance: (ms: number) => (t += ms),
  };
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(): Promise<Receiver> {
  const r = new Receiver();
  await r.start();
  receivers.push(r);
  return r;
}

const T0 = Date.UTC(2025, 10, 14, 10, 30, 0);

describe('live producer against a real HTTP server', () => {
  it('posts every reading once, in order, with the spec JSON, and prints stats every 100 readings', async () => {
    const rx = await receiver();
    const config = resolveEnvSensorsConfig({ env: { SERVER_URL: `http://127.0.0.1:${rx.port}`, DEVICE_COUNT: '2' } });
    const clock = virtualClock(T0 + 3_000); // 3 s after a boundary: the first reading is stamped 10:30:00
    const lines: string[] = [];
    const stats = await runEnvSensorsProducer(config, { ...clock, log: (l) => lines.push(l), maxReadings: 250 });

    expect(stats).toMatchObject({ readings: 250, sent: 250, failed: 0, queued: 0, dropped: 0 });
    expect(rx.bodies).toHaveLength(250);
    expect(new Set(rx.requests.map((r) => r.path))).toEqual(new Set(['/api/v1/sensors/bme280']));
    expect(rx.requests[0]!.contentType).toBe('application/json');
    // exactly the spec's keys and types
    for (const b of rx.bodies as Record<string, any>[]) {
      expect(Object.keys(b).sort()).toEqual(['device_id', 'humidity', 'metadata', 'pressure_hpa', 'temperature_c', 'timestamp']);
      expect(Object.keys(b.metadata).sort()).toEqual(['generator', 'in_weather_event', 'version', 'weather_event_type']);
      expect(b.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(b.metadata.in_weather_event).toBe(b.metadata.weather_event_type !== null);
      expect(['storm', 'front', 'clearing', null]).toContain(b.metadata.weather_event_type);
      for (const k of ['temperature_c', 'humidity', 'pressure_hpa']) expect(Math.round(b[k] * 100) / 100).toBe(b[k]);
    }
    // in order per device, one per interval, starting at the boundary before the start
    const first = rx.bodies.filter((b: any) => b.device_id === 'bme280_fake_001') as any[];
    expect(first.map((b) => Date.parse(b.timestamp))).toEqual(Array.from({ length: 125 }, (_, k) => T0 + k * 10_000));
    // what arrived is what the model says (live = backfill for the same instants)
    const model = new Bme280Model(config);
    expect(rx.bodies[5]).toEqual(toReading(model.sample(1, T0 + 20_000)));

    expect(lines[0]).toMatch(
      /^✓ #0001 \| 10:30:00 \| T:\d+\.\d\d°C \| H:\d+\.\d\d% \| P:\d{3,4}\.\d\dhPa( \[Weather: (storm|front|clearing)\])? \(bme280_fake_001\)$/,
    );
    const statLines = lines.filter((l) => l.startsWith('── stats'));
    expect(statLines).toHaveLength(2);
    expect(statLines[0]).toMatch(/^── stats: 100 readings \| sent 100 \| failed 0 \|/);
    expect(statLines[1]).toMatch(
      /^── stats: 200 readings \| sent 200 \| failed 0 \|.*last success 2025-11-14T10:46:30Z \| last error none$/,
    );
    expect(lines.at(-1)).toMatch(/^── final stats: 250 readings \| sent 250 \| failed 0 \|/);
  });

  it('survives the server going down: errors counted and retried with back-off, nothing lost when it is back', async () => {
    const rx = await receiver();
    const port = rx.port;
    const config = resolveEnvSensorsConfig({ env: { SERVER_URL: `http://127.0.0.1:${port}`, HTTP_TIMEOUT_SECONDS: '2' } });
    const clock = virtualClock(T0);
    const lines: string[] = [];
    let downAt = 0;
    const run = runEnvSensorsProducer(config, {
      ...clock,
      random: () => 0.5, // pins the jitter: half of each cap
      maxReadings: 120,
      log: (l) => {
        lines.push(l);
        // take the server down after reading 20, bring it back after reading 60
        if (l.startsWith('✓ #0020')) downAt = 1;
        if (l.includes('#0060') && downAt === 2) downAt = 3;
      },
    });
    while (downAt < 1) await new Promise((r) => setImmediate(r));
    await rx.stop();
    downAt = 2;
    while (downAt < 3) await new Promise((r) => setImmediate(r));
    await rx.start(port);
    const stats = await run;

    expect(stats.readings).toBe(120);
    expect(stats.failed).toBeGreaterThan(2);
    expect(stats.sent).toBe(120);
    expect(stats.retried).toBeGreaterThan(30);
    expect(stats.lastError).toMatch(/ECONNREFUSED/);
    // every reading arrived once, in order
    expect((rx.bodies as any[]).map((b) => Date.parse(b.timestamp))).toEqual(Array.from({ length: 120 }, (_, k) => T0 + k * 10_000));
    const failures = lines.filter((l) => l.startsWith('✗'));
    expect(failures[0]).toMatch(/^✗ #0021 \| 10:33:20 \| .* \| .+ \(retry in 0\.5s, 1 queued\)$/);
    expect(failures.some((l) => /connect ECONNREFUSED 127\.0\.0\.1:\d+ \(retry in 1s/.test(l))).toBe(true);
    expect(failures.some((l) => /retry in 4s/.test(l))).toBe(true); // the cap doubles per failure
    expect(lines.some((l) => /^✓ #0021 .*\(retry \d+\)$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(
      /^── final stats: 120 readings \| sent 120 \| failed \d+ \| retried \d+ \| queued 0 \| dropped 0 \|.*last error .*ECONNREFUSED/,
    );
  });

  it('stops cleanly on abort (Ctrl-C) with final statistics, even while the server is unreachable', async () => {
    const config = resolveEnvSensorsConfig({ env: { SERVER_URL: 'http://127.0.0.1:9', INTERVAL_SECONDS: '1' } });
    const controller = new AbortController();
    const lines: string[] = [];
    const run = runEnvSensorsProducer(config, { signal: controller.signal, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 1500));
    controller.abort();
    const stats = await run;
    expect(stats.failed).toBeGreaterThanOrEqual(1);
    expect(stats.sent).toBe(0);
    expect(lines.at(-1)).toMatch(/^── final stats: \d+ readings \| sent 0 \| failed \d+/);
  });
});
