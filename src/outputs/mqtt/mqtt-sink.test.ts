import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ArgsError, OutputError } from '../../errors.js';
import { enumLabels } from '../../model/entity-facts.js';
import { buildModel } from '../../model/build-model.js';
import { EQUIPMENT_TYPES } from '../../equipment/index.js';
import { loadProfile } from '../../profile/load-profile.js';
import { Engine } from '../../sim/engine.js';
import { STATUS_NAMES } from '../../sim/sample.js';
import type { Chunk } from '../../sim/sample.js';
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
import { describeWithMosquitto, startMosquitto } from '../../../test/helpers/mosquitto.js';
import type { TestBroker } from '../../../test/helpers/mosquitto.js';
import { MqttSink } from './mqtt-sink.js';
import { topicLevel } from './mqtt-options.js';
import type { MqttOptionsInput } from './mqtt-options.js';

const SMALL_OFFICE = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'profiles', 'small-office.yaml');

interface Received {
  topic: string;
  reading: Record<string, unknown>;
  retain: boolean;
}

async function subscribe(
  url: string,
  options: { clientId?: string; clean?: boolean } = {},
): Promise<{ client: MqttClient; got: Received[] }> {
  const client = connect(url, { reconnectPeriod: 50, ...options });
  const got: Received[] = [];
  client.on('message', (topic, payload, packet) => got.push({ topic, reading: JSON.parse(payload.toString()), retain: packet.retain }));
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('connect', resolve));
  await client.subscribeAsync('haysim/#', { qos: 1 });
  return { client, got };
}

const expected = (p: number, g: number) => ({
  id: CONTRACT_POINTS[p].id,
  value: expectedValue(p, g),
  unit: CONTRACT_POINTS[p].unit ?? null,
  status: expectedStatus(p, g),
  ts: new Date(EPOCH + g * INTERVAL_MS).toISOString(),
  equip: 's1.ahu1',
  site: 's1',
});

/** Per point: the readings of chunks [0, chunks), in time order. */
function expectedByPoint(chunks: number): Map<string, unknown[]> {
  return new Map(CONTRACT_POINTS.map((p) => [p.id, Array.from({ length: chunks * STEPS_PER_CHUNK }, (_, g) => expected(p.index, g))]));
}

function byPoint(got: Received[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const { reading } of got) out.set(reading.id as string, [...(out.get(reading.id as string) ?? []), reading]);
  return out;
}

const until = async (check: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() > end) throw new Error('timed out');
};

