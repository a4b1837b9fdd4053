import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { PointInfo } from '../../model/point.js';
import { DeliveryQueue } from './delivery-queue.js';
import { LaneBatcher } from './lane-batcher.js';
import { PayloadWriter } from './payload-writer.js';
import { makeDelivery, messageBody } from './transport.js';
import type { Delivery, SendResult, Transport } from './transport.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The bench's shape: 10,000 Number points, 20 per equipment. */
const POINTS: PointInfo[] = Array.from({ length: 10_000 }, (_, index) => ({
  index,
  id: `equip-${Math.floor(index / 20)}.p${index % 20}`,
  key: `p${index % 20}`,
  dis: `point ${index}`,
  equipId: `equip-${Math.floor(index / 20)}`,
  siteId: 'site-q',
  kind: 'Number',
  unit: 'kW',
  decimals: 2,
  totalized: false,
}));

function tick(t: number) {
  const values = Float64Array.from(POINTS, (_, p) => Math.round((50 + 10 * Math.sin(t / 60_000 + p)) * 100) / 100);
  return { points: POINTS, timestamps: Float64Array.of(t), values, status: new Uint8Array(POINTS.length) };
}

/** A receiver that never answers: everything pushed stays in memory. */
const stalled: Transport = { send: () => new Promise<SendResult>(() => undefined) };

const memory = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** A Delivery of messages holding `perMessage[i]` readings each. */
function multiReading(lane: string, perMessage: number[]): Delivery {
  const writer = new PayloadWriter();
  perMessage.forEach((n, i) => writer.add(`{"m":${i},"n":${n}}`));
  const { payload, ends } = writer.take();
  return makeDelivery(
    lane,
    perMessage.map((_, i) => `t/${i}`),
    payload,
    ends,
    Uint32Array.from(perMessage),
  );
}

describe('DeliveryQueue with messages of several readings (MQTT per-equipment payloads)', () => {
  it('counts readings, not messages, through a partial failure and its retry, and resends from the first undelivered message', async () => {
    const sends: string[][] = [];
    let attempt = 0;
    const transport: Transport = {
      async send(item, from) {
        sends.push(Array.from({ length: item.targets.length - from }, (_, i) => messageBody(item, from + i).toString()));
        // the first attempt gets one message through, then the connection drops
        return ++attempt === 1
          ? { delivered: 1, error: new Error('connection lost'), retryable: true }
          : { delivered: item.targets.length - from };
      },
    };
    const queue = new DeliveryQueue(transport, {
      maxReadings: 1_000,
      maxBytes: 2 ** 20,
      overflow: 'block',
      concurrency: 1,
      retry: { baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 5 },
    });
    await queue.push(multiReading('a', [3, 2, 4]));
    expect(await queue.drain(5_000)).toEqual({ undelivered: 0, keptInSpill: 0 });
    expect(sends).toEqual([
      ['{"m":0,"n":3}', '{"m":1,"n":2}', '{"m":2,"n":4}'],
      ['{"m":1,"n":2}', '{"m":2,"n":4}'],
    ]);
    expect(queue.stats).toMatchObject({ sent: 9, retried: 6, failedAttempts: 1, queued: 0, queuedBytes: 0, peakQueued: 9 });
  });
});

describe('DeliveryQueue memory bound', () => {
  it('queuedBytes is what the queued readings really hold (heap and buffers), so maxBytes bounds memory', () => {
    const maxBytes = 48 * 2 ** 20;
    const batcher = new LaneBatcher(
      POINTS,
      new Map(),
      (p) => `haysim/${p.siteId}/${p.equipId}/${p.id}`,
      (n) => `mqtt#${n % 4}`,
      1_000,
    );
    const queue = new DeliveryQueue(stalled, {
      maxReadings: 10_000_000,
      maxBytes,
      overflow: 'drop',
      concurrency: 4,
      retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 1 },
    });
    const before = memory();
    for (let t = 0; queue.stats.dropped === 0; t += 1000) for (const item of batcher.encode(tick(t))) void queue.push(item);
    const held = memory() - before;
    const { queuedBytes, queued } = queue.stats;
    expect(queuedBytes).toBeGreaterThan(maxBytes * 0.9);
    expect(queuedBytes).toBeLessThanOrEqual(maxBytes);
    // charged and held agree within 10 % either way: neither a hidden multiple nor a padded charge
    // (readings held as JS strings measured 1.15 × their charge here, and 40 × under a real overload)
    expect(
      held / queuedBytes,
      `${queued} readings hold ${(held / 2 ** 20).toFixed(1)} MiB, charged ${(queuedBytes / 2 ** 20).toFixed(1)} MiB`,
    ).toBeGreaterThan(0.9);
    expect(held / queuedBytes).toBeLessThan(1.1);
  });
});
