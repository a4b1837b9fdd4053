import { describe, expect, it } from 'vitest';
import { expectedTimestamps } from './time-series.js';

describe('expectedTimestamps', () => {
  const H = 3_600_000;
  const Q = 15 * 60_000;

  it('counts grid points in [start, end)', () => {
    expect(expectedTimestamps(0, Q, 0, 24 * H)).toBe(96);
    expect(expectedTimestamps(0, Q, 0, 24 * H + 1)).toBe(97);
  });

  it('aligns a range that starts between grid points to the origin', () => {
    // grid at :00 :15 :30 :45; 00:07–01:00 holds :15, :30, :45
    expect(expectedTimestamps(0, Q, 7 * 60_000, H)).toBe(3);
    // origin later than the range start works the same way
    expect(expectedTimestamps(10 * H, Q, 7 * 60_000, H)).toBe(3);
  });

  it('is zero for a range without grid points', () => {
    expect(expectedTimestamps(0, Q, 60_000, 2 * 60_000)).toBe(0);
    expect(expectedTimestamps(0, Q, H, H)).toBe(0);
  });
});
