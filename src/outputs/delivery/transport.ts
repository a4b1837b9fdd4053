/**
 * One unit of delivery: a request (HTTP) or a publish batch (MQTT) of messages
 * already encoded as JSON. Neutral between transports, so one queue, one retry
 * loop and one spill file serve both sinks.
 *
 * The payloads sit back to back in one Buffer: the queue's byte bound then
 * counts bytes that are really held (a string per reading costs V8 object
 * headers and GC work the bound never saw), and the MQTT sink copies bytes
 * into its packets without encoding text again.
 */
export interface Delivery {
  /** ordering lane: items of one lane are delivered one at a time, in push order */
  readonly lane: string;
  /** per message: where it goes (HTTP URL or MQTT topic) */
  readonly targets: readonly string[];
  /** the messages' JSON payloads, UTF-8, back to back */
  readonly payload: Buffer;
  /** message i is payload[ends[i - 1] ?? 0, ends[i]) */
  readonly ends: Uint32Array;
  /** readings per message where one message holds several (MQTT per-equipment messages); absent: one each */
  readonly perMessage?: Uint32Array;
  /** readings in all the messages */
  readonly readings: number;
  /** memory held, charged against the queue's byte bound */
  readonly bytes: number;
}

/** Outcome of one attempt: messages [from, from + delivered) got through, in order. */
export interface SendResult {
  readonly delivered: number;
  /** absent when everything from `from` on was delivered */
  readonly error?: unknown;
  /** false for rejections that will not change on retry (HTTP 4xx other than 408/429) */
  readonly retryable?: boolean;
}

/** What a sink plugs into the delivery queue. */
export interface Transport {
  /** Sends messages [from, end) of the item; never throws (failures come back as `error`). */
  send(item: Delivery, from: number): Promise<SendResult>;
}

/** Per message beyond its payload bytes: a target slot, an end offset and (if any) a reading count. */
const MESSAGE_OVERHEAD_BYTES = 16;
/** Per Delivery: the object, its arrays and the Buffer's backing store headers. */
const DELIVERY_OVERHEAD_BYTES = 512;

export function makeDelivery(lane: string, targets: string[], payload: Buffer, ends: Uint32Array, perMessage?: Uint32Array): Delivery {
  let readings = targets.length;
  if (perMessage) {
    readings = 0;
    for (const n of perMessage) readings += n;
  }
  const bytes = payload.length + targets.length * MESSAGE_OVERHEAD_BYTES + DELIVERY_OVERHEAD_BYTES;
  return { lane, targets, payload, ends, perMessage, readings, bytes };
}

/** Message i's payload (a view, no copy). */
export function messageBody(item: Delivery, i: number): Buffer {
  return item.payload.subarray(i === 0 ? 0 : item.ends[i - 1], item.ends[i]);
}

/** Readings in messages [from, to). */
export function readingsIn(item: Delivery, from: number, to: number = item.targets.length): number {
  const per = item.perMessage;
  if (!per) return to - from;
  let n = 0;
  for (let i = from; i < to; i++) n += per[i]!;
  return n;
}
