import type { Delivery } from '../delivery/transport.js';

/**
 * MQTT 3.1.1 PUBLISH packets at QoS 0 for messages [from, end) of a batch in
 * one buffer. QoS 0 needs no packet id and no acknowledgement, so nothing is
 * lost by framing the packets ourselves, and one socket write per batch instead
 * of one library call per reading is what gets past ~80k readings/s.
 */
export function publishPacketsQos0(item: Delivery, from: number, retain: boolean): Buffer {
  const { targets: topics, payload, ends } = item;
  let size = 0;
  const n = topics.length;
  const topicBytes = new Int32Array(n);
  const payloadBytes = new Int32Array(n);
  for (let i = from; i < n; i++) {
    topicBytes[i] = Buffer.byteLength(topics[i]!);
    payloadBytes[i] = ends[i]! - (i === 0 ? 0 : ends[i - 1]!);
    const remaining = 2 + topicBytes[i]! + payloadBytes[i]!;
    size += 1 + varintLength(remaining) + remaining;
  }
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  const header = 0x30 | (retain ? 1 : 0);
  for (let i = from; i < n; i++) {
    out[o++] = header;
    let remaining = 2 + topicBytes[i]! + payloadBytes[i]!;
    do {
      let byte = remaining % 128;
      remaining = Math.floor(remaining / 128);
      if (remaining > 0) byte |= 0x80;
      out[o++] = byte;
    } while (remaining > 0);
    out.writeUInt16BE(topicBytes[i]!, o);
    o += 2;
    o += out.write(topics[i]!, o, 'utf8');
    o += payload.copy(out, o, ends[i]! - payloadBytes[i]!, ends[i]!);
  }
  return out;
}

function varintLength(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}
