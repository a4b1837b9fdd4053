import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it('uses the largest unit that divides the duration', () => {
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
    expect(formatDuration(90 * 60_000)).toBe('90 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(12 * 3_600_000)).toBe('12 h');
    expect(formatDuration(7 * 86_400_000)).toBe('7 d');
    expect(formatDuration(1500)).toBe('1500 ms');
  });
});
