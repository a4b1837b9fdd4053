import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgsError, OutputError } from '../../errors.js';
import type { DeliveryEvent } from '../delivery/delivery-stats.js';
import {
  CONTRACT_POINTS,
  contractChunk,
  contractModel,
  contractRun,
  EPOCH,
  expectedStatus,
  expectedValue,
  INTERVAL_MS,
  STEPS_PER_CHUNK,
} from '../../../test/contract/sink-contract-fixture.js';
import { startHttpReceiver } from '../../../test/helpers/http-receiver.js';
import type { HttpReceiver } from '../../../test/helpers/http-receiver.js';
import { HttpSink } from './http-sink.js';
import type { HttpOptionsInput } from './http-options.js';

/** The readings chunks [0, chunks) must deliver, per point in time order (computed from the fixture's formulas). */
function expectedByPoint(chunks: number): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const p of CONTRACT_POINTS) {
    const list: Record<string, unknown>[] = [];
    for (let g = 0; g < chunks * STEPS_PER_CHUNK; g++) {
      list.push({
        id: p.id,
        value: expectedValue(p.index, g),
        unit: p.unit ?? null,
        status: expectedStatus(p.index, g),
        ts: new Date(EPOCH + g * INTERVAL_MS).toISOString(),
        equip: 's1.ahu1',
        site: 's1',
      });
    }
    out.set(p.id, list);
  }
  return out;
}

function byPoint(readings: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const r of readings) out.set(r.id as string, [...(out.get(r.id as string) ?? []), r]);
  return out;
}

const fast = { retryBaseMs: 5, retryMaxMs: 40 };

