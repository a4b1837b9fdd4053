import { describe, expect, it } from 'vitest';
import { ianaTimeZone } from './haystack-time-zone.js';

describe('ianaTimeZone', () => {
  it('finds the zone of a Haystack city, also one ICU lists by an older name', () => {
    expect(ianaTimeZone('New_York')).toBe('America/New_York');
    expect(ianaTimeZone('Kolkata')).toBe('Asia/Kolkata');
    // the zone works: Pune is 5 h 30 ahead of UTC all year
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: ianaTimeZone('Kolkata'), hour: '2-digit', minute: '2-digit' });
    expect(local.format(Date.UTC(2025, 0, 1, 0, 0))).toBe('05:30');
    expect(ianaTimeZone('UTC')).toBe('UTC');
  });

  it('falls back to UTC for no tag or a city that is none', () => {
    expect(ianaTimeZone(undefined)).toBe('UTC');
    expect(ianaTimeZone('Atlantis')).toBe('UTC');
  });
});
