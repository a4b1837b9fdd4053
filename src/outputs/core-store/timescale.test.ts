import { describe, expect, it } from 'vitest';
import { chunkTimeIntervalDays } from './timescale.js';

describe('chunkTimeIntervalDays', () => {
  it('gives a week at office scale and a day at 10k points per minute', () => {
    expect(chunkTimeIntervalDays(400, 15 * 60_000)).toBe(7); // 38,400 rows/day
    expect(chunkTimeIntervalDays(10_000, 60_000)).toBe(1); // 14.4M rows/day
  });

  it('scales in between to keep a chunk under ~10M rows, never below a day', () => {
    expect(chunkTimeIntervalDays(1_000, 60_000)).toBe(6); // 1.44M rows/day
    expect(chunkTimeIntervalDays(2_000, 60_000)).toBe(3); // 2.88M rows/day
    expect(chunkTimeIntervalDays(100_000, 1_000)).toBe(1);
    expect(chunkTimeIntervalDays(0, 60_000)).toBe(7);
  });
});
