// Streaming figures for `npm run bench`: live throughput to MQTT (QoS 0) and HTTP with
// 10,000 points per tick, tick-to-delivery latency, and memory over a soak.
import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import mqttPacket from 'mqtt-packet';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PointInfo } from '../src/model/point.js';
import type { SiteModel } from '../src/model/site-model.js';
import type { Sink } from '../src/outputs/output.js';
import { HttpSink } from '../src/outputs/http/http-sink.js';
import { MqttSink } from '../src/outputs/mqtt/mqtt-sink.js';
import { ReadingJson } from '../src/outputs/delivery/reading-json.js';
import type { Chunk } from '../src/sim/sample.js';
import { findMosquitto, startMosquitto } from '../test/helpers/mosquitto.js';

const POINTS = 10_000;
const points: PointInfo[] = Array.from({ length: POINTS }, (_, index) => ({
  index,
  id: `equip-${Math.floor(index / 20)}.p${index % 20}`,
  key: `p${index % 20}`,
  dis: `point ${index}`,
  equipId: `equip-${Math.floor(index / 20)}`,
  siteId: 'site-bench',
  kind: 'Number',
  unit: 'kW',
  decimals: 2,
  totalized: false,
}));
const model: SiteModel = { profile: 'bench', timeZone: 'UTC', entities: [], points };
const run = { org: 'bench', profile: 'bench', seed: 1, intervalMs: 1000, fingerprint: 'bench', start: 0, end: 1 };

function tick(t: number): Chunk {
  const values = new Float64Array(POINTS);
  for (let p = 0; p < POINTS; p++) values[p] = Math.round((50 + 10 * Math.sin(t / 60_000 + p)) * 100) / 100;
  return { index: t, batch: { points, timestamps: Float64Array.of(t), values, status: new Uint8Array(POINTS) }, events: [] };
}

export interface StreamFigures {
  pointsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Writes `ticks` ticks of 10,000 points, back to back (throughput) or one every
 * `paceMs` (latency at a sustainable rate); `arrived(t)` resolves when tick t's
 * last reading reached the receiver.
 */
async function measure(sink: Sink, ticks: number, arrived: (t: number) => Promise<void>, paceMs = 0): Promise<StreamFigures> {
  await sink.open();
  await sink.begin(model, run, { reset: false });
  const latencies: number[] = [];
  const t0 = performance.now();
  const waits: Promise<void>[] = [];
  for (let i = 0; i < ticks; i++) {
    const t = 1_800_000_000_000 + i * 1000;
    const sent = performance.now();
    waits.push(arrived(t).then(() => void latencies.push(performance.now() - sent)));
    await sink.writeChunk(tick(t));
    if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
  }
  await Promise.all(waits);
  const seconds = (performance.now() - t0) / 1000;
  await sink.finish();
  await sink.close();
  latencies.sort((a, b) => a - b);
  return {
    pointsPerSecond: (ticks * POINTS) / seconds,
    p50Ms: latencies[Math.floor(latencies.length / 2)]!,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}

/** A subscriber counting each tick's readings; resolves a tick when all its points arrived. */
async function counter(onMessage: (listen: (t: number) => void) => Promise<() => Promise<void>>) {
  const seen = new Map<number, number>();
  const waiting = new Map<number, () => void>();
  const stop = await onMessage((t) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    if (n === POINTS) waiting.get(t)?.();
  });
  const arrived = (t: number) => new Promise<void>((resolve) => (seen.get(t) === POINTS ? resolve() : waiting.set(t, resolve)));
  return { arrived, stop };
}

/**
 * The broker as a deployment would run it (each setting measured here on loopback):
 * - max_queued_messages 1000, mosquitto's default, instead of the tests' unlimited:
 *   a subscriber that falls behind costs dropped messages (counted below), not
 *   unbounded broker memory;
 * - set_tcp_nodelay stays off: on it cut throughput from ~120 k to ~90 k readings/s
 *   (a TCP segment per message) and did not lower the 1 tick/s latency;
 * - no persistence (nothing of QoS 0 to persist), errors and warnings logged only
 *   (mosquitto logs a message only at log_type debug);
 * - sys_interval 1, for $SYS/broker/publish/messages/dropped.
 * Socket buffers are the kernel's loopback autotuning: mosquitto has no setting.
 */
const BROKER: Record<string, string | string[]> = {
  max_queued_messages: '1000',
  log_type: ['error', 'warning'],
  connection_messages: 'false',
  sys_interval: '1',
};

export type MqttPayload = 'point' | 'equip';
export interface MqttFigures extends StreamFigures {
  /** messages the broker dropped ($SYS/broker/publish/messages/dropped) */
  dropped: number;
}

/** A subscriber in its own process (see mqtt-subscriber.mjs); resolves each tick once all its readings arrived. */
async function subscriber(url: string, topic: string, payload: MqttPayload) {
  return counter(async (listen) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'mqtt-subscriber.mjs'), url, topic, String(POINTS), payload], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve) => lines.once('line', () => resolve())); // "ready"
    lines.on('line', (ts) => {
      for (let i = 0; i < POINTS; i++) listen(Date.parse(ts));
    });
    return async () => void child.kill();
  });
}

/** The broker's dropped-message count, as $SYS publishes it (every sys_interval). */
async function droppedAtBroker(url: string): Promise<number> {
  const { connectAsync } = await import('mqtt');
  const client = await connectAsync(url);
  try {
    const value = new Promise<number>((resolve) => client.on('message', (_t, p) => resolve(Number(p.toString()))));
    await client.subscribeAsync('$SYS/broker/publish/messages/dropped');
    return await value;
  } finally {
    await client.endAsync();
  }
}

