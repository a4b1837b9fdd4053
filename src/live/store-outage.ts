import { OutputError } from '../errors.js';
import { type RetryPolicy, retryDelay } from '../outputs/delivery/retry-policy.js';

/** Back-off while a store is unreachable: from half a second up to 15 s between attempts, for as long as it takes. */
const OUTAGE_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 15_000, maxAttempts: Number.POSITIVE_INFINITY };

export interface Outage {
  /** wall clock, epoch ms */
  readonly since: number;
  attempts: number;
  readonly message: string;
}

interface OutageContext {
  /** aborted: stop retrying and let the failure through */
  readonly signal: AbortSignal;
  /** waits (ended early by a stop) */
  sleep(ms: number): Promise<void>;
  clock(): number;
  /** the first failure of an outage */
  began(outage: Outage): void;
  /** the step went through again (the store is back: the outage can be recorded in it now) */
  ended(outage: Outage): Promise<void>;
}

/** A store that cannot be reached (stopped, restarting, network): worth waiting for. A refusal of the work is not. */
function isOutage(error: unknown): boolean {
  return error instanceof OutputError && error.code === 'STORE_CONNECT_FAILED';
}

/**
 * Runs `step`, and again with back-off for as long as it fails because a
 * store is unreachable. A step is one transaction per output (or a resumable
 * bulk load), so running it again after a failure never writes twice.
 */
export async function throughOutages<T>(step: () => Promise<T>, cx: OutageContext): Promise<T> {
  let outage: Outage | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await step();
      if (outage) await cx.ended(outage);
      return result;
    } catch (error) {
      if (!isOutage(error) || cx.signal.aborted) throw error;
      if (!outage) {
        outage = { since: cx.clock(), attempts: 0, message: (error as Error).message };
        cx.began(outage);
      }
      outage.attempts++;
      await cx.sleep(retryDelay(OUTAGE_RETRY, attempt));
      if (cx.signal.aborted) throw error;
    }
  }
}