describeWithMosquitto('MqttSink (real Mosquitto broker)', () => {
  let broker: TestBroker;
  let dir: string;
  const clients: MqttClient[] = [];
  const sinks: MqttSink[] = [];
  const sink = (options: Partial<MqttOptionsInput> = {}) => {
    const s = new MqttSink({ url: broker.url, retryBaseMs: 5, retryMaxMs: 50, reconnectMs: 50, ...options });
    sinks.push(s);
    return s;
  };
  async function begin(s: MqttSink): Promise<void> {
    await s.open();
    await s.begin(contractModel(), contractRun(), { reset: false });
  }

  beforeEach(async () => {
    broker = await startMosquitto({ persistence: true });
    dir = await mkdtemp(join(tmpdir(), 'haysim-mqtt-'));
  });
  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close().catch(() => undefined);
    for (const c of clients.splice(0)) await c.endAsync(true);
    await broker.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('QoS 0: publishes every reading once, in order per point, with the payload on the templated topic', async () => {
    const sub = await subscribe(broker.url);
    clients.push(sub.client);
    const s = sink({ publishBatch: 7 });
    await begin(s);
    for (let i = 0; i < 6; i++) await s.writeChunk(contractChunk(i));
    expect(await s.finish()).toMatchObject({ rowsWritten: 96, chunksWritten: 6 });
    await until(() => sub.got.length >= 96);
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would arrive now
    expect(sub.got).toHaveLength(96);
    expect(sub.got.every((m) => m.topic === `haysim/s1/s1.ahu1/${m.reading.id}` && !m.retain)).toBe(true);
    expect(byPoint(sub.got)).toEqual(expectedByPoint(6));
    expect(s.stats).toMatchObject({ sent: 96, failed: 0, dropped: 0, queued: 0, possiblyLost: 0 });
  });

  it('QoS 0: counts the readings a broken connection may have lost (published after the broker last spoke), and says so at the end', async () => {
    const s = sink();
    await begin(s);
    await s.writeChunk(contractChunk(0));
    await s.writeChunk(contractChunk(1));
    await until(() => s.stats.sent === 32);
    await broker.stop('SIGKILL'); // nothing came from the broker after those 32: they may all be lost
    await until(() => s.stats.possiblyLost > 0);
    expect(s.stats.possiblyLost).toBe(32);
    await broker.start();
    await s.writeChunk(contractChunk(2)); // retried until the sink has reconnected
    const summary = await s.finish();
    expect(s.stats).toMatchObject({ sent: 48, possiblyLost: 32 });
    expect(summary.location).toMatch(/\(QoS 0: up to 32 readings possibly lost when the connection broke\)$/);
  });

  it('payload equip: one message per equipment and timestamp on a topic without {point}; every reading once, in order, equal to the engine output', async () => {
    const { profile } = await loadProfile(SMALL_OFFICE, EQUIPMENT_TYPES);
    const { model, topology } = buildModel(profile, EQUIPMENT_TYPES);
    const epochMs = Date.parse(profile.simulation.epoch);
    const engine = new Engine(model, topology, { seed: 1, intervalMs: INTERVAL_MS, epochMs });
    // three hours of two days: pieces of chunks, as a live service sends them
    const day = Date.UTC(2026, 6, 1);
    const chunks: Chunk[] = [day, day + 86_400_000].map((from) => engine.computeChunk(engine.chunkOf(from), from, from + 3 * 3_600_000));
    const sub = await subscribe(broker.url);
    clients.push(sub.client);
    const s = sink({ payload: 'equip', publishBatch: 50 });
    await s.open();
    await s.begin(model, contractRun(), { reset: false });
    for (const c of chunks) await s.writeChunk(c);
    const readings = chunks.reduce((n, c) => n + c.batch.values.length, 0);
    expect(await s.finish()).toMatchObject({ rowsWritten: readings });
    // what the engine computed, per point in time order, and which points each equipment has
    const labels = enumLabels(model.entities);
    const want = new Map<string, unknown[]>();
    const equipPoints = new Map<string, string[]>();
    for (const p of model.points) equipPoints.set(p.equipId, [...(equipPoints.get(p.equipId) ?? []), p.id]);
    for (const { batch } of chunks) {
      const steps = batch.timestamps.length;
      for (const p of model.points) {
        for (let k = 0; k < steps; k++) {
          const v = batch.values[p.index * steps + k]!;
          const value = Number.isNaN(v) ? null : p.kind === 'Bool' ? v === 1 : p.kind === 'Str' ? labels.get(p.id)![v] : v;
          const reading = {
            id: p.id,
            value,
            unit: p.unit ?? null,
            status: STATUS_NAMES[batch.status[p.index * steps + k]!],
            ts: new Date(batch.timestamps[k]!).toISOString(),
            equip: p.equipId,
            site: p.siteId,
          };
          want.set(p.id, [...(want.get(p.id) ?? []), reading]);
        }
      }
    }
    const messages = chunks.reduce((n, c) => n + c.batch.timestamps.length, 0) * equipPoints.size;
    await until(() => sub.got.length >= messages);
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would arrive now
    expect(sub.got).toHaveLength(messages);
    const got = new Map<string, unknown[]>();
    for (const { topic, reading: message } of sub.got) {
      const list = message.readings as Record<string, unknown>[];
      expect(topic).toBe(`haysim/${message.site}/${message.equip}`);
      expect(list.map((r) => r.id)).toEqual(equipPoints.get(message.equip as string));
      expect(list.every((r) => r.ts === message.ts && r.equip === message.equip && r.site === message.site)).toBe(true);
      for (const r of list) got.set(r.id as string, [...(got.get(r.id as string) ?? []), r]);
    }
    expect(got).toEqual(want);
    expect(s.stats).toMatchObject({ sent: readings, failed: 0, dropped: 0, queued: 0 });
    const noPoint = () => sink({ payload: 'equip', topic: 'haysim/{equip}/{point}' });
    expect(noPoint).toThrow(ArgsError);
    expect(noPoint).toThrow(
      'mqtt.topic: payload "equip" publishes one message per equipment, so the topic cannot use {point} (e.g. haysim/{site}/{equip})',
    );
  });

  it("QoS 1 with retain: a late subscriber gets each point's current value; wildcards are refused in templates and replaced in values", async () => {
    const s = sink({ qos: 1, retain: true, topic: 'haysim/{site}/{equip}/{point}' });
    await begin(s);
    for (let i = 0; i < 3; i++) await s.writeChunk(contractChunk(i));
    await s.finish();
    const late = await subscribe(broker.url);
    clients.push(late.client);
    await until(() => late.got.length >= 4);
    await new Promise((r) => setTimeout(r, 100));
    const last = 3 * STEPS_PER_CHUNK - 1;
    expect(late.got.every((m) => m.retain)).toBe(true);
    expect(new Map(late.got.map((m) => [m.reading.id, m.reading]))).toEqual(
      new Map(CONTRACT_POINTS.map((p) => [p.id, expected(p.index, last)])),
    );
    expect(() => sink({ topic: 'a/+/{point}' })).toThrow(ArgsError);
    expect(() => sink({ topic: 'a/{points}' })).toThrow('unknown placeholder {points}');
    expect(topicLevel('a+b#c/d')).toBe('a_b_c_d');
  });

  for (const overflow of ['block', 'spill'] as const) {
    it(`QoS 1, ${overflow}: the broker going down and coming back loses nothing, memory stays bounded`, async () => {
      // a persistent session on a persistent broker: the subscriber misses nothing while the broker restarts
      const sub = await subscribe(broker.url, { clientId: `sub-${overflow}`, clean: false });
      clients.push(sub.client);
      const s = sink({ qos: 1, publishBatch: 4, maxQueuedReadings: 16, overflow, spillFile: join(dir, 'spill.jsonl') });
      await begin(s);
      await s.writeChunk(contractChunk(0));
      await until(() => sub.got.length >= 16); // what the broker held when it stopped is the broker's business, not the sink's
      await broker.stop('SIGTERM');
      // let the sink see the connection close: a PUBACKed message that reaches a broker in the middle of its own
      // shutdown can be lost by the broker (seen with mosquitto 2), which no client can detect
      await new Promise((r) => setTimeout(r, 150));
      const writes = Array.from({ length: 24 }, (_, i) => s.writeChunk(contractChunk(i + 1)));
      await new Promise((r) => setTimeout(r, 300));
      const during = s.stats;
      await broker.start();
      await Promise.all(writes);
      await s.finish();
      // the subscriber reconnects on its own schedule; on a loaded CI machine that can take well over 10 s
      await until(() => new Set(sub.got.map((m) => JSON.stringify(m.reading))).size >= 400, 40_000);
      const st = s.stats;
      expect(st).toMatchObject({ sent: 400, failed: 0, dropped: 0, queued: 0, spillPending: 0 });
      expect(st.peakQueued).toBeLessThanOrEqual(16);
      if (overflow === 'spill') {
        expect(during.spilled).toBeGreaterThan(0);
        expect(st.replayed).toBe(st.spilled);
      } else expect(during.spilled).toBe(0);
      // QoS 1 is at least once: a reading the broker got but could not acknowledge comes again, right after itself
      const want = expectedByPoint(25);
      for (const [id, list] of byPoint(sub.got)) {
        const unique = list.filter((r, i) => i === 0 || JSON.stringify(r) !== JSON.stringify(list[i - 1]));
        expect(unique).toEqual(want.get(id));
      }
    });
  }

  it('close after failure: the broker stays down, close reports what was not delivered', async () => {
    const s = sink({ qos: 1, closeTimeoutMs: 200 });
    await begin(s);
    await broker.stop('SIGKILL');
    await s.writeChunk(contractChunk(0));
    const error = await s.close().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(
      /^mqtt close failed \(mqtt:\/\/127\.0\.0\.1:\d+ topic haysim\/\{site\}\/\{equip\}\/\{point\}\): 16 readings were not delivered within 200 ms/,
    );
    expect(s.closeReport).toEqual({ undelivered: 16, keptInSpill: 0 });
  });

  it('open fails clearly when no broker listens', async () => {
    await broker.stop();
    const error = await sink({ connectTimeoutMs: 2_000 })
      .open()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(/^mqtt connect failed \(mqtt:\/\/127\.0\.0\.1:\d+ topic .+\): cannot connect: .*ECONNREFUSED/);
  });
});