/**
 * Points/s from the sink to a subscriber, back to back or one tick every `paceMs`.
 * A tick counts once all its readings arrived; if one never completes (a message
 * dropped), the figure says so with the broker's drop count.
 */
export async function mqttFigures(ticks: number, payload: MqttPayload, paceMs = 0): Promise<MqttFigures | string> {
  if (!findMosquitto()) return 'SKIPPED (no mosquitto)';
  const broker = await startMosquitto({ settings: BROKER });
  try {
    const { arrived, stop } = await subscriber(broker.url, 'bench/#', payload);
    const topic = payload === 'equip' ? 'bench/{equip}' : 'bench/{equip}/{point}';
    const sink = new MqttSink({ url: broker.url, topic, qos: 0, payload });
    try {
      const figures = await measure(sink, ticks, (t) => within(arrived(t), 60_000), paceMs);
      return { ...figures, dropped: await droppedAtBroker(broker.url) };
    } catch (error) {
      return `INCOMPLETE (${(error as Error).message}; the broker dropped ${await droppedAtBroker(broker.url)} messages)`;
    } finally {
      await sink.close().catch(() => undefined);
      await stop();
    }
  } finally {
    await broker.stop();
  }
}

/** `arrival`, or a rejection after `ms`: a dropped message must not hang the bench. */
async function within(arrival: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      arrival,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`a tick was still incomplete after ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The broker's own ceiling for per-point messages: the same PUBLISH packets,
 * framed by mqtt-packet before the clock starts, written by a bare socket
 * to the same broker and subscriber. Nothing a publisher does can beat it.
 */
export async function mqttBrokerCeiling(ticks: number): Promise<number | string> {
  if (!findMosquitto()) return 'SKIPPED (no mosquitto)';
  const broker = await startMosquitto({ settings: BROKER });
  try {
    const { arrived, stop } = await subscriber(broker.url, 'bench/#', 'point');
    // the sink's own reading JSON, framed by mqtt-packet instead of haysim
    const json = new ReadingJson(points);
    const topics = points.map((p) => `bench/${p.equipId}/${p.id}`);
    const packets = Array.from({ length: ticks }, (_, i) => {
      const t = 1_800_000_000_000 + i * 1000;
      const { values, status } = tick(t).batch;
      const iso = new Date(t).toISOString();
      return Buffer.concat(
        topics.map((topic, p) =>
          mqttPacket.generate({
            cmd: 'publish',
            topic,
            payload: json.encode(p, values[p]!, status[p]!, iso),
            qos: 0,
            dup: false,
            retain: false,
          }),
        ),
      );
    });
    const socket = createConnection({ host: '127.0.0.1', port: broker.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'ceiling', keepalive: 0 }),
    );
    await new Promise((resolve) => socket.once('data', resolve)); // CONNACK
    const t0 = performance.now();
    const waits = packets.map((_, i) => arrived(1_800_000_000_000 + i * 1000));
    for (const buffer of packets) if (!socket.write(buffer)) await new Promise((resolve) => socket.once('drain', resolve));
    await Promise.all(waits);
    const rate = (ticks * POINTS) / ((performance.now() - t0) / 1000);
    socket.destroy();
    await stop();
    return rate;
  } finally {
    await broker.stop();
  }
}

export async function httpFigures(ticks: number, paceMs = 0): Promise<StreamFigures> {
  let listen: (t: number) => void = () => undefined;
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString()) as { ts: string }[] | { ts: string };
      for (const r of Array.isArray(body) ? body : [body]) listen(Date.parse(r.ts));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { arrived } = await counter(async (l) => ((listen = l), async () => undefined));
  try {
    return await measure(new HttpSink({ url, batchSize: 1000 }), ticks, arrived, paceMs);
  } finally {
    server.close();
  }
}

/** Points/s the MQTT sink hands to a broker with no subscriber (the publisher's side alone). */
export async function mqttPublisherOnly(ticks: number, payload: MqttPayload): Promise<number | string> {
  if (!findMosquitto()) return 'SKIPPED (no mosquitto)';
  const broker = await startMosquitto({ settings: BROKER });
  try {
    const sink = new MqttSink({ url: broker.url, topic: payload === 'equip' ? 'alone/{equip}' : 'alone/{equip}/{point}', qos: 0, payload });
    await sink.open();
    await sink.begin(model, run, { reset: false });
    const t0 = performance.now();
    for (let i = 0; i < ticks; i++) await sink.writeChunk(tick(1_800_000_000_000 + i * 1000));
    await sink.finish();
    const rate = (ticks * POINTS) / ((performance.now() - t0) / 1000);
    await sink.close();
    return rate;
  } finally {
    await broker.stop();
  }
}

/**
 * RSS while streaming ticks to MQTT for `seconds` at a rate the broker sustains
 * (4 ticks/s = 40,000 points/s): a leak shows as growth; an overloaded broker
 * would only show the queue filling to its bound. [start, end, max] MB after GC.
 */
export async function soak(seconds: number): Promise<[number, number, number] | string> {
  if (!findMosquitto()) return 'SKIPPED (no mosquitto)';
  const broker = await startMosquitto({ settings: BROKER });
  const sink = new MqttSink({ url: broker.url, topic: 'soak/{equip}/{point}', qos: 0 });
  try {
    await sink.open();
    await sink.begin(model, run, { reset: false });
    const rss = () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage().rss / 1_048_576;
    };
    const samples: number[] = [];
    const end = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < end; i++) {
      await sink.writeChunk(tick(1_800_000_000_000 + i * 1000));
      if (i % 50 === 0) samples.push(rss());
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await sink.finish();
    return [samples[1] ?? samples[0]!, samples.at(-1)!, Math.max(...samples)];
  } finally {
    await sink.close();
    await broker.stop();
  }
}
