/**
 * What a streaming sink has done so far, counted in readings (one reading = one
 * point value at one timestamp), not in requests or MQTT packets.
 */
export interface DeliveryStats {
  /** delivered: acknowledged by the receiver (HTTP 2xx, MQTT write or PUBACK) */
  sent: number;
  /** given up after a permanent rejection or too many attempts */
  failed: number;
  /** sent again after a failed attempt (a reading retried twice counts twice) */
  retried: number;
  /** failed send attempts (requests or publish batches) */
  failedAttempts: number;
  /** discarded by the overflow policy: `drop`, or a full spill file */
  dropped: number;
  /**
   * MQTT QoS 0 only (nothing acknowledges it): readings published on a connection that then broke,
   * after the broker's last packet: possibly lost, an upper bound. Always 0 for acknowledged delivery.
   */
  possiblyLost: number;
  /** appended to the spill file */
  spilled: number;
  /** read back from the spill file into the queue */
  replayed: number;
  /** in memory now (waiting, in flight or waiting to be retried) */
  queued: number;
  queuedBytes: number;
  /** the most `queued` / `queuedBytes` ever held: bounded by the queue limits */
  peakQueued: number;
  peakQueuedBytes: number;
  /** in the spill file, not yet replayed */
  spillPending: number;
  /** epoch ms of the last successful send */
  lastSuccess: number | null;
  lastError: { at: number; message: string } | null;
}

export function emptyStats(): DeliveryStats {
  return {
    sent: 0,
    failed: 0,
    retried: 0,
    failedAttempts: 0,
    dropped: 0,
    possiblyLost: 0,
    spilled: 0,
    replayed: 0,
    queued: 0,
    queuedBytes: 0,
    peakQueued: 0,
    peakQueuedBytes: 0,
    spillPending: 0,
    lastSuccess: null,
    lastError: null,
  };
}

/** What the sink reports through its `onEvent` hook; library code never prints. */
export type DeliveryEvent =
  | { type: 'retry'; lane: string; attempt: number; delayMs: number; readings: number; error: string }
  | { type: 'gave-up'; lane: string; attempt: number; readings: number; error: string }
  | { type: 'recovered'; afterFailedAttempts: number }
  | { type: 'dropped'; readings: number; reason: string }
  | { type: 'spilled'; readings: number; path: string }
  | { type: 'replayed'; readings: number; path: string }
  | { type: 'closed'; undelivered: number; keptInSpill: number; path?: string };

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
  }
  return String(error);
}
