/** When and how often a failed delivery is tried again. */
export interface RetryPolicy {
  /** delay cap of the first retry (ms); doubles per attempt */
  readonly baseDelayMs: number;
  /** no retry waits longer than this (ms) */
  readonly maxDelayMs: number;
  /** attempts per item before it is given up (Infinity: retry until delivered or closed) */
  readonly maxAttempts: number;
}

/**
 * Exponential back-off with full jitter: a uniform delay in [0, min(max, base·2^(n-1))).
 * Full jitter spreads the retries of many lanes (and many simulators) that failed
 * together, so a receiver coming back is not hit by all of them at once.
 * `random` is injectable so tests can pin the delays.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * cap);
}