describe('HttpSink', () => {
  let rx: HttpReceiver;
  let dir: string;
  const sinks: HttpSink[] = [];
  const events: DeliveryEvent[] = [];
  const sink = (options: Partial<HttpOptionsInput> = {}) => {
    const s = new HttpSink({ url: rx.url, ...fast, onEvent: (e) => events.push(e), ...options });
    sinks.push(s);
    return s;
  };
  async function run(s: HttpSink, chunks: number, concurrently = false): Promise<void> {
    await s.open();
    await s.begin(contractModel(), contractRun(), { reset: false });
    const writes = Array.from({ length: chunks }, (_, i) => (concurrently ? s.writeChunk(contractChunk(i)) : undefined));
    if (!concurrently) for (let i = 0; i < chunks; i++) await s.writeChunk(contractChunk(i));
    await Promise.all(writes);
  }

  beforeEach(async () => {
    rx = await startHttpReceiver();
    dir = await mkdtemp(join(tmpdir(), 'haysim-http-'));
    events.length = 0;
  });
  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close().catch(() => undefined);
    await rx.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts every reading once, in order per point, with the payload, path template and headers', async () => {
    const s = sink({ path: '/api/points/{point}', headers: { 'x-site': 'demo' }, auth: 'Bearer t0k', concurrency: 3 });
    await run(s, 5);
    expect(await s.finish()).toMatchObject({ rowsWritten: 80, chunksWritten: 5, eventsWritten: 0 });
    expect(rx.requests).toHaveLength(80);
    for (const r of rx.requests) {
      const reading = JSON.parse(r.body) as Record<string, unknown>;
      expect(r.path).toBe(`/api/points/${encodeURIComponent(reading.id as string)}`);
      expect(r.headers).toMatchObject({ authorization: 'Bearer t0k', 'x-site': 'demo', 'content-type': 'application/json' });
      expect(Object.keys(reading)).toEqual(['id', 'value', 'unit', 'status', 'ts', 'equip', 'site']);
    }
    expect(byPoint(rx.readings())).toEqual(expectedByPoint(5));
    expect(s.stats).toMatchObject({ sent: 80, failed: 0, dropped: 0, retried: 0, queued: 0 });
  });

  it('posts arrays of batchSize readings to one URL and turns user:password@ into Basic auth', async () => {
    const s = new HttpSink({ url: rx.url.replace('//', '//ann:s%40cret@'), path: '/ingest', batchSize: 5, concurrency: 2 });
    sinks.push(s);
    await run(s, 3);
    await s.finish();
    expect(
      rx.requests.every((r) => r.path === '/ingest' && r.headers.authorization === `Basic ${Buffer.from('ann:s@cret').toString('base64')}`),
    ).toBe(true);
    const sizes = rx.requests.map((r) => (JSON.parse(r.body) as unknown[]).length);
    expect(sizes.every((n) => n >= 1 && n <= 5)).toBe(true);
    expect(byPoint(rx.readings())).toEqual(expectedByPoint(3));
  });

  it('block: the receiver going down and coming back loses nothing; writeChunk waits and memory stays bounded', async () => {
    const s = sink({ maxQueuedReadings: 12, batchSize: 2, concurrency: 2 });
    await s.open();
    await s.begin(contractModel(), contractRun(), { reset: false });
    await s.writeChunk(contractChunk(0));
    await rx.stop();
    let accepted = 0;
    const writes = Array.from({ length: 20 }, (_, i) => s.writeChunk(contractChunk(i + 1)).then(() => accepted++));
    await new Promise((r) => setTimeout(r, 300));
    expect(accepted).toBeLessThan(20); // back-pressure: the generator is held while the receiver is down
    expect(s.stats.failedAttempts).toBeGreaterThan(0);
    await rx.start();
    await Promise.all(writes);
    await s.finish();
    expect(byPoint(rx.readings())).toEqual(expectedByPoint(21));
    const st = s.stats;
    expect(st).toMatchObject({ sent: 21 * 16, failed: 0, dropped: 0, spilled: 0, queued: 0 });
    expect(st.retried).toBeGreaterThan(0);
    expect(st.peakQueued).toBeLessThanOrEqual(12);
    expect(st.lastError?.message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(events.some((e) => e.type === 'retry') && events.some((e) => e.type === 'recovered')).toBe(true);
  });

  it('spill: overflow goes to the spill file while the receiver answers 503 and is replayed in order', async () => {
    const spillFile = join(dir, 'spill.jsonl');
    const s = sink({ maxQueuedReadings: 8, overflow: 'spill', spillFile, batchSize: 4 });
    rx.status = 503;
    await run(s, 25);
    const during = s.stats;
    expect(during.spilled).toBeGreaterThan(300);
    expect(during.spillPending).toBe(during.spilled);
    expect(during.peakQueued).toBeLessThanOrEqual(8);
    rx.status = 204;
    await s.finish();
    const st = s.stats;
    expect(byPoint(rx.readings())).toEqual(expectedByPoint(25));
    expect(st).toMatchObject({ sent: 400, dropped: 0, failed: 0, spillPending: 0 });
    expect(st.replayed).toBe(st.spilled);
  });

  it('drop: readings that do not fit are counted as dropped; what arrives is in order per point', async () => {
    const s = sink({ maxQueuedReadings: 8, overflow: 'drop' });
    await rx.stop();
    await run(s, 10);
    await rx.start();
    await s.finish();
    const st = s.stats;
    const got = rx.readings();
    expect(st.dropped).toBeGreaterThan(0);
    expect(got.length + st.dropped).toBe(160);
    expect(st.sent).toBe(got.length);
    const expected = expectedByPoint(10);
    for (const [id, list] of byPoint(got)) {
      const all = expected.get(id)!.map((r) => JSON.stringify(r));
      const idx = list.map((r) => all.indexOf(JSON.stringify(r)));
      expect(idx.every((i, n) => i >= 0 && (n === 0 || i > idx[n - 1]))).toBe(true);
    }
  });

  it('gives up on a permanent rejection (400) without retrying, counting it as failed', async () => {
    const s = sink();
    rx.status = 400;
    await run(s, 1);
    await s.finish();
    expect(s.stats).toMatchObject({ sent: 0, failed: 16, retried: 0, failedAttempts: 16 });
    expect(events.filter((e) => e.type === 'gave-up')).toHaveLength(16);
    expect(s.stats.lastError?.message).toMatch(/^HTTP 400 Bad Request from POST http:\/\/127\.0\.0\.1:\d+\/?$/);
  });

  it('close after failure: reports what was not delivered, keeps spilled readings for the next run', async () => {
    await rx.stop();
    const s = sink({ closeTimeoutMs: 100 });
    await run(s, 1);
    const error = await s.close().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(
      /^http close failed \(http:\/\/127\.0\.0\.1:\d+\): 16 readings were not delivered within 100 ms \(last error: .+\)$/,
    );
    expect(s.closeReport).toEqual({ undelivered: 16, keptInSpill: 0 });
    await s.close(); // twice is fine

    const spillFile = join(dir, 'left.jsonl');
    const first = sink({ overflow: 'spill', spillFile, maxQueuedReadings: 4, closeTimeoutMs: 50 });
    await run(first, 3);
    await first.close().catch(() => undefined);
    const kept = first.closeReport!.keptInSpill;
    expect(kept).toBeGreaterThan(0);
    await rx.start();
    const second = sink({ overflow: 'spill', spillFile });
    await second.open();
    await second.begin(contractModel(), contractRun(), { reset: false });
    await second.finish();
    expect(second.stats.replayed).toBe(kept);
    expect(rx.readings()).toHaveLength(kept);
  });

  it('rejects bad options with every problem listed', () => {
    expect(() => new HttpSink({ url: 'ftp://x', batchSize: 0 })).toThrow(ArgsError);
    expect(() => new HttpSink({ url: 'ftp://x', batchSize: 0 })).toThrow(
      /http\.url: expected an http:\/\/ or https:\/\/ URL\n {2}http\.batchSize/,
    );
    expect(() => new HttpSink({ url: 'http://h', path: '/p/{pint}' })).toThrow('unknown placeholder {pint}');
    expect(() => new HttpSink({ url: 'http://h', overflow: 'spill' })).toThrow(/needs spillFile/);
  });
});
