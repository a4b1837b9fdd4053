import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-policy.js';

const POLICY = { baseDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 5 };

describe('retryDelay', () => {
  it('draws below a cap that doubles per attempt up to the maximum', () => {
    const justUnderOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(POLICY, n, justUnderOne))).toEqual([999, 1999, 3999, 7999, 15_999, 29_999, 29_999]);
  });

  it('spreads the wait over the whole range below the cap (full jitter)', () => {
    expect(retryDelay(POLICY, 3, () => 0)).toBe(0);
    expect(retryDelay(POLICY, 3, () => 0.5)).toBe(2000);
    const draws = Array.from({ length: 2000 }, () => retryDelay(POLICY, 3));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(4000);
    expect(new Set(draws.map((d) => Math.floor(d / 1000))).size).toBe(4); // every quarter of the range is hit
  });

  it('does not overflow for very late attempts', () => {
    expect(retryDelay(POLICY, 10_000, () => 0.5)).toBe(15_000);
  });
});
