import { connect } from 'mqtt';
import { afterAll, beforeAll } from 'vitest';
import { MqttSink } from '../../src/outputs/mqtt/mqtt-sink.js';
import { describeWithMosquitto, startMosquitto, type TestBroker } from '../helpers/mosquitto.js';
import { describeSinkContract } from './sink-contract.js';
import { readingRecord, STREAM_CAPABILITIES } from './stream-records.js';

/** Waits until no message has arrived for `quietMs` (the sink has delivered to the broker; the subscriber may trail it). */
async function settled(count: () => number, quietMs = 150): Promise<void> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

describeWithMosquitto('mqtt sink contract', () => {
  let broker: TestBroker;
  let harnesses = 0;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(() => broker.dispose());

  // one broker for the file; each harness its own topic root and subscriber, QoS 1 end to end
  describeSinkContract('mqtt', async () => {
    const root = `contract${++harnesses}`;
    const subscriber = connect(broker.url, { reconnectPeriod: 50 });
    subscriber.on('error', () => undefined);
    const readings: Record<string, unknown>[] = [];
    subscriber.on('message', (_topic, payload) => readings.push(JSON.parse(payload.toString())));
    await new Promise((resolve) => subscriber.once('connect', resolve));
    await subscriber.subscribeAsync(`${root}/#`, { qos: 1 });
    return {
      capabilities: STREAM_CAPABILITIES,
      createSink: () => new MqttSink({ url: broker.url, topic: `${root}/{site}/{equip}/{point}`, qos: 1, publishBatch: 3 }),
      async readHistory() {
        await settled(() => readings.length);
        return readings.map(readingRecord);
      },
      dispose: () => subscriber.endAsync(),
    };
  });
});
