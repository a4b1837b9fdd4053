import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEnvSensorsConfig } from './env-sensors-config.js';
import { CSV_HEADER, generateBackfill, uploadBackfill, writeBackfillCsv } from './env-sensors-backfill.js';
import { PLOT_HEIGHT, PLOT_WIDTH, writeBackfillPlot } from './env-sensors-plot.js';
import { OutputError } from '../errors.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 10, 1);
const scratch = mkdtempSync(join(tmpdir(), 'haysim-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const config = (env: Record<string, string> = {}) => resolveEnvSensorsConfig({ env: { DEVICE_COUNT: '2', ...env } });

describe('backfill', () => {
  it('produces readings at exactly the interval instants of [start, end), the same in pieces as in one go', async () => {
    const c = config({ ANOMALY_SPIKES_PER_DAY: '4', ANOMALY_STUCK_PER_DAY: '2' });
    const whole = generateBackfill(c, { start: T0, end: T0 + 2 * DAY, intervalMs: 300_000 });
    const pieces = [0, 0.3, 1.1, 2].map((d) => T0 + d * DAY);
    const parts = pieces.slice(1).flatMap((end, i) => generateBackfill(c, { start: pieces[i]!, end, intervalMs: 300_000 }).readings);
    expect(parts).toEqual(whole.readings);
    const times = [...new Set(whole.readings.map((r) => Date.parse(r.timestamp)))];
    expect(times).toEqual(Array.from({ length: 576 }, (_, k) => T0 + k * 300_000));

    const a = join(scratch, 'a.csv'),
      b = join(scratch, 'b.csv');
    await writeBackfillCsv(a, whole.readings);
    await writeBackfillCsv(b, generateBackfill(c, { start: T0, end: T0 + 2 * DAY, intervalMs: 300_000 }).readings);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(whole.readings.length + 1);
    expect(lines[1]).toMatch(
      /^2025-11-01T00:00:00Z,bme280_fake_001,\d+\.\d\d,\d+\.\d\d,\d{4}\.\d\d,(true|false),(storm|front|clearing)?,$/,
    );
  });

  it('uploads in rate-limited batches to a real server and retries a failing batch', async () => {
    const received: unknown[][] = [];
    let failNext = 1;
    const server = createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          if (failNext-- > 0) return void res.writeHead(503).end();
          received.push(JSON.parse(body));
          res.writeHead(200).end();
        });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const c = config({ SERVER_URL: `http://127.0.0.1:${port}`, UPLOAD_BATCH_SIZE: '50', UPLOAD_REQUESTS_PER_SECOND: '4' });
      const b = generateBackfill(c, { start: T0, end: T0 + DAY / 2, intervalMs: 300_000 });
      let t = T0;
      const waits: number[] = [];
      const result = await uploadBackfill(c, b.readings, {
        now: () => t,
        sleep: async (ms) => void (ms > 0 && waits.push(ms), (t += Math.max(0, ms))),
        random: () => 0.75, // pins the jitter: three quarters of each cap
      });
      expect(result).toEqual({ requests: 7, sent: 288, failedAttempts: 1 }); // 144 instants × 2 devices
      expect(received.map((x) => x.length)).toEqual([50, 50, 50, 50, 50, 38]);
      expect(received.flat()).toEqual(b.readings);
      expect(waits).toEqual([750, 250, 250, 250, 250, 250]); // back-off after the 503, then 4 requests per second

      await new Promise<void>((ok) => server.close(() => ok()));
      await expect(
        uploadBackfill(c, b.readings, { now: () => t, sleep: async (ms) => void (t += Math.max(0, ms)), maxAttempts: 2 }),
      ).rejects.toThrow(OutputError);
      await expect(
        uploadBackfill(c, b.readings, { now: () => t, sleep: async (ms) => void (t += Math.max(0, ms)), maxAttempts: 2 }),
      ).rejects.toThrow(/env-sensors upload write failed \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/sensors\/bme280\): connect ECONNREFUSED/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('lists ground truth: weather events of the site and anomalies per device', () => {
    const b = generateBackfill(config({ ANOMALY_DROPOUTS_PER_DAY: '5' }), { start: T0, end: T0 + DAY, intervalMs: 60_000 });
    expect(b.weather.length).toBeGreaterThan(40);
    for (const e of b.weather) expect(e.end).toBeGreaterThan(e.start);
    expect(b.anomalies.every((a) => a.type === 'dropout' && a.start <= a.end)).toBe(true);
    expect(b.readings.length).toBe(2 * 1440 - b.anomalies.reduce((n, a) => n + (Date.parse(a.end) - Date.parse(a.start)) / 60_000 + 1, 0));
  });

  it('plots a valid PNG of the expected size', async () => {
    const c = config({ DEVICE_COUNT: '3', DEVICE_FLOORS: '0,3,6', ANOMALY_SPIKES_PER_DAY: '2', SITE_TIMEZONE: 'America/New_York' });
    const b = generateBackfill(c, { start: T0, end: T0 + 7 * DAY, intervalMs: 600_000 });
    const path = join(scratch, 'plot.png');
    await writeBackfillPlot(path, b);
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([PLOT_WIDTH, PLOT_HEIGHT]);
    expect(png.length).toBeGreaterThan(30_000); // lines and text, not a blank canvas
  });
});
