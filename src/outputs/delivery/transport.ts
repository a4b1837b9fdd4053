/**
 * One unit of delivery: a request (HTTP) or a publish batch (MQTT) of readings
 * already encoded as JSON. Neutral between transports, so one queue, one retry
 * loop and one spill file serve both sinks.
 */
export interface Delivery {
  /** ordering lane: items of one lane are delivered one at a time, in push order */
  readonly lane: string;
  /** per reading: where it goes (HTTP path or MQTT topic) */
  readonly targets: readonly string[];
  /** per reading: its JSON payload */
  readonly bodies: readonly string[];
  /** approximate memory held (payload characters plus per-reading overhead) */
  readonly bytes: number;
}

/** Outcome of one attempt: readings [from, from + delivered) got through, in order. */
export interface SendResult {
  readonly delivered: number;
  /** absent when everything from `from` on was delivered */
  readonly error?: unknown;
  /** false for rejections that will not change on retry (HTTP 4xx other than 408/429) */
  readonly retryable?: boolean;
}

/** What a sink plugs into the delivery queue. */
export interface Transport {
  /** Sends readings [from, end) of the item; never throws (failures come back as `error`). */
  send(item: Delivery, from: number): Promise<SendResult>;
}

/** Bytes a Delivery is charged for: its payloads plus a fixed overhead per reading (array slots, strings). */
export const READING_OVERHEAD_BYTES = 48;

export function makeDelivery(lane: string, targets: string[], bodies: string[]): Delivery {
  let bytes = 0;
  for (const b of bodies) bytes += b.length + READING_OVERHEAD_BYTES;
  return { lane, targets, bodies, bytes };
}
