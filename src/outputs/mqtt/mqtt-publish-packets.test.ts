import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { PayloadWriter } from '../delivery/payload-writer.js';
import { makeDelivery } from '../delivery/transport.js';
import { publishPacketsQos0 } from './mqtt-publish-packets.js';

describe('publishPacketsQos0', () => {
  it('frames packets that an independent MQTT parser reads back exactly, long payloads and UTF-8 included', () => {
    const topics = ['a/b', 'haysim/site/équipe/p1', 'x'];
    const payloads = ['{"v":1}', 'é'.repeat(200), 'y'.repeat(20_000)];
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    const seen: { topic: string; payload: string; retain: boolean; qos: number }[] = [];
    parser.on('packet', (packet) => {
      const p = packet as mqttPacket.IPublishPacket;
      seen.push({ topic: p.topic, payload: p.payload.toString(), retain: p.retain, qos: p.qos });
    });
    const writer = new PayloadWriter();
    for (const p of payloads) writer.add(p);
    const { payload, ends } = writer.take();
    parser.parse(publishPacketsQos0(makeDelivery('lane', topics, payload, ends), 1, true));
    expect(seen).toEqual([
      { topic: topics[1], payload: payloads[1], retain: true, qos: 0 },
      { topic: topics[2], payload: payloads[2], retain: true, qos: 0 },
    ]);
  });
});
